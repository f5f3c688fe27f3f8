"""Reading BKPSDM's spreadsheet exports (CSV or XLSX) into plain rows. A file that
cannot be read as a table at all (wrong type, broken archive, missing columns) raises
``FileMalformed`` and nothing downstream runs; row-level problems are the caller's."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_FILE_BYTES = 15 * 1024 * 1024
MAX_ROWS = 60_000
MAX_CELL_CHARS = 500


class FileMalformed(ValueError):
    """The whole file is refused; the message is Indonesian."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number as the person sees it, cells)


def _key(name: str) -> str:
    return "_".join(name.strip().lower().replace("/", " ").split())


# Excel keeps numbers as doubles (15 significant digits): an 18-digit NIP typed into a
# number cell has already lost its last digits. Such cells are tagged so the row check
# can say so instead of reporting a puzzling sequence number.
LOST_DIGITS = "#angka-excel#"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 10**15:
        return LOST_DIGITS
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


def _table(lines: Iterable[tuple[int, Sequence[object]]], required: Sequence[str]) -> Table:
    iterator = iter(lines)
    try:
        _, first = next(iterator)
    except StopIteration:
        raise FileMalformed("Berkas kosong.") from None
    header = [_key(_cell(c)) for c in first]
    missing = [c for c in required if c not in header]
    if missing:
        raise FileMalformed("Kolom wajib tidak ada: " + ", ".join(missing) + ".")
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in iterator:
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise FileMalformed(f"Berkas terlalu besar (maksimal {MAX_ROWS} baris).")
        if any(len(c) > MAX_CELL_CHARS for c in cells):
            raise FileMalformed(f"Baris {number}: isi sel terlalu panjang.")
        rows.append(
            (number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)})
        )
    return Table(header=header, rows=rows)


def read_csv(data: bytes, required: Sequence[str]) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileMalformed("Berkas CSV harus berenkode UTF-8.") from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise FileMalformed(f"CSV rusak: {exc}.") from None
    return _table(lines, required)


def read_xlsx(data: bytes, required: Sequence[str]) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise FileMalformed("Berkas XLSX rusak atau bukan lembar kerja Excel.") from None
    try:
        sheet = book.worksheets[0]
        lines = [(i, row) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise FileMalformed("Berkas XLSX rusak atau bukan lembar kerja Excel.") from None
    finally:
        book.close()
    return _table(lines, required)


def read_table(filename: str, data: bytes, required: Sequence[str]) -> Table:
    if len(data) > MAX_FILE_BYTES:
        raise FileMalformed(f"Berkas terlalu besar (maksimal {MAX_FILE_BYTES // 2**20} MB).")
    name = filename.lower()
    if name.endswith(".csv"):
        return read_csv(data, required)
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise FileMalformed("Berkas XLSX rusak atau bukan lembar kerja Excel.")
        return read_xlsx(data, required)
    raise FileMalformed("Jenis berkas tidak didukung: unggah CSV atau XLSX.")
