"""Two regencies with the same shape: Kotim (WIB) and a second regency in WITA that
reuses the same OPD codes, spot codes and attendant codes on purpose, so that any
lookup by code alone (without the regency) finds the wrong row and fails a test.

Each regency gets staff of every kind, an attendant with a cash parking event, a QRIS
charge, a private and anonymous report with reporter contact details, a report of
another OPD, an Open311 key and an API token. Every row carries a marker string unique
to its regency, so a test can search any response for the other regency's markers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kotacerdas.core.models import OPD, Kecamatan, Kelurahan, Regency, Role, User
from kotacerdas.core.services.tokens import token_issue
from kotacerdas.core.services.users import role_grant
from kotacerdas.parking.models import Attendant, ParkingEvent, Spot
from kotacerdas.parking.seed import _registry, _tariffs
from kotacerdas.parking.services.attendants import assignment_create, attendant_create
from kotacerdas.parking.services.events import cash_record
from kotacerdas.payments.models import Charge
from kotacerdas.programme.models import BimtekStage, CommitmentSheet
from kotacerdas.services.models import Channel, Open311Key, ServiceRequest
from kotacerdas.services.seed import seed_catalogue
from kotacerdas.services.selectors import service_get
from kotacerdas.services.services.apikeys import apikey_create
from kotacerdas.services.services.requests import request_submit
from tests.factories import PASSWORD, kotim
from tests.payments.factories import make_charge
from tests.services.conftest import upload

SECOND = {
    "code": "6371",
    "kemendagri_code": "63.71",
    "name": "Kota Banjarmasin",
    "short_name": "Banjarmasin",
    "capital": "Banjarmasin",
    "province": "Kalimantan Selatan",
    "jurisdiction_id": "banjarmasinkota.go.id",
    "timezone": "Asia/Makassar",
    "plate_prefix": "DA",
    "centre_lat": Decimal("-3.316694"),
    "centre_lon": Decimal("114.590111"),
    "postal_code": "70111",
    "qris_nmid": "ID2026637100001",
    "qris_city": "BANJARMASIN",
}


@dataclass
class Side:
    """One regency's objects and its marker (``tag``) found in their texts."""

    tag: str
    regency: Regency
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    attendant: Attendant | None = None
    spot: Spot | None = None
    event: ParkingEvent | None = None
    charge: Charge | None = None
    private_request: ServiceRequest | None = None
    other_request: ServiceRequest | None = None
    key: Open311Key | None = None
    key_raw: str = ""
    commitment: CommitmentSheet | None = None

    @property
    def secrets(self) -> list[str]:
        """Strings that must never appear in the other regency's responses."""
        assert self.private_request is not None and self.event is not None
        assert self.charge is not None and self.other_request is not None
        return [
            self.private_request.tracking_number,
            self.other_request.tracking_number,
            f"Pelapor {self.tag}",
            f"08129999{self.tag}",
            f"Uraian rahasia {self.tag}",
            self.event.order_id,
            self.charge.order_id,
            f"Juru Parkir {self.tag}",
            f"Penanda tangan {self.tag}",
            f"Mentor Bimtek {self.tag}",
        ]


def second_regency() -> Regency:
    regency, _ = Regency.objects.get_or_create(code=SECOND["code"], defaults=SECOND)
    source = kotim()
    kecamatan: dict[int, Kecamatan] = {}
    for kec in Kecamatan.objects.filter(regency=source):
        kecamatan[kec.pk], _ = Kecamatan.objects.get_or_create(
            regency=regency, name=kec.name, defaults={"seat": kec.seat, "code": kec.code}
        )
    for kel in Kelurahan.objects.filter(regency=source):
        Kelurahan.objects.get_or_create(
            regency=regency,
            code=kel.code,
            defaults={
                "kecamatan": kecamatan[kel.kecamatan_id],
                "name": kel.name,
                "kind": kel.kind,
                "postal_code": kel.postal_code,
            },
        )
    for opd in OPD.objects.filter(regency=source):
        OPD.objects.get_or_create(
            regency=regency,
            code=opd.code,
            defaults={
                "short_name": opd.short_name,
                "name": opd.name,
                "kind": opd.kind,
                "kecamatan": kecamatan.get(opd.kecamatan_id) if opd.kecamatan_id else None,
            },
        )
    return regency


