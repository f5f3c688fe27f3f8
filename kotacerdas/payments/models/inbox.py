"""The webhook inbox (every call received, verified or not) and review flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.payments.models.charges import Charge


class DeliveryStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    PROCESSED = "processed", _("Diproses")
    FAILED = "failed", _("Gagal diproses (diulang)")
    REJECTED = "rejected", _("Ditolak (tanda tangan)")


class WebhookDelivery(models.Model):
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    provider = models.CharField(_("gateway"), max_length=16)
    received_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)
    source_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=200)
    headers = models.JSONField(_("header (tanpa rahasia)"), default=dict, blank=True)
    body_text = models.TextField(_("isi mentah"), blank=True)
    body_base64 = models.TextField(_("isi mentah (base64, bila bukan UTF-8)"), blank=True)
    body_sha256 = models.CharField(_("SHA-256 isi"), max_length=64)
    verified = models.BooleanField(_("terverifikasi"), default=False)
    verification_error = models.CharField(_("galat verifikasi"), max_length=300, blank=True)
    order_id = models.CharField(_("nomor order"), max_length=50, blank=True)
    event_key = models.CharField(_("kunci peristiwa"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.RECEIVED
    )
    outcome = models.CharField(_("hasil"), max_length=40, blank=True)
    error = models.TextField(_("galat"), blank=True)
    attempts = models.PositiveIntegerField(_("percobaan proses"), default=0)
    processed_at = models.DateTimeField(_("diproses"), null=True, blank=True)
    # When the processing job may (re)try it: a claim pushes it forward, so a process that
    # dies mid-processing leaves a delivery that becomes due again by itself.
    next_attempt_at = models.DateTimeField(_("diproses lagi"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi gateway")
        verbose_name_plural = _("kotak masuk notifikasi")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "verified"]),
            models.Index(fields=["regency", "received_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.received_at:%Y-%m-%d %H:%M:%S} {self.status}"


class FlagKind(models.TextChoices):
    MISMATCH = "mismatch", _("Jumlah/mata uang tidak cocok")
    LATE = "late_payment", _("Dibayar setelah kedaluwarsa")
    FORGED = "forged", _("Notifikasi palsu / tanpa tanda tangan")
    UNKNOWN_ORDER = "unknown_order", _("Order tidak dikenal")
    DUPLICATE_CONFLICT = "duplicate_conflict", _("Duplikat dengan isi berbeda")
    DOUBLE_PAYMENT = "double_payment", _("Pembayaran ganda")
    OWNER_OUT_OF_SYNC = "owner_out_of_sync", _("Status pemilik tidak sesuai tagihan")
    RECONCILE_FAILING = "reconcile_failing", _("Gagal dicek ke gateway berulang kali")
    UNREADABLE = "unreadable", _("Notifikasi tidak dapat diproses")


class ChargeFlag(models.Model):
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=24, choices=FlagKind.choices)
    charge = models.ForeignKey(
        Charge, on_delete=models.PROTECT, null=True, blank=True, related_name="flags"
    )
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.PROTECT, null=True, blank=True, related_name="flags"
    )
    event = models.ForeignKey(
        "payments.PaymentEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flags",
    )
    detail = models.CharField(_("rincian"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )
    resolution_note = models.TextField(_("catatan penyelesaian"), blank=True)

    class Meta:
        verbose_name = _("tanda tinjauan")
        verbose_name_plural = _("tanda tinjauan")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["regency", "resolved_at"])]

    def __str__(self) -> str:
        target = self.charge.order_id if self.charge_id and self.charge else "-"
        return f"{self.get_kind_display()} · {target}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
