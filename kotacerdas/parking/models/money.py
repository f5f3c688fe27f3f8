"""Where the money goes: revenue shares, cash deposits (setoran) and concession
contracts with their instalments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.attendants import Attendant
from kotacerdas.parking.models.events import Channel
from kotacerdas.parking.models.registry import OperatingModel, Pengelola, Zone


class RevenueShareRule(models.Model):
    """Percentages of each rupiah collected, per operating model and channel, from a date."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    operating_model = models.CharField(
        _("model pengelolaan"), max_length=12, choices=OperatingModel.choices
    )
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    regency_pct = models.PositiveSmallIntegerField(_("bagian pemda (%)"))
    attendant_pct = models.PositiveSmallIntegerField(_("bagian jukir (%)"))
    pengelola_pct = models.PositiveSmallIntegerField(_("bagian pengelola (%)"), default=0)
    effective_from = models.DateField(_("berlaku mulai"))
    legal_reference = models.CharField(_("dasar hukum"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("aturan bagi hasil")
        verbose_name_plural = _("aturan bagi hasil")
        ordering = ["regency", "operating_model", "channel", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(regency_pct=100 - F("attendant_pct") - F("pengelola_pct")),
                name="share_pct_sum_100",
                violation_error_message=_(
                    "Bagian pemda, jukir dan pengelola harus berjumlah 100%."
                ),
            ),
            models.UniqueConstraint(
                fields=["regency", "operating_model", "channel", "effective_from"],
                name="share_unique_start",
            ),
        ]

    def __str__(self) -> str:
        split = f"{self.regency_pct}/{self.attendant_pct}/{self.pengelola_pct}"
        return f"{self.get_operating_model_display()} · {self.get_channel_display()} {split}"


class CashDeposit(models.Model):
    """A korlap records cash an attendant hands over; an attendant may hand over several
    times a day. The expected amount is what the attendant had recorded in cash that day,
    frozen at the time of the deposit. Rows are never edited: a mistake is put right by a
    signed :class:`DepositCorrection` that Dishub approves."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    attendant = models.ForeignKey(Attendant, on_delete=models.PROTECT, related_name="deposits")
    business_date = models.DateField(_("tanggal"))
    expected_amount = models.PositiveIntegerField(_("seharusnya (Rp)"))
    deposited_amount = models.PositiveIntegerField(_("disetor (Rp)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("setoran tunai")
        verbose_name_plural = _("setoran tunai")
        ordering = ["-business_date", "attendant"]
        # Several hand-overs a day are normal (midday and evening); totals are summed.
        indexes = [models.Index(fields=["regency", "attendant", "business_date"])]

    def __str__(self) -> str:
        return f"{self.attendant.code} {self.business_date} Rp{self.deposited_amount}"

    @property
    def discrepancy(self) -> int:
        """Negative: short (kurang setor); positive: more than recorded."""
        return int(self.deposited_amount) - int(self.expected_amount)


class ConcessionContract(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="contracts")
    pengelola = models.ForeignKey(Pengelola, on_delete=models.PROTECT, related_name="contracts")
    number = models.CharField(_("nomor kontrak"), max_length=80)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    bid_amount = models.PositiveBigIntegerField(_("nilai lelang (Rp)"))

    class Meta:
        verbose_name = _("kontrak pengelolaan")
        verbose_name_plural = _("kontrak pengelolaan")
        ordering = ["regency", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "number"], name="contract_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="contract_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.zone.code})"


class ConcessionInstalment(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(
        ConcessionContract, on_delete=models.PROTECT, related_name="instalments"
    )
    due_date = models.DateField(_("jatuh tempo"))
    amount = models.PositiveBigIntegerField(_("nilai (Rp)"))
    paid_amount = models.PositiveBigIntegerField(_("dibayar (Rp)"), default=0)
    paid_at = models.DateField(_("tanggal bayar"), null=True, blank=True)
    reference = models.CharField(_("referensi (STS)"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("angsuran kontrak")
        verbose_name_plural = _("angsuran kontrak")
        ordering = ["contract", "due_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "contract", "due_date"], name="instalment_unique_due"
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__lte=F("amount")), name="instalment_not_overpaid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.due_date}"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")


CORRECTION_TRANSITIONS: dict[str, frozenset[str]] = {
    CorrectionStatus.PENDING: frozenset({CorrectionStatus.APPROVED, CorrectionStatus.REJECTED}),
    CorrectionStatus.APPROVED: frozenset(),
    CorrectionStatus.REJECTED: frozenset(),
}


class DepositCorrection(models.Model):
    """A signed amount added to a recorded deposit (``-5000``: 5,000 less was actually
    handed over), with a reason. It counts only once a Dishub officer approves it."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    deposit = models.ForeignKey(CashDeposit, on_delete=models.PROTECT, related_name="corrections")
    amount = models.BigIntegerField(_("koreksi (Rp)"))
    reason = models.CharField(_("alasan"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.CharField(_("catatan keputusan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("diajukan"), auto_now_add=True)

    class Meta:
        verbose_name = _("koreksi setoran")
        verbose_name_plural = _("koreksi setoran")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["regency", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="correction_nonzero"),
        ]

    def __str__(self) -> str:
        return f"{self.deposit} {self.amount:+d}"
