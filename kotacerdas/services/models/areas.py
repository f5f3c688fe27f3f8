"""Kecamatan boundaries as data: one GeoJSON geometry per kecamatan, imported per
regency (``kotacerdas kecamatan_import``), used to fill the kecamatan from a map point
and to refuse points outside the regency."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Kecamatan, Regency


class KecamatanArea(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="+")
    # GeoJSON geometry (Polygon or MultiPolygon, WGS 84 lon/lat).
    geometry = models.JSONField(_("batas wilayah (GeoJSON)"))
    # True for the demo's Voronoi cells: shown as "perkiraan" on screen.
    is_approximate = models.BooleanField(_("batas perkiraan"), default=False)
    source = models.CharField(_("sumber data"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("diimpor"))

    class Meta:
        verbose_name = _("batas kecamatan")
        verbose_name_plural = _("batas kecamatan")
        ordering = ["regency", "kecamatan"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "kecamatan"], name="area_unique_kecamatan"),
        ]

    def __str__(self) -> str:
        return str(self.kecamatan)
