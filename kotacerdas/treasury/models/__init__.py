from kotacerdas.treasury.models.files import BankCredit, ImportFile, ImportKind, SettlementLine
from kotacerdas.treasury.models.recon import (
    MISMATCH_TRANSITIONS,
    Mismatch,
    MismatchKind,
    MismatchStatus,
    Period,
    ProviderTerms,
    SignOff,
)

__all__ = [
    "MISMATCH_TRANSITIONS",
    "BankCredit",
    "ImportFile",
    "ImportKind",
    "Mismatch",
    "MismatchKind",
    "MismatchStatus",
    "Period",
    "ProviderTerms",
    "SettlementLine",
    "SignOff",
]
