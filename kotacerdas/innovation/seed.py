"""Kotim's own innovations as demo records (kotim-facts §6, smart-city-programme §11):
the QRIS parking levy and the Sampit Creative Hub services (both realised by this
platform), RSUD dr. Murjani's online registration and the medical-waste processing
plant (showcased at the 2024 smart-city evaluation). Dates, BAST numbers, people and
indicator levels are illustrative. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction

from kotacerdas.core.models import OPD, Regency
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.timeutil import WIB
from kotacerdas.innovation.models import (
    AdoptionMilestone,
    EventKind,
    Handover,
    IidRuleSet,
    IidYear,
    IndicatorEntry,
    Innovation,
    InnovationEvent,
    Licence,
    ReviewStatus,
    Stage,
)
from kotacerdas.innovation.services.iid import rules_of, ruleset_import

RULESETS = Path(__file__).resolve().parent / "rulesets"
DEMO_YEAR = 2027
EVIDENCE = "https://example.org/bukti-ilustratif/"

# slug, title, problem, solution, form, digital, initiator, urusan, owner, credit,
# elements, submitted, trial, implemented, location
EXAMPLES: list[tuple[str, ...]] = [
    (
        "retribusi-parkir-qris",
        "Retribusi parkir tepi jalan dengan QRIS",
        "Setoran retribusi parkir tunai sulit diawasi dan kebocorannya tinggi.",
        "Juru parkir menampilkan QRIS dinamis per kendaraan; pembayaran langsung masuk kas "
        "daerah dan tercatat per titik parkir.",
        "pelayanan",
        "1",
        "perangkat-daerah",
        "Perhubungan",
        "dishub",
        "Tim Kota Cerdas Kotim",
        "SE-TR SS-SE",
        "2026-01-12",
        "2026-03-02",
        "2026-06-01",
        "Pusat Perbelanjaan Mentaya (PPM), Sampit",
    ),
    (
        "layanan-sampit-creative-hub",
        "Layanan publik terpadu Sampit Creative Hub",
        "Warga harus mendatangi banyak kantor untuk melapor dan mengajukan layanan.",
        "Satu pintu digital untuk pengaduan dan layanan (Open311) dengan pelacakan status "
        "dan batas waktu per OPD.",
        "pelayanan",
        "1",
        "perangkat-daerah",
        "Komunikasi dan Informatika",
        "diskominfo",
        "Tim Kota Cerdas Kotim",
        "SG-PS SS-CO",
        "2026-02-02",
        "2026-04-01",
        "2026-07-01",
        "Sampit Creative Hub",
    ),
    (
        "pendaftaran-online-rsud-murjani",
        "Pendaftaran dan antrean online RSUD dr. Murjani",
        "Pasien antre sejak subuh untuk mendapat nomor pendaftaran.",
        "Pendaftaran dan nomor antrean dari ponsel, dengan perkiraan waktu dipanggil.",
        "pelayanan",
        "1",
        "perangkat-daerah",
        "Kesehatan",
        "rsud-murjani",
        "RSUD dr. Murjani Sampit",
        "SL-HE SG-PS",
        "2023-11-06",
        "2024-01-08",
        "2024-04-01",
        "RSUD dr. Murjani, Sampit",
    ),
    (
        "pengolahan-limbah-medis",
        "Instalasi pengolahan limbah medis",
        "Limbah medis fasyankes harus dikirim jauh ke luar daerah dengan biaya tinggi.",
        "Instalasi pengolahan limbah medis milik daerah melayani rumah sakit dan puskesmas.",
        "lainnya",
        "0",
        "perangkat-daerah",
        "Lingkungan Hidup",
        "dlh",
        "Dinas Lingkungan Hidup Kotim",
        "SV-WA SL-HE",
        "2023-05-08",
        "2023-10-02",
        "2024-03-04",
        "Kabupaten Kotawaringin Timur",
    ),
]

HANDOVERS = {
    "retribusi-parkir-qris": ("BAST/001/INOV/2026", "2026-07-15", "dishub"),
    "layanan-sampit-creative-hub": ("BAST/002/INOV/2026", "2026-08-03", "diskominfo"),
}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _seed_examples(regency: Regency) -> dict[str, Innovation]:
    found: dict[str, Innovation] = {}
    for row in EXAMPLES:
        (slug, title, problem, solution, form, digital, initiator, urusan, owner, credit) = row[:10]
        elements, submitted, trial, implemented, location = row[10:]
        existing = Innovation.objects.filter(regency=regency, slug=slug).first()
        if existing is not None:
            found[slug] = existing
            continue
        opd = OPD.objects.get(regency=regency, code=owner)
        made = Innovation.objects.create(
            regency=regency,
            slug=slug,
            title=title,
            problem=problem,
            solution=solution,
            form=form,
            is_digital=digital == "1",
            initiator_type=initiator,
            urusan=urusan,
            owner_opd=opd,
            credit_name=credit,
            stage=Stage.PENERAPAN,
            trial_started_on=_day(trial),
            implemented_on=_day(implemented),
            location=location,
            elements=elements.split(),
            criteria_claimed=[
                "pembaharuan",
                "manfaat",
                "tidak-membebani",
                "kewenangan",
                "replikasi",
            ],
            criteria_confirmed=[
                "pembaharuan",
                "manfaat",
                "tidak-membebani",
                "kewenangan",
                "replikasi",
            ],
            status=ReviewStatus.DITERIMA,
            submitted_at=datetime.combine(_day(submitted), time(9), tzinfo=WIB),
            decided_at=datetime.combine(_day(submitted), time(15), tzinfo=WIB),
        )
        for kind, to, on in (
            (EventKind.STATUS, ReviewStatus.DIAJUKAN, submitted),
            (EventKind.STATUS, ReviewStatus.DITERIMA, submitted),
            (EventKind.STAGE, Stage.UJI_COBA, trial),
            (EventKind.STAGE, Stage.PENERAPAN, implemented),
        ):
            InnovationEvent.objects.create(
                regency=regency,
                innovation=made,
                kind=kind,
                to_value=to,
                public=True,
                happened_on=_day(on),
            )
        audit_record(regency=regency, actor=None, action="innovation.seed", obj=made)
        found[slug] = made
    return found


def _seed_handovers(regency: Regency, items: dict[str, Innovation]) -> None:
    for slug, (number, on, opd_code) in HANDOVERS.items():
        innovation = items[slug]
        if Handover.objects.filter(regency=regency, innovation=innovation).exists():
            continue
        opd = OPD.objects.get(regency=regency, code=opd_code)
        handover = Handover.objects.create(
            regency=regency,
            innovation=innovation,
            bast_number=number,
            handed_on=_day(on),
            place="Sampit Creative Hub, Sampit",
            giver_name="Tim Kota Cerdas Kotim",
            giver_role="Penggiat inovasi (ilustratif)",
            receiver_opd=opd,
            receiver_name=f"Kepala {opd.short_name}",
            receiver_role=f"Kepala {opd.name}",
            includes_source_code=True,
            includes_documents=True,
            includes_rights=True,
            items="Kode sumber platform Kota Cerdas, panduan operasional dan data uji.",
            licence=Licence.OPEN_SOURCE,
            licence_terms="Kode sumber terbuka; pemerintah daerah bebas memakai, mengubah dan "
            "mereplikasi dengan mencantumkan penggagas.",
            adoption_plan="Penerapan bertahap: pelatihan petugas, uji di lokasi percontohan, "
            "lalu perluasan ke seluruh Sampit.",
            verify_code=f"demo-{slug[:20]}",
        )
        for k, (title, months) in enumerate((("Pelatihan petugas", 1), ("Perluasan layanan", 4))):
            due = handover.handed_on.replace(month=min(12, handover.handed_on.month + months))
            AdoptionMilestone.objects.create(
                regency=regency,
                handover=handover,
                title=title,
                due_on=due,
                done_on=due if k == 0 else None,
            )
        InnovationEvent.objects.create(
            regency=regency,
            innovation=innovation,
            kind=EventKind.HANDOVER,
            to_value=opd.code,
            note=f"Nomor {number}",
            public=True,
            happened_on=handover.handed_on,
        )
        audit_record(regency=regency, actor=None, action="innovation.seed.handover", obj=handover)


def seed_rulesets(regency: Regency) -> dict[str, IidRuleSet]:
    made: dict[str, IidRuleSet] = {}
    for path in sorted(RULESETS.iterdir()):
        if path.suffix not in (".json", ".yaml", ".yml"):
            continue
        raw = path.read_bytes()
        code_hint = IidRuleSet.objects.filter(regency=regency, filename=path.name).first()
        if code_hint is not None:
            made[code_hint.code] = code_hint
            continue
        ruleset = ruleset_import(regency=regency, raw=raw, filename=path.name, actor=None)
        made[ruleset.code] = ruleset
    return made


def _seed_year(
    regency: Regency, rulesets: dict[str, IidRuleSet], items: dict[str, Innovation]
) -> None:
    if IidYear.objects.filter(regency=regency, year=DEMO_YEAR).exists():
        return
    ruleset = rulesets["iid-2023"]
    rules = rules_of(ruleset)
    year = IidYear.objects.create(
        regency=regency,
        year=DEMO_YEAR,
        ruleset=ruleset,
        window_opens=date(DEMO_YEAR, 6, 1),
        deadline=date(DEMO_YEAR, 8, 13),
    )
    rows: list[IndicatorEntry] = []
    for k, ind in enumerate(rules.scoped("region")):
        evidenced = k % 5 != 4
        rows.append(
            IndicatorEntry(
                regency=regency,
                year=year,
                indicator=ind.code,
                level=2,
                evidence_url=f"{EVIDENCE}daerah-{ind.code}" if evidenced else "",
            )
        )
    for n, innovation in enumerate(items.values()):
        for k, ind in enumerate(rules.scoped("innovation")):
            level = ind.levels[min(len(ind.levels) - 1, (n + k) % 3)].level
            # Gaps to chase: the medical-waste plant has no video, others miss a few.
            evidenced = not (
                (innovation.slug == "pengolahan-limbah-medis" and ind.code == "i35")
                or (k + n) % 6 == 5
            )
            rows.append(
                IndicatorEntry(
                    regency=regency,
                    year=year,
                    innovation=innovation,
                    indicator=ind.code,
                    level=level,
                    evidence_url=f"{EVIDENCE}{innovation.slug}-{ind.code}" if evidenced else "",
                )
            )
    IndicatorEntry.objects.bulk_create(rows)
    audit_record(regency=regency, actor=None, action="innovation.seed.iid_year", obj=year)


def seed_demo(regency: Regency) -> None:
    with transaction.atomic():
        items = _seed_examples(regency)
        _seed_handovers(regency, items)
        rulesets = seed_rulesets(regency)
        _seed_year(regency, rulesets, items)
