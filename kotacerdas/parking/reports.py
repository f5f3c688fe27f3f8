"""The monthly Bapenda recap of the parking levy (PAD retribusi parkir TJU) against the
APBD target, as an XLSX workbook: the month and the year to date, per zone and spot,
with QRIS, cash, realisation, potential and target. Figures come from the rollups."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from kotacerdas.core.models import Regency, User
from kotacerdas.parking.realisation import range_report, target_for_range

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
RUPIAH = '"Rp"#,##0'


def pad_recap_xlsx(user: User, regency: Regency, year: int, month: int) -> bytes:
    first = date(year, month, 1)
    last = date(year, month, monthrange(year, month)[1])
    month_report = range_report(user, regency, first, last)
    ytd = range_report(user, regency, date(year, 1, 1), last)
    month_target, _ = target_for_range(regency, first, last)
    ytd_target, _ = target_for_range(regency, date(year, 1, 1), last)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rekap PAD"
    bold = Font(bold=True)
    sheet.append([f"Rekapitulasi Retribusi Parkir Tepi Jalan Umum — {regency.name}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Bulan {MONTHS[month - 1]} {year}"])
    sheet.append([])
    sheet.append(["", "Bulan ini", "Sampai bulan ini (kumulatif)"])
    rows = [
        ("Target APBD", month_target, ytd_target),
        ("Realisasi", month_report.totals["total"], ytd.totals["total"]),
        ("  QRIS", month_report.totals["cashless_total"], ytd.totals["cashless_total"]),
        ("  Tunai", month_report.totals["cash_total"], ytd.totals["cash_total"]),
        ("Potensi", month_report.totals["potential"], ytd.totals["potential"]),
    ]
    for label, a, b in rows:
        sheet.append([label, a, b])
        for cell in sheet[sheet.max_row][1:]:
            cell.number_format = RUPIAH

    def pct(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    sheet.append(
        [
            "% terhadap target",
            pct(month_report.totals["total"], month_target),
            pct(ytd.totals["total"], ytd_target),
        ]
    )
    sheet.append([])
    sheet.append(
        ["Titik", "Nama", "Ruas", "Kendaraan", "QRIS", "Tunai", "Realisasi", "Potensi", "% potensi"]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for spot in month_report.by_spot:
        sheet.append(
            [
                spot["code"],
                spot["name"],
                spot["zone"],
                spot["count"],
                spot["cashless_total"],
                spot["cash_total"],
                spot["total"],
                spot["potential"],
                spot["realisation_pct"],
            ]
        )
        for cell in sheet[sheet.max_row][4:8]:
            cell.number_format = RUPIAH
    sheet.append(
        [
            "Jumlah",
            "",
            "",
            month_report.totals["count"],
            month_report.totals["cashless_total"],
            month_report.totals["cash_total"],
            month_report.totals["total"],
            month_report.totals["potential"],
            pct(month_report.totals["total"], month_report.totals["potential"]),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for cell in sheet[sheet.max_row][4:8]:
        cell.number_format = RUPIAH
    for column, width in zip("ABCDEFGHI", (24, 30, 8, 11, 15, 15, 15, 15, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
