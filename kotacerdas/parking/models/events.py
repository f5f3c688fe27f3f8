"""One parked vehicle = one ParkingEvent, paid by QRIS (through the payment core) or in
cash (recorded by the attendant)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import Regency
from kotacerdas.parking.models.attendants import Attendant
from kotacerdas.parking.models.registry import Spot, Tariff, VehicleClass


class Channel(models.TextChoices):
    QRIS = "qris", _("QRIS")
    CASH = "cash", _("Tunai")


class EventStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pembayaran")
    PAID = "paid", _("Lunas")
    EXPIRED = "expired", _("Kedaluwarsa")
    CANCELLED = "cancelled", _("Dibatalkan")
    CASH = "cash", _("Tunai")


# The only moves a parking event may make. Paid and cash are final; an expired event may
# still become paid when money arrives late (it is then flagged, never dropped).
TRANSITIONS: dict[str, frozenset[str]] = {
    EventStatus.PENDING: frozenset({EventStatus.PAID, EventStatus.EXPIRED, EventStatus.CANCELLED}),
    EventStatus.EXPIRED: frozenset({EventStatus.PAID}),
    EventStatus.CANCELLED: frozenset({EventStatus.PAID}),
    EventStatus.PAID: frozenset(),
    EventStatus.CASH: frozenset(),
}


class ParkingEvent(models.Model):
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="+")
    attendant = models.ForeignKey(Attendant, on_delete=models.PROTECT, related_name="events")
    spot = models.ForeignKey(Spot, on_delete=models.PROTECT, related_name="events")
    vehicle_class = models.CharField(_("golongan"), max_length=16, choices=VehicleClass.choices)
    plate = models.CharField(_("nomor polisi"), max_length=12, blank=True)
    tariff = models.ForeignKey(Tariff, on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveIntegerField(_("tarif (Rp)"))
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=EventStatus.choices)
    # The payment core knows this event as a payable with the same order id; parking never
    # reads or writes payment tables directly (see payment_port).
    order_id = models.CharField(_("nomor order"), max_length=50)
    client_ref = models.CharField(max_length=64, blank=True)
    receipt_token = models.CharField(max_length=32)
    qris = models.TextField(blank=True)
    # When the vehicle was served: now for an online record, the capture time for cash
    # recorded on the phone without signal and sent later (rollup hours key on it).
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    # When an offline cash record reached the server; empty for records made online.
    synced_at = models.DateTimeField(_("diterima server"), null=True, blank=True)
    business_date = models.DateField(_("tanggal (WIB)"))
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)
    paid_at = models.DateTimeField(_("dibayar"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("dibayar (Rp)"), default=0)
    flags = models.JSONField(_("tanda"), default=list, blank=True)

    class Meta:
        verbose_name = _("transaksi parkir")
        verbose_name_plural = _("transaksi parkir")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["regency", "business_date", "channel"]),
            models.Index(fields=["regency", "attendant", "business_date"]),
            models.Index(fields=["regency", "status", "expires_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["regency", "order_id"], name="event_unique_order"),
            models.UniqueConstraint(
                fields=["regency", "receipt_token"], name="event_unique_receipt"
            ),
            # A double tap on a flaky network must not create two charges.
            models.UniqueConstraint(
                fields=["regency", "attendant", "client_ref"],
                condition=~Q(client_ref=""),
                name="event_unique_client_ref",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="event_amount_positive"),
            models.CheckConstraint(
                condition=Q(channel="qris") | Q(status="cash"), name="event_cash_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.get_vehicle_class_display()} Rp{self.amount}"
