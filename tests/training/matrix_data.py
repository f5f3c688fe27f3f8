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
