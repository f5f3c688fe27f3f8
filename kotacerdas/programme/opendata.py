"""Open data (Satu Data Indonesia): every KPI series, the programme list and the
evaluation results as rows for CSV and JSON, KPI values as FIWARE
``KeyPerformanceIndicator`` entities (NGSI-LD, normalised form), and the catalogue as
DCAT JSON-LD. Only published, approved or locked rows; never a person: no user,
evidence file, free-text note or reporter data leaves through here."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kotacerdas.core.models import OPD, Regency
from kotacerdas.programme.models import (
    ComponentScore,
    EvaluationCycle,
    KpiDefinition,
    Programme,
    ProgrammeBudget,
)
from kotacerdas.programme.selectors import approved_values, cycle_result
from kotacerdas.programme.services.kpi import plan_years

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
FREQUENCY = {
    "daily": "http://purl.org/cld/freq/daily",
    "monthly": "http://purl.org/cld/freq/monthly",
    "quarterly": "http://purl.org/cld/freq/quarterly",
    "yearly": "http://purl.org/cld/freq/annual",
}
FIWARE_FREQUENCY = {
    "daily": "daily",
    "monthly": "monthly",
    "quarterly": "quarterly",
    "yearly": "yearly",
}
NGSI_CONTEXT = [
    "https://raw.githubusercontent.com/smart-data-models/dataModel.KeyPerformanceIndicator/master/context.jsonld",
    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.7.jsonld",
]
KPI_COLUMNS = [
    "kode_indikator",
    "elemen",
    "periode_mulai",
    "periode_akhir",
    "nilai",
    "satuan",
    "pembilang",
    "penyebut",
    "target_tahun_ini",
    "cara_hitung",
    "rumus",
    "dihitung_pada",
]
PROGRAMME_COLUMNS = [
    "kode",
    "elemen",
    "dimensi",
    "nama",
    "horizon",
    "opd_pengampu",
    "rujukan_rpjmd",
    "rujukan_rkpd",
    "status",
    "kemajuan_persen",
    "tahun",
    "pagu_rupiah",
    "realisasi_rupiah",
    "ilustrasi",
]
EVALUATION_COLUMNS = [
    "tahun",
    "tahap",
    "komponen",
    "dimensi",
    "nilai",
    "bobot_persen",
    "indeks",
    "ilustrasi",
]


def walidata(regency: Regency) -> str:
    opd = OPD.objects.filter(regency=regency, code="diskominfo").first()
    office = opd.name if opd else "Dinas Komunikasi dan Informatika"
    return f"{office} {regency.name}"


def _num(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def published_definitions(regency: Regency) -> list[KpiDefinition]:
    return list(
        KpiDefinition.objects.filter(regency=regency, is_published=True)
        .select_related("element", "producer")
        .order_by("order", "code")
    )


def kpi_rows(regency: Regency, definition: KpiDefinition) -> list[dict[str, Any]]:
    targets = {t.year: t.value for t in definition.targets.all()}
    return [
        {
            "kode_indikator": definition.code,
            "elemen": definition.element_id,
            "periode_mulai": v.period_start.isoformat(),
            "periode_akhir": v.period_end.isoformat(),
            "nilai": _num(v.value),
            "satuan": definition.unit,
            "pembilang": _num(v.numerator),
            "penyebut": _num(v.denominator),
            "target_tahun_ini": _num(targets.get(v.period_end.year)),
            "cara_hitung": v.method,
            "rumus": v.formula,
            "dihitung_pada": v.computed_at.isoformat(),
        }
        for v in approved_values(regency, definition)
    ]


def kpi_ngsi_ld(regency: Regency, definition: KpiDefinition) -> list[dict[str, Any]]:
    """Each approved value as a ``KeyPerformanceIndicator`` entity."""
    targets = {t.year: t.value for t in definition.targets.all()}
    organisation = walidata(regency)
    entities = []
    for v in approved_values(regency, definition):
        entity: dict[str, Any] = {
            "id": f"urn:ngsi-ld:KeyPerformanceIndicator:{regency.code}:{definition.code}:"
            f"{v.period_start.isoformat()}:{v.period_end.isoformat()}",
            "type": "KeyPerformanceIndicator",
            "name": {"type": "Property", "value": definition.name},
            "description": {"type": "Property", "value": definition.definition},
            "organization": {"type": "Property", "value": {"name": organisation}},
            "process": {"type": "Property", "value": definition.element_id},
            "category": {"type": "Property", "value": ["quantitative", definition.category]},
            "calculationFrequency": {
                "type": "Property",
                "value": FIWARE_FREQUENCY[definition.frequency],
            },
            "calculationMethod": {"type": "Property", "value": v.method},
            "calculationFormula": {"type": "Property", "value": v.formula},
            "calculationPeriod": {
                "type": "Property",
                "value": {"from": v.period_start.isoformat(), "to": v.period_end.isoformat()},
            },
            "kpiValue": {
                "type": "Property",
                "value": float(v.value) if v.value is not None else None,
            },
            "calculatedBy": {"type": "Property", "value": "Kota Cerdas"},
            "dateModified": {
                "type": "Property",
                "value": {"@type": "DateTime", "@value": v.computed_at.isoformat()},
            },
            "@context": NGSI_CONTEXT,
        }
        target = targets.get(v.period_end.year)
        if target is not None:
            entity["businessTarget"] = {
                "type": "Property",
                "value": f"{_num(target)} {definition.unit} ({v.period_end.year})",
            }
        entities.append(entity)
    return entities


def programme_rows(regency: Regency) -> list[dict[str, Any]]:
    budgets: dict[tuple[int, int], ProgrammeBudget] = {
        (b.programme_id, b.year): b for b in ProgrammeBudget.objects.filter(regency=regency)
    }
    rows = []
    for p in (
        Programme.objects.filter(regency=regency)
        .select_related("element", "lead_opd")
        .order_by("element__order", "code")
    ):
        for year in plan_years(regency):
            budget = budgets.get((p.pk, year))
            rows.append(
                {
                    "kode": p.code,
                    "elemen": p.element_id,
                    "dimensi": p.element.dimension_id,
                    "nama": p.name,
                    "horizon": p.horizon,
                    "opd_pengampu": p.lead_opd.short_name,
                    "rujukan_rpjmd": p.rpjmd_ref,
                    "rujukan_rkpd": p.rkpd_ref,
                    "status": p.status,
                    "kemajuan_persen": p.progress_pct,
                    "tahun": year,
                    "pagu_rupiah": budget.planned if budget else None,
                    "realisasi_rupiah": budget.realised if budget else None,
                    "ilustrasi": p.is_illustrative,
                }
            )
    return rows


def evaluation_rows(regency: Regency) -> list[dict[str, Any]]:
    rows = []
    cycles = EvaluationCycle.objects.filter(regency=regency, status="locked", is_published=True)
    for cycle in cycles.order_by("year", "stage"):
        result = cycle_result(cycle)
        for score in ComponentScore.objects.filter(cycle=cycle).order_by("component", "dimension"):
            rows.append(
                {
                    "tahun": cycle.year,
                    "tahap": cycle.stage,
                    "komponen": score.component,
                    "dimensi": score.dimension_id or "",
                    "nilai": _num(score.final),
                    "bobot_persen": cycle.weights[score.component],
                    "indeks": round(result.index, 4) if result.index is not None else None,
                    "ilustrasi": cycle.is_illustrative,
                }
            )
    return rows


def catalog(regency: Regency, absolute: Callable[[str], str]) -> dict[str, Any]:
    """DCAT JSON-LD: one dataset per KPI series, plus programmes and evaluations."""
    publisher = {"@type": "foaf:Organization", "foaf:name": walidata(regency)}

    def dataset(
        ident: str,
        title: str,
        description: str,
        frequency: str,
        links: list[tuple[str, str, str]],
        keywords: list[str],
    ) -> dict[str, Any]:
        return {
            "@id": absolute(links[0][0]),
            "@type": "dcat:Dataset",
            "dct:identifier": f"{regency.code}-{ident}",
            "dct:title": title,
            "dct:description": description,
            "dct:publisher": publisher,
            "dct:license": LICENCE,
            "dct:accrualPeriodicity": FREQUENCY.get(frequency, FREQUENCY["yearly"]),
            "dct:language": "id",
            "dcat:keyword": keywords,
            "dct:spatial": regency.name,
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:format": fmt,
                    "dcat:mediaType": media,
                    "dcat:downloadURL": absolute(url),
                    "dct:license": LICENCE,
                }
                for url, fmt, media in links
            ],
        }

    datasets = []
    for d in published_definitions(regency):
        base = f"/data/indikator/{d.code}"
        datasets.append(
            dataset(
                f"kpi-{d.code}",
                d.name,
                d.definition,
                d.frequency,
                [
                    (f"{base}.csv", "CSV", "text/csv"),
                    (f"{base}.json", "JSON", "application/json"),
                    (f"{base}.ngsi-ld.json", "NGSI-LD", "application/ld+json"),
                ],
                ["smart city", d.element_id, d.category],
            )
        )
    datasets.append(
        dataset(
            "program",
            "Program masterplan smart city",
            "Program per elemen: horizon, OPD pengampu, status, kemajuan, pagu dan realisasi.",
            "monthly",
            [
                ("/data/program.csv", "CSV", "text/csv"),
                ("/data/program.json", "JSON", "application/json"),
            ],
            ["smart city", "masterplan"],
        )
    )
    datasets.append(
        dataset(
            "evaluasi",
            "Hasil evaluasi Indeks Smart City",
            "Nilai komponen dan indeks per siklus evaluasi Kominfo yang sudah dikunci.",
            "yearly",
            [
                ("/data/evaluasi.csv", "CSV", "text/csv"),
                ("/data/evaluasi.json", "JSON", "application/json"),
            ],
            ["smart city", "evaluasi", "indeks"],
        )
    )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": absolute("/data/catalog.json"),
        "@type": "dcat:Catalog",
        "dct:title": f"Data terbuka smart city {regency.name}",
        "dct:publisher": publisher,
        "dct:license": LICENCE,
        "dct:language": "id",
        "dcat:dataset": datasets,
    }
