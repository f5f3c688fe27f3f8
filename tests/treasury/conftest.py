"""Treasury test data: QRIS charges paid through the real ledger, and report bodies in
the shapes the providers document (Midtrans API field names, Xendit Balance Report
columns, an MT940 statement read by the ``mt-940`` library, the simple bank CSV)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import holidays

from kotacerdas.core.models import Regency
from kotacerdas.core.timeutil import local_date, zone_of
from kotacerdas.payments.models import Charge, PaymentEventKind
from kotacerdas.payments.providers.base import ProviderEvent
from kotacerdas.payments.services.ledger import event_record
from tests.payments.factories import make_charge

MIDTRANS_HEADER = (
    "Order ID,Transaction ID,Payment Type,Transaction Status,Gross Amount,Fee,Net Amount,"
    "Settlement Time\n"
)
XENDIT_HEADER = (
    "Product ID,Transaction ID,Transaction Type,Line Type,Payment Channel,Reference,Currency,"
    "Amount,Balance,Debit or Credit,Created Date ISO,Time Zone\n"
)


def quiet_monday(regency: Regency) -> date:
    """A Monday at least ten days back whose week has no public holiday, so T+1 and T+2
    land on the next working days."""
    day = local_date(regency) - timedelta(days=10)
    official = holidays.country_holidays("ID", years=[day.year - 1, day.year])
    while day.weekday() != 0 or any(day + timedelta(days=k) in official for k in range(7)):
        day -= timedelta(days=1)
    return day


def paid_charge(
    regency: Regency, day: date, *, order_id: str, amount: int = 2000, provider: str = "midtrans"
) -> Charge:
    charge = make_charge(regency=regency, order_id=order_id, amount=amount, provider=provider)
    when = datetime.combine(day, time(10, 15), zone_of(regency))
    event_record(
        charge_id=charge.pk,
        fact=ProviderEvent(
            provider=provider,
            order_id=order_id,
            provider_reference=charge.provider_reference,
            event_key=f"{charge.provider_reference}:settlement",
            kind=PaymentEventKind.PAID,
            raw_status="settlement",
            amount=amount,
            currency="IDR",
            occurred_at=when,
        ),
        source="poll",
    )
    charge.refresh_from_db()
    assert charge.status == "paid"
    return charge


def midtrans_csv(rows: list[tuple[str, str, int, int, date]]) -> bytes:
    body = MIDTRANS_HEADER
    for order_id, tx, gross, fee, day in rows:
        body += (
            f"{order_id},{tx},qris,settlement,{gross}.00,{fee}.00,{gross - fee}.00,"
            f"{day.isoformat()} 10:15:31\n"
        )
    return body.encode()


def xendit_csv(rows: list[tuple[str, str, int, int, date]]) -> bytes:
    """One TRANSACTION line and one FEE line per payment, as in the Balance Report."""
    body, balance = XENDIT_HEADER, 100_000
    for n, (reference, tx, gross, fee, day) in enumerate(rows):
        moment = f"{day.isoformat()}T02:00:0{n % 10}.000Z"
        balance += gross
        body += (
            f"qrpy_{tx},{tx},PAYMENT,TRANSACTION,QRIS,{reference},IDR,{gross},{balance},"
            f"CREDIT,{moment},+0000 UTC\n"
        )
        balance -= fee
        body += (
            f"qrpy_{tx},{tx}-fee,PAYMENT,FEE,QRIS,{reference},IDR,-{fee},{balance},DEBIT,"
            f"{moment},+0000 UTC\n"
        )
    return body.encode()


def mt940(account: str, credits: list[tuple[date, int, str, str]]) -> bytes:
    """A one-statement MT940 file with the given credits (date, rupiah, ref, text)."""
    lines = [":20:STMT" + account[-4:], f":25:{account}", ":28C:00001/001"]
    first = credits[0][0] if credits else date(2026, 1, 1)
    lines.append(f":60F:C{first:%y%m%d}IDR1000000,00")
    total = 1_000_000
    for day, amount, ref, text in credits:
        lines.append(f":61:{day:%y%m%d}{day:%m%d}C{amount},00NTRFNONREF//{ref}")
        lines.append(f":86:{text}")
        total += amount
    lines.append(f":62F:C{(credits[-1][0] if credits else first):%y%m%d}IDR{total},00")
    return ("\r\n".join(lines) + "\r\n-").encode()


def bank_csv(account: str, credits: list[tuple[date, int, str, str]]) -> bytes:
    body = "rekening;tanggal;referensi;keterangan;kredit\n"
    for day, amount, ref, text in credits:
        rupiah = f"{amount:,}".replace(",", ".")
        body += f"{account};{day:%d-%m-%Y};{ref};{text};{rupiah}\n"
    return body.encode()
