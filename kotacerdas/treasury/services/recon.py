"""The reconciliation run (matching every imported line against the ledger and the bank,
turning each finding into a mismatch row), the audited resolution of a mismatch, and
Bapenda's sign-off. A signed period is locked: its mismatches are neither resolved,
cleared nor re-opened any more."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from kotacerdas.core.models import Regency, User
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import local_date, zone_of
from kotacerdas.payments.selectors import charges_by_order_ids, charges_paid_between
from kotacerdas.treasury import matching
from kotacerdas.treasury.models import (
    MISMATCH_TRANSITIONS,
    BankCredit,
    Mismatch,
    MismatchStatus,
    Period,
    ProviderTerms,
    SettlementLine,
    SignOff,
)
from kotacerdas.treasury.selectors import can_sign, period_summary
from kotacerdas.treasury.services import TreasuryError

# Without a configured row: the regular QRIS MDR of 0.7 % (shared doc §15), Midtrans
# paying out T+1 and Xendit T+2 (docs.xendit.co, QRIS commercials), the bank credit at
# most one working day after the settlement day.
DEFAULT_TERMS = {
    "midtrans": matching.Terms(
        mdr_bp=70, settlement_lag_days=1, credit_days=1, bank_keyword="MIDTRANS"
    ),
    "xendit": matching.Terms(
        mdr_bp=70, settlement_lag_days=2, credit_days=1, bank_keyword="XENDIT"
    ),
}
PROVIDERS = list(DEFAULT_TERMS)
WINDOW_DAYS = 92
NOTE_MIN, NOTE_MAX = 10, 1000


def terms_for(regency: Regency) -> dict[str, matching.Terms]:
    terms = dict(DEFAULT_TERMS)
    for row in ProviderTerms.objects.filter(regency=regency):
        terms[row.provider] = matching.Terms(
            row.mdr_bp, row.settlement_lag_days, row.credit_days, row.bank_keyword
        )
    return terms


@lru_cache(maxsize=8)
def _holidays(first_year: int, last_year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=range(first_year, last_year + 1)))


def holidays_between(start: date, end: date) -> frozenset[date]:
    return _holidays(start.year, end.year + 1)


@dataclass
class RunOutcome:
    found: int = 0
    cleared: int = 0
    reopened: int = 0


def signed(regency: Regency, day: date) -> bool:
    return SignOff.objects.filter(
        Q(period=Period.DAY, start=day) | Q(period=Period.MONTH, start=day.replace(day=1)),
        regency=regency,
    ).exists()


def _signed_days(regency: Regency, start: date) -> set[date]:
    days: set[date] = set()
    for sign in SignOff.objects.filter(regency=regency, start__gte=start.replace(day=1)):
        if sign.period == Period.DAY:
            days.add(sign.start)
        else:
            last = monthrange(sign.start.year, sign.start.month)[1]
            days.update(sign.start.replace(day=d) for d in range(1, last + 1))
    return days


def recon_run(*, regency: Regency, as_of: date | None = None) -> RunOutcome:
    """Match the last ``WINDOW_DAYS`` days and bring the mismatch rows in line with the
    findings. Safe to repeat: a finding already recorded changes nothing."""
    as_of = as_of or local_date(regency)
    start = as_of - timedelta(days=WINDOW_DAYS)
    zone = zone_of(regency)
    lines = list(SettlementLine.objects.filter(regency=regency, settled_on__gte=start))
    window = charges_paid_between(
        regency=regency,
        providers=PROVIDERS,
        start=datetime.combine(start, time.min, zone),
        end=datetime.combine(as_of + timedelta(days=1), time.min, zone),
    )
    charges = {c.order_id: c for c in window}
    late = [ln.order_id for ln in lines if ln.order_id not in charges]
    for charge in charges_by_order_ids(regency=regency, order_ids=late):
        if charge.status == "paid" and charge.paid_at is not None:
            charges[charge.order_id] = charge
    paid = [
        matching.Paid(c.order_id, c.provider, c.paid_amount, local_date(regency, c.paid_at))
        for c in charges.values()
        if c.paid_at is not None
    ]
    result = matching.reconcile(
        paid=paid,
        lines=[
            matching.Line(
                f"{ln.provider}:{ln.transaction_id}",
                ln.provider,
                ln.order_id,
                ln.gross,
                ln.fee,
                ln.net,
                ln.settled_on,
            )
            for ln in lines
        ],
        credits=[
            matching.Credit(f"{c.account}:{c.reference}", c.value_date, c.amount, c.description)
            for c in BankCredit.objects.filter(regency=regency, value_date__gte=start)
        ],
        terms=terms_for(regency),
        as_of=as_of,
        holidays=holidays_between(start, as_of),
    )
    outcome = RunOutcome()
    locked = _signed_days(regency, start)
    with transaction.atomic():
        current = {
            (m.kind, m.key): m
            for m in Mismatch.objects.select_for_update().filter(regency=regency, day__gte=start)
        }
        wanted = {(f.kind, f.key[:120]): f for f in result.findings}
        for (kind, key), finding in wanted.items():
            row = current.get((kind, key))
            if row is None:
                row, made = Mismatch.objects.get_or_create(
                    regency=regency,
                    kind=kind,
                    key=key,
                    defaults={
                        "day": finding.day,
                        "order_id": finding.order_id[:100],
                        "expected": finding.expected,
                        "actual": finding.actual,
                        "detail": finding.detail[:200],
                    },
                )
                if made:
                    outcome.found += 1
                    audit_record(
                        regency=regency,
                        actor=None,
                        action="treasury.mismatch.found",
                        obj=row,
                        after={"kind": kind, "key": key},
                    )
                    continue
            if row.status == MismatchStatus.CLEARED and row.day not in locked:
                _move(row, MismatchStatus.OPEN, None, "")
                outcome.reopened += 1
        for (kind, key), row in current.items():
            if (kind, key) in wanted or row.status != MismatchStatus.OPEN or row.day in locked:
                continue
            _move(row, MismatchStatus.CLEARED, None, "data susulan menjelaskan selisih ini")
            outcome.cleared += 1
    return outcome


def _move(row: Mismatch, to: str, actor: User | None, note: str) -> None:
    if to not in MISMATCH_TRANSITIONS[row.status]:
        raise TreasuryError("Perubahan status ini tidak diizinkan.")
    before = {"status": row.status}
    row.status = to
    if note:
        row.note = note
    if to == MismatchStatus.RESOLVED:
        row.resolved_by, row.resolved_at = actor, timezone.now()
    row.save(update_fields=["status", "note", "resolved_by", "resolved_at"])
    audit_record(
        regency=row.regency,
        actor=actor,
        action=f"treasury.mismatch.{to}",
        obj=row,
        before=before,
        after={"status": to, "note": note[:200]},
    )


def mismatch_resolve(*, mismatch: Mismatch, actor: User, note: str) -> Mismatch:
    note = " ".join(note.replace("\x00", "").split())
    if not NOTE_MIN <= len(note) <= NOTE_MAX:
        raise TreasuryError(f"Catatan wajib diisi, {NOTE_MIN}–{NOTE_MAX} karakter.")
    with transaction.atomic():
        row = Mismatch.objects.select_for_update().get(pk=mismatch.pk)
        if signed(row.regency, row.day):
            raise TreasuryError("Periode ini sudah disahkan Bapenda dan terkunci.")
        if row.status != MismatchStatus.OPEN:
            raise TreasuryError("Selisih ini sudah tidak terbuka.")
        _move(row, MismatchStatus.RESOLVED, actor, note)
    return row


def signoff_create(
    *, regency: Regency, period: str, start: date, actor: User, note: str = ""
) -> SignOff:
    """Bapenda signs a past day or month that has no open mismatch left."""
    if not can_sign(actor) or actor.regency_id != regency.pk:
        raise TreasuryError("Hanya petugas Bapenda yang dapat mengesahkan rekonsiliasi.")
    if period == Period.MONTH:
        start = start.replace(day=1)
        end = start.replace(day=monthrange(start.year, start.month)[1])
    elif period == Period.DAY:
        end = start
    else:
        raise TreasuryError("Periode tidak dikenal.")
    if end >= local_date(regency):
        raise TreasuryError("Hanya periode yang sudah lewat yang dapat disahkan.")
    note = " ".join(note.replace("\x00", "").split())[:500]
    try:
        return _sign(regency, period, start, end, actor, note)
    except IntegrityError as exc:  # a second signer in the same instant
        raise TreasuryError("Periode ini sudah disahkan.") from exc


def _sign(regency: Regency, period: str, start: date, end: date, actor: User, note: str) -> SignOff:
    with transaction.atomic():
        open_rows = Mismatch.objects.filter(
            regency=regency, day__gte=start, day__lte=end, status=MismatchStatus.OPEN
        ).count()
        if open_rows:
            raise TreasuryError(
                f"Masih ada {open_rows} selisih terbuka; selesaikan dulu dengan catatan."
            )
        if SignOff.objects.filter(regency=regency, period=period, start=start).exists():
            raise TreasuryError("Periode ini sudah disahkan.")
        sign = SignOff.objects.create(
            regency=regency,
            period=period,
            start=start,
            signed_by=actor,
            note=note,
            summary=period_summary(regency, start, end),
        )
        audit_record(
            regency=regency,
            actor=actor,
            action="treasury.signoff",
            obj=sign,
            after={"period": period, "start": start.isoformat(), **sign.summary},
        )
    return sign
