from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from kotacerdas.core.models import Role, User
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record, snapshot
from kotacerdas.parking.errors import ParkingError
from kotacerdas.parking.models import Attendant, CashDeposit, ConcessionInstalment
from kotacerdas.parking.selectors import cash_expected, sees_all_parking


class DepositRefused(ParkingError):
    code = "deposit_refused"
    status = 403


def deposit_record(
    *,
    recorded_by: User,
    attendant: Attendant,
    business_date: date,
    deposited_amount: int,
    note: str = "",
) -> CashDeposit:
    """A korlap records an attendant's cash for a day. The expected amount is frozen from
    the cash the attendant recorded, so the discrepancy (kurang/lebih setor) is exact."""
    if (
        isinstance(deposited_amount, bool)
        or not isinstance(deposited_amount, int)
        or deposited_amount < 0
    ):
        raise ParkingError(
            "Jumlah setoran harus bilangan bulat rupiah, tidak negatif.", code="invalid_amount"
        )
    roles = user_roles(recorded_by)
    is_coordinator = Role.KORLAP in roles and attendant.coordinator_id == recorded_by.pk
    # Dishub/Bapenda officers and administrators may record too; auditors never write.
    is_levy_staff = sees_all_parking(recorded_by) and Role.AUDITOR not in roles
    if not (is_coordinator or is_levy_staff):
        raise DepositRefused(
            "Hanya korlap jukir ini (atau petugas Dishub) yang boleh mencatat setoran."
        )
    with transaction.atomic():
        expected = cash_expected(attendant, business_date)
        try:
            with transaction.atomic():
                deposit = CashDeposit.objects.create(
                    regency=attendant.regency,
                    attendant=attendant,
                    business_date=business_date,
                    expected_amount=expected,
                    deposited_amount=deposited_amount,
                    recorded_by=recorded_by,
                    note=note[:200],
                )
        except IntegrityError as exc:
            raise ParkingError(
                "Setoran untuk jukir dan tanggal ini sudah dicatat.", code="deposit_exists"
            ) from exc
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
