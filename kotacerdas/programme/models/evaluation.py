"""Kominfo's yearly evaluation: a cycle (year, stage, the announcing letter, its
weights) and component scores, self-assessed by the secretariat and validated or
adjusted by an assessor (``penilai``) before the cycle is locked."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.programme.models.taxonomy import Dimension

User = settings.AUTH_USER_MODEL


class Component(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")
    QUICK_WIN = "quick_win", _("Quick win")


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Penilaian mandiri")
    LOCKED = "locked", _("Terkunci")


CYCLE_TRANSITIONS: dict[str, frozenset[str]] = {
    CycleStatus.OPEN: frozenset({CycleStatus.LOCKED}),
    CycleStatus.LOCKED: frozenset(),
}


class EvaluationCycle(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    stage = models.PositiveSmallIntegerField(_("tahap"), choices=[(1, "I"), (2, "II")])
    letter_number = models.CharField(_("nomor surat Kominfo"), max_length=80, blank=True)
    letter_name = models.CharField(max_length=200, blank=True)
    weight_baseline = models.PositiveSmallIntegerField(_("bobot baseline (%)"), default=10)
    weight_output = models.PositiveSmallIntegerField(_("bobot output (%)"), default=20)
    weight_outcome = models.PositiveSmallIntegerField(_("bobot outcome (%)"), default=30)
    weight_impact = models.PositiveSmallIntegerField(_("bobot impact (%)"), default=20)
    weight_quick_win = models.PositiveSmallIntegerField(_("bobot quick win (%)"), default=20)
    status = models.CharField(
        _("status"), max_length=8, choices=CycleStatus.choices, default="open"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    index_value = models.DecimalField(
        _("indeks"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    is_published = models.BooleanField(_("dipublikasikan"), default=False)
    is_illustrative = models.BooleanField(_("ilustrasi"), default=False)

    class Meta:
        verbose_name = _("siklus evaluasi")
        verbose_name_plural = _("siklus evaluasi")
        ordering = ["regency", "-year", "-stage"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "year", "stage"], name="cycle_unique"),
            models.CheckConstraint(
                condition=Q(
                    weight_baseline__lte=100,
                    weight_output__lte=100,
                    weight_outcome__lte=100,
                    weight_impact__lte=100,
                    weight_quick_win__lte=100,
                ),
                name="cycle_weights_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} tahap {self.get_stage_display()}"

    @property
    def weights(self) -> dict[str, int]:
        return {
            "baseline": self.weight_baseline,
            "output": self.weight_output,
            "outcome": self.weight_outcome,
            "impact": self.weight_impact,
            "quick_win": self.weight_quick_win,
        }

    @property
    def weights_labelled(self) -> list[tuple[str, int]]:
        """The weights with the components' names, for the screen."""
        return [(str(Component(key).label), weight) for key, weight in self.weights.items()]

    @property
    def is_locked(self) -> bool:
        return self.status == CycleStatus.LOCKED


class ComponentScore(models.Model):
    """A component score, for one dimension or (``dimension`` empty) overall."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(EvaluationCycle, on_delete=models.CASCADE, related_name="scores")
    component = models.CharField(_("komponen"), max_length=10, choices=Component.choices)
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    self_score = models.DecimalField(_("nilai mandiri"), max_digits=4, decimal_places=2)
    self_note = models.TextField(_("uraian bukti"), max_length=2000, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    validated_score = models.DecimalField(
        _("nilai validasi"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    assessor_note = models.TextField(_("catatan penilai"), max_length=2000, blank=True)
    assessor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nilai komponen")
        verbose_name_plural = _("nilai komponen")
        ordering = ["regency", "cycle", "component", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "cycle", "component", "dimension"],
                name="score_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(self_score__gte=0, self_score__lte=5), name="score_self_0_5"
            ),
            models.CheckConstraint(
                condition=Q(validated_score__isnull=True)
                | Q(validated_score__gte=0, validated_score__lte=5),
                name="score_validated_0_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.component} {self.dimension_id or ''}".strip()

    @property
    def final(self) -> Decimal:
        """The assessor's score where set, else the self-assessed one."""
        return self.validated_score if self.validated_score is not None else self.self_score
