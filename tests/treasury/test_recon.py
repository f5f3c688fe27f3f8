"""Imports and the reconciliation run on the real ledger and database: each mismatch
class from real files, idempotent re-import, resolution with an audited note, Bapenda's
sign-off and its lock, and a second regency that never sees the first's data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kotacerdas.core.models import OPD, AuditLog, Regency, Role
from kotacerdas.treasury.models import (
    BankCredit,
    ImportFile,
    Mismatch,
    MismatchKind,
    MismatchStatus,
    Period,
    ProviderTerms,
    SettlementLine,
    SignOff,
)
from kotacerdas.treasury.parsers import FileRejected
from kotacerdas.treasury.services import TreasuryError
from kotacerdas.treasury.services.imports import file_import
from kotacerdas.treasury.services.recon import mismatch_resolve, recon_run, signoff_create
from tests.boundaries.world import SECOND
from tests.factories import user_with
from tests.treasury.conftest import (
    bank_csv,
    midtrans_csv,
    mt940,
    paid_charge,
    quiet_monday,
    xendit_csv,
)

pytestmark = pytest.mark.django_db

ACCOUNT = "0010203040"


def _net(*pairs: tuple[int, int]) -> int:
    return sum(g - f for g, f in pairs)


def _week(regency: Regency, tag: str = "", pay: bool = True) -> dict[str, object]:
    """Five QRIS payments on a quiet Monday and the files that reconcile them, with one
    of each mismatch class built in."""
    day = quiet_monday(regency)
    if pay:
        for order, amount in [("A", 2000), ("B", 2000), ("C", 5000), ("E", 2000)]:
            paid_charge(regency, day, order_id=f"PKR{tag}-{order}", amount=amount)
        paid_charge(regency, day, order_id=f"PKR{tag}-X", provider="xendit")
    midtrans = midtrans_csv(
        [
            (f"PKR{tag}-A", f"mt{tag}-a", 2000, 14, day),
            (f"PKR{tag}-B", f"mt{tag}-b", 2000, 20, day),
            (f"PKR{tag}-C", f"mt{tag}-c", 4000, 28, day),
            (f"PKR{tag}-U", f"mt{tag}-u", 3000, 21, day),
        ]
    )
    xendit = xendit_csv([(f"PKR{tag}-X", f"xn{tag}-x", 2000, 14, day + timedelta(days=2))])
    payout = _net((2000, 14), (2000, 20), (4000, 28), (3000, 21))
    statement = mt940(
        ACCOUNT,
        [
            (day + timedelta(days=1), payout, f"BK{tag}1", "TRF MIDTRANS PAYOUT"),
            (day + timedelta(days=1), payout, f"BK{tag}2", "TRF MIDTRANS PAYOUT"),
        ],
    )
    return {"day": day, "midtrans": midtrans, "xendit": xendit, "mt940": statement}


def _import_week(regency: Regency, week: dict[str, object]) -> None:
    for kind in ("midtrans", "xendit", "mt940"):
        outcome = file_import(
            regency=regency, kind=kind, filename=f"{kind}.csv", data=week[kind], actor=None
        )  # type: ignore[arg-type]
        assert outcome.created


def _open(regency: Regency) -> dict[str, str]:
    return {
        m.kind: m.key for m in Mismatch.objects.filter(regency=regency, status=MismatchStatus.OPEN)
    }


def test_every_mismatch_class_from_real_files(regency: Regency) -> None:
    week = _week(regency)
    day: date = week["day"]  # type: ignore[assignment]
    _import_week(regency, week)
    assert _open(regency) == {
        MismatchKind.FEE_DIFFERS: "midtrans:mt-b",
        MismatchKind.AMOUNT_DIFFERS: "midtrans:mt-c",
        MismatchKind.UNKNOWN_TO_LEDGER: "midtrans:mt-u",
        MismatchKind.NOT_SETTLED: "PKR-E",
        MismatchKind.CREDITED_TWICE: f"{ACCOUNT}:BK2",
        MismatchKind.NOT_CREDITED: f"xendit:{(day + timedelta(days=2)).isoformat()}",
    }
    line = SettlementLine.objects.get(regency=regency, transaction_id="mt-a")
    assert (line.gross, line.fee, line.net) == (2000, 14, 1986)
    fee = Mismatch.objects.get(regency=regency, kind=MismatchKind.FEE_DIFFERS)
    assert (fee.expected, fee.actual) == (14, 20)
    assert AuditLog.objects.filter(regency=regency, action="treasury.import").count() == 3


def test_a_configured_rate_changes_the_fee_verdict(regency: Regency) -> None:
    day = quiet_monday(regency)
    paid_charge(regency, day, order_id="PKR-P2G")
    ProviderTerms.objects.create(
        regency=regency,
        provider="midtrans",
        mdr_bp=0,
        settlement_lag_days=1,
        credit_days=1,
        bank_keyword="MIDTRANS",
    )
    file_import(
        regency=regency,
        kind="midtrans",
        filename="m.csv",
        data=midtrans_csv([("PKR-P2G", "mt-p", 2000, 0, day)]),
        actor=None,
    )
    file_import(
        regency=regency,
        kind="bank_csv",
        filename="b.csv",
        data=bank_csv(ACCOUNT, [(day + timedelta(days=1), 2000, "R1", "MIDTRANS")]),
        actor=None,
    )
    assert _open(regency) == {}


def test_the_same_file_twice_changes_nothing(regency: Regency) -> None:
    week = _week(regency)
    _import_week(regency, week)
    counts = (
        ImportFile.objects.count(),
        SettlementLine.objects.count(),
        BankCredit.objects.count(),
        Mismatch.objects.count(),
        AuditLog.objects.count(),
    )
    for kind in ("midtrans", "xendit", "mt940"):
        again = file_import(
            regency=regency, kind=kind, filename="lagi.csv", data=week[kind], actor=None
        )  # type: ignore[arg-type]
        assert not again.created
    assert counts == (
        ImportFile.objects.count(),
        SettlementLine.objects.count(),
        BankCredit.objects.count(),
        Mismatch.objects.count(),
        AuditLog.objects.count(),
    )
    assert recon_run(regency=regency).found == 0


def test_an_overlapping_report_adds_only_new_lines(regency: Regency) -> None:
    day = quiet_monday(regency)
    first = midtrans_csv([("PKR-1", "mt-1", 2000, 14, day)])
    both = midtrans_csv([("PKR-1", "mt-1", 2000, 14, day), ("PKR-2", "mt-2", 2000, 14, day)])
    file_import(regency=regency, kind="midtrans", filename="a.csv", data=first, actor=None)
    outcome = file_import(regency=regency, kind="midtrans", filename="b.csv", data=both, actor=None)
    assert (outcome.file.rows, outcome.file.repeated) == (1, 1)
    assert SettlementLine.objects.filter(regency=regency).count() == 2
    changed = midtrans_csv([("PKR-1", "mt-1", 2500, 18, day)])
    with pytest.raises(FileRejected) as exc:
        file_import(regency=regency, kind="midtrans", filename="c.csv", data=changed, actor=None)
    assert exc.value.errors[0][0] == 2
    assert SettlementLine.objects.filter(regency=regency).count() == 2


def test_a_malformed_file_stores_nothing(regency: Regency) -> None:
    day = quiet_monday(regency)
    body = midtrans_csv([("PKR-1", "mt-1", 2000, 14, day)]) + b"PKR-2,mt-2,qris,settlement,x\n"
    with pytest.raises(FileRejected) as exc:
        file_import(regency=regency, kind="midtrans", filename="bad.csv", data=body, actor=None)
    assert [line for line, _ in exc.value.errors] == [3]
    assert not ImportFile.objects.exists() and not SettlementLine.objects.exists()


def test_late_data_clears_a_mismatch_and_a_resolution_is_audited(regency: Regency) -> None:
    day = quiet_monday(regency)
    paid_charge(regency, day, order_id="PKR-L")
    recon_run(regency=regency)
    row = Mismatch.objects.get(regency=regency, kind=MismatchKind.NOT_SETTLED)
    file_import(
        regency=regency,
        kind="midtrans",
        filename="late.csv",
        data=midtrans_csv([("PKR-L", "mt-l", 2000, 14, day)]),
        actor=None,
    )
    row.refresh_from_db()
    assert row.status == MismatchStatus.CLEARED
    credit = Mismatch.objects.get(regency=regency, kind=MismatchKind.NOT_CREDITED)
    officer = user_with(Role.OFFICER)
    with pytest.raises(TreasuryError):
        mismatch_resolve(mismatch=credit, actor=officer, note="pendek")
    mismatch_resolve(
        mismatch=credit, actor=officer, note="Dana masuk ke rekening lama; surat bank terlampir."
    )
    credit.refresh_from_db()
    assert credit.status == MismatchStatus.RESOLVED and credit.resolved_by == officer
    assert AuditLog.objects.filter(
        action="treasury.mismatch.resolved", object_id=str(credit.pk)
    ).exists()
    with pytest.raises(TreasuryError):
        mismatch_resolve(mismatch=credit, actor=officer, note="sekali lagi diselesaikan")


def test_bapenda_signs_a_clean_day_and_it_locks(regency: Regency) -> None:
    day = quiet_monday(regency)
    paid_charge(regency, day, order_id="PKR-S")
    recon_run(regency=regency)
    bapenda = user_with(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapenda"))
    dishub = user_with(Role.OFFICER)
    with pytest.raises(TreasuryError, match="Bapenda"):
        signoff_create(regency=regency, period=Period.DAY, start=day, actor=dishub)
    with pytest.raises(TreasuryError, match="terbuka"):
        signoff_create(regency=regency, period=Period.DAY, start=day, actor=bapenda)
    row = Mismatch.objects.get(regency=regency, day=day)
    mismatch_resolve(mismatch=row, actor=dishub, note="Transaksi uji coba, dikembalikan.")
    sign = signoff_create(
        regency=regency, period=Period.DAY, start=day, actor=bapenda, note="Sesuai"
    )
    assert sign.summary["paid_total"] == 2000 and sign.summary["open"] == 0
    assert AuditLog.objects.filter(action="treasury.signoff", object_id=str(sign.pk)).exists()
    with pytest.raises(TreasuryError, match="sudah disahkan"):
        signoff_create(regency=regency, period=Period.DAY, start=day, actor=bapenda)
    # Locked: late data no longer clears or re-opens the signed day's rows.
    file_import(
        regency=regency,
        kind="midtrans",
        filename="late.csv",
        data=midtrans_csv([("PKR-S", "mt-s", 2000, 14, day)]),
        actor=None,
    )
    row.refresh_from_db()
    assert row.status == MismatchStatus.RESOLVED
    assert SignOff.objects.filter(regency=regency).count() == 1


def test_today_cannot_be_signed(regency: Regency) -> None:
    from kotacerdas.core.timeutil import local_date

    bapenda = user_with(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapenda"))
    with pytest.raises(TreasuryError, match="lewat"):
        signoff_create(regency=regency, period=Period.DAY, start=local_date(regency), actor=bapenda)
    with pytest.raises(TreasuryError, match="lewat"):
        signoff_create(
            regency=regency, period=Period.MONTH, start=local_date(regency), actor=bapenda
        )


def test_a_second_regency_never_sees_the_first(regency: Regency) -> None:
    other, _ = Regency.objects.get_or_create(code=SECOND["code"], defaults=SECOND)
    _import_week(regency, _week(regency))
    # The same files imported by the second regency: its own rows, its own verdicts. The
    # orders are unknown to its ledger, so every settled line is "unknown to the ledger".
    _import_week(other, _week(other, pay=False))
    ours = set(Mismatch.objects.filter(regency=regency).values_list("kind", "key"))
    theirs = set(Mismatch.objects.filter(regency=other).values_list("kind", "key"))
    assert SettlementLine.objects.filter(regency=other).count() == 5
    assert (MismatchKind.UNKNOWN_TO_LEDGER, "midtrans:mt-a") in theirs
    assert (MismatchKind.UNKNOWN_TO_LEDGER, "midtrans:mt-a") not in ours
    assert not Mismatch.objects.filter(regency=other, order_id__startswith="PKR-E").exists()
