"""The six dimensions and eighteen elements. National reference data, identical for every
regency, so these rows carry no regency: every regency-owned table (programmes, KPIs,
scores) points at an element by its canonical code. Rows are stamped with the taxonomy
version they were seeded from (``kotacerdas.programme.taxonomy.VERSION``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.Model):
    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    version = models.CharField(_("versi taksonomi"), max_length=20)
    name_id = models.CharField(_("nama"), max_length=80)
    name_en = models.CharField(_("nama (Inggris)"), max_length=80)
    goal_id = models.TextField(_("sasaran"))
    goal_en = models.TextField(_("sasaran (Inggris)"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("dimensi")
        verbose_name_plural = _("dimensi")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name_id


class Element(models.Model):
    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    version = models.CharField(_("versi taksonomi"), max_length=20)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="elements")
    name_id = models.CharField(_("nama"), max_length=80)
    name_en = models.CharField(_("nama (Inggris)"), max_length=80)
    topics = models.CharField(_("topik"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("elemen")
        verbose_name_plural = _("elemen")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_id}"


class DimensionSynonym(models.Model):
    """A name seen in imported text that means a canonical dimension."""

    text = models.CharField(_("sebutan"), max_length=80, unique=True)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="synonyms")

    class Meta:
        verbose_name = _("sinonim dimensi")
        verbose_name_plural = _("sinonim dimensi")
        ordering = ["text"]

    def __str__(self) -> str:
        return f"{self.text} → {self.dimension_id}"
