"""The newer apps in both regencies of the two-regency world: citizen accounts and their
reports, smart-city programmes with KPI values and evaluation cycles, partners and
agreements, ASN with a finished class and its credential, innovations handed over to an
OPD, parking leakage alerts. As in ``world.py`` every text carries the regency's marker,
so a response of one regency can be searched for the other's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kotacerdas.core.models import OPD, Role, User
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.core.services.users import role_grant
from kotacerdas.innovation.models import AdoptionMilestone, EvidenceFile, Handover, Innovation
from kotacerdas.parking.models import AlertKind, LeakageAlert
from kotacerdas.partners.models import Agreement, PartnerKind
from kotacerdas.partners.services.agreements import (
    agreement_create,
    partner_ensure,
    scan_storage,
)
from kotacerdas.programme.models import (
    Element,
    EvaluationCycle,
    Horizon,
    KpiDefinition,
    KpiValue,
    Programme,
    ProgressUpdate,
)
from kotacerdas.programme.seed import seed_catalogue_kpis, seed_profile
from kotacerdas.programme.services.kpi import kpi_value_submit
from kotacerdas.programme.services.taxonomy import taxonomy_seed
from kotacerdas.services.models import Channel, ServiceRequest
from kotacerdas.services.selectors import service_get
from kotacerdas.services.services.requests import request_submit
from kotacerdas.training.models import (
    Asn,
    AsnImport,
    AsnKind,
    Course,
    Credential,
    ExternalCertificate,
    NominationQuota,
    TrainingClass,
    TrainingSession,
)
from kotacerdas.training.services.asn_import import asn_import_preview
from kotacerdas.training.services.attendance import attendance_manual
from kotacerdas.training.services.classes import (
    class_finish,
    enrolment_decide,
    enrolment_nominate,
    scores_set,
)
from kotacerdas.training.services.external import external_submit
from tests.boundaries.world import Side, World, build_world
from tests.factories import PASSWORD
from tests.services.conftest import upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class Apps:
    """One regency's objects of the newer apps."""

    citizen_request: ServiceRequest
    programme: Programme
    progress: ProgressUpdate
    kpi_value: KpiValue
    cycle: EvaluationCycle
    agreement: Agreement
    asn: Asn
    other_opd_asn: Asn
    batch: AsnImport
    klass: TrainingClass
    session: TrainingSession
    credential: Credential
    external: ExternalCertificate
    innovation: Innovation
    draft_innovation: Innovation
    evidence: EvidenceFile
    milestone: AdoptionMilestone
    handover: Handover
    alert: LeakageAlert
    extra_secrets: list[str] = field(default_factory=list)


def _staff(side: Side, name: str, role: Role, opd_code: str | None = None) -> User:
    opd = OPD.objects.get(regency=side.regency, code=opd_code) if opd_code else None
    user = User.objects.create(
        username=f"{side.tag}-{name}",
        regency=side.regency,
        opd=opd,
        first_name=side.tag,
        email=f"{name}{side.tag}@contoh.go.id",
    )
    user.set_password(PASSWORD)
    user.save()
    role_grant(user=user, role=role, regency=side.regency, actor=None, opd=opd)
    side.users[name] = user
    _, side.tokens[name] = token_issue(user=user, regency=side.regency)
    return user


def _citizen_request(side: Side) -> ServiceRequest:
    warga = side.users["warga"]
    warga.phone = f"+62812777{side.tag}"
    warga.save(update_fields=["phone"])
    road = service_get(regency=side.regency, code="jalan-rusak")
    assert road is not None
    return request_submit(
        regency=side.regency,
        service=road,
        channel=Channel.WEB,
        description=f"Laporan akun warga {side.tag}",
        address="Jalan Akun",
        lat="-2.536",
        lon="112.958",
        attributes={"tingkat": ["berat"]},
        photos=[upload()],
        reporter=warga,
        reporter_phone=warga.phone,
    )


