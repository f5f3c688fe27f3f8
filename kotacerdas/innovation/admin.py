"""Back office for the innovation registry. Every row is written by the services (with
their checks and audit rows), so the admin only reads."""

from __future__ import annotations

from django.contrib import admin

from kotacerdas.core.admin import ReadOnlyAdmin
from kotacerdas.innovation.models import (
    AdoptionMilestone,
    Handover,
    IidRuleSet,
    IidYear,
    IndicatorEntry,
    Innovation,
)

# Officers of other offices see none of this in the back office:
# Bapperida curates and scores innovations.
OWNERS = frozenset({"bapperida"})


@admin.register(Innovation)
class InnovationAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["title", "status", "stage", "owner_opd", "submitted_at"]
    list_filter = ["status", "stage", "form"]
    search_fields = ["title", "slug"]
    exclude = ["innovator"]


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["bast_number", "innovation", "receiver_opd", "handed_on"]
    exclude = ["verify_code"]


@admin.register(AdoptionMilestone)
class AdoptionMilestoneAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["title", "handover", "due_on", "done_on"]


@admin.register(IidRuleSet)
class IidRuleSetAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["code", "name", "year", "filename", "imported_at"]


@admin.register(IidYear)
class IidYearAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["year", "ruleset", "deadline", "finalised_at"]


@admin.register(IndicatorEntry)
class IndicatorEntryAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["year", "innovation", "indicator", "level"]
