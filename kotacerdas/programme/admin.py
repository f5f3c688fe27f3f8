"""Programme rows in the back office: read-only and regency-scoped. They are written
only by the programme's services (audited), from the staff pages under /program/.
Officers of other offices see none of it: only the programme secretariat does."""

from __future__ import annotations

from kotacerdas.core.admin import register_read_only
from kotacerdas.programme.models import (
    BimtekStage,
    CommitmentSheet,
    ComponentScore,
    Dimension,
    Element,
    EvaluationCycle,
    KpiDefinition,
    KpiTarget,
    KpiValue,
    MasterplanDocument,
    Milestone,
    Programme,
    ProgrammeBudget,
    ProgrammeProfile,
    ProgressUpdate,
    QuickWinProfile,
    ReadinessAssessment,
)

register_read_only(
    {
        Dimension: {"list_display": ["code", "name_id", "name_en", "version"]},
        Element: {"list_display": ["code", "name_id", "name_en", "dimension", "version"]},
        ProgrammeProfile: {
            "list_display": ["regency", "cohort_year", "status", "target_year", "is_illustrative"]
        },
        Milestone: {"list_display": ["date", "title"]},
        MasterplanDocument: {"list_display": ["book", "version", "title", "issued_on"]},
        Programme: {
            "list_display": [
                "code",
                "name",
                "element",
                "horizon",
                "lead_opd",
                "status",
                "progress_pct",
            ],
            "list_filter": ["status", "horizon"],
        },
        ProgrammeBudget: {"list_display": ["programme", "year", "planned", "realised"]},
        ProgressUpdate: {"list_display": ["programme", "reported_on", "progress_pct", "status"]},
        QuickWinProfile: {"list_display": ["programme", "beneficiaries", "launch_date"]},
        CommitmentSheet: {"list_display": ["signatory", "opd", "signed_on"]},
        ReadinessAssessment: {"list_display": ["year", "component", "good", "moderate", "poor"]},
        BimtekStage: {"list_display": ["stage", "start_date", "end_date", "is_done"]},
        KpiDefinition: {"list_display": ["code", "name", "element", "unit", "category", "method"]},
        KpiTarget: {"list_display": ["definition", "year", "value"]},
        KpiValue: {
            "list_display": [
                "definition",
                "period_start",
                "period_end",
                "value",
                "method",
                "status",
            ],
            "list_filter": ["method", "status"],
        },
        EvaluationCycle: {
            "list_display": ["year", "stage", "status", "index_value", "is_published"]
        },
        ComponentScore: {
            "list_display": ["cycle", "component", "dimension", "self_score", "validated_score"]
        },
    },
    owner_opds=frozenset({"bapperida", "diskominfo"}),
)
