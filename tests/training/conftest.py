from __future__ import annotations

from decimal import Decimal

import pytest

from kotacerdas.core.models import OPD, Regency, Role, User
from kotacerdas.core.models.regency import OPDKind
from kotacerdas.training.models import Asn, AsnKind
from tests.factories import kotim, user_with


def second_regency() -> Regency:
    """Kotawaringin Barat: the neighbour whose data must never leak into Kotim's pages."""
    regency, _ = Regency.objects.get_or_create(
        code="6201",
        defaults={
            "name": "Kabupaten Kotawaringin Barat",
            "short_name": "Kobar",
            "capital": "Pangkalan Bun",
            "jurisdiction_id": "kotawaringinbaratkab.go.id",
            "centre_lat": Decimal("-2.68"),
            "centre_lon": Decimal("111.62"),
        },
    )
    for code, short in (("bkpsdm", "BKPSDM"), ("dishub", "Dishub")):
        OPD.objects.get_or_create(
            regency=regency,
            code=code,
            defaults={"short_name": short, "name": short, "kind": OPDKind.BADAN},
        )
    return regency


def officer_of(opd_code: str, regency: Regency | None = None) -> User:
    regency = regency or kotim()
    opd = OPD.objects.get(regency=regency, code=opd_code)
    return user_with(Role.OFFICER, opd=opd, regency=regency)


def make_asn(
    nip: str = "198503122010011003",
    *,
    opd_code: str = "dishub",
    regency: Regency | None = None,
    kind: str = AsnKind.PNS,
    **kwargs: object,
) -> Asn:
    regency = regency or kotim()
    return Asn.objects.create(
        regency=regency,
        nip=nip,
        name=str(kwargs.pop("name", f"ASN {nip[-4:]}")),
        kind=kind,
        opd=OPD.objects.get(regency=regency, code=opd_code),
        **kwargs,
    )


@pytest.fixture
def other_regency(db: None) -> Regency:
    return second_regency()


@pytest.fixture
def bkpsdm(db: None) -> User:
    return officer_of("bkpsdm")
