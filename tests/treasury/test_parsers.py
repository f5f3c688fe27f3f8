"""The file readers on bodies shaped like the providers' documented formats: good files
give integer rupiah, bad ones are refused whole with every bad line's number."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from kotacerdas.treasury import parsers
from kotacerdas.treasury.parsers import FileRejected
from tests.treasury.conftest import (
    MIDTRANS_HEADER,
    XENDIT_HEADER,
    bank_csv,
    midtrans_csv,
    mt940,
    xendit_csv,
)

WIB = ZoneInfo("Asia/Jakarta")
D = date(2026, 11, 23)


def _lines(exc: pytest.ExceptionInfo[FileRejected]) -> list[int]:
    return [line for line, _ in exc.value.errors]


def test_midtrans_rows_are_whole_rupiah() -> None:
    rows = parsers.parse_midtrans(
        midtrans_csv([("PKR-1", "tx-1", 2000, 14, D), ("PKR-2", "tx-2", 5000, 35, D)]), WIB
    )
    assert [(r.order_id, r.gross, r.fee, r.net, r.settled_on) for r in rows] == [
        ("PKR-1", 2000, 14, 1986, D),
        ("PKR-2", 5000, 35, 4965, D),
    ]
    assert [r.line for r in rows] == [2, 3]


def test_midtrans_skips_rows_that_are_not_settlements() -> None:
    body = MIDTRANS_HEADER + "PKR-9,tx-9,qris,expire,2000.00,0.00,2000.00,2026-11-23 10:00:00\n"
    body += "PKR-1,tx-1,qris,settlement,2000.00,14.00,1986.00,2026-11-23 10:00:00\n"
    assert [r.order_id for r in parsers.parse_midtrans(body.encode(), WIB)] == ["PKR-1"]


def test_a_malformed_midtrans_file_is_refused_with_every_bad_line() -> None:
    body = (
        MIDTRANS_HEADER
        + "PKR-1,tx-1,qris,settlement,2000.00,14.00,1986.00,2026-11-23 10:00:00\n"
        + "PKR-2,tx-2,qris,settlement,2000.50,14.00,1986.50,2026-11-23 10:00:00\n"
        + "PKR-3,tx-3,qris,settlement,2000.00,14.00,1900.00,2026-11-23 10:00:00\n"
        + "PKR-4,tx-4,qris,settlement,２０００.00,14.00,1986.00,2026-11-23 10:00:00\n"
        + "PKR-5,tx-5,qris,settlement,2000.00,14.00,1986.00,23/11/2026\n"
        + "PKR-6,tx-6,qris,settlement\n"
        + "PKR-7,tx-7,qris,settlement,99999999999999999999.00,0,0,2026-11-23 10:00:00\n"
    )
    with pytest.raises(FileRejected) as exc:
        parsers.parse_midtrans(body.encode(), WIB)
    assert _lines(exc) == [3, 4, 5, 6, 7, 8]
    messages = dict(exc.value.errors)
    assert "sen" in messages[3]
    assert "Net Amount" in messages[4]
    assert "kolom" in messages[7]


def test_a_missing_column_and_a_binary_file_are_refused() -> None:
    with pytest.raises(FileRejected) as exc:
        parsers.parse_midtrans(b"Order ID,Gross Amount\nPKR-1,2000.00\n", WIB)
    assert exc.value.errors[0][0] == 1 and "transaction_id" in exc.value.errors[0][1]
    with pytest.raises(FileRejected):
        parsers.parse_midtrans(b"\x00\x01PK", WIB)
    with pytest.raises(FileRejected):
        parsers.parse_midtrans(MIDTRANS_HEADER.encode(), WIB)  # no rows


def test_xendit_groups_fee_and_vat_lines_under_the_reference() -> None:
    rows = parsers.parse_xendit(xendit_csv([("PKR-1", "t1", 2000, 14, D)]), WIB)
    assert [(r.order_id, r.gross, r.fee, r.net) for r in rows] == [("PKR-1", 2000, 14, 1986)]
    # Created Date ISO is UTC: 20:00 UTC on the 23rd is the 24th in WIB.
    at = "2026-11-23T20:00:00.000Z,+0000 UTC"
    late = XENDIT_HEADER + (
        f"qrpy_a,a,PAYMENT,TRANSACTION,QRIS,PKR-2,IDR,5000,5000,CREDIT,{at}\n"
        f"qrpy_a,a-f,PAYMENT,FEE,QRIS,PKR-2,IDR,-35,4965,DEBIT,{at}\n"
        f"qrpy_a,a-v,PAYMENT,VAT,QRIS,PKR-2,IDR,-4,4961,DEBIT,{at}\n"
        f"wd_1,w,WITHDRAWAL,TRANSACTION_REVERSAL,BCA,WD-1,IDR,-4961,0,DEBIT,{at}\n"
    )
    (row,) = parsers.parse_xendit(late.encode(), WIB)
    assert (row.fee, row.net, row.settled_on) == (39, 4961, date(2026, 11, 24))


def test_a_fee_without_its_payment_is_refused() -> None:
    body = XENDIT_HEADER + (
        "qrpy_a,a-f,PAYMENT,FEE,QRIS,PKR-9,IDR,-35,0,DEBIT,2026-11-23T02:00:00.000Z,+0000 UTC\n"
    )
    with pytest.raises(FileRejected) as exc:
        parsers.parse_xendit(body.encode(), WIB)
    assert _lines(exc) == [2]


def test_mt940_credits_are_read_by_the_library() -> None:
    body = mt940("1234567890", [(D, 1986, "MT1", "MIDTRANS PAYOUT"), (D, 4965, "MT2", "XENDIT")])
    rows = parsers.parse_mt940(body)
    assert [(r.account, r.reference, r.amount, r.value_date, r.line) for r in rows] == [
        ("1234567890", "MT1", 1986, D, 5),
        ("1234567890", "MT2", 4965, D, 7),
    ]
    assert rows[0].description == "MIDTRANS PAYOUT"


def test_a_malformed_mt940_is_refused_with_line_numbers() -> None:
    good = mt940("1234567890", [(D, 1986, "MT1", "MIDTRANS"), (D, 10, "MT2", "X")]).decode()
    broken = good.replace(":61:2611231123C10,00NTRFNONREF//MT2", ":61:26AB23C10,00")
    with pytest.raises(FileRejected) as exc:
        parsers.parse_mt940(broken.encode())
    assert _lines(exc) == [7]
    with pytest.raises(FileRejected) as exc:
        parsers.parse_mt940(b"bukan mt940\nsama sekali\n")
    assert _lines(exc) == [1, 2]
    cents = good.replace("C1986,00", "C1986,50")
    with pytest.raises(FileRejected) as exc:
        parsers.parse_mt940(cents.encode())
    assert _lines(exc) == [5]


def test_bank_csv_reads_indonesian_amounts() -> None:
    rows = parsers.parse_bank_csv(bank_csv("987", [(D, 1_250_000, "B1", "MIDTRANS")]))
    assert [(r.reference, r.amount, r.value_date) for r in rows] == [("B1", 1_250_000, D)]
    bad = (
        b"rekening;tanggal;referensi;keterangan;kredit\n"
        b"987;31-02-2026;B1;x;10.000\n987;01-03-2026;B2;x;10,5\n"
    )
    with pytest.raises(FileRejected) as exc:
        parsers.parse_bank_csv(bad)
    assert _lines(exc) == [2, 3]


@pytest.mark.parametrize(
    ("text", "indonesian", "value"),
    [
        ("2000", False, 2000),
        ("2000.00", False, 2000),
        ("13.902", True, 13902),
        ("13.902,00", True, 13902),
        ("13902", True, 13902),
    ],
)
def test_rupiah(text: str, indonesian: bool, value: int) -> None:
    assert parsers.rupiah(text, indonesian=indonesian) == value


@pytest.mark.parametrize("text", ["-5", "1e3", "2000.5", "١٢٣", "", "12.34.5", "9" * 20])
def test_rupiah_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parsers.rupiah(text)
