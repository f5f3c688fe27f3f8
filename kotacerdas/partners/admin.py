"""Back office view of partners and agreements. Writes go through the staff pages (one
service call, one audit record), so the admin only reads, scoped to the regency."""

from __future__ import annotations

from django.contrib import admin

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.partners.models import Agreement, ExpiryAlert, Obligation, Partner

# Officers of other offices see none of this in the back office:
# the offices that run cooperation with partners.
OWNERS = frozenset({"bkpsdm", "diskominfo", "bapperida"})


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["short_name", "name", "kind", "is_illustrative"]
    search_fields = ["name", "short_name"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["number", "partner", "kind", "signed_on", "valid_until", "is_illustrative"]
    list_filter = ["kind", "is_public"]
    search_fields = ["number", "title"]
    exclude = ["scan_name"]


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["agreement", "description", "due_on", "status"]
    list_filter = ["status"]


@admin.register(ExpiryAlert)
class ExpiryAlertAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["agreement", "days_before", "sent_at", "recipients"]
