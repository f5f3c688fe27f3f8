"""Charges (QRIS) and cash records for one parked vehicle."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kotacerdas.core.models import User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import local_date
from kotacerdas.parking import payment_port
from kotacerdas.parking.errors import (
    GatewayUnavailable,
    NoTariffForClass,
    NotAssigned,
    ParkingError,
)
from kotacerdas.parking.models import (
    Attendant,
    Channel,
    EventStatus,
    ParkingEvent,
    Spot,
    VehicleClass,
)
from kotacerdas.parking.models.events import TRANSITIONS
from kotacerdas.parking.selectors import active_assignments, tariff_for
from kotacerdas.parking.tariffs import NoTariff

_PLATE = re.compile(r"^[A-Z]{1,2}\s?\d{1,4}\s?[A-Z]{0,3}$")
OWNER_TYPE = "parking.event"


class InvalidTransition(ValueError):
    """A status move that the transition table does not allow."""


class InvalidPlate(ParkingError, ValueError):
    code = "invalid_plate"
    status = 422


class IdempotencyKeyReused(ParkingError):
    """The same Idempotency-Key (client_ref) came with a different request."""

    code = "idempotency_key_reused"
    status = 422


class ChargeInProgress(ParkingError):
    code = "charge_in_progress"
    status = 409


class ChargeRefused(ParkingError):
    code = "charge_refused"
    status = 409


def normalise_plate(plate: str) -> str:
    """``kh 1234 ab`` → ``KH 1234 AB``; empty stays empty; anything else is refused."""
    compact = re.sub(r"\s+", "", plate.upper())
    if not compact:
        return ""
    match = re.fullmatch(r"([A-Z]{1,2})(\d{1,4})([A-Z]{0,3})", compact)
    if not match:
        raise InvalidPlate("nomor polisi tidak dikenali (contoh: KH 1234 AB)")
    return " ".join(part for part in match.groups() if part)


def _check_assignment(attendant: Attendant, spot: Spot, day: datetime) -> None:
    # Read from the database, not the caller's copy: a deactivation must stop charges at
    # once, even for a request that loaded the attendant a moment earlier.
    if not Attendant.objects.filter(pk=attendant.pk, is_active=True).exists():
        raise NotAssigned("Juru parkir ini tidak aktif.")
    if spot.regency_id != attendant.regency_id or not spot.is_active:
        raise NotAssigned("Titik parkir ini bukan tugas Anda.")
    if (
        not active_assignments(attendant, local_date(attendant.regency, day))
        .filter(spot=spot)
        .exists()
    ):
        raise NotAssigned("Anda tidak bertugas di titik parkir ini hari ini.")


def _new_order_id(attendant: Attendant) -> str:
    # Regency code + attendant + random: unique without a global sequence (Citus-safe),
    # readable on a receipt, and within Midtrans' 50-character limit.
    return f"PKR-{attendant.regency.code}-{attendant.code}-{secrets.token_hex(5).upper()}"


def _same_request(
    event: ParkingEvent, spot: Spot, vehicle_class: str, plate: str, channel: str
) -> None:
    """A retried request returns its first event; a *different* request under the same
    key is refused, never silently answered with someone else's event."""
    same = (event.spot_id, event.vehicle_class, event.plate, event.channel) == (
        spot.pk,
        vehicle_class,
        normalise_plate(plate),
        channel,
    )
    if not same:
        raise IdempotencyKeyReused(
            "Kunci Idempotency-Key ini sudah dipakai untuk transaksi lain. "
            "Gunakan kunci baru untuk kendaraan baru."
        )


def _prepare(
    *,
    attendant: Attendant,
    spot: Spot,
    vehicle_class: str,
    plate: str,
    channel: str,
    client_ref: str,
    captured_at: datetime | None = None,
) -> tuple[ParkingEvent, bool]:
    """Create the event row (or find the one this client_ref already made). For cash
    recorded offline, ``captured_at`` is when it was taken: the duty check, tariff,
    business date and rollup hour all follow that moment, not the time it arrived."""
    if vehicle_class not in VehicleClass.values:
        raise NoTariffForClass(f"golongan kendaraan tidak dikenal: {vehicle_class}")
    received = timezone.now()
    now = captured_at or received
    _check_assignment(attendant, spot, now)
    if client_ref:
        existing = ParkingEvent.objects.filter(
            regency=attendant.regency, attendant=attendant, client_ref=client_ref[:64]
        ).first()
        if existing is not None:
            _same_request(existing, spot, vehicle_class, plate, channel)
            return existing, False
    try:
        tariff = tariff_for(spot, vehicle_class, local_date(attendant.regency, now))
    except NoTariff as exc:
        raise NoTariffForClass("Tidak ada tarif untuk golongan ini di titik ini.") from exc
    cash = channel == Channel.CASH
    ttl = timedelta(seconds=settings.KOTACERDAS_CHARGE_TTL_SECONDS)
    try:
        with transaction.atomic():
            event = ParkingEvent.objects.create(
                regency=attendant.regency,
                attendant=attendant,
                spot=spot,
                vehicle_class=vehicle_class,
                plate=normalise_plate(plate),
                tariff=tariff,
                amount=tariff.amount,
                channel=channel,
                status=EventStatus.CASH if cash else EventStatus.PENDING,
                order_id=_new_order_id(attendant),
                client_ref=client_ref[:64],
                receipt_token=secrets.token_urlsafe(18),
                business_date=local_date(attendant.regency, now),
                expires_at=None if cash else now + ttl,
                paid_amount=tariff.amount if cash else 0,
                paid_at=now if cash else None,
                created_at=now,
                synced_at=received if captured_at else None,
            )
            audit_record(
                regency=attendant.regency,
                actor=attendant.user,
                action="parking.cash.record" if cash else "parking.charge.create",
                obj=event,
                after={
                    "order_id": event.order_id,
                    "spot": spot.code,
                    "vehicle_class": vehicle_class,
                    "amount": event.amount,
                    "tariff": tariff.pk,
                    "channel": channel,
                    "captured_at": now.isoformat() if captured_at else None,
                },
            )
    except IntegrityError:
        # A concurrent request with the same client_ref won the race: return its event.
        if not client_ref:
            raise
        existing = ParkingEvent.objects.get(
            regency=attendant.regency, attendant=attendant, client_ref=client_ref[:64]
        )
        _same_request(existing, spot, vehicle_class, plate, channel)
        return existing, False
    return event, True


