"""Three-way matching on plain values: every mismatch class, the MDR rounding and the
T+1 / T+2 lags, with weekends and holidays skipped."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kotacerdas.treasury import matching as m

MON = date(2026, 11, 23)  # a Monday
TERMS = {
    "midtrans": m.Terms(mdr_bp=70, settlement_lag_days=1, credit_days=1, bank_keyword="MIDTRANS"),
    "xendit": m.Terms(mdr_bp=70, settlement_lag_days=2, credit_days=1, bank_keyword="XENDIT"),
}


@pytest.mark.parametrize(
    ("gross", "bp", "fee"),
    [
        (2000, 70, 14),
        (2150, 70, 15),
        (2250, 70, 16),
        (2500, 70, 18),
        (50, 70, 0),
        (2000, 0, 0),
        (5000, 40, 20),
        (10**12, 70, 7 * 10**9),
    ],
)
def test_mdr_rounds_half_up_in_integers(gross: int, bp: int, fee: int) -> None:
    assert m.mdr(gross, bp) == fee


def test_business_days_skip_weekends_and_holidays() -> None:
    friday = date(2026, 11, 27)
    assert m.add_business_days(friday, 1, frozenset()) == date(2026, 11, 30)
    assert m.add_business_days(friday, 2, frozenset({date(2026, 11, 30)})) == date(2026, 12, 2)
    assert m.add_business_days(MON, 0, frozenset()) == MON


def _line(order: str, gross: int, fee: int, day: date = MON, provider: str = "midtrans") -> m.Line:
    return m.Line(f"{provider}:{order}", provider, order, gross, fee, gross - fee, day)


def _kinds(result: m.Result) -> dict[str, str]:
    return {f.key: f.kind for f in result.findings}


def test_every_mismatch_class_on_one_week() -> None:
    paid = [
        m.Paid("A", "midtrans", 2000, MON),
        m.Paid("B", "midtrans", 2000, MON),
        m.Paid("C", "midtrans", 5000, MON),
        m.Paid("E", "midtrans", 2000, MON),
        m.Paid("X", "xendit", 2000, MON),
    ]
    lines = [
        _line("A", 2000, 14),
        _line("B", 2000, 20),  # fee differs
        _line("C", 4000, 28),  # amount differs
        _line("U", 3000, 21),  # unknown to the ledger
        _line("X", 2000, 14, MON + timedelta(days=2), "xendit"),
    ]
    net = 1986 + 1980 + 3972 + 2979
    credits = [
        m.Credit("M1", MON + timedelta(days=1), net, "TRF MIDTRANS PAYOUT"),
        m.Credit("M2", MON + timedelta(days=1), net, "TRF MIDTRANS PAYOUT"),
    ]
    result = m.reconcile(
        paid=paid, lines=lines, credits=credits, terms=TERMS, as_of=MON + timedelta(days=7)
    )
    assert _kinds(result) == {
        "midtrans:B": m.FEE_DIFFERS,
        "midtrans:C": m.AMOUNT_DIFFERS,
        "midtrans:U": m.UNKNOWN_TO_LEDGER,
        "E": m.NOT_SETTLED,
        "M2": m.CREDITED_TWICE,
        f"xendit:{(MON + timedelta(days=2)).isoformat()}": m.NOT_CREDITED,
    }
    fee = next(f for f in result.findings if f.kind == m.FEE_DIFFERS)
    assert (fee.expected, fee.actual) == (14, 20)
    amount = next(f for f in result.findings if f.kind == m.AMOUNT_DIFFERS)
    assert (amount.expected, amount.actual) == (5000, 4000)
    payout = next(p for p in result.payouts if p.provider == "midtrans")
    assert (payout.net, payout.credits) == (net, ["M1", "M2"])


def test_a_clean_day_has_no_finding() -> None:
    result = m.reconcile(
        paid=[m.Paid("A", "midtrans", 2000, MON)],
        lines=[_line("A", 2000, 14)],
        credits=[m.Credit("M1", MON + timedelta(days=1), 1986, "MIDTRANS")],
        terms=TERMS,
        as_of=MON + timedelta(days=30),
    )
    assert result.findings == []


@pytest.mark.parametrize(
    ("provider", "as_of_days", "flagged"),
    [("midtrans", 1, False), ("midtrans", 2, True), ("xendit", 2, False), ("xendit", 3, True)],
)
def test_paid_but_not_settled_waits_for_the_lag(
    provider: str, as_of_days: int, flagged: bool
) -> None:
    result = m.reconcile(
        paid=[m.Paid("E", provider, 2000, MON)],
        lines=[],
        credits=[],
        terms=TERMS,
        as_of=MON + timedelta(days=as_of_days),
    )
    assert bool(result.findings) is flagged


def test_the_lag_counts_working_days_across_a_weekend() -> None:
    friday = date(2026, 11, 27)
    paid = [m.Paid("E", "xendit", 2000, friday)]
    monday, tuesday, wednesday = (friday + timedelta(days=k) for k in (3, 4, 5))
    assert not m.reconcile(paid=paid, lines=[], credits=[], terms=TERMS, as_of=tuesday).findings
    assert m.reconcile(paid=paid, lines=[], credits=[], terms=TERMS, as_of=wednesday).findings
    assert monday.weekday() == 0


def test_not_credited_waits_for_the_credit_window_and_needs_the_keyword() -> None:
    lines = [_line("A", 2000, 14)]
    paid = [m.Paid("A", "midtrans", 2000, MON)]
    wrong_text = [m.Credit("Z", MON + timedelta(days=1), 1986, "SETORAN TUNAI")]
    early = m.reconcile(
        paid=paid, lines=lines, credits=[], terms=TERMS, as_of=MON + timedelta(days=1)
    )
    assert early.findings == []
    late = m.reconcile(
        paid=paid, lines=lines, credits=wrong_text, terms=TERMS, as_of=MON + timedelta(days=2)
    )
    assert _kinds(late) == {f"midtrans:{MON.isoformat()}": m.NOT_CREDITED}


def test_a_second_line_for_one_order_is_not_matched_twice() -> None:
    result = m.reconcile(
        paid=[m.Paid("A", "midtrans", 2000, MON)],
        lines=[_line("A", 2000, 14), m.Line("midtrans:A2", "midtrans", "A", 2000, 14, 1986, MON)],
        credits=[m.Credit("M1", MON, 3972, "MIDTRANS")],
        terms=TERMS,
        as_of=MON + timedelta(days=3),
    )
    assert _kinds(result) == {"midtrans:A2": m.UNKNOWN_TO_LEDGER}
