"""What was imported: each file once (by its SHA-256), each settlement line once per
provider transaction id, each bank credit once per account and bank reference. The
unique constraints carry the regency, so two regencies never collide and a repeated
file or an overlapping report adds nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency


class ImportKind(models.TextChoices):
    MIDTRANS = "midtrans", _("Laporan settlement Midtrans (CSV)")
    XENDIT = "xendit", _("Laporan saldo Xendit (CSV)")
    MT940 = "mt940", _("Rekening koran MT940")
    BANK_CSV = "bank_csv", _("Rekening koran CSV")


class ImportFile(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis berkas"), max_length=16, choices=ImportKind.choices)
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64)
    filename = models.CharField(_("nama berkas"), max_length=200)
    rows = models.PositiveIntegerField(_("baris baru"), default=0)
    repeated = models.PositiveIntegerField(_("baris yang sudah ada"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("diimpor"), auto_now_add=True)

    class Meta:
        verbose_name = _("berkas impor")
        verbose_name_plural = _("berkas impor")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "kind", "sha256"], name="treasury_file_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"


class SettlementLine(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(ImportFile, on_delete=models.PROTECT, related_name="lines")
    line_no = models.PositiveIntegerField(_("baris"))
    provider = models.CharField(_("gateway"), max_length=16)
    transaction_id = models.CharField(_("id transaksi gateway"), max_length=100)
    order_id = models.CharField(_("nomor order"), max_length=100)
    gross = models.PositiveBigIntegerField(_("bruto (Rp)"))
    fee = models.PositiveBigIntegerField(_("biaya MDR (Rp)"))
    net = models.BigIntegerField(_("neto (Rp)"))
    settled_on = models.DateField(_("tanggal settlement"))

    class Meta:
        verbose_name = _("baris settlement")
        verbose_name_plural = _("baris settlement")
        ordering = ["settled_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "provider", "transaction_id"], name="treasury_line_once"
            ),
            models.CheckConstraint(
                condition=Q(net=models.F("gross") - models.F("fee")), name="treasury_line_net"
            ),
        ]
        indexes = [
            models.Index(fields=["regency", "settled_on"]),
            models.Index(fields=["regency", "order_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.transaction_id} {self.order_id}"


class BankCredit(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(ImportFile, on_delete=models.PROTECT, related_name="credits")
    line_no = models.PositiveIntegerField(_("baris"))
    account = models.CharField(_("rekening"), max_length=100)
    reference = models.CharField(_("referensi bank"), max_length=100)
    value_date = models.DateField(_("tanggal valuta"))
    amount = models.PositiveBigIntegerField(_("kredit (Rp)"))
    description = models.CharField(_("keterangan"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("kredit bank")
        verbose_name_plural = _("kredit bank")
        ordering = ["value_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency", "account", "reference"], name="treasury_credit_once"
            )
        ]
        indexes = [models.Index(fields=["regency", "value_date"])]

    def __str__(self) -> str:
        return f"{self.account}:{self.reference} Rp{self.amount}"
