"""The KPI catalogue (one row per indicator, in the U4SSC template), yearly targets and
values. A value is either manual (entered with evidence, approved by a second person)
or automatic (stored by the daily job from a function in ``kotacerdas.core.kpis``).
Values are never edited once approved: a correction is a new value that points at the
one it replaces and says why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import OPD, Regency
from kotacerdas.programme.models.taxonomy import Element

User = settings.AUTH_USER_MODEL


class KpiCategory(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")
    QUICK_WIN = "quick_win", _("Quick win")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Harian")
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    YEARLY = "yearly", _("Tahunan")


class Method(models.TextChoices):
    MANUAL = "manual", _("Manual")
    AUTOMATIC = "automatic", _("Otomatis")


class KpiDefinition(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=60)
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="kpis")
    name = models.CharField(_("nama indikator"), max_length=200)
    definition = models.TextField(_("definisi"), max_length=2000)
    numerator = models.CharField(_("pembilang"), max_length=300, blank=True)
    denominator = models.CharField(_("penyebut"), max_length=300, blank=True)
    unit = models.CharField(_("satuan"), max_length=20)
    frequency = models.CharField(_("frekuensi"), max_length=10, choices=Frequency.choices)
    category = models.CharField(_("kategori"), max_length=10, choices=KpiCategory.choices)
    reference = models.CharField(_("rujukan SNI ISO 37122 / U4SSC"), max_length=120, blank=True)
    method = models.CharField(_("cara hitung"), max_length=10, choices=Method.choices)
    source_code = models.CharField(_("fungsi otomatis"), max_length=80, blank=True)
    producer = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="+", verbose_name=_("produsen data")
    )
    higher_is_better = models.BooleanField(_("makin tinggi makin baik"), default=True)
    is_published = models.BooleanField(_("dipublikasikan"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("katalog indikator kinerja")
        ordering = ["regency", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="kpi_unique_code"),
            models.CheckConstraint(
                condition=Q(method="manual") | ~Q(source_code=""), name="kpi_automatic_source"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KpiTarget(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    definition = models.ForeignKey(KpiDefinition, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")
        ordering = ["definition", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "definition", "year"], name="kpi_target_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition.code} {self.year}"


class ValueStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    SUPERSEDED = "superseded", _("Dikoreksi")


# One table for the moves of a value; an approved value only ever becomes superseded
# (by a correction), never edited.
VALUE_TRANSITIONS: dict[str, frozenset[str]] = {
    ValueStatus.SUBMITTED: frozenset({ValueStatus.APPROVED, ValueStatus.REJECTED}),
    ValueStatus.APPROVED: frozenset({ValueStatus.SUPERSEDED}),
    ValueStatus.REJECTED: frozenset(),
    ValueStatus.SUPERSEDED: frozenset(),
}


class KpiValue(models.Model):
    """One value for a period, with how it was computed (FIWARE ``calculationFormula``,
    ``calculationPeriod``, ``calculationMethod``)."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    definition = models.ForeignKey(KpiDefinition, on_delete=models.PROTECT, related_name="values")
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode akhir"))
    value = models.DecimalField(_("nilai"), max_digits=18, decimal_places=4, null=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    formula = models.CharField(_("rumus"), max_length=300)
    inputs = models.JSONField(_("masukan"), default=dict, blank=True)
    method = models.CharField(_("cara hitung"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=ValueStatus.choices)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    correction_reason = models.CharField(_("alasan koreksi"), max_length=500, blank=True)
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    approved_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(_("dihitung"))

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["regency", "definition", "period_end", "id"]
        constraints = [
            # The daily job stores an automatic value once per period (idempotent re-runs).
            models.UniqueConstraint(
                fields=["regency", "definition", "period_start", "period_end"],
                condition=Q(method="automatic"),
                name="kpi_value_automatic_once",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="kpi_value_period"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="kpi_value_correction_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["regency", "definition", "status", "period_end"], name="kpi_value_series"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition.code} {self.period_end}"
