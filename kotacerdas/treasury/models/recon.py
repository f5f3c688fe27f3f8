"""The reconciliation's configuration and outcome: the provider terms (MDR and lags),
the mismatches to resolve with a note, and Bapenda's sign-off of a day or a month."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency


class ProviderTerms(models.Model):
    """The acquirer fee and lags agreed with one gateway. Without a row the defaults in
    ``services.recon.DEFAULT_TERMS`` apply."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    provider = models.CharField(_("gateway"), max_length=16)
    mdr_bp = models.PositiveIntegerField(
        _("MDR (basis poin)"), help_text=_("0,7% = 70; P2G 0% = 0.")
    )
    settlement_lag_days = models.PositiveSmallIntegerField(_("settlement T+ (hari kerja)"))
    credit_days = models.PositiveSmallIntegerField(_("kredit bank paling lambat (hari kerja)"))
    bank_keyword = models.CharField(_("kata di keterangan bank"), max_length=40)

    class Meta:
        verbose_name = _("ketentuan gateway")
        verbose_name_plural = _("ketentuan gateway")
        constraints = [
            models.UniqueConstraint(fields=["regency", "provider"], name="treasury_terms_once"),
            models.CheckConstraint(condition=Q(mdr_bp__lte=1000), name="treasury_terms_mdr"),
            models.CheckConstraint(
                condition=Q(settlement_lag_days__lte=10, credit_days__lte=10),
                name="treasury_terms_lag",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.mdr_bp}bp T+{self.settlement_lag_days}"


class MismatchKind(models.TextChoices):
    NOT_SETTLED = "not_settled", _("Dibayar tetapi belum di-settle")
    UNKNOWN_TO_LEDGER = "unknown_to_ledger", _("Di-settle tetapi tidak ada di buku besar")
    AMOUNT_DIFFERS = "amount_differs", _("Jumlah berbeda")
    FEE_DIFFERS = "fee_differs", _("Biaya MDR berbeda")
    NOT_CREDITED = "not_credited", _("Di-settle tetapi belum masuk rekening")
    CREDITED_TWICE = "credited_twice", _("Masuk rekening dua kali")


class MismatchStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    RESOLVED = "resolved", _("Diselesaikan dengan catatan")
    CLEARED = "cleared", _("Hilang sendiri (data susulan)")


# The one transition table: an open mismatch is resolved by a person with a note, or
# cleared by the matcher when late data explains it; a cleared one may come back.
MISMATCH_TRANSITIONS: dict[str, frozenset[str]] = {
    MismatchStatus.OPEN: frozenset({MismatchStatus.RESOLVED, MismatchStatus.CLEARED}),
    MismatchStatus.CLEARED: frozenset({MismatchStatus.OPEN}),
    MismatchStatus.RESOLVED: frozenset(),
}


class Mismatch(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=24, choices=MismatchKind.choices)
    key = models.CharField(_("kunci"), max_length=120)
    day = models.DateField(_("tanggal"))
    order_id = models.CharField(_("nomor order"), max_length=100, blank=True)
    expected = models.BigIntegerField(_("seharusnya (Rp)"), null=True, blank=True)
    actual = models.BigIntegerField(_("tercatat (Rp)"), null=True, blank=True)
    detail = models.CharField(_("rincian"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MismatchStatus.choices, default=MismatchStatus.OPEN
    )
    note = models.TextField(_("catatan penyelesaian"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    created_at = models.DateTimeField(_("ditemukan"), auto_now_add=True)

    class Meta:
        verbose_name = _("selisih rekonsiliasi")
        verbose_name_plural = _("selisih rekonsiliasi")
        ordering = ["day", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "kind", "key"], name="treasury_mismatch_once"
            )
        ]
        indexes = [models.Index(fields=["regency", "day", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class Period(models.TextChoices):
    DAY = "day", _("Harian")
    MONTH = "month", _("Bulanan")


class SignOff(models.Model):
    """Bapenda's signature on a day or month: written once, never changed. After it the
    period's mismatches can no longer be resolved or re-opened."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("periode"), max_length=8, choices=Period.choices)
    start = models.DateField(_("mulai"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("ditandatangani"), auto_now_add=True)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    summary = models.JSONField(_("ringkasan saat ditandatangani"), default=dict)

    class Meta:
        verbose_name = _("pengesahan rekonsiliasi")
        verbose_name_plural = _("pengesahan rekonsiliasi")
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "period", "start"], name="treasury_signoff_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.start}"
