"""Indeks Inovasi Daerah data: imported rule sets (one file per year, kept verbatim),
the reporting year that uses one, and the level and evidence recorded per indicator."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.innovation.models.innovation import EvidenceFile, Innovation


class IidRuleSet(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("kode"), max_length=40)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=300)
    spec = models.JSONField()  # the validated file content (kotacerdas.innovation.rules)
    filename = models.CharField(max_length=160)
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aturan IID")
        verbose_name_plural = _("aturan IID")
        ordering = ["-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "code"], name="iid_ruleset_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class IidYear(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    ruleset = models.ForeignKey(IidRuleSet, on_delete=models.PROTECT, related_name="years")
    window_opens = models.DateField(_("pelaporan dibuka"), null=True, blank=True)
    deadline = models.DateField(_("batas pelaporan"))
    finalised_at = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("tahun pelaporan IID")
        verbose_name_plural = _("tahun pelaporan IID")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["regency", "year"], name="iid_year_unique")]

    def __str__(self) -> str:
        return str(self.year)


class IndicatorEntry(models.Model):
    """The level chosen for one indicator (of the region when ``innovation`` is empty)
    with its evidence; without evidence it scores 0."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    year = models.ForeignKey(IidYear, on_delete=models.CASCADE, related_name="entries")
    innovation = models.ForeignKey(
        Innovation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicator = models.CharField(max_length=20)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.ForeignKey(
        EvidenceFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evidence_url = models.URLField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "innovation", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "year", "innovation", "indicator"],
                condition=models.Q(innovation__isnull=False),
                name="iid_entry_unique",
            ),
            models.UniqueConstraint(
                fields=["regency", "year", "indicator"],
                condition=models.Q(innovation__isnull=True),
                name="iid_region_entry_unique",
            ),
        ]
        indexes = [models.Index(fields=["regency", "year"], name="iid_entry_year_idx")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.level}"

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_id or self.evidence_url)
