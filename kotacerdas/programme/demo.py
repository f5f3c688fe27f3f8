"""Demo data of the programme. Kotim's milestones and Bimtek dates are public facts
(see docs/programme.md for sources); its masterplan, quick wins and 2024 scores are not
public, so programmes, budgets, readiness and scores here are marked *ilustrasi*. A
second regency (Kabupaten Katingan, also in the 2022 cohort) is seeded with
illustrative data only, for the national view."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import OPD, Regency
from kotacerdas.core.models.regency import OPDKind
from kotacerdas.programme.models import (
    BimtekStage,
    CommitmentSheet,
    ComponentScore,
    CycleStatus,
    Element,
    EvaluationCycle,
    Horizon,
    MasterplanDocument,
    Milestone,
    Programme,
    ProgrammeBudget,
    ProgrammeProfile,
    QuickWinProfile,
    ReadinessAssessment,
    SelectionStatus,
)

A = "https://kalteng.antaranews.com/amp/berita/"
# (date, precision, event, source)
KOTIM_MILESTONES: list[tuple[date, str, str, str]] = [
    (
        date(2021, 11, 1),
        "day",
        "Rakor smart city di Sampit Creative Hub; MoU dengan UNDA untuk kapasitas TI ASN; "
        "target enam tahun",
        A + "516945/pemkab-kotim-gandeng-unda-wujudkan-smart-city",
    ),
    (
        date(2021, 11, 1),
        "month",
        "DPRD Komisi IV mendukung Raperda Kominfo, statistik sektoral dan persandian",
        A + "518973/legislator-kotim-dukung-wujudkan-smart-city",
    ),
    (
        date(2022, 1, 1),
        "month",
        "Kotim terpilih dalam 50 daerah Gerakan Menuju Smart City 2022 (bersama Katingan)",
        A + "533257/smart-city-jadi-kado-hut-ke-69-kotim",
    ),
    (
        date(2022, 4, 21),
        "day",
        "Nota kesepakatan Pemkab Kotim – Ditjen Aptika Kominfo",
        A + "567329/program-smart-city-diharapkan-pacu-peningkatan-kesejahteraan-masyarakat-kotim",
    ),
    (
        date(2022, 6, 1),
        "month",
        "Bimtek I dibuka Wakil Bupati",
        A + "567329/program-smart-city-diharapkan-pacu-peningkatan-kesejahteraan-masyarakat-kotim",
    ),
    (
        date(2022, 7, 13),
        "day",
        "Bimtek II: layanan publik cerdas, inventarisasi aplikasi OPD ke satu portal",
        A + "575701/program-smart-city-diharapkan-mempermudah-semua-pelayanan-di-kotim",
    ),
    (
        date(2022, 9, 21),
        "day",
        "Bimtek IV (final): penamaan quick win, Smart Economy diprioritaskan",
        "https://kalteng.tribunnews.com/2022/09/21/wujudkan-smart-city-kotim-kini-memasuki-tahap-final-bimtek-penyusunan-masterplan-dan-quick-win",
    ),
    (
        date(2022, 12, 1),
        "month",
        "Penghargaan Kominfo atas penyelesaian masterplan",
        A + "608571/penghargaan-smart-city-jadi-kado-hut-kotim",
    ),
    (
        date(2024, 6, 7),
        "day",
        "Rakor evaluasi capaian smart city (ketua tim: Bapperida, wakil: Diskominfo)",
        "https://kalselpos.com/2024/06/08/pemkab-kotim-evaluasi-capaian-program-smart-city/",
    ),
    (
        date(2024, 6, 24),
        "day",
        "Evaluasi Kominfo tahap I; pameran pengolahan limbah medis dan antrean daring "
        "RSUD dr. Murjani",
        A + "701538/pemkabkotim-bersiap-hadapi-evaluasi-smart-city",
    ),
    (
        date(2024, 11, 25),
        "day",
        "Surat Ditjen Aptika B-1478/DJAI/AI.01.02/11/2024 tentang evaluasi angkatan 2017–2022",
        "",
    ),
]

# (stage, start, end, mentors, outputs); Bimtek III's dates are not in the sources.
KOTIM_BIMTEK = [
    (
        1,
        date(2022, 6, 1),
        None,
        "Mentor Kominfo (3 orang)",
        "Draf analisis kesiapan (Buku 1), visi, daftar panjang program",
    ),
    (
        2,
        date(2022, 7, 13),
        date(2022, 7, 14),
        "Mentor Kominfo",
        "Tabel program per dimensi dan horizon",
    ),
    (3, None, None, "Mentor Kominfo", "Draf masterplan, daftar pendek quick win"),
    (4, date(2022, 9, 21), date(2022, 9, 22), "Mentor Kominfo", "Buku 1–4 final, lembar komitmen"),
]

# (code, element, also, name, horizon, opd, modules, status, pct, planned per year)
PROGRAMMES = [
    (
        "parkir-qris",
        "SE-TR",
        ["SS-SE"],
        "Retribusi parkir non-tunai QRIS",
        Horizon.QUICK_WIN,
        "dishub",
        ["parking", "payments"],
        "running",
        60,
        350_000_000,
    ),
    (
        "lapor-sampit",
        "SG-PS",
        [],
        "Layanan pengaduan dan permohonan daring (Open311)",
        Horizon.QUICK_WIN,
        "diskominfo",
        ["services"],
        "running",
        70,
        250_000_000,
    ),
    (
        "portal-aplikasi-opd",
        "SG-BR",
        [],
        "Inventarisasi aplikasi OPD ke satu portal",
        Horizon.SHORT,
        "diskominfo",
        [],
        "running",
        45,
        150_000_000,
    ),
    (
        "data-terbuka",
        "SG-PP",
        [],
        "Portal Satu Data dan data terbuka",
        Horizon.MEDIUM,
        "diskominfo",
        ["programme"],
        "running",
        35,
        120_000_000,
    ),
    (
        "antrean-rsud",
        "SL-HE",
        [],
        "Pendaftaran dan antrean daring RSUD dr. Murjani",
        Horizon.SHORT,
        "rsud-murjani",
        [],
        "done",
        100,
        200_000_000,
    ),
    (
        "limbah-medis",
        "SV-WA",
        [],
        "Instalasi pengolahan limbah medis",
        Horizon.MEDIUM,
        "dlh",
        [],
        "running",
        55,
        900_000_000,
    ),
    (
        "creative-hub",
        "SS-CO",
        [],
        "Sampit Creative Hub sebagai ruang komunitas",
        Horizon.MEDIUM,
        "diskominfo",
        [],
        "running",
        40,
        180_000_000,
    ),
    (
        "wisata-virtual",
        "SB-TO",
        [],
        "Tur virtual destinasi Mentaya",
        Horizon.LONG,
        "diskominfo",
        [],
        "planned",
        0,
        100_000_000,
    ),
]

KOTIM_SCORES = {
    "baseline": "3.10",
    "output": "3.20",
    "outcome": "2.90",
    "impact": "3.00",
    "quick_win": "3.30",
}


def seed_demo_programme(regency: Regency) -> None:
    with transaction.atomic():
        _kotim(regency)
    _history(regency)
    katingan()


def _kotim(regency: Regency) -> None:
    ProgrammeProfile.objects.filter(regency=regency).update(status=SelectionStatus.EVALUATED)
    for day, precision, title, source in KOTIM_MILESTONES:
        Milestone.objects.get_or_create(
            regency=regency,
            date=day,
            title=title,
            defaults={"date_precision": precision, "source_url": source},
        )
    for stage, start, end, mentors, outputs in KOTIM_BIMTEK:
        BimtekStage.objects.get_or_create(
            regency=regency,
            stage=stage,
            defaults={
                "start_date": start,
                "end_date": end,
                "mentors": mentors,
                "outputs": outputs,
                "is_done": True,
            },
        )
    for book, title in (
        (1, "Analisis kesiapan daerah"),
        (2, "Masterplan smart city 2022–2032"),
        (3, "Ringkasan eksekutif"),
        (4, "Profil quick win"),
    ):
        MasterplanDocument.objects.get_or_create(
            regency=regency,
            book=book,
            version=1,
            defaults={
                "title": title,
                "issued_on": date(2022, 12, 1),
                "public_summary": "Ringkasan ilustrasi: dokumen asli tersedia di "
                "Bapperida/Diskominfo.",
            },
        )
    opds = {o.code: o for o in OPD.objects.filter(regency=regency)}
    elements = {e.code: e for e in Element.objects.all()}
    for code, element, also, name, horizon, opd, modules, status, pct, planned in PROGRAMMES:
        programme, made = Programme.objects.get_or_create(
            regency=regency,
            code=code,
            defaults={
                "element": elements[element],
                "name": name,
                "horizon": horizon,
                "lead_opd": opds[opd],
                "modules": modules,
                "status": status,
                "progress_pct": pct,
                "is_illustrative": True,
                "rpjmd_ref": "RPJMD 2021–2026 (ilustrasi)",
                "description": "Program ilustrasi; masterplan Kotim belum dipublikasikan.",
            },
        )
        if made:
            programme.also_elements.set([elements[c] for c in also])
            for year in (2023, 2024, 2025, 2026):
                ProgrammeBudget.objects.create(
                    regency=regency,
                    programme=programme,
                    year=year,
                    planned=planned,
                    realised=planned * (70 + 5 * (year - 2023)) // 100 if year < 2026 else 0,
                )
            if horizon == Horizon.QUICK_WIN:
                QuickWinProfile.objects.create(
                    regency=regency,
                    programme=programme,
                    problem="Ilustrasi: kebocoran dan antrean layanan tunai.",
                    solution=name,
                    beneficiaries="Warga Sampit",
                    launch_date=date(2023, 1, 2),
                )
    signatories: list[tuple[str, str]] = [
        ("Bupati", ""),
        ("Kepala Bapperida", "bapperida"),
        ("Kepala Diskominfo", "diskominfo"),
        ("Kepala Dishub", "dishub"),
    ]
    for signatory, opd in signatories:
        CommitmentSheet.objects.get_or_create(
            regency=regency,
            signatory=signatory,
            signed_on=date(2022, 9, 22),
            defaults={"opd": opds.get(opd) if opd else None, "is_illustrative": True},
        )
    for component, good, moderate, poor in (
        ("struktur", 10, 7, 3),
        ("infrastruktur", 8, 8, 4),
        ("suprastruktur", 9, 6, 5),
    ):
        ReadinessAssessment.objects.get_or_create(
            regency=regency,
            year=2022,
            component=component,
            defaults={"good": good, "moderate": moderate, "poor": poor, "is_illustrative": True},
        )
    _locked_cycle(regency, 2024, 2, KOTIM_SCORES, "B-1478/DJAI/AI.01.02/11/2024")


def _locked_cycle(
    regency: Regency, year: int, stage: int, scores: dict[str, str], letter: str
) -> None:
    from kotacerdas.programme import index as index_calc

    if EvaluationCycle.objects.filter(regency=regency, year=year, stage=stage).exists():
        return
    cycle = EvaluationCycle.objects.create(
        regency=regency,
        year=year,
        stage=stage,
        letter_number=letter,
        status=CycleStatus.LOCKED,
        locked_at=timezone.now(),
        is_published=True,
        is_illustrative=True,
    )
    for component, value in scores.items():
        ComponentScore.objects.create(
            regency=regency,
            cycle=cycle,
            component=component,
            self_score=Decimal(value),
            validated_score=Decimal(value),
            self_note="Ilustrasi",
            validated_at=timezone.now(),
        )
    index = index_calc.smart_city_index({k: Decimal(v) for k, v in scores.items()}, cycle.weights)
    cycle.index_value = Decimal(str(round(index, 4)))
    cycle.save(update_fields=["index_value"])


def _history(regency: Regency) -> None:
    """Ninety days of demo operations, then the KPI values as of every seventh day and
    yesterday, computed by the same registry functions the daily job uses."""
    from kotacerdas.programme.demo_history import parking_history, service_history
    from kotacerdas.programme.services.kpi import kpi_backfill

    today = timezone.localdate()
    parking_history(regency, days=90, today=today)
    service_history(regency, days=90, today=today)
    days = [today - timedelta(days=n) for n in range(91, 0, -7)] + [today - timedelta(days=1)]
    kpi_backfill(regency=regency, days=sorted(set(days)))


KATINGAN = {
    "code": "6206",
    "kemendagri_code": "62.06",
    "name": "Kabupaten Katingan",
    "short_name": "Katingan",
    "capital": "Kasongan",
    "province": "Kalimantan Tengah",
    "jurisdiction_id": "katingankab.go.id",
    "plate_prefix": "KH",
    "centre_lat": Decimal("-1.870000"),
    "centre_lon": Decimal("113.420000"),
}


def katingan() -> Regency:
    """The second regency of the demo (illustrative data only)."""
    from kotacerdas.programme.seed import seed_catalogue_kpis, seed_profile

    regency, _made = Regency.objects.get_or_create(code=KATINGAN["code"], defaults=KATINGAN)
    for code, short, name, kind in (
        ("diskominfo", "Diskominfo", "Dinas Komunikasi dan Informatika", OPDKind.DINAS),
        ("bapperida", "Bappeda", "Badan Perencanaan Pembangunan Daerah", OPDKind.BADAN),
        ("dishub", "Dishub", "Dinas Perhubungan", OPDKind.DINAS),
    ):
        OPD.objects.get_or_create(
            regency=regency, code=code, defaults={"short_name": short, "name": name, "kind": kind}
        )
    seed_profile(
        regency,
        status=SelectionStatus.MASTERPLAN,
        is_illustrative=True,
        vision="Ilustrasi: Katingan cerdas dan berdaya saing.",
    )
    seed_catalogue_kpis(regency)
    for stage in (1, 2, 3, 4):
        BimtekStage.objects.get_or_create(regency=regency, stage=stage, defaults={"is_done": True})
    _locked_cycle(
        regency,
        2024,
        2,
        {
            "baseline": "2.80",
            "output": "3.00",
            "outcome": "2.70",
            "impact": "2.90",
            "quick_win": "3.10",
        },
        "",
    )
    return regency
