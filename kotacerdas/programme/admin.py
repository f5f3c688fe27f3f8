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


@admin.register(Dimension)
class DimensionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_id", "name_en", "version"]


@admin.register(Element)
class ElementAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_id", "name_en", "dimension", "version"]


@admin.register(ProgrammeProfile)
class ProgrammeProfileAdmin(ReadOnlyAdmin):
    list_display = ["regency", "cohort_year", "status", "target_year", "is_illustrative"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["date", "title"]


@admin.register(MasterplanDocument)
class MasterplanDocumentAdmin(ReadOnlyAdmin):
    list_display = ["book", "version", "title", "issued_on"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "element", "horizon", "lead_opd", "status", "progress_pct"]
    list_filter = ["status", "horizon"]


@admin.register(ProgrammeBudget)
class ProgrammeBudgetAdmin(ReadOnlyAdmin):
    list_display = ["programme", "year", "planned", "realised"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["programme", "reported_on", "progress_pct", "status"]


@admin.register(QuickWinProfile)
class QuickWinProfileAdmin(ReadOnlyAdmin):
    list_display = ["programme", "beneficiaries", "launch_date"]


@admin.register(CommitmentSheet)
class CommitmentSheetAdmin(ReadOnlyAdmin):
    list_display = ["signatory", "opd", "signed_on"]


@admin.register(ReadinessAssessment)
class ReadinessAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["year", "component", "good", "moderate", "poor"]


@admin.register(BimtekStage)
class BimtekStageAdmin(ReadOnlyAdmin):
    list_display = ["stage", "start_date", "end_date", "is_done"]


@admin.register(KpiDefinition)
class KpiDefinitionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "element", "unit", "category", "method"]


@admin.register(KpiTarget)
class KpiTargetAdmin(ReadOnlyAdmin):
    list_display = ["definition", "year", "value"]


@admin.register(KpiValue)
class KpiValueAdmin(ReadOnlyAdmin):
    list_display = ["definition", "period_start", "period_end", "value", "method", "status"]
    list_filter = ["method", "status"]


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(ReadOnlyAdmin):
    list_display = ["year", "stage", "status", "index_value", "is_published"]


@admin.register(ComponentScore)
class ComponentScoreAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "component", "dimension", "self_score", "validated_score"]