def _programme(side: Side) -> tuple[Programme, ProgressUpdate, KpiValue, EvaluationCycle]:
    regency = side.regency
    taxonomy_seed()
    seed_profile(regency)
    seed_catalogue_kpis(regency)
    programme = Programme.objects.create(
        regency=regency,
        code="parkir-qris-batas",
        element=Element.objects.get(code="SE-TR"),
        name=f"Program batas {side.tag}",
        description=f"Uraian program {side.tag}",
        horizon=Horizon.QUICK_WIN,
        lead_opd=OPD.objects.get(regency=regency, code="dishub"),
    )
    progress = ProgressUpdate.objects.create(
        regency=regency,
        programme=programme,
        reported_on=date(2026, 1, 5),
        progress_pct=10,
        status="planned",
        note=f"Kemajuan {side.tag}",
    )
    progress.evidence_name = f"batas/{side.tag}/kemajuan.pdf"
    progress.save(update_fields=["evidence_name"])
    from kotacerdas.programme.services.files import private_storage

    private_storage().save(progress.evidence_name, ContentFile(PDF))
    value = kpi_value_submit(
        definition=KpiDefinition.objects.get(regency=regency, code="data-terbuka"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        value=Decimal("40"),
        note=f"Catatan nilai {side.tag}",
        evidence=_pdf(),
        actor=side.users["admin"],
    )
    cycle, _ = EvaluationCycle.objects.get_or_create(
        regency=regency,
        year=2024,
        stage=1,
        defaults={"letter_number": f"SURAT/{side.tag}", "is_published": True},
    )
    return programme, progress, value, cycle


def _agreement(side: Side) -> Agreement:
    partner = partner_ensure(
        regency=side.regency,
        code="unda",
        name=f"Universitas Mitra {side.tag}",
        short_name=f"UM{side.tag}",
        kind=PartnerKind.UNIVERSITY,
    )
    item = agreement_create(
        regency=side.regency,
        partner=partner,
        kind="mou",
        number=f"MOU-BATAS-{side.tag}",
        title=f"Perjanjian batas {side.tag}",
        parties=f"Pemda {side.tag}; Mitra",
        signed_on=date(2024, 1, 1),
        valid_until=timezone.localdate() + timedelta(days=20),
        scope=f"Ruang lingkup {side.tag}",
        actor=None,
    )
    item.scan_name = scan_storage().save(f"batas/{side.tag}.pdf", ContentFile(PDF))
    item.save(update_fields=["scan_name"])
    return item


def _asn(side: Side, nip: str, opd_code: str, name: str, user: User | None = None) -> Asn:
    return Asn.objects.create(
        regency=side.regency,
        nip=nip,
        name=name,
        kind=AsnKind.PNS,
        opd=OPD.objects.get(regency=side.regency, code=opd_code),
        user=user,
    )


def _training(side: Side) -> tuple[Asn, Asn, AsnImport, TrainingClass, TrainingSession, Credential]:
    regency, admin = side.regency, side.users["admin"]
    now = timezone.now()
    asn = _asn(side, "198503122010011003", "dishub", f"ASN Dishub {side.tag}", side.users["asn"])
    other = _asn(side, "199001012019032001", "pupr", f"ASN PUPR {side.tag}")
    partner = partner_ensure(
        regency=regency, code="unda", name="-", short_name="-", kind=PartnerKind.UNIVERSITY
    )
    course = Course.objects.create(
        regency=regency,
        code="literasi-data",
        title=f"Kursus batas {side.tag}",
        description=f"Uraian kursus {side.tag}",
        provider=partner,
        competency_type="teknis",
        competency_code="KT-DATA-01",
        element_codes="SG-BR",
        mode="klasikal",
        jp=12,
    )
    klass = TrainingClass.objects.create(
        regency=regency,
        course=course,
        code="k1",
        name=f"Angkatan batas {side.tag}",
        year=now.year,
        capacity=30,
        lecturer=side.users["dosen"],
    )
    sessions = [
        TrainingSession.objects.create(
            regency=regency,
            training_class=klass,
            number=n + 1,
            starts_at=now + timedelta(hours=-1 + 24 * n),
            ends_at=now + timedelta(hours=2 + 24 * n),
            place=f"Aula {side.tag}",
        )
        for n in range(2)
    ]
    NominationQuota.objects.create(
        regency=regency,
        training_class=klass,
        opd=OPD.objects.get(regency=regency, code="dishub"),
        quota=2,
    )
    enrolment = enrolment_nominate(training_class=klass, asn=asn, actor=admin)
    enrolment = enrolment_decide(enrolment=enrolment, accept=True, actor=admin)
    for session in sessions:
        attendance_manual(session=session, enrolment=enrolment, actor=admin, now=session.starts_at)
    scores_set(training_class=klass, scores={enrolment.pk: ("40", "90")}, actor=admin)
    class_finish(training_class=klass, actor=admin)
    credential = Credential.objects.get(regency=regency)
    batch = asn_import_preview(
        regency=regency,
        actor=admin,
        filename=f"asn-{side.tag}.csv",
        data=(
            "nip,nama,jenis,pangkat_golongan,jabatan,opd\n"
            f"12,Salah Impor {side.tag},PNS,III/a,Staf,Dishub\n"
        ).encode(),
        today=date(2026, 11, 30),
    )
    return asn, other, batch, klass, sessions[0], credential


def _innovation(side: Side) -> tuple[Innovation, Innovation, EvidenceFile, AdoptionMilestone]:
    from kotacerdas.innovation.models import Criterion, ReviewStatus
    from kotacerdas.innovation.seed import seed_rulesets
    from kotacerdas.innovation.services.handover import handover_record
    from kotacerdas.innovation.services.iid import year_open
    from kotacerdas.innovation.services.innovations import (
        draft_from_data,
        innovation_review,
        innovation_submit,
    )
    from tests.innovation.helpers import form_data

    regency, reviewer = side.regency, side.users["bapperida"]

    def submit(title: str) -> Innovation:
        draft = draft_from_data(
            regency=regency,
            data=form_data(title=title, credit_name=f"Penggagas {side.tag}"),
            lists={"elements": ["SE-WE"], "criteria": list(Criterion.values)},
        )
        return innovation_submit(
            regency=regency, draft=draft, actor=side.users["warga"], files=[_pdf()]
        )

    item = innovation_review(
        innovation=submit(f"Inovasi batas {side.tag}"),
        target=ReviewStatus.DITERIMA,
        note="",
        criteria=list(Criterion.values),
        actor=reviewer,
        owner_opd=OPD.objects.get(regency=regency, code="diskominfo"),
    )
    today = timezone.localdate()
    handover_record(
        innovation=item,
        data={
            "bast_number": f"BAST/BATAS/{side.tag}",
            "handed_on": today.isoformat(),
            "place": f"Tempat {side.tag}",
            "giver_name": f"Pemberi {side.tag}",
            "giver_role": "Warga",
            "receiver_opd": str(OPD.objects.get(regency=regency, code="dishub").pk),
            "receiver_name": f"Penerima {side.tag}",
            "receiver_role": "Kepala Dinas",
            "documents": "1",
            "items": "Dokumen rancangan",
            "licence": "open-source",
            "licence_terms": "Bebas dipakai",
            "adoption_plan": f"Rencana adopsi {side.tag}",
        },
        milestones=[(f"Tonggak {side.tag}", (today + timedelta(days=30)).isoformat())],
        actor=reviewer,
    )
    seeded = seed_rulesets(regency)
    year_open(regency=regency, year=2027, ruleset=seeded["iid-2023"], deadline=None, actor=reviewer)
    draft = submit(f"Usulan baru {side.tag}")
    evidence = EvidenceFile.objects.filter(innovation=item).first()
    milestone = AdoptionMilestone.objects.filter(handover__innovation=item).first()
    assert evidence is not None and milestone is not None
    item.refresh_from_db()
    return item, draft, evidence, milestone


def build_apps(side: Side) -> Apps:
    _staff(side, "bkpsdm", Role.OFFICER, "bkpsdm")
    _staff(side, "bapperida", Role.OFFICER, "bapperida")
    _staff(side, "asn", Role.ASN)
    _staff(side, "dosen", Role.DOSEN)
    _staff(side, "penilai", Role.PENILAI)
    citizen_request = _citizen_request(side)
    programme, progress, value, cycle = _programme(side)
    agreement = _agreement(side)
    asn, other_asn, batch, klass, session, credential = _training(side)
    external = external_submit(
        asn=asn,
        title=f"Sertifikat luar {side.tag}",
        provider="Komdigi",
        jp="10",
        completed_on=date(2026, 6, 1),
        upload=_pdf("a.pdf"),
        actor=side.users["admin"],
        today=date(2026, 11, 30),
    )
    innovation, draft, evidence, milestone = _innovation(side)
    handover = Handover.objects.get(innovation=innovation)
    assert side.spot is not None and side.attendant is not None
    alert = LeakageAlert.objects.create(
        regency=side.regency,
        kind=AlertKind.ZERO_ON_DUTY,
        day=date(2026, 11, 1),
        spot=side.spot,
        attendant=side.attendant,
        observed=0,
        expected=12,
    )
    return Apps(
        citizen_request=citizen_request,
        programme=programme,
        progress=progress,
        kpi_value=value,
        cycle=cycle,
        agreement=agreement,
        asn=asn,
        other_opd_asn=other_asn,
        batch=batch,
        klass=klass,
        session=session,
        credential=credential,
        external=external,
        innovation=innovation,
        draft_innovation=draft,
        evidence=evidence,
        milestone=milestone,
        handover=handover,
        alert=alert,
    )


def app_secrets(side: Side, apps: Apps) -> list[str]:
    """Marker strings of one regency's newer-app data (plus the base world's)."""
    tag = side.tag
    return [
        *side.secrets,
        apps.citizen_request.tracking_number,
        f"Laporan akun warga {tag}",
        f"Program batas {tag}",
        f"Kemajuan {tag}",
        f"Catatan nilai {tag}",
        f"Universitas Mitra {tag}",
        f"Perjanjian batas {tag}",
        f"MOU-BATAS-{tag}",
        f"ASN Dishub {tag}",
        f"ASN PUPR {tag}",
        f"Kursus batas {tag}",
        f"Angkatan batas {tag}",
        f"Aula {tag}",
        f"Salah Impor {tag}",
        f"Sertifikat luar {tag}",
        f"Inovasi batas {tag}",
        f"Usulan baru {tag}",
        f"Penggagas {tag}",
        f"BAST/BATAS/{tag}",
        f"Penerima {tag}",
        f"Tonggak {tag}",
        apps.credential.public_id,
        apps.handover.verify_code,
    ]


@dataclass
class AppWorld:
    world: World
    a: Apps
    b: Apps


def build_app_world() -> AppWorld:
    world = build_world()
    return AppWorld(world=world, a=build_apps(world.a), b=build_apps(world.b))
