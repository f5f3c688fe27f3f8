"""Back office: the gateway terms (MDR and lags) are edited here, audited; imported lines,
credits, mismatches and sign-offs are written only by the services and only read here."""

from __future__ import annotations

from django.contrib import admin

from kotacerdas.core.admin import AuditedAdmin, ReadOnlyAdmin
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


@admin.register(ImportFile)
class ImportFileAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["created_at", "kind", "filename", "rows", "repeated"]
    list_filter = ["kind"]


@admin.register(SettlementLine)
class SettlementLineAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["settled_on", "provider", "order_id", "gross", "fee", "net"]
    search_fields = ["order_id", "transaction_id"]


@admin.register(BankCredit)
class BankCreditAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["value_date", "account", "reference", "amount", "description"]
    search_fields = ["reference"]


@admin.register(Mismatch)
class MismatchAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["day", "kind", "key", "expected", "actual", "status"]
    list_filter = ["kind", "status"]


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["period", "start", "signed_by", "signed_at"]
