from __future__ import annotations

from datetime import date

from kotacerdas.core.models import Regency
from kotacerdas.partners.models import Agreement, PartnerKind
from kotacerdas.partners.services.agreements import agreement_create, partner_ensure
from tests.factories import kotim


def agreement(
    number: str = "MOU-UJI-1",
    *,
    regency: Regency | None = None,
    signed_on: date = date(2024, 1, 1),
    valid_until: date = date(2027, 12, 31),
    **kwargs: object,
) -> Agreement:
    regency = regency or kotim()
    partner = partner_ensure(
        regency=regency,
        code="unda",
        name="Universitas Darwan Ali",
        short_name="UNDA",
        kind=PartnerKind.UNIVERSITY,
    )
    params: dict[str, object] = {
        "kind": "mou",
        "title": "Peningkatan kapasitas TI ASN",
        "parties": "Pemkab; UNDA",
        "scope": "Pelatihan ASN",
    }
    params.update(kwargs)
    return agreement_create(
        regency=regency,
        partner=partner,
        number=number,
        signed_on=signed_on,
        valid_until=valid_until,
        actor=None,
        **params,  # type: ignore[arg-type]
    )
