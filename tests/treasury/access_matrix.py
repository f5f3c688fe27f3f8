"""Who may reach each treasury URL (merged by the role matrix test). The matrix officer
is a Dishub officer, who reads and resolves; only Bapenda signs (tested in test_pages)."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role

OF, D, U = Role.OFFICER, Role.ADMIN, Role.AUDITOR
STAFF = {OF, D, U}


def _mismatch() -> Any:
    from datetime import date

    from kotacerdas.treasury.models import Mismatch
    from tests.factories import kotim

    row, _ = Mismatch.objects.get_or_create(
        regency=kotim(),
        kind="unknown_to_ledger",
        key="midtrans:matrix-tx",
        defaults={"day": date(2026, 1, 5), "order_id": "PKR-MATRIX", "actual": 2000},
    )
    return row


PAGES: dict[str, tuple[Any, ...]] = {
    "treasury:day": ("GET", "/keuangan/rekonsiliasi/", STAFF),
    "treasury:month": ("GET", "/keuangan/rekonsiliasi/bulan/", STAFF),
    "treasury:import": ("GET", "/keuangan/rekonsiliasi/impor/", STAFF),
    "treasury:mismatch": (
        "GET",
        lambda: f"/keuangan/rekonsiliasi/selisih/{_mismatch().pk}/",
        STAFF,
    ),
}

CONTENT = {
    "treasury:mismatch": lambda: "PKR-MATRIX",
    "treasury:month": lambda: "Rekonsiliasi bulanan",
    "treasury:import": lambda: "Impor settlement",
}
