"""Kotawaringin Timur reference data (kotim-facts) and demo users, applied idempotently:
running it again changes nothing that is already there."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from importlib.util import find_spec

from django.conf import settings
from django.db import transaction

from kotacerdas.core.models import OPD, Kecamatan, Kelurahan, Regency, Role, User
from kotacerdas.core.models.regency import OPDKind, RegionKind
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.services.users import role_grant, user_create, user_set_password

KOTIM = {
    "code": "6202",
    "kemendagri_code": "62.02",
    "name": "Kabupaten Kotawaringin Timur",
    "short_name": "Kotim",
    "capital": "Sampit",
    "hub_name": "Sampit Creative Hub",
    "province": "Kalimantan Tengah",
    "jurisdiction_id": "kotimkab.go.id",
    "timezone": "Asia/Jakarta",
    "currency": "IDR",
    "plate_prefix": "KH",
    "centre_lat": Decimal("-2.533000"),
    "centre_lon": Decimal("112.950000"),
    "postal_code": "74322",
    # Demo NMID (shaped like a real one: ID + 13 digits); a live deployment enters the
    # NMID its acquirer registered in the admin.
    "qris_nmid": "ID2026620200001",
    "qris_city": "SAMPIT",
    "tracking_prefix": "KTM",
}

# (name, seat, Kemendagri code where a kelurahan code confirms it)
KECAMATAN: list[tuple[str, str, str]] = [
    ("Mentawa Baru Ketapang", "Ketapang (Sampit)", "62.02.06"),
    ("Baamang", "Baamang (Sampit)", "62.02.05"),
    ("Seranau", "Mentaya Seberang", "62.02.12"),
    ("Mentaya Hilir Selatan", "Samuda", ""),
    ("Mentaya Hilir Utara", "Bagendang", ""),
    ("Pulau Hanaut", "Bapinang", ""),
    ("Teluk Sampit", "Ujung Pandaran", ""),
    ("Kota Besi", "Kota Besi", ""),
    ("Telawang", "Sebabi", ""),
    ("Cempaga", "Cempaka Mulia", ""),
    ("Cempaga Hulu", "Pundu", ""),
    ("Parenggean", "Parenggean", ""),
    ("Mentaya Hulu", "Kuala Kuayan", ""),
    ("Bukit Santuai", "Tumbang Penyahuan", ""),
    ("Antang Kalang", "Tumbang Kalang", ""),
    ("Telaga Antang", "", ""),
    ("Tualan Hulu", "", ""),
]

# (code, kecamatan, name, kind, population mid-2023, postal code; "" when unknown)
KELURAHAN: list[tuple[str, str, str, str, int, str]] = [
    ("62.02.06.1001", "Mentawa Baru Ketapang", "Mentawa Baru Hulu", "kelurahan", 15995, "74322"),
    ("62.02.06.1002", "Mentawa Baru Ketapang", "Mentawa Baru Hilir", "kelurahan", 23178, "74323"),
    ("62.02.06.1003", "Mentawa Baru Ketapang", "Ketapang", "kelurahan", 27779, "74325"),
    ("62.02.06.1007", "Mentawa Baru Ketapang", "Sawahan", "kelurahan", 9102, "74321"),
    ("62.02.06.1009", "Mentawa Baru Ketapang", "Pasir Putih", "kelurahan", 8669, "74322"),
    ("62.02.06.2010", "Mentawa Baru Ketapang", "Telaga Baru", "desa", 4581, "74326"),
    ("62.02.05.1001", "Baamang", "Baamang Hilir", "kelurahan", 8541, "74311"),
    ("62.02.05.1002", "Baamang", "Baamang Tengah", "kelurahan", 30642, "74312"),
    ("62.02.05.1003", "Baamang", "Baamang Hulu", "kelurahan", 13258, "74313"),
    ("62.02.05.1007", "Baamang", "Tanah Mas", "kelurahan", 1536, "74312"),
    ("62.02.05.1008", "Baamang", "Baamang Barat", "kelurahan", 17111, ""),
    ("62.02.12.1001", "Seranau", "Mentaya Seberang", "kelurahan", 3720, "74324"),
]

# (code, short name, full name, kind)
OPDS: list[tuple[str, str, str, str]] = [
    (
        "diskominfo",
        "Diskominfo",
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        "dinas",
    ),
    ("dishub", "Dishub", "Dinas Perhubungan", "dinas"),
    ("bapenda", "Bapenda", "Badan Pendapatan Daerah", "badan"),
    ("bkpsdm", "BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan"),
    ("bapperida", "Bapperida", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "badan"),
    ("dlh", "DLH", "Dinas Lingkungan Hidup", "dinas"),
    ("pupr", "Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas"),
    ("dinkes", "Dinkes", "Dinas Kesehatan", "dinas"),
    ("disdukcapil", "Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("dpmptsp", "DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    ("satpolpp", "Satpol PP", "Satuan Polisi Pamong Praja", "satuan"),
    ("rsud-murjani", "RSUD dr. Murjani", "Rumah Sakit Umum Daerah dr. Murjani Sampit", "rsud"),
]

DEMO_PASSWORD_ENV = "KOTACERDAS_DEMO_PASSWORD"  # noqa: S105 - the variable name


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    opd: str | None = None
    superuser: bool = False


DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "Admin", "Platform", (Role.ADMIN,), opd="diskominfo", superuser=True),
    DemoUser("diskominfo", "Petugas", "Diskominfo", (Role.ADMIN,), opd="diskominfo"),
    DemoUser("dishub", "Petugas", "Dishub", (Role.OFFICER,), opd="dishub"),
    DemoUser("bapenda", "Petugas", "Bapenda", (Role.OFFICER,), opd="bapenda"),
    DemoUser("auditor", "Auditor", "Inspektorat", (Role.AUDITOR,)),
    DemoUser("korlap1", "Koordinator", "Pasar PPM", (Role.KORLAP,)),
    DemoUser("jukir1", "Juru Parkir", "Satu", (Role.JUKIR,)),
    DemoUser("jukir2", "Juru Parkir", "Dua", (Role.JUKIR,)),
    DemoUser("warga1", "Warga", "Sampit", (Role.WARGA,)),
]


def seed_regency() -> tuple[Regency, int]:
    """Returns the regency and how many rows were created."""
    created = 0
    regency, made = Regency.objects.get_or_create(code=KOTIM["code"], defaults=KOTIM)
    created += made
    fields = ("postal_code", "qris_nmid", "qris_city", "tracking_prefix")
    missing = [f for f in fields if not getattr(regency, f)]
    if missing:  # fields added after the first seed
        for name in missing:
            setattr(regency, name, KOTIM[name])
        regency.save(update_fields=missing)
    kecamatan: dict[str, Kecamatan] = {}
    for name, seat, code in KECAMATAN:
        kec, made = Kecamatan.objects.get_or_create(
            regency=regency, name=name, defaults={"seat": seat, "code": code}
        )
        kecamatan[name] = kec
        created += made
    for code, kec_name, name, kind, population, postal in KELURAHAN:
        _, made = Kelurahan.objects.get_or_create(
            regency=regency,
            code=code,
            defaults={
                "kecamatan": kecamatan[kec_name],
                "name": name,
                "kind": RegionKind(kind),
                "population": population,
                "postal_code": postal,
            },
        )
        created += made
    for code, short, full, kind in OPDS:
        _, made = OPD.objects.get_or_create(
            regency=regency,
            code=code,
            defaults={"short_name": short, "name": full, "kind": OPDKind(kind)},
        )
        created += made
    for name, kec in kecamatan.items():
        _, made = OPD.objects.get_or_create(
            regency=regency,
            code="kec-" + name.lower().replace(" ", "-"),
            defaults={
                "short_name": f"Kec. {name}",
                "name": f"Kantor Kecamatan {name}",
                "kind": OPDKind.KECAMATAN,
                "kecamatan": kec,
            },
        )
        created += made
    return regency, created


def seed_demo_users(regency: Regency, password: str) -> list[str]:
    """Creates missing demo users; existing ones keep their data but get the demo
    password, so the printed logins always work."""
    made: list[str] = []
    for spec in DEMO_USERS:
        opd = OPD.objects.get(regency=regency, code=spec.opd) if spec.opd else None
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = user_create(
                regency=regency,
                username=spec.username,
                password=password,
                actor=None,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@demo.kotimkab.go.id",
                opd=opd,
                is_superuser=spec.superuser,
            )
            made.append(spec.username)
        elif not user.check_password(password):
            user_set_password(user=user, password=password, actor=None)
        for role in spec.roles:
            role_grant(
                user=user,
                role=role,
                regency=regency,
                actor=None,
                opd=opd if role == Role.OFFICER else None,
            )
    return made


@dataclass(frozen=True)
class SeedResult:
    regency: Regency
    rows_created: int
    users_created: list[str]


def domain_seeders() -> list[Callable[[Regency], None]]:
    """``seed_demo(regency)`` of every domain app that has a ``seed`` module, in
    DOMAIN_APPS order, so each app owns its demo data."""
    seeders = []
    for app in settings.DOMAIN_APPS:
        if app != "kotacerdas.core" and find_spec(f"{app}.seed") is not None:
            seeders.append(importlib.import_module(f"{app}.seed").seed_demo)
    return seeders


def seed_all(*, password: str) -> SeedResult:
    with transaction.atomic():
        regency, created = seed_regency()
        if created:
            audit_record(
                regency=regency,
                actor=None,
                action="core.seed.apply",
                object_type="core.regency",
                object_id=str(regency.pk),
                after={"rows_created": created},
            )
        users = seed_demo_users(regency, password)
        for seeder in domain_seeders():
            seeder(regency)
    return SeedResult(regency=regency, rows_created=created, users_created=users)
