"""Objects the access-matrix paths need (created on demand inside the matrix test)."""

from __future__ import annotations

from datetime import date

from kotacerdas.core.models import Role
from kotacerdas.training.models import Asn, AsnImport
from kotacerdas.training.services.asn_import import asn_import_preview
from tests.factories import kotim, user_with
from tests.training.conftest import make_asn


def dishub_asn() -> Asn:
    """A Dishub ASN: the matrix officer is bound to Dishub, so it may see this one."""
    existing = Asn.objects.filter(regency=kotim(), nip="198503122010011003").first()
    return existing or make_asn("198503122010011003", opd_code="dishub")


def import_batch() -> AsnImport:
    existing = AsnImport.objects.first()
    if existing is not None:
        return existing
    actor = user_with(Role.ADMIN)
    return asn_import_preview(
        regency=kotim(),
        actor=actor,
        filename="asn.csv",
        data=b"nip,nama,jenis,pangkat_golongan,jabatan,opd\n12,Salah,PNS,III/a,Staf,Dishub\n",
        today=date(2026, 11, 30),
    )


def credential_id() -> str:
    """A class finished with one credential issued (the world is built once per test)."""
    from django.utils import timezone

    from kotacerdas.training.models import Credential
    from kotacerdas.training.services.attendance import attendance_manual
    from kotacerdas.training.services.classes import (
        class_finish,
        enrolment_decide,
        enrolment_nominate,
        scores_set,
    )
    from tests.training.world import build_world

    existing = Credential.objects.first()
    if existing is not None:
        return existing.public_id
    world = build_world(now=timezone.now(), code="matrix")
    admin = user_with(Role.ADMIN)
    enrolment = enrolment_nominate(training_class=world.klass, asn=world.asns[0], actor=admin)
    enrolment = enrolment_decide(enrolment=enrolment, accept=True, actor=admin)
    for session in world.sessions:
        attendance_manual(session=session, enrolment=enrolment, actor=admin, now=session.starts_at)
    scores_set(training_class=world.klass, scores={enrolment.pk: ("40", "90")}, actor=admin)
    class_finish(training_class=world.klass, actor=admin)
    return Credential.objects.get().public_id


def cosigning_partner() -> str:
    """The partner (UNDA) that co-signed the matrix credential: its key exists."""
    from kotacerdas.training.models import Credential

    credential = Credential.objects.get(public_id=credential_id())
    creator = credential.payload["credentialSubject"]["achievement"]["creator"]["id"]
    return str(creator).rsplit("/", 1)[1]


def class_pk() -> int:
    from kotacerdas.training.models import TrainingClass
    from tests.training.world import build_world

    existing = TrainingClass.objects.first()
    return (existing or build_world(code="matrix").klass).pk


def session_pk() -> int:
    from kotacerdas.training.models import TrainingSession

    class_pk()
    first = TrainingSession.objects.order_by("pk").first()
    assert first is not None
    return first.pk


def external_pk() -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kotacerdas.training.models import ExternalCertificate
    from kotacerdas.training.services.external import external_submit

    existing = ExternalCertificate.objects.first()
    if existing is not None:
        return existing.pk
    asn = dishub_asn()
    return external_submit(
        asn=asn,
        title="GTA",
        provider="Komdigi",
        jp="10",
        completed_on=date(2026, 6, 1),
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        actor=user_with(Role.ADMIN),
        today=date(2026, 11, 30),
    ).pk
