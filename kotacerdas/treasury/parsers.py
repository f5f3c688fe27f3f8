"""Readers for the files the treasury receives: a gateway's settlement report (Midtrans,
Xendit) and the treasury account's bank statement (MT940, or a plain CSV). Pure Python,
no Django: each reader returns rows or raises ``FileRejected`` with every bad line, so an
import is all or nothing and the officer sees every line to fix at once.

Money is integer rupiah. A gateway writes ``2000.00``; a bank CSV written in Indonesian
settings writes ``13.902`` or ``13.902,00``. A fraction other than zero is refused (the
levy has no sen), and so are non-ASCII digits, signs where none belong and amounts above
``MAX_RUPIAH``."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TypeVar

import mt940

T = TypeVar("T")

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_RUPIAH = 10**12
MAX_ERRORS = 50
FIELD_MAX = 100


class FileRejected(Exception):
    """The whole file is refused; ``errors`` holds ``(line, message)`` in Indonesian."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__("; ".join(f"baris {n}: {m}" for n, m in errors[:5]))
        self.errors = errors[:MAX_ERRORS]


@dataclass(frozen=True)
class SettlementRow:
    line: int
    provider: str
    transaction_id: str
    order_id: str
    gross: int
    fee: int
    net: int
    settled_on: date


@dataclass(frozen=True)
class CreditRow:
    line: int
    account: str
    reference: str
    value_date: date
    amount: int
    description: str


_GATEWAY_AMOUNT = re.compile(r"^(\d{1,13})(?:\.(\d{1,2}))?$")
_ID_AMOUNT = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d{1,13})(?:,(\d{1,2}))?$")
_SAFE_TEXT = re.compile(r"^[\x20-\x7e]*$")


def rupiah(text: str, *, indonesian: bool = False) -> int:
    """Whole rupiah from a report cell; ``ValueError`` with an Indonesian message."""
    raw = text.strip()
    match = (_ID_AMOUNT if indonesian else _GATEWAY_AMOUNT).match(raw)
    if not raw.isascii() or match is None:
        raise ValueError(f"jumlah '{raw[:20]}' bukan angka rupiah yang sah")
    whole, fraction = match.group(1), match.group(2) or ""
    if fraction.strip("0"):
        raise ValueError(f"jumlah '{raw[:20]}' memuat sen; retribusi dihitung dalam rupiah utuh")
    value = int(whole.replace(".", ""))
    if value > MAX_RUPIAH:
        raise ValueError("jumlah terlalu besar")
    return value


