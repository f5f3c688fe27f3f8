"""Illustrative demo files: a Midtrans settlement report built from the demo's own paid
QRIS charges of the last week (plus one payment to a static vest QRIS, which the ledger
does not know), and an MT940 statement crediting every settlement day but the last. They
go through the real importer, so the demo shows matched days and a few mismatches."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from kotacerdas.core.models import Regency
from kotacerdas.core.timeutil import local_date, zone_of
from kotacerdas.payments.selectors import charges_paid_between
from kotacerdas.treasury.matching import mdr
from kotacerdas.treasury.parsers import FileRejected
from kotacerdas.treasury.services.imports import file_import

ACCOUNT = "1234567890"


def seed_demo(regency: Regency) -> None:
    today = local_date(regency)
    zone = zone_of(regency)
    charges = charges_paid_between(
        regency=regency,
        providers=["midtrans"],
        start=datetime.combine(today - timedelta(days=7), time.min, zone),
        end=datetime.combine(today, time.min, zone),
    ).order_by("paid_at")[:200]
    rows = []
    for charge in charges:
        assert charge.paid_at is not None
        when = charge.paid_at.astimezone(zone)
        rows.append((charge.order_id, f"demo-{charge.pk}", charge.paid_amount, when))
    static_day = today - timedelta(days=2)
    rows.append(
        (
            "QRIS-ROMPI-JKR-0001",
            "demo-static-1",
            2000,
            datetime.combine(static_day, time(9, 30), zone),
        )
    )
    body = (
        "Order ID,Transaction ID,Payment Type,Transaction Status,Gross Amount,Fee,"
        "Net Amount,Settlement Time\n"
    )
    payouts: dict[date, int] = defaultdict(int)
    for order_id, tx, gross, when in rows:
        fee = mdr(gross, 70)
        body += (
            f"{order_id},{tx},qris,settlement,{gross}.00,{fee}.00,{gross - fee}.00,"
            f"{when:%Y-%m-%d %H:%M:%S}\n"
        )
        payouts[when.date()] += gross - fee
    statement = [
        ":20:DEMO" + f"{today:%y%m%d}",
        f":25:{ACCOUNT}",
        ":28C:00001/001",
        f":60F:C{today - timedelta(days=8):%y%m%d}IDR0,00",
    ]
    credited = 0
    for n, (day, net) in enumerate(sorted(payouts.items())[:-1]):
        value = day + timedelta(days=1)
        statement += [
            f":61:{value:%y%m%d}{value:%m%d}C{net},00NTRFNONREF//DEMO{n:04d}",
            f":86:TRF MIDTRANS PAYOUT {day:%Y%m%d}",
        ]
        credited += net
    statement.append(f":62F:C{today:%y%m%d}IDR{credited},00")
    try:
        file_import(
            regency=regency,
            kind="midtrans",
            filename="contoh-settlement-midtrans.csv",
            data=body.encode(),
            actor=None,
        )
        if credited:
            file_import(
                regency=regency,
                kind="mt940",
                filename="contoh-rekening-koran.sta",
                data="\n".join(statement).encode(),
                actor=None,
            )
    except FileRejected:
        return  # illustrative data only: a demo never fails on it
