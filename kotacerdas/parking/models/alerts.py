"""Missing-money alerts for Dishub: computed from the rollups, handled in a queue with a
status and audited notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.attendants import Attendant
from kotacerdas.parking.models.registry import Spot


class AlertKind(models.TextChoices):
    ZERO_ON_DUTY = "zero_on_duty", _("Bertugas tanpa transaksi")
    LOW_ON_DUTY = "low_on_duty", _("Transaksi jauh di bawah biasanya")
    CASHLESS_DROP = "cashless_drop", _("Porsi QRIS turun tajam")
    UNPAID_CHARGES = "unpaid_charges", _("Banyak QRIS tidak dibayar / dibatalkan")
    CASH_NOT_DEPOSITED = "cash_not_deposited", _("Tunai belum disetor lewat batas waktu")
    OUTSIDE_ASSIGNMENT = "outside_assignment", _("Pembayaran QRIS di luar penugasan")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CHECKED = "checked", _("Sudah dicek")
    EXPLAINED = "explained", _("Ada penjelasan")
    ACTION_TAKEN = "action_taken", _("Sudah ditindak")


ALERT_TRANSITIONS: dict[str, frozenset[str]] = {
    AlertStatus.OPEN: frozenset(
        {AlertStatus.CHECKED, AlertStatus.EXPLAINED, AlertStatus.ACTION_TAKEN}
    ),
    AlertStatus.CHECKED: frozenset({AlertStatus.EXPLAINED, AlertStatus.ACTION_TAKEN}),
    AlertStatus.EXPLAINED: frozenset(),
    AlertStatus.ACTION_TAKEN: frozenset(),
}


class LeakageAlert(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=20, choices=AlertKind.choices)
    day = models.DateField(_("tanggal"))
    spot = models.ForeignKey(
        Spot, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attendant = models.ForeignKey(
        Attendant, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hour_from = models.PositiveSmallIntegerField(_("dari jam"), null=True, blank=True)
    hour_to = models.PositiveSmallIntegerField(_("sampai jam"), null=True, blank=True)
    observed = models.BigIntegerField(_("teramati"))
    expected = models.BigIntegerField(_("biasanya"))
    detail = models.JSONField(_("rincian"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("peringatan kebocoran")
        verbose_name_plural = _("peringatan kebocoran")
        ordering = ["-day", "kind"]
        indexes = [models.Index(fields=["regency", "status", "day"])]
        constraints = [
            # One alert per kind, spot, attendant and day: the scan can run again safely.
            models.UniqueConstraint(
                fields=["regency", "kind", "day", "spot", "attendant"],
                name="alert_unique_subject_day",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(spot__isnull=False) | Q(attendant__isnull=False),
                name="alert_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%d-%m-%Y}"


class AlertNote(models.Model):
    """Append-only: who moved the alert, from what to what, and why."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    alert = models.ForeignKey(LeakageAlert, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=12, choices=AlertStatus.choices)
    to_status = models.CharField(max_length=12, choices=AlertStatus.choices)
    note = models.CharField(_("catatan"), max_length=1000)
    evidence_url = models.URLField(_("tautan bukti"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan peringatan")
        verbose_name_plural = _("catatan peringatan")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.alert_id} {self.from_status}→{self.to_status}"
