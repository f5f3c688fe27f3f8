"""Back office: the gateway terms (MDR and lags) are edited here, audited; imported lines,
credits, mismatches and sign-offs are written only by the services and only read here."""

from __future__ import annotations

from django.contrib import admin

from kotacerdas.core.admin import AuditedAdmin, register_read_only
from kotacerdas.treasury.models import (
    BankCredit,
    ImportFile,
    Mismatch,
    ProviderTerms,
    SettlementLine,
    SignOff,
)

OWNERS = frozenset({"dishub", "bapenda"})


@admin.register(ProviderTerms)
class ProviderTermsAdmin(AuditedAdmin):
    owner_opds = OWNERS
    list_display = ["provider", "mdr_bp", "settlement_lag_days", "credit_days", "bank_keyword"]


register_read_only(
    {
        ImportFile: {
            "list_display": ["created_at", "kind", "filename", "rows", "repeated"],
            "list_filter": ["kind"],
        },
        SettlementLine: {
            "list_display": ["settled_on", "provider", "order_id", "gross", "fee", "net"],
            "search_fields": ["order_id", "transaction_id"],
        },
        BankCredit: {
            "list_display": ["value_date", "account", "reference", "amount", "description"],
            "search_fields": ["reference"],
        },
        Mismatch: {
            "list_display": ["day", "kind", "key", "expected", "actual", "status"],
            "list_filter": ["kind", "status"],
        },
        SignOff: {"list_display": ["period", "start", "signed_by", "signed_at"]},
    },
    owner_opds=OWNERS,
)
