"""Charges (one payable amount for one owner) and the append-only ledger of what the
gateway told us about them. A charge's status and paid amount are a cache of its events,
rewritten only by ``services.ledger`` under the charge's row lock."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.core.money import format_rupiah


class ChargeStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pembayaran")
    PAID = "paid", _("Lunas")
    EXPIRED = "expired", _("Kedaluwarsa")
    CANCELLED = "cancelled", _("Dibatalkan")


class GatewayState(models.TextChoices):
    """Where the outgoing call that creates the QR at the gateway stands."""

    REQUESTED = "requested", _("Diminta ke gateway")
    READY = "ready", _("QR siap")
    FAILED = "failed", _("Gagal di gateway (bisa diulang)")


class PaymentEventKind(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    PAID = "paid", _("Dibayar")
    EXPIRED = "expired", _("Kedaluwarsa")
    CANCELLED = "cancelled", _("Dibatalkan")
    REFUNDED = "refunded", _("Dikembalikan")
    OTHER = "other", _("Lainnya")


class Charge(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="charges")
    order_id = models.CharField(_("nomor order"), max_length=50)
    provider = models.CharField(_("gateway"), max_length=16)
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"))
    currency = models.CharField(_("mata uang"), max_length=3, default="IDR")
    owner_type = models.CharField(_("jenis pemilik"), max_length=40)
    owner_id = models.CharField(_("id pemilik"), max_length=64)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ChargeStatus.choices, default=ChargeStatus.PENDING
    )
    paid_amount = models.PositiveBigIntegerField(_("dibayar (Rp)"), default=0)
    paid_at = models.DateTimeField(_("dibayar pada"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa pada"))
    gateway_state = models.CharField(
        _("status gateway"),
        max_length=16,
        choices=GatewayState.choices,
        default=GatewayState.REQUESTED,
    )
    gateway_attempts = models.PositiveIntegerField(_("percobaan ke gateway"), default=0)
    gateway_error = models.CharField(_("galat gateway"), max_length=500, blank=True)
    provider_reference = models.CharField(_("id transaksi gateway"), max_length=100, blank=True)
    qr_string = models.TextField(_("QRIS"), blank=True)
    # Compare-and-set claim on the outgoing create: only the holder calls the gateway.
    gateway_claimed_until = models.DateTimeField(
        _("klaim panggilan gateway"), null=True, blank=True
    )
    # Reconciliation: when to ask the gateway next, and how many asks failed in a row.
    next_check_at = models.DateTimeField(_("cek gateway berikutnya"), null=True, blank=True)
    check_failures = models.PositiveIntegerField(_("cek gateway gagal berturut-turut"), default=0)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "order_id"], name="charge_unique_order"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="charge_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["regency", "status", "expires_at"]),
            models.Index(fields=["order_id"]),
            models.Index(fields=["regency", "owner_type", "owner_id"]),
            models.Index(fields=["regency", "status", "next_check_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {format_rupiah(int(self.amount or 0))} {self.get_status_display()}"


class PaymentEventImmutable(Exception):
    """Raised when code tries to change or remove a ledger event."""


class PaymentEventQuerySet(models.QuerySet["PaymentEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PaymentEventImmutable("payment events cannot be updated")

    def delete(self) -> NoReturn:
        raise PaymentEventImmutable("payment events cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PaymentEventImmutable("payment events cannot be updated")


class PaymentEvent(models.Model):
    """One fact reported by a gateway (notification, status query, cancel/expire answer)
    or decided locally (``local:`` keys). ``counted`` marks the one event whose amount is
    the charge's money; a partial unique index allows at most one per charge."""

    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    charge = models.ForeignKey(Charge, on_delete=models.PROTECT, related_name="events")
    provider = models.CharField(_("gateway"), max_length=16)
    provider_event_key = models.CharField(_("kunci peristiwa gateway"), max_length=200)
    provider_reference = models.CharField(_("id transaksi gateway"), max_length=100, blank=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=PaymentEventKind.choices)
    raw_status = models.CharField(_("status asli"), max_length=40, blank=True)
    amount = models.BigIntegerField(_("jumlah (Rp)"), null=True, blank=True)
    currency = models.CharField(_("mata uang"), max_length=3, blank=True)
    counted = models.BooleanField(_("dihitung sebagai uang masuk"), default=False)
    source = models.CharField(_("sumber"), max_length=16)  # webhook, poll, gateway, local
    occurred_at = models.DateTimeField(_("terjadi"), null=True, blank=True)
    delivery = models.ForeignKey(
        "payments.WebhookDelivery",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = PaymentEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("peristiwa pembayaran")
        verbose_name_plural = _("buku besar pembayaran")
        ordering = ["charge", "id"]
        constraints = [
            # Exactly once per regency (the table may be sharded by regency).
            models.UniqueConstraint(
                fields=["regency", "provider", "provider_event_key"],
                name="payment_event_unique_key",
            ),
            # A charge belongs to one regency, so adding it changes nothing but lets the
            # constraint hold on a table sharded by regency.
            models.UniqueConstraint(
                fields=["regency", "charge"],
                condition=Q(counted=True),
                name="payment_event_counted_once",
            ),
        ]
        indexes = [models.Index(fields=["regency", "created_at"])]

    def __str__(self) -> str:
        return f"{self.provider}:{self.provider_event_key} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PaymentEventImmutable("payment events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PaymentEventImmutable("payment events cannot be deleted")
