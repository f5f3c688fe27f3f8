"""Who may reach each partners URL (merged by the role matrix test). The matrix officer
is a Dishub officer: staff pages are readable, programme writes are not."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from tests.access import EVERYONE

OF, D, U = Role.OFFICER, Role.ADMIN, Role.AUDITOR
STAFF = {OF, D, U}


def _agreement() -> int:
    from kotacerdas.partners.models import Agreement
    from tests.partners.conftest import agreement

    existing = Agreement.objects.filter(number="MOU-MATRIX").first()
    return (existing or agreement("MOU-MATRIX")).pk


def _scanned() -> int:
    from django.core.files.base import ContentFile

    from kotacerdas.partners.models import Agreement
    from kotacerdas.partners.services.agreements import scan_storage

    pk = _agreement()
    item = Agreement.objects.get(pk=pk)
    if not item.scan_name:
        item.scan_name = scan_storage().save(f"matrix/{pk}.pdf", ContentFile(b"%PDF-1.4"))
        item.save(update_fields=["scan_name"])
    return pk


PAGES: dict[str, tuple[Any, ...]] = {
    "partners:public-list": ("GET", "/kerja-sama/", EVERYONE),
    "partners:register": ("GET", "/mitra/", STAFF),
    "partners:agreement-new": ("GET", "/mitra/perjanjian/baru/", {D}),
    "partners:agreement": ("GET", lambda: f"/mitra/perjanjian/{_agreement()}/", STAFF),
    "partners:agreement-scan": (
        "GET",
        lambda: f"/mitra/perjanjian/{_scanned()}/pindaian.pdf",
        {D, U},
    ),
}
