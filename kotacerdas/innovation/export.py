"""The year's IID report as an XLSX workbook: a summary sheet, then one sheet per aspect
listing the indicators with their levels, scores and evidence links."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from kotacerdas.innovation.selectors import YearView

HEADERS = ["Inovasi", "Variabel", "Kode", "Indikator", "Level", "Keterangan level", "Skor", "Bukti"]


def _safe(text: str) -> str:
    """Text that starts like a formula is stored as text, never run."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _bold(sheet: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def year_workbook(view: YearView, evidence_link: Callable[[int], str]) -> bytes:
    rules, score = view.rules, view.score
    # Write-only mode streams rows: a 500-innovation year has over 10,000 of them.
    book = Workbook(write_only=True)
    summary = book.create_sheet(title="Ringkasan")
    rows: list[tuple[str, object]] = [
        ("Tahun", view.year.year),
        ("Aturan", rules.name),
        ("SPD", round(score.spd, 4)),
        ("SID", round(score.sid, 4)),
        ("Jumlah inovasi dinilai", score.count),
        (f"Pembagi MAX({rules.divisor_min}, n)", score.divisor),
        ("Skor jumlah inovasi", score.count_score),
        ("IID", round(score.iid, 2)),
        ("Predikat", score.predicate),
        ("Disclaimer", "ya" if score.disclaimer else "tidak"),
        ("Bukti yang belum ada", len(score.missing)),
    ]
    for label, value in rows:
        summary.append([label, value])
    for reason in score.reasons:
        summary.append(["Alasan disclaimer", reason])
    innovations = sorted(view.titles.items(), key=lambda kv: kv[1])
    for aspect in rules.aspects:
        sheet = book.create_sheet(title=aspect.code[:31])
        sheet.column_dimensions["A"].width = 32
        sheet.column_dimensions["D"].width = 40
        sheet.column_dimensions["H"].width = 50
        sheet.append([f"{aspect.name} (bobot {aspect.weight:g}%)"])
        sheet.append([_bold(sheet, h) for h in HEADERS])
        owners: list[tuple[int | None, str]] = (
            [(None, "Daerah")] if aspect.scope == "region" else [(k, t) for k, t in innovations]  # type: ignore[misc]
        )
        for key, title in owners:
            for variable in aspect.variables:
                for ind in variable.indicators:
                    entry = view.entries.get((key, ind.code), {})
                    level = entry.get("level")
                    label = next((lv.label for lv in ind.levels if lv.level == level), "")
                    if key is None:
                        scored = score.region_scores.get(ind.code, 0.0)
                    else:
                        scored = score.innovations[key].by_indicator.get(ind.code, 0.0)
                    link = entry.get("url") or (
                        evidence_link(entry["evidence"]) if entry.get("evidence") else ""
                    )
                    sheet.append(
                        [
                            _safe(title),
                            variable.name,
                            ind.code,
                            ind.name,
                            level if level is not None else "",
                            label,
                            scored,
                            link or "BELUM ADA",
                        ]
                    )
        if aspect.code == rules.count_aspect:
            sheet.append([])
            sheet.append(
                ["Jumlah inovasi", rules.count_name, "", "", score.count, "", score.count_score, ""]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