def _text(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(f"kolom {name} kosong")
    if len(value) > FIELD_MAX or not _SAFE_TEXT.match(value):
        raise ValueError(f"kolom {name} memuat karakter yang tidak sah atau terlalu panjang")
    return value


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise FileRejected([(0, "berkas lebih dari 5 MB")])
    if b"\x00" in data:
        raise FileRejected([(0, "berkas memuat karakter NUL; bukan berkas teks")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileRejected([(line, "bukan teks UTF-8")]) from exc


def _header_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _csv_rows(
    text: str,
) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Header keys (lowercase, ``_`` for spaces) and ``(line, row)`` pairs; the delimiter
    is ``;`` when the header line has one (Excel in Indonesian settings), else ``,``."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = [_header_key(h) for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise FileRejected([(1, "baris judul kolom tidak terbaca")]) from exc
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[tuple[int, str]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise FileRejected([(line, f"lebih dari {MAX_ROWS} baris")])
            if len(cells) != len(header):
                errors.append((line, f"{len(cells)} kolom, judul punya {len(header)}"))
                continue
            rows.append((line, dict(zip(header, cells, strict=True))))
    except csv.Error:
        errors.append((reader.line_num, "tanda kutip tidak seimbang"))
    return header, rows, errors


def _require(header: list[str], needed: list[str]) -> None:
    missing = [n for n in needed if n not in header]
    if missing:
        raise FileRejected([(1, "kolom wajib tidak ada: " + ", ".join(missing))])


def _local_datetime(raw: str, zone: tzinfo, *, utc: bool) -> datetime:
    value = raw.strip().replace("T", " ").removesuffix("Z").split(".")[0]
    if not value.isascii():
        raise ValueError(f"waktu '{raw[:25]}' tidak sah")
    try:
        moment = datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError as exc:
        raise ValueError(f"waktu '{raw[:25]}' bukan TTTT-BB-HH JJ:MM:DD") from exc
    if not 2000 <= moment.year <= 2100:
        raise ValueError(f"tahun {moment.year} di luar rentang")
    if utc:
        return moment.replace(tzinfo=UTC).astimezone(zone)
    return moment.replace(tzinfo=zone)


def parse_midtrans(data: bytes, zone: tzinfo) -> list[SettlementRow]:
    """Midtrans settlement / transaction report (CSV). Columns relied on, named as in the
    Midtrans API: Order ID, Transaction ID, Gross Amount, Fee, Settlement Time (the
    merchant's local time); optional Net Amount (must equal gross − fee) and Transaction
    Status (rows other than ``settlement`` are skipped)."""
    rows, errors = _parse_table(data, ["order_id", "transaction_id", "gross_amount", "fee"])
    out: list[SettlementRow] = []
    for line, row in rows:
        status = row.get("transaction_status", "settlement").strip().lower()
        if status != "settlement":
            continue
        try:
            gross = rupiah(row["gross_amount"])
            fee = rupiah(row["fee"])
            net = gross - fee
            if row.get("net_amount", "").strip() and rupiah(row["net_amount"]) != net:
                raise ValueError("Net Amount tidak sama dengan Gross Amount − Fee")
            when = row.get("settlement_time") or row.get("transaction_time") or ""
            out.append(
                SettlementRow(
                    line=line,
                    provider="midtrans",
                    transaction_id=_text(row["transaction_id"], "Transaction ID"),
                    order_id=_text(row["order_id"], "Order ID"),
                    gross=gross,
                    fee=fee,
                    net=net,
                    settled_on=_local_datetime(when, zone, utc=False).date(),
                )
            )
        except ValueError as exc:
            errors.append((line, str(exc)))
    return _done(out, errors)


def parse_xendit(data: bytes, zone: tzinfo) -> list[SettlementRow]:
    """Xendit Balance (history) report (CSV). Columns relied on: Reference (our order id),
    Transaction ID, Line Type (``TRANSACTION``, ``FEE``, ``VAT``), Amount, Currency and
    Created Date ISO (UTC, the moment the line hit the balance). One payment is one
    TRANSACTION line plus its FEE and VAT lines under the same Reference; the fee booked
    is FEE + VAT. Other line types (reversals, withdrawals) are skipped."""
    rows, errors = _parse_table(
        data, ["reference", "transaction_id", "line_type", "amount", "currency", "created_date_iso"]
    )
    payments: dict[str, dict[str, object]] = {}
    fees: dict[str, int] = {}
    fee_lines: dict[str, int] = {}
    for line, row in rows:
        kind = row["line_type"].strip().upper()
        if kind not in {"TRANSACTION", "FEE", "VAT"}:
            continue
        try:
            if row["currency"].strip().upper() != "IDR":
                raise ValueError("mata uang bukan IDR")
            reference = _text(row["reference"], "Reference")
            amount = rupiah(row["amount"].strip().lstrip("-"))
            if kind == "TRANSACTION":
                if reference in payments:
                    raise ValueError(f"Reference {reference} muncul dua kali sebagai TRANSACTION")
                payments[reference] = {
                    "line": line,
                    "tx": _text(row["transaction_id"], "Transaction ID"),
                    "gross": amount,
                    "day": _local_datetime(row["created_date_iso"], zone, utc=True).date(),
                }
            else:
                fees[reference] = fees.get(reference, 0) + amount
                fee_lines.setdefault(reference, line)
        except ValueError as exc:
            errors.append((line, str(exc)))
    for reference, first_line in fee_lines.items():
        if reference not in payments:
            errors.append(
                (first_line, f"biaya untuk Reference {reference} tanpa baris TRANSACTION")
            )
    out = []
    for reference, p in payments.items():
        gross, fee = int(p["gross"]), fees.get(reference, 0)  # type: ignore[call-overload]
        out.append(
            SettlementRow(
                line=int(p["line"]),  # type: ignore[call-overload]
                provider="xendit",
                transaction_id=str(p["tx"]),
                order_id=reference,
                gross=gross,
                fee=fee,
                net=gross - fee,
                settled_on=p["day"],  # type: ignore[arg-type]
            )
        )
    return _done(sorted(out, key=lambda r: r.line), errors)


def parse_bank_csv(data: bytes) -> list[CreditRow]:
    """The simple bank CSV: ``rekening;tanggal;referensi;keterangan;kredit`` (``,`` also
    accepted), date ``DD-MM-YYYY`` or ``YYYY-MM-DD``, amount ``13.902`` or ``13902``.
    Rows with an empty ``kredit`` (debits) are skipped."""
    rows, errors = _parse_table(data, ["rekening", "tanggal", "referensi", "keterangan", "kredit"])
    out: list[CreditRow] = []
    for line, row in rows:
        if not row["kredit"].strip():
            continue
        try:
            out.append(
                CreditRow(
                    line=line,
                    account=_text(row["rekening"], "rekening"),
                    reference=_text(row["referensi"], "referensi"),
                    value_date=_day(row["tanggal"]),
                    amount=rupiah(row["kredit"], indonesian=True),
                    description=row["keterangan"].strip()[:FIELD_MAX],
                )
            )
        except ValueError as exc:
            errors.append((line, str(exc)))
    return _done(out, errors)


def _day(raw: str) -> date:
    value = raw.strip()
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            if value.isascii():
                day = datetime.strptime(value, fmt).date()
                if 2000 <= day.year <= 2100:
                    return day
        except ValueError:
            continue
    raise ValueError(f"tanggal '{value[:20]}' tidak sah (HH-BB-TTTT)")


_TAG = re.compile(r"^:(\d{2}[A-Z]?):")


def parse_mt940(data: bytes) -> list[CreditRow]:
    """An MT940 statement, parsed by the ``mt-940`` library. Each ``:61:`` line is first
    parsed alone, so a bad one is reported with its line number; then the whole file is
    parsed and its credits (``C``) in IDR kept. The key of a credit is the bank reference
    (after ``//`` in ``:61:``), else the customer reference; a credit with neither is
    refused, since it could not be told apart from a second, real credit."""
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    errors: list[tuple[int, str]] = []
    statement_lines: list[int] = []
    seen_tag = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip() or raw.strip() in {"-", "-}"} or raw.startswith("{"):
            continue
        tag = _TAG.match(raw)
        if tag is None:
            if not seen_tag:
                errors.append((number, "bukan baris MT940 (harus diawali tag seperti :20:)"))
            continue
        seen_tag = True
        if tag.group(1) == "61":
            statement_lines.append(number)
            try:
                probe = mt940.models.Transactions()
                probe.parse(":20:X\n" + raw + "\n")
                if not probe.transactions:
                    raise ValueError
            except Exception:  # the library raises RuntimeError or ValueError
                errors.append((number, "baris :61: tidak sesuai format MT940"))
    if not seen_tag:
        raise FileRejected(errors or [(1, "berkas kosong atau bukan MT940")])
    if errors:
        raise FileRejected(errors)
    try:
        parsed = mt940.models.Transactions()
        parsed.parse(text)
    except Exception as exc:
        raise FileRejected([(1, "berkas MT940 tidak dapat dibaca")]) from exc
    account = str(parsed.data.get("account_identification", "")).strip()
    out: list[CreditRow] = []
    for number, tx in zip(statement_lines, parsed.transactions, strict=False):
        info = tx.data
        try:
            if info.get("status") != "C":
                continue
            amount = info["amount"]
            if str(amount.currency) != "IDR":
                raise ValueError("mata uang bukan IDR")
            value = amount.amount
            if value != value.to_integral_value() or value > MAX_RUPIAH:
                raise ValueError("jumlah memuat sen atau terlalu besar")
            reference = (info.get("bank_reference") or "").strip() or (
                (info.get("customer_reference") or "").strip().replace("NONREF", "")
            )
            if not reference:
                raise ValueError("kredit tanpa referensi bank")
            out.append(
                CreditRow(
                    line=number,
                    account=_text(account or "-", "rekening (:25:)"),
                    reference=_text(reference, "referensi"),
                    value_date=date(info["date"].year, info["date"].month, info["date"].day),
                    amount=int(value),
                    description=" ".join(str(info.get("transaction_details", "")).split())[
                        :FIELD_MAX
                    ],
                )
            )
        except (ValueError, KeyError, AttributeError) as exc:
            errors.append((number, str(exc) or "kredit tidak terbaca"))
    return _done(out, errors)


def _parse_table(
    data: bytes, needed: list[str]
) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """Rows that have every column, and the lines that do not (reported with the rest)."""
    header, rows, errors = _csv_rows(_decode(data))
    _require(header, needed)
    return rows, errors


def _done(rows: list[T], errors: list[tuple[int, str]]) -> list[T]:
    if errors:
        raise FileRejected(sorted(errors))
    if not rows:
        raise FileRejected([(1, "tidak ada baris yang dapat diimpor")])
    return rows
