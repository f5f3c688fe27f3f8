"""The stored KPI part of the public dashboard (cards with their SVG charts) and of the
KPI list API, one row per regency."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency


class DashboardSnapshot(models.Model):
    """Built from the stored KPI values whenever they change (the daily job, an
    approval, a target), so that a public request reads one row instead of every KPI's
    history and redraws no chart. Derived data only: it holds nothing that is not in the
    audited KPI tables, and it is rebuilt when missing."""

    regency = models.OneToOneField(Regency, on_delete=models.CASCADE, related_name="+")
    cards = models.JSONField(_("kartu indikator"), default=list)
    kpis_updated = models.DateTimeField(_("indikator diperbarui"), null=True, blank=True)
    built_at = models.DateTimeField(_("dibangun pada"))

    class Meta:
        verbose_name = _("cuplikan dasbor")
        verbose_name_plural = _("cuplikan dasbor")

    def __str__(self) -> str:
        return f"{self.regency} {self.built_at:%Y-%m-%d %H:%M}"
