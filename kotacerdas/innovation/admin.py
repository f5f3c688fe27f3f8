"""Back office for the innovation registry. Every row is written by the services (with
their checks and audit rows), so the admin only reads. Officers of other offices see none
of it: Bapperida curates and scores innovations."""

from __future__ import annotations

from kotacerdas.core.admin import register_read_only
from kotacerdas.innovation.models import (
    AdoptionMilestone,
    Handover,
    IidRuleSet,
    IidYear,
    IndicatorEntry,
    Innovation,
)

register_read_only(
    {
        Innovation: {
            "list_display": ["title", "status", "stage", "owner_opd", "submitted_at"],
            "list_filter": ["status", "stage", "form"],
            "search_fields": ["title", "slug"],
            "exclude": ["innovator"],
        },
        Handover: {
            "list_display": ["bast_number", "innovation", "receiver_opd", "handed_on"],
            "exclude": ["verify_code"],
        },
        AdoptionMilestone: {"list_display": ["title", "handover", "due_on", "done_on"]},
        IidRuleSet: {"list_display": ["code", "name", "year", "filename", "imported_at"]},
        IidYear: {"list_display": ["year", "ruleset", "deadline", "finalised_at"]},
        IndicatorEntry: {"list_display": ["year", "innovation", "indicator", "level"]},
    },
    owner_opds=frozenset({"bapperida"}),
)
