"""Parking JSON API (``/api/v1/parking/...``): the attendant app and outside checks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from kotacerdas.core.api_auth import API_AUTH
from kotacerdas.core.api_errors import ApiError
from kotacerdas.core.models import Role
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user
from kotacerdas.core.timeutil import local_date
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.models import Attendant, ParkingEvent, Spot
from kotacerdas.parking.realisation import MAX_RANGE_DAYS, range_report
from kotacerdas.parking.selectors import (
    attendant_active_spots,
    attendant_for,
    scoped_events,
    spot_tariffs,
    tariff_rules,
)
from kotacerdas.parking.services.events import cash_record, charge_create
from kotacerdas.parking.services.offline import OfflineCash, offline_cash_sync

router = Router(tags=["parking"], auth=API_AUTH)

# ``from`` is a Python keyword: the query parameters are aliased.
FROM_PARAM = Query(None, alias="from")
TO_PARAM = Query(None, alias="to")
SUMMARY_ROLES = frozenset({Role.JUKIR, Role.KORLAP, Role.OFFICER, Role.ADMIN, Role.AUDITOR})


class ChargeIn(Schema):
    spot: str
    vehicle_class: str
    plate: str = ""


def _attendant(request: HttpRequest) -> Attendant | None:
    """The caller's attendant record. Callers without the jukir role are refused; a jukir
    account that Dishub has not registered yet gets None (no spots, no charges)."""
    user = acting_user(request)
    if Role.JUKIR not in user_roles(user):
        raise ApiError(403, "forbidden", "Hanya juru parkir yang dapat melakukan ini.")
    return attendant_for(user)


def _registered(request: HttpRequest) -> Attendant:
    attendant = _attendant(request)
    if attendant is None:
        raise ApiError(403, "not_assigned", "Akun ini belum terdaftar sebagai juru parkir.")
    return attendant


def _spot(attendant: Attendant, code: str) -> Spot:
    spot = Spot.objects.filter(regency=attendant.regency, code=code).select_related("zone").first()
    if spot is None:
        raise ApiError(404, "unknown_spot", f"Titik parkir {code!r} tidak ditemukan.")
    return spot


def event_json(
    request: HttpRequest, event: ParkingEvent, *, detail: bool = False
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": event.pk,
        "order_id": event.order_id,
        "amount": event.amount,
        "status": event.status,
        "channel": event.channel,
        "vehicle_class": event.vehicle_class,
        "plate": event.plate,
        "spot": event.spot.code,
        "qris": event.qris or None,
        "expires_at": event.expires_at.isoformat() if event.expires_at else None,
        "receipt_url": request.build_absolute_uri(f"/r/{event.receipt_token}"),
    }
    if detail:
        body.update(
            paid_amount=event.paid_amount,
            paid_at=event.paid_at.isoformat() if event.paid_at else None,
            flags=list(event.flags),
        )
    return body


@router.get("/parking/spots", summary="Titik parkir aktif pemanggil, dengan tarif per golongan")
def spots(request: HttpRequest) -> list[dict[str, Any]]:
    attendant = _attendant(request)
    if attendant is None:
        return []
    today = local_date(attendant.regency)
    rules = tariff_rules(attendant.regency)
    return [
        {
            "code": spot.code,
            "name": spot.name,
            "street": spot.street,
            "lat": float(spot.lat),
            "lon": float(spot.lon),
            "tariffs": spot_tariffs(spot, today, rules),
        }
        for spot in attendant_active_spots(attendant, today)
    ]


@router.post(
    "/parking/charges",
    response={201: dict[str, Any]},
    summary="Buat QRIS dinamis untuk satu kendaraan",
)
def charges_create(request: HttpRequest, payload: ChargeIn) -> Status[dict[str, Any]]:
    return Status(201, event_json(request, _record(request, payload, charge_create)))


def _record(
    request: HttpRequest, payload: ChargeIn, write: Callable[..., ParkingEvent]
) -> ParkingEvent:
    """Shared by QRIS and cash: the caller's spot, the service call, errors as API errors.
    ``Idempotency-Key`` makes a retried request return the first event."""
    attendant = _registered(request)
    spot = _spot(attendant, payload.spot)
    try:
        return write(
            attendant=attendant,
            spot=spot,
            vehicle_class=payload.vehicle_class,
            plate=payload.plate,
            client_ref=request.headers.get("Idempotency-Key", "")[:64],
        )
    except ParkingError as exc:  # invalid plates included (InvalidPlate)
        raise ApiError(exc.status, exc.code, exc.message) from exc


@router.get("/parking/charges/{charge_id}", summary="Status satu transaksi")
def charges_detail(request: HttpRequest, charge_id: int) -> dict[str, Any]:
    user = acting_user(request)
    if not user_roles(user) & SUMMARY_ROLES:
        raise ApiError(403, "forbidden", "Anda tidak berhak melihat transaksi parkir.")
    regency = user.regency
    if regency is None:
        raise ApiError(403, "forbidden", "Akun ini tidak terikat ke kabupaten.")
    event = get_object_or_404(scoped_events(user, regency).select_related("spot"), pk=charge_id)
    return event_json(request, event, detail=True)


@router.post("/parking/cash", response={201: dict[str, Any]}, summary="Catat pembayaran tunai")
def cash_create(request: HttpRequest, payload: ChargeIn) -> Status[dict[str, Any]]:
    return Status(201, event_json(request, _record(request, payload, cash_record), detail=True))


# Epoch milliseconds, as the phone's ``Date.now()`` gives them; bounded to years 2001-2286
# so a far date is a validation error, not an overflow.
EpochMs = Annotated[int, Field(ge=10**12, le=10**13 - 1)]
OFFLINE_BATCH_MAX = 50


class OfflineCashIn(Schema):
    key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    spot: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")
    vehicle_class: str = Field(min_length=1, max_length=16, pattern=r"^[a-z_]+$")
    plate: str = Field("", max_length=16, pattern=r"^[A-Za-z0-9 ]*$")
    captured_at: EpochMs
    # True once the phone had to keep the record (no signal when taken, or a failed send).
    waited: bool = True


class OfflineSyncIn(Schema):
    records: list[OfflineCashIn] = Field(min_length=1, max_length=OFFLINE_BATCH_MAX)


@router.post(
    "/parking/cash/offline",
    summary="Kirim catatan tunai yang dibuat tanpa sinyal (dengan waktu pencatatan)",
)
def cash_offline(request: HttpRequest, payload: OfflineSyncIn) -> dict[str, Any]:
    """Each record is booked at its capture time or refused with a stored reason; both
    answers repeat unchanged when the phone sends the same key again."""
    attendant = _registered(request)
    records = [
        OfflineCash(
            key=r.key,
            spot=r.spot,
            vehicle_class=r.vehicle_class,
            plate=r.plate,
            captured_at=datetime.fromtimestamp(r.captured_at / 1000, tz=UTC),
            waited=r.waited,
        )
        for r in payload.records
    ]
    results: list[dict[str, Any]] = []
    for outcome in offline_cash_sync(attendant=attendant, records=records):
        row: dict[str, Any] = {"key": outcome.key, "status": outcome.status}
        if outcome.event is not None:
            row["event"] = event_json(request, outcome.event, detail=True)
            row["business_date"] = outcome.event.business_date.isoformat()
        elif outcome.refusal is not None:
            row["code"] = outcome.refusal.code
            row["reason"] = outcome.refusal.reason
        results.append(row)
    return {
        "results": results,
        "synced": sum(r["status"] == "synced" for r in results),
        "refused": sum(r["status"] == "refused" for r in results),
    }


@router.get(
    "/parking/summary", summary="Rekap sesuai cakupan pemanggil untuk satu hari atau rentang"
)
def summary(
    request: HttpRequest,
    date: date | None = None,
    start: date | None = FROM_PARAM,
    end: date | None = TO_PARAM,
) -> dict[str, Any]:
    """``from``/``to`` are inclusive WIB dates; ``date`` is a shorthand for one day; with
    neither, today. ``by_spot`` lists every active spot in the caller's scope, including
    spots that collected nothing, with ``count``, ``total``, ``cash_total``,
    ``cashless_total`` and ``potential`` (rupiah)."""
    user = acting_user(request)
    if not user_roles(user) & SUMMARY_ROLES or user.regency is None:
        raise ApiError(403, "forbidden", "Anda tidak berhak melihat rekap parkir.")
    if date is not None and (start is not None or end is not None):
        raise ApiError(400, "invalid_range", "Pakai date, atau from dan to, bukan keduanya.")
    first = date or start or end or local_date(user.regency)
    last = date or end or first
    if last < first:
        raise ApiError(400, "invalid_range", "Tanggal 'to' tidak boleh sebelum 'from'.")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ApiError(400, "invalid_range", f"Rentang paling panjang {MAX_RANGE_DAYS} hari.")
    return range_report(user, user.regency, first, last).as_api()
