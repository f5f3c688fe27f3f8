"""Programme rows in the back office: read-only and regency-scoped. They are written
only by the programme's services (audited), from the staff pages under /program/."""

from __future__ import annotations

from django.contrib import admin

from kotacerdas.core.admin import ReadOnlyAdmin
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

# Officers of other offices see none of this in the back office:
# the programme secretariat.
OWNERS = frozenset({"bapperida", "diskominfo"})


@admin.register(Dimension)
class DimensionAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["code", "name_id", "name_en", "version"]


@admin.register(Element)
class ElementAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["code", "name_id", "name_en", "dimension", "version"]


@admin.register(ProgrammeProfile)
class ProgrammeProfileAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["regency", "cohort_year", "status", "target_year", "is_illustrative"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["date", "title"]


@admin.register(MasterplanDocument)
class MasterplanDocumentAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["book", "version", "title", "issued_on"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["code", "name", "element", "horizon", "lead_opd", "status", "progress_pct"]
    list_filter = ["status", "horizon"]


@admin.register(ProgrammeBudget)
class ProgrammeBudgetAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["programme", "year", "planned", "realised"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["programme", "reported_on", "progress_pct", "status"]


@admin.register(QuickWinProfile)
class QuickWinProfileAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["programme", "beneficiaries", "launch_date"]


@admin.register(CommitmentSheet)
class CommitmentSheetAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["signatory", "opd", "signed_on"]


@admin.register(ReadinessAssessment)
class ReadinessAssessmentAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["year", "component", "good", "moderate", "poor"]


@admin.register(BimtekStage)
class BimtekStageAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["stage", "start_date", "end_date", "is_done"]


@admin.register(KpiDefinition)
class KpiDefinitionAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["code", "name", "element", "unit", "category", "method"]


@admin.register(KpiTarget)
class KpiTargetAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["definition", "year", "value"]


@admin.register(KpiValue)
class KpiValueAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["definition", "period_start", "period_end", "value", "method", "status"]
    list_filter = ["method", "status"]


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["year", "stage", "status", "index_value", "is_published"]


@admin.register(ComponentScore)
class ComponentScoreAdmin(ReadOnlyAdmin):
    owner_opds = OWNERS
    list_display = ["cycle", "component", "dimension", "self_score", "validated_score"]