def charge_create(
    *, attendant: Attendant, spot: Spot, vehicle_class: str, plate: str = "", client_ref: str = ""
) -> ParkingEvent:
    """A dynamic QRIS for one vehicle. The event row exists before the gateway is called
    (so a crash in between leaves a record, and a retry reuses the order id); the gateway
    call happens outside any transaction or lock."""
    event, _created = _prepare(
        attendant=attendant,
        spot=spot,
        vehicle_class=vehicle_class,
        plate=plate,
        channel=Channel.QRIS,
        client_ref=client_ref,
    )
    if event.qris or event.status != EventStatus.PENDING:
        return event
    try:
        charge = payment_port.open_charge(event)
    except payment_port.PaymentUnavailable as exc:
        raise GatewayUnavailable(
            "Gateway pembayaran tidak dapat dihubungi. Coba lagi, atau terima tunai."
        ) from exc
    except payment_port.PaymentInProgress as exc:
        raise ChargeInProgress("QRIS sedang dibuat. Tunggu sebentar lalu coba lagi.") from exc
    except payment_port.PaymentRefused as exc:
        raise ChargeRefused("Tagihan ini ditolak sistem pembayaran. Buat transaksi baru.") from exc
    ParkingEvent.objects.filter(pk=event.pk, qris="").update(qris=charge.qr_string)
    event.refresh_from_db()
    return event


def cash_record(
    *,
    attendant: Attendant,
    spot: Spot,
    vehicle_class: str,
    plate: str = "",
    client_ref: str = "",
    captured_at: datetime | None = None,
) -> ParkingEvent:
    """Cash handed to the attendant. ``captured_at`` is set only for a record taken on
    the phone without signal; the caller (services/offline.py) has checked its window."""
    event, _created = _prepare(
        attendant=attendant,
        spot=spot,
        vehicle_class=vehicle_class,
        plate=plate,
        channel=Channel.CASH,
        client_ref=client_ref,
        captured_at=captured_at,
    )
    return event


def event_transition(
    *,
    event_id: int,
    to: EventStatus,
    paid_amount: int | None = None,
    paid_at: datetime | None = None,
    flags: list[str] | None = None,
    actor: User | None = None,
    reason: str = "",
) -> ParkingEvent:
    """The one place a parking event changes status. Called by the payment hooks (paid,
    expired, flagged) and the expiry job; refuses any move not in TRANSITIONS, and is a
    no-op when the event is already there (payment callbacks repeat)."""
    with transaction.atomic():
        event = ParkingEvent.objects.select_for_update().get(pk=event_id)
        new_flags = sorted(set(event.flags) | set(flags or []))
        if event.status == to:
            if new_flags != event.flags:
                event.flags = new_flags
                event.save(update_fields=["flags"])
            return event
        if to not in TRANSITIONS[event.status]:
            raise InvalidTransition(f"{event.status} → {to} is not allowed")
        before = {"status": event.status, "paid_amount": event.paid_amount, "flags": event.flags}
        if to == EventStatus.PAID and event.status in (EventStatus.EXPIRED, EventStatus.CANCELLED):
            new_flags = sorted(set(new_flags) | {"late_payment"})
        event.status = to
        event.flags = new_flags
        if paid_amount is not None:
            event.paid_amount = paid_amount
        if paid_at is not None:
            event.paid_at = paid_at
        event.save(update_fields=["status", "flags", "paid_amount", "paid_at"])
        audit_record(
            regency=event.regency,
            actor=actor,
            action=f"parking.event.{to}",
            obj=event,
            before=before,
            after={
                "status": event.status,
                "paid_amount": event.paid_amount,
                "flags": event.flags,
                "reason": reason,
            },
        )
        return event
