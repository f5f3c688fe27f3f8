from kotacerdas.partners.models.agreements import (
    Agreement,
    AgreementKind,
    ExpiryAlert,
    Obligation,
    ObligationStatus,
    Partner,
    PartnerKind,
)

__all__ = [
    "Agreement",
    "AgreementKind",
    "ExpiryAlert",
    "Obligation",
    "ObligationStatus",
    "Partner",
    "PartnerKind",
]
