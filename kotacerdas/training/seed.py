"""Demo data for competency development: about 200 ASN across Kotim's offices (loaded
through the same import as BKPSDM's files), six courses with UNDA, Komdigi's Digital
Talent Scholarship and BKPSDM, the 2026 classes with attendance and scores, issued
certificates (one revoked) and an open class for trying the flow. Names and NIPs are
generated (deterministically) and are not real people.

Demo accounts ``bkpsdm`` (BKPSDM officer), ``dosen1`` (UNDA lecturer) and ``asn1`` (a
civil servant) get the same password as the platform's other demo users: their hash is
copied from ``admin``, so the password printed by ``kotacerdas demo`` works for them."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction

from kotacerdas.core.models import OPD, Regency, Role, User
from kotacerdas.core.services.users import role_grant, user_create
from kotacerdas.core.timeutil import WIB
from kotacerdas.partners.models import Agreement, Partner
from kotacerdas.training.models import (
    Asn,
    ClassStatus,
    Course,
    Credential,
    Enrolment,
    NominationQuota,
    TrainingClass,
    TrainingSession,
)
from kotacerdas.training.services.asn_import import asn_import_apply, asn_import_preview
from kotacerdas.training.services.attendance import attendance_manual
from kotacerdas.training.services.classes import (
    class_finish,
    enrolment_decide,
    enrolment_nominate,
    scores_set,
)
from kotacerdas.training.services.credentials import credential_set_status

OFFICES = [
    "diskominfo", "dishub", "bapenda", "bkpsdm", "bapperida", "dlh", "pupr", "dinkes",
    "disdukcapil", "dpmptsp", "satpolpp", "rsud-murjani",
]  # fmt: skip
FIRST = [
    "Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gusti", "Hendra", "Indah", "Joko",
    "Kartika", "Lestari", "Muhammad", "Nurul", "Oktaviani", "Putri", "Rahmat", "Siti",
    "Taufik", "Utami", "Wahyu", "Yuliana", "Zainal", "Rina", "Agus", "Desi", "Fajar",
]  # fmt: skip
LAST = [
    "Santoso", "Rahmawati", "Saputra", "Hidayat", "Wulandari", "Pratama", "Kurniawan",
    "Lestari", "Nugroho", "Sari", "Firmansyah", "Anggraini", "Setiawan", "Maulana",
    "Handayani", "Syahputra", "Ramadhani", "Susanti", "Gunawan", "Permata",
]  # fmt: skip
POSITIONS = [
    "Pranata Komputer Ahli Pertama", "Analis Kebijakan", "Pengelola Data", "Arsiparis",
    "Analis SDM Aparatur", "Penyusun Program", "Pengadministrasi Umum", "Kepala Seksi",
]  # fmt: skip
RANKS = ["Penata Muda (III/a)", "Penata Muda Tk. I (III/b)", "Penata (III/c)", "Pengatur (II/c)"]

COURSES = [
    ("literasi-data", "Literasi data dan Satu Data untuk ASN", "unda", "teknis", "SG-PP,SS-LE",
     "klasikal", 24, "KT-DATA-01"),
    ("keamanan-informasi", "Keamanan informasi dan persandian dasar", "unda", "teknis", "SG-BR",
     "klasikal", 16, "KT-KAMI-01"),
    ("aplikasi-layanan", "Pengembangan aplikasi layanan publik berbasis web", "unda", "teknis",
     "SG-PS", "klasikal", 32, "KT-APL-02"),
    ("dts-gta", "Government Transformation Academy (Digital Talent Scholarship)", "komdigi",
     "teknis", "SG-BR", "e_learning", 20, "KT-TRF-01"),
    ("dts-dla", "Digital Leadership Academy (Digital Talent Scholarship)", "komdigi",
     "manajerial", "SG-PP", "e_learning", 24, "KM-DL-01"),
    ("layanan-inklusif", "Pelayanan publik digital yang inklusif", None, "sosial_kultural",
     "SG-PS,SS-CO", "coaching", 8, "KS-YAN-01"),
]  # fmt: skip


def _nip(rng: random.Random, seq: int, pppk: bool) -> tuple[str, date | None]:
    born = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
    year = min(born.year + rng.randint(22, 32), 2024)
    month = "21" if pppk else f"{rng.randint(1, 12):02d}"
    nip = f"{born:%Y%m%d}{year}{month}{rng.randint(1, 2)}{seq % 999 + 1:03d}"
    return nip, (date(year, rng.choice([1, 3, 4]), 1) if pppk else None)


def _asn_file(rng: random.Random, regency: Regency, count: int) -> bytes:
    rows = ["nip,nama,jenis,pangkat_golongan,jabatan,opd,aktif,awal_kontrak"]
    seen: set[str] = set()
    while len(seen) < count:
        pppk = rng.random() < 0.15
        nip, start = _nip(rng, len(seen), pppk)
        if nip in seen:
            continue
        seen.add(nip)
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        rank = "IX" if pppk else rng.choice(RANKS)
        rows.append(
            ",".join(
                [
                    nip,
                    name,
                    "PPPK" if pppk else "PNS",
                    f'"{rank}"',
                    rng.choice(POSITIONS),
                    OFFICES[len(seen) % len(OFFICES)],
                    "ya",
                    start.isoformat() if start else "",
                ]
            )
        )
    return ("\n".join(rows) + "\n").encode()


def _account(regency: Regency, username: str, name: str, role: Role, opd: OPD | None) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        first, last = name.split(" ", 1)
        user = user_create(
            regency=regency,
            username=username,
            password=None,
            actor=None,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.kotimkab.go.id",
            opd=opd,
        )
        template = User.objects.filter(username="admin").first()
        if template is not None:
            user.password = template.password
            user.save(update_fields=["password"])
    role_grant(user=user, role=role, regency=regency, actor=None, opd=opd)
    return user


def _sessions(regency: Regency, klass: TrainingClass, first: date, count: int) -> None:
    for n in range(count):
        day = first + timedelta(days=7 * n)
        TrainingSession.objects.create(
            regency=regency,
            training_class=klass,
            number=n + 1,
            starts_at=datetime.combine(day, time(8, 30), tzinfo=WIB),
            ends_at=datetime.combine(day, time(12, 0), tzinfo=WIB),
            place="Sampit Creative Hub" if n % 2 == 0 else "Aula Diskominfo Kotim",
        )


def _class(
    regency: Regency, course: Course, code: str, name: str, lecturer: User | None, quota: int
) -> TrainingClass:
    klass = TrainingClass.objects.create(
        regency=regency, course=course, code=code, name=name, year=2026, capacity=40,
        lecturer=lecturer,
    )  # fmt: skip
    for opd in OPD.objects.filter(regency=regency, code__in=OFFICES):
        NominationQuota.objects.create(regency=regency, training_class=klass, opd=opd, quota=quota)
    return klass


def _run_finished_class(
    rng: random.Random, klass: TrainingClass, people: list[Asn], actor: User, ended: date
) -> list[Enrolment]:
    enrolled = []
    for asn in people:
        nominated = enrolment_nominate(training_class=klass, asn=asn, actor=actor)
        enrolled.append(enrolment_decide(enrolment=nominated, accept=True, actor=actor))
    for session in klass.sessions.all():
        for enrolment in enrolled:
            if rng.random() < 0.88:
                attendance_manual(
                    session=session, enrolment=enrolment, actor=actor, now=session.starts_at
                )
    scores = {e.pk: (str(rng.randint(35, 70)), str(rng.randint(55, 98))) for e in enrolled}
    scores_set(training_class=klass, scores=scores, actor=actor)
    return class_finish(training_class=klass, actor=actor, today=ended)


def seed_demo(regency: Regency) -> None:
    if Course.objects.filter(regency=regency).exists():
        return
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        return
    rng = random.Random(6202)  # noqa: S311 - demo data, not security
    with transaction.atomic():
        batch = asn_import_preview(
            regency=regency,
            actor=admin,
            filename="demo-asn.csv",
            data=_asn_file(rng, regency, 200),
            today=date(2026, 11, 30),
        )
        asn_import_apply(batch=batch, actor=admin)
        bkpsdm = OPD.objects.get(regency=regency, code="bkpsdm")
        _account(regency, "bkpsdm", "Petugas BKPSDM", Role.OFFICER, bkpsdm)
        lecturer = _account(regency, "dosen1", "Dosen UNDA", Role.DOSEN, None)
        asn_user = _account(regency, "asn1", "ASN Diskominfo", Role.ASN, None)
        people = list(Asn.objects.filter(regency=regency).order_by("nip"))
        mine = next(a for a in people if a.opd.code == "diskominfo" and a.kind == "pns")
        mine.user = asn_user
        mine.save(update_fields=["user"])
        partners = {p.code: p for p in Partner.objects.filter(regency=regency)}
        pks = Agreement.objects.filter(regency=regency, number="PKS-UNDA-2026-01").first()
        aptika = Agreement.objects.filter(regency=regency, number="NK-APTIKA-2022-04-21").first()
        courses = []
        for code, title, partner, ctype, elements, mode, jp, comp in COURSES:
            courses.append(
                Course.objects.create(
                    regency=regency,
                    code=code,
                    title=title,
                    description=f"{title}. Kelas untuk ASN Pemkab Kotawaringin Timur.",
                    provider=partners.get(partner) if partner else None,
                    agreement=(pks if partner == "unda" else aptika if partner else None),
                    competency_type=ctype,
                    competency_code=comp,
                    element_codes=elements,
                    mode=mode,
                    jp=jp,
                )
            )
        rng.shuffle(people)
        starts = [date(2026, 2, 9), date(2026, 3, 16), date(2026, 5, 4), date(2026, 7, 6),
                  date(2026, 8, 10)]  # fmt: skip
        pool = [mine, *[p for p in people if p is not mine]]
        for i, (course, first) in enumerate(zip(courses[:5], starts, strict=True)):
            klass = _class(regency, course, "2026-1", "Angkatan I 2026", lecturer, 4)
            _sessions(regency, klass, first, 4)
            chosen = pool[i * 18 : i * 18 + 24] if i else pool[:24]
            by_opd: dict[int, int] = {}
            group = []
            for asn in chosen:
                if by_opd.get(asn.opd_id, 0) < 4:
                    by_opd[asn.opd_id] = by_opd.get(asn.opd_id, 0) + 1
                    group.append(asn)
            _run_finished_class(rng, klass, group, admin, first + timedelta(days=28))
        # An open class for trying nomination, the attendance QR and scores.
        open_class = _class(regency, courses[0], "2026-2", "Angkatan II 2026", lecturer, 3)
        _sessions(regency, open_class, date(2026, 12, 7), 3)
        _class(regency, courses[5], "2026-1", "Angkatan I 2026", None, 2)
        first_credential = Credential.objects.filter(regency=regency).order_by("id").first()
        if first_credential is not None and first_credential.asn_id != mine.pk:
            credential_set_status(
                credential=first_credential,
                status="revoked",
                reason="Contoh demo: nilai post-test salah input, sertifikat dicabut.",
                actor=admin,
            )
        assert open_class.status == ClassStatus.OPEN