def _user(side: Side, name: str, role: Role | None, opd_code: str | None = None) -> User:
    opd = OPD.objects.get(regency=side.regency, code=opd_code) if opd_code else None
    user = User.objects.create(
        username=f"{side.tag}-{name}", regency=side.regency, opd=opd, first_name=side.tag
    )
    user.set_password(PASSWORD)
    user.save()
    if role is not None:
        role_grant(user=user, role=role, regency=side.regency, actor=None, opd=opd)
    side.users[name] = user
    _, raw = token_issue(user=user, regency=side.regency)
    side.tokens[name] = raw
    return user


def build_side(tag: str, regency: Regency) -> Side:
    side = Side(tag=tag, regency=regency)
    _user(side, "admin", Role.ADMIN, "diskominfo")
    _user(side, "auditor", Role.AUDITOR)
    _user(side, "dishub", Role.OFFICER, "dishub")
    _user(side, "bapenda", Role.OFFICER, "bapenda")
    _user(side, "pupr", Role.OFFICER, "pupr")
    _user(side, "korlap", Role.KORLAP)
    _user(side, "jukir", Role.JUKIR)
    _user(side, "warga", Role.WARGA)
    _tariffs(regency)
    _registry(regency)
    side.spot = Spot.objects.get(regency=regency, code="TMK-01")
    side.attendant = attendant_create(
        regency=regency,
        user=side.users["jukir"],
        code="JKR-0777",
        name=f"Juru Parkir {tag}",
        coordinator=side.users["korlap"],
        actor=None,
    )
    assignment_create(
        attendant=side.attendant, spot=side.spot, start_date=date(2026, 1, 1), actor=None
    )
    side.event = cash_record(attendant=side.attendant, spot=side.spot, vehicle_class="car")
    side.charge = make_charge(regency=regency, owner_id=f"owner-{tag}")
    seed_catalogue(regency)
    lamp = service_get(regency=regency, code="lampu-jalan")
    road = service_get(regency=regency, code="jalan-rusak")
    assert lamp is not None and road is not None
    side.private_request = request_submit(
        regency=regency,
        service=lamp,
        channel=Channel.WEB,
        description=f"Uraian rahasia {tag}",
        address="Jalan Contoh",
        attributes={"kondisi": ["mati"]},
        reporter_name=f"Pelapor {tag}",
        reporter_phone=f"08129999{tag}",
        reporter_email=f"pelapor{tag}@contoh.id",
        is_anonymous=True,
        is_private=True,
        photos=[upload()],
    )
    side.other_request = request_submit(
        regency=regency,
        service=road,
        channel=Channel.WEB,
        description=f"Jalan berlubang {tag}",
        address="Jalan Contoh",
        attributes={"tingkat": ["berat"]},
        reporter_name=f"Warga Terbuka {tag}",
    )
    side.key, side.key_raw = apikey_create(regency=regency, name=f"Aplikasi {tag}", actor=None)
    side.commitment = CommitmentSheet.objects.create(
        regency=regency, signatory=f"Penanda tangan {tag}", signed_on=date(2022, 9, 22)
    )
    BimtekStage.objects.create(regency=regency, stage=1, mentors=f"Mentor Bimtek {tag}")
    return side


@dataclass
class World:
    a: Side
    b: Side


HOST_A, HOST_B = "kotacerdas.kotim.test", "kotacerdas.banjarmasin.test"


def build_world() -> World:
    """Two regencies, each on its own host (the deployment rule for public pages)."""
    a_regency, b_regency = kotim(), second_regency()
    Regency.objects.filter(pk=a_regency.pk).update(hosts=HOST_A)
    Regency.objects.filter(pk=b_regency.pk).update(hosts=f"{HOST_B}, www.banjarmasin.test")
    a_regency.refresh_from_db()
    b_regency.refresh_from_db()
    return World(a=build_side("1111", a_regency), b=build_side("2222", b_regency))
