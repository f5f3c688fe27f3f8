"""Three-way matching, pure: ledger payments ↔ settlement lines ↔ bank credits.

- A ledger payment (a paid QRIS charge) is matched to the settlement line with its order
  id. If none exists once the provider's settlement lag (T+n working days after the
  payment day) has passed, it is *paid but not settled*.
- A settlement line with no paid charge of that order id is *settled but unknown to the
  ledger*; one whose gross differs from the charge's paid amount is *amount differs*;
  one whose fee differs from the configured MDR is *fee differs*.
- The provider pays the net of each settlement day in one transfer: a payout is
  ``(provider, settlement day)`` with the sum of the nets. It is matched to a bank credit
  of exactly that amount, whose description carries the provider's keyword, dated from
  the settlement day to the end of the credit window. None after the window: *settled
  but not credited*. More than one: each extra credit is *credited twice*.

The MDR is ``gross × rate / 10 000`` (rate in basis points: 0.7 % = 70), rounded half up
to whole rupiah in integer arithmetic: ``(gross × rate + 5 000) // 10 000``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

NOT_SETTLED = "not_settled"
UNKNOWN_TO_LEDGER = "unknown_to_ledger"
AMOUNT_DIFFERS = "amount_differs"
FEE_DIFFERS = "fee_differs"
NOT_CREDITED = "not_credited"
CREDITED_TWICE = "credited_twice"


@dataclass(frozen=True)
class Terms:
    mdr_bp: int
    settlement_lag_days: int
    credit_days: int
    bank_keyword: str


@dataclass(frozen=True)
class Paid:
    order_id: str
    provider: str
    amount: int
    paid_on: date


@dataclass(frozen=True)
class Line:
    key: str
    provider: str
    order_id: str
    gross: int
    fee: int
    net: int
    settled_on: date


@dataclass(frozen=True)
class Credit:
    key: str
    value_date: date
    amount: int
    description: str


@dataclass(frozen=True)
class Finding:
    kind: str
    key: str
    day: date
    order_id: str = ""
    expected: int | None = None
    actual: int | None = None
    detail: str = ""


@dataclass
class Payout:
    provider: str
    settled_on: date
    net: int = 0
    lines: int = 0
    credits: list[str] = field(default_factory=list)
    due: date | None = None


@dataclass
class Result:
    findings: list[Finding]
    payouts: list[Payout]
    matched_orders: set[str]


def mdr(gross: int, rate_bp: int) -> int:
    return (gross * rate_bp + 5_000) // 10_000


def add_business_days(day: date, days: int, holidays: frozenset[date]) -> date:
    """``day`` plus ``days`` working days (no Saturday, Sunday or public holiday)."""
    current, left = day, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def reconcile(
    *,
    paid: list[Paid],
    lines: list[Line],
    credits: list[Credit],
    terms: dict[str, Terms],
    as_of: date,
    holidays: frozenset[date] = frozenset(),
) -> Result:
    findings: list[Finding] = []
    by_order: dict[str, Paid] = {p.order_id: p for p in paid}
    seen_orders: set[str] = set()
    payouts: dict[tuple[str, date], Payout] = {}
    for line in sorted(lines, key=lambda x: (x.settled_on, x.key)):
        payout = payouts.setdefault(
            (line.provider, line.settled_on), Payout(line.provider, line.settled_on)
        )
        payout.net += line.net
        payout.lines += 1
        payment = by_order.get(line.order_id)
        if payment is None or line.order_id in seen_orders:
            detail = "sudah cocok dengan baris lain" if payment is not None else ""
            findings.append(
                Finding(
                    UNKNOWN_TO_LEDGER,
                    line.key,
                    line.settled_on,
                    line.order_id,
                    None,
                    line.gross,
                    detail,
                )
            )
            continue
        seen_orders.add(line.order_id)
        if line.gross != payment.amount:
            findings.append(
                Finding(
                    AMOUNT_DIFFERS,
                    line.key,
                    payment.paid_on,
                    line.order_id,
                    payment.amount,
                    line.gross,
                )
            )
        rate = terms[line.provider].mdr_bp if line.provider in terms else 0
        if line.fee != mdr(line.gross, rate):
            findings.append(
                Finding(
                    FEE_DIFFERS,
                    line.key,
                    payment.paid_on,
                    line.order_id,
                    mdr(line.gross, rate),
                    line.fee,
                )
            )
    for payment in paid:
        if payment.order_id in seen_orders or payment.provider not in terms:
            continue
        due = add_business_days(
            payment.paid_on, terms[payment.provider].settlement_lag_days, holidays
        )
        if as_of > due:
            findings.append(
                Finding(
                    NOT_SETTLED,
                    payment.order_id,
                    payment.paid_on,
                    payment.order_id,
                    payment.amount,
                    None,
                    f"batas {due.isoformat()}",
                )
            )
    used: set[str] = set()
    ordered = sorted(credits, key=lambda c: (c.value_date, c.key))
    for payout in sorted(payouts.values(), key=lambda p: (p.settled_on, p.provider)):
        term = terms.get(payout.provider)
        credit_days = term.credit_days if term else 1
        keyword = (term.bank_keyword if term else payout.provider).upper()
        payout.due = add_business_days(payout.settled_on, credit_days, holidays)
        for credit in ordered:
            if (
                credit.key not in used
                and credit.amount == payout.net
                and payout.settled_on <= credit.value_date <= payout.due
                and keyword in credit.description.upper()
            ):
                payout.credits.append(credit.key)
                used.add(credit.key)
        key = f"{payout.provider}:{payout.settled_on.isoformat()}"
        if not payout.credits and payout.net > 0 and as_of > payout.due:
            findings.append(
                Finding(
                    NOT_CREDITED,
                    key,
                    payout.settled_on,
                    "",
                    payout.net,
                    None,
                    f"batas {payout.due.isoformat()}",
                )
            )
        for extra in payout.credits[1:]:
            findings.append(
                Finding(
                    CREDITED_TWICE,
                    extra,
                    payout.settled_on,
                    "",
                    payout.net,
                    payout.net,
                    f"pembayaran {key}",
                )
            )
    return Result(findings, list(payouts.values()), seen_orders)
