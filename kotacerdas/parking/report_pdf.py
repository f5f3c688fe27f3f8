"""The monthly Bapenda recap of the parking levy (PAD) against the APBD target as a PDF,
beside the XLSX of ``reports.py`` and from the same rollup figures: the month and the
year to date, then one row per spot (zero-revenue spots included). A4 portrait, the
PDF core font (Helvetica), so the file needs no font file and stays small."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.utils import timezone
from fpdf import FPDF

from kotacerdas.core.models import Regency, User
from kotacerdas.core.money import format_rupiah
from kotacerdas.core.timeutil import format_local
from kotacerdas.parking.realisation import range_report, target_for_range
from kotacerdas.parking.reports import MONTHS

COLUMNS = (
    ("Titik", 22),
    ("Ruas", 14),
    ("Kend.", 14),
    ("QRIS", 28),
    ("Tunai", 28),
    ("Realisasi", 30),
    ("Potensi", 30),
    ("%", 14),
)


def _latin(text: str) -> str:
    """The core font is Latin-1: names keep their letters, other marks become '?'."""
    return text.replace("—", "-").replace("–", "-").encode("latin-1", "replace").decode("latin-1")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%".replace(".", ",") if whole else "-"


def pad_recap_pdf(user: User, regency: Regency, year: int, month: int) -> bytes:
    first = date(year, month, 1)
    last = date(year, month, monthrange(year, month)[1])
    report = range_report(user, regency, first, last)
    ytd = range_report(user, regency, date(year, 1, 1), last)
    month_target, _ = target_for_range(regency, first, last)
    ytd_target, _ = target_for_range(regency, date(year, 1, 1), last)
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(f"Rekap PAD retribusi parkir {MONTHS[month - 1]} {year}"))
    pdf.set_author(_latin(regency.name))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, _latin(f"Rekapitulasi Retribusi Parkir Tepi Jalan Umum - {regency.name}"))
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, _latin(f"Bulan {MONTHS[month - 1]} {year}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    summary = [
        ("", "Bulan ini", "Kumulatif tahun ini"),
        ("Target APBD", format_rupiah(month_target), format_rupiah(ytd_target)),
        ("Realisasi", format_rupiah(report.totals["total"]), format_rupiah(ytd.totals["total"])),
        (
            "  QRIS",
            format_rupiah(report.totals["cashless_total"]),
            format_rupiah(ytd.totals["cashless_total"]),
        ),
        (
            "  Tunai",
            format_rupiah(report.totals["cash_total"]),
            format_rupiah(ytd.totals["cash_total"]),
        ),
        (
            "Potensi",
            format_rupiah(report.totals["potential"]),
            format_rupiah(ytd.totals["potential"]),
        ),
        (
            "% terhadap target",
            _pct(report.totals["total"], month_target),
            _pct(ytd.totals["total"], ytd_target),
        ),
    ]
    for n, (label, a, b) in enumerate(summary):
        pdf.set_font("Helvetica", "B" if n == 0 else "", 10)
        pdf.cell(60, 6, label)
        pdf.cell(55, 6, a, align="R")
        pdf.cell(55, 6, b, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _spot_table(pdf, report.by_spot, report.totals)
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0,
        4,
        _latin(
            "Sumber: rekap harian per titik, golongan kendaraan dan kanal (QRIS dan tunai "
            "tercatat). Potensi = kapasitas x perputaran x jam x tarif. Dicetak "
            + format_local(timezone.now(), regency)
            + "."
        ),
    )
    return bytes(pdf.output())


def _spot_table(pdf: FPDF, spots: list[dict[str, object]], totals: dict[str, int]) -> None:
    def header() -> None:
        pdf.set_font("Helvetica", "B", 8)
        for label, width in COLUMNS:
            pdf.cell(width, 6, label, border="B", align="L" if width == 22 else "R")
        pdf.ln()
        pdf.set_font("Helvetica", "", 8)

    header()
    for spot in spots:
        if pdf.will_page_break(5):
            pdf.add_page()
            header()
        values = [
            _latin(str(spot["code"]))[:14],
            _latin(str(spot["zone"] or ""))[:8],
            str(spot["count"]),
            format_rupiah(int(spot["cashless_total"])),  # type: ignore[call-overload]
            format_rupiah(int(spot["cash_total"])),  # type: ignore[call-overload]
            format_rupiah(int(spot["total"])),  # type: ignore[call-overload]
            format_rupiah(int(spot["potential"])),  # type: ignore[call-overload]
            _pct(int(spot["total"]), int(spot["potential"])),  # type: ignore[call-overload]
        ]
        for (_, width), value in zip(COLUMNS, values, strict=True):
            pdf.cell(width, 5, value, align="L" if width == 22 else "R")
        pdf.ln()
    pdf.set_font("Helvetica", "B", 8)
    values = [
        "Jumlah",
        "",
        str(totals["count"]),
        format_rupiah(totals["cashless_total"]),
        format_rupiah(totals["cash_total"]),
        format_rupiah(totals["total"]),
        format_rupiah(totals["potential"]),
        _pct(totals["total"], totals["potential"]),
    ]
    for (_, width), value in zip(COLUMNS, values, strict=True):
        pdf.cell(width, 6, value, border="T", align="L" if width == 22 else "R")
    pdf.ln()
