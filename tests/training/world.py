"""A small training world: a course by UNDA, one class with three sessions around
"now", Dishub's quota, a lecturer and two ASN with accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from kotacerdas.core.models import OPD, Regency, Role, User
from kotacerdas.partners.models import PartnerKind
from kotacerdas.partners.services.agreements import partner_ensure
from kotacerdas.training.models import (
    Asn,
    Course,
    NominationQuota,
    TrainingClass,
    TrainingSession,
)
from tests.factories import kotim, user_with
from tests.training.conftest import make_asn


@dataclass
class World:
    regency: Regency
    course: Course
    klass: TrainingClass
    sessions: list[TrainingSession]
    lecturer: User
    asn_users: list[User]
    asns: list[Asn]


def build_world(
    *, regency: Regency | None = None, now: datetime | None = None, quota: int = 2, code: str = "k1"
) -> World:
    regency = regency or kotim()
    now = now or timezone.now()
    unda = partner_ensure(
        regency=regency,
        code="unda",
        name="Universitas Darwan Ali",
        short_name="UNDA",
        kind=PartnerKind.UNIVERSITY,
        website="https://unda.ac.id",
    )
    course, _ = Course.objects.get_or_create(
        regency=regency,
        code="literasi-data",
        defaults={
            "title": "Literasi data untuk ASN",
            "description": "Mengolah dan menyajikan data OPD.",
            "provider": unda,
            "competency_type": "teknis",
            "competency_code": "KT-DATA-01",
            "element_codes": "SG-BR,SG-PP",
            "mode": "klasikal",
            "jp": 12,
        },
    )
    lecturer = user_with(Role.DOSEN, regency=regency)
    klass = TrainingClass.objects.create(
        regency=regency,
        course=course,
        code=code,
        name="Angkatan I",
        year=now.year,
        capacity=30,
        lecturer=lecturer,
    )
    sessions = [
        TrainingSession.objects.create(
            regency=regency,
            training_class=klass,
            number=n + 1,
            starts_at=now + timedelta(hours=-1 + 24 * n),
            ends_at=now + timedelta(hours=2 + 24 * n),
            place="Sampit Creative Hub",
        )
        for n in range(3)
    ]
    dishub = OPD.objects.get(regency=regency, code="dishub")
    NominationQuota.objects.create(regency=regency, training_class=klass, opd=dishub, quota=quota)
    asn_users = [user_with(Role.ASN, regency=regency) for _ in range(2)]
    nips = ["198503122010011003", "199001012019032001"]
    asns = [
        Asn.objects.filter(regency=regency, nip=nip).first()
        or make_asn(nip, regency=regency, opd_code="dishub", name=f"Peserta {i + 1}")
        for i, nip in enumerate(nips)
    ]
    for asn, account in zip(asns, asn_users, strict=True):
        asn.user = account
        asn.save(update_fields=["user"])
    return World(regency, course, klass, sessions, lecturer, asn_users, asns)
