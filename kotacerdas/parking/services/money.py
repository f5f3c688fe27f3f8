from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.inputs import InputRefused, clean_text
from kotacerdas.parking.models import (
    Attendant,
    CashDeposit,
    ConcessionInstalment,
    CorrectionStatus,
    DepositCorrection,
)
from kotacerdas.parking.models.money import CORRECTION_TRANSITIONS
from kotacerdas.parking.selectors import cash_expected, sees_all_parking

NOTE_MAX = 200


def deposit_maximum() -> int:
    """The largest single deposit (or correction) a form accepts; configurable because
    a busy market spot's day differs by regency."""
    return int(getattr(settings, "KOTACERDAS_PARKING_DEPOSIT_MAX", 5_000_000))


def is_dishub_approver(user: User) -> bool:
    """Corrections are approved by a Dishub officer (the levy's owner) or an admin."""
    roles = user_roles(user)
    if Role.ADMIN in roles:
        return True
    opd = getattr(user, "opd", None)
    return Role.OFFICER in roles and opd is not None and opd.code == "dishub"


class DepositRefused(ParkingError):
    code = "deposit_refused"
    status = 403


def _may_record(recorded_by: User, attendant: Attendant) -> bool:
    roles = user_roles(recorded_by)
    is_coordinator = Role.KORLAP in roles and attendant.coordinator_id == recorded_by.pk
    # Dishub/Bapenda officers and administrators may record too; auditors never write.
    is_levy_staff = sees_all_parking(recorded_by) and Role.AUDITOR not in roles
    return is_coordinator or is_levy_staff


def deposit_record(
    *,
    recorded_by: User,
    attendant: Attendant,
    business_date: date,
    deposited_amount: int,
    note: str = "",
) -> CashDeposit:
    """A korlap records cash an attendant hands over (one of possibly several that day).
    The expected amount is frozen from the cash the attendant recorded, so the
    discrepancy (kurang/lebih setor) is exact."""
    if (
        isinstance(deposited_amount, bool)
        or not isinstance(deposited_amount, int)
        or deposited_amount < 0
    ):
        raise ParkingError(
            "Jumlah setoran harus bilangan bulat rupiah, tidak negatif.", code="invalid_amount"
        )
    if deposited_amount > deposit_maximum():
        raise ParkingError("Jumlah setoran melebihi batas yang diizinkan.", code="invalid_amount")
    if business_date > timezone.localdate():
        raise ParkingError("Tanggal setoran tidak boleh di masa depan.", code="invalid_date")
    try:
        clean_note = clean_text(note, max_length=NOTE_MAX, label="Catatan")
    except InputRefused as exc:
        raise ParkingError(str(exc), code="invalid_note") from exc
    if not _may_record(recorded_by, attendant):
        raise DepositRefused(
            "Hanya korlap jukir ini (atau petugas Dishub) yang boleh mencatat setoran."
        )
    with transaction.atomic():
        expected = cash_expected(attendant, business_date)
        deposit = CashDeposit.objects.create(
            regency=attendant.regency,
            attendant=attendant,
            business_date=business_date,
            expected_amount=expected,
            deposited_amount=deposited_amount,
            recorded_by=recorded_by,
            note=clean_note,
        )
        audit_record(
            regency=attendant.regency,
            actor=recorded_by,
            action="parking.deposit.record",
            obj=deposit,
            after={
                "attendant": attendant.code,
                "date": business_date.isoformat(),
                "expected": expected,
                "deposited": deposited_amount,
                "discrepancy": deposit.discrepancy,
            },
        )
        return deposit


def correction_request(
    *, requested_by: User, deposit: CashDeposit, amount: int, reason: str
) -> DepositCorrection:
    """A signed correction to a recorded deposit; the deposit row itself never changes."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
        raise ParkingError("Koreksi harus bilangan bulat rupiah, bukan nol.", code="invalid_amount")
    if abs(amount) > deposit_maximum():
        raise ParkingError("Koreksi melebihi batas yang diizinkan.", code="invalid_amount")
    try:
        clean_reason = clean_text(reason, max_length=NOTE_MAX, label="Alasan", required=True)
    except InputRefused as exc:
        raise ParkingError(str(exc), code="invalid_reason") from exc
    if not _may_record(requested_by, deposit.attendant):
        raise DepositRefused("Anda tidak berhak mengoreksi setoran jukir ini.")
    if deposit.deposited_amount + amount < 0:
        raise ParkingError("Koreksi membuat setoran menjadi negatif.", code="invalid_amount")
    with transaction.atomic():
        correction = DepositCorrection.objects.create(
            regency=deposit.regency,
            deposit=deposit,
            amount=amount,
            reason=clean_reason,
            requested_by=requested_by,
        )
        audit_record(
            regency=deposit.regency,
            actor=requested_by,
            action="parking.deposit.correction_request",
            obj=correction,
            after={"deposit": deposit.pk, "amount": amount, "reason": clean_reason},
        )
        return correction


def correction_decide(
    *, decided_by: User, correction: DepositCorrection, approve: bool, note: str = ""
) -> DepositCorrection:
    """Dishub approves or rejects; the requester cannot decide their own correction."""
    if not is_dishub_approver(decided_by):
        raise DepositRefused("Koreksi setoran hanya dapat diputuskan oleh petugas Dishub.")
    try:
        clean_note = clean_text(note, max_length=NOTE_MAX, label="Catatan")
    except InputRefused as exc:
        raise ParkingError(str(exc), code="invalid_note") from exc
    with transaction.atomic():
        locked = DepositCorrection.objects.select_for_update().get(pk=correction.pk)
        if locked.requested_by_id == decided_by.pk:
            raise DepositRefused("Koreksi tidak dapat disetujui oleh pengajunya sendiri.")
        to = CorrectionStatus.APPROVED if approve else CorrectionStatus.REJECTED
        if to not in CORRECTION_TRANSITIONS[locked.status]:
            raise ParkingError("Koreksi ini sudah diputuskan.", code="already_decided")
        locked.status = to
        locked.decided_by = decided_by
        locked.decided_at = timezone.now()
        locked.decision_note = clean_note
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        audit_record(
            regency=locked.regency,
            actor=decided_by,
            action=f"parking.deposit.correction_{to}",
            obj=locked,
            before={"status": CorrectionStatus.PENDING},
            after={"status": to, "amount": locked.amount, "note": clean_note},
        )
        return locked


def instalment_pay(
    *, instalment: ConcessionInstalment, amount: int, paid_on: date, reference: str, actor: User
) -> ConcessionInstalment:
    """Record a pengelola's payment against an instalment (partial payments add up)."""
    if amount <= 0:
        raise ParkingError("Jumlah pembayaran harus lebih dari nol.", code="invalid_amount")
    with transaction.atomic():
        locked = ConcessionInstalment.objects.select_for_update().get(pk=instalment.pk)
        if locked.paid_amount + amount > locked.amount:
            raise ParkingError("Pembayaran melebihi nilai angsuran.", code="overpayment")
        before = snapshot(locked, ["paid_amount", "paid_at", "reference"])
        locked.paid_amount += amount
        locked.paid_at = paid_on
        locked.reference = reference[:80]
        locked.save(update_fields=["paid_amount", "paid_at", "reference"])
        audit_record(
            regency=locked.regency,
            actor=actor,
            action="parking.instalment.pay",
            obj=locked,
            before=before,
            after=snapshot(locked, ["paid_amount", "paid_at", "reference"]),
        )
        return locked
