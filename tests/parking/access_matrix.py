"""Who may reach each parking URL and API operation (merged by the role matrix test)."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.models import Role
from tests.access import EVERYONE

J, K, OF, D, U = Role.JUKIR, Role.KORLAP, Role.OFFICER, Role.ADMIN, Role.AUDITOR


def _attendant_code() -> str:
    from tests.parking.matrix_data import attendant

    return attendant().code


def _receipt() -> str:
    from tests.parking.matrix_data import cash_event

    return f"/r/{cash_event().receipt_token}"


def _event() -> str:
    from tests.parking.matrix_data import cash_event

    return f"/api/v1/parking/charges/{cash_event().pk}"


def _alert() -> str:
    from tests.parking.matrix_data import alert

    return f"/parking/peringatan/{alert().pk}/"


PAGES: dict[str, tuple[Any, ...]] = {
    "parking:jukir-home": ("GET", "/jukir/", {J}),
    "parking:jukir-issue": ("POST", "/jukir/issue", {J}),
    "parking:jukir-charge": ("GET", lambda: "/jukir/charge/999999/", {J}),
    "parking:jukir-manifest": ("GET", "/jukir/manifest.webmanifest", EVERYONE),
    "parking:jukir-sw": ("GET", "/jukir/sw.js", EVERYONE),
    "parking:verify-lookup": ("GET", "/v/", EVERYONE),
    "parking:verify": ("GET", lambda: f"/v/{_attendant_code()}", EVERYONE),
    "parking:complain": ("GET", lambda: f"/v/{_attendant_code()}/lapor", EVERYONE),
    "parking:receipt": ("GET", _receipt, EVERYONE),
    "parking:dashboard": ("GET", "/parking/", {K, OF, D, U}),
    "parking:export-csv": ("GET", "/parking/export.csv", {K, OF, D, U}),
    "parking:map": ("GET", "/parking/map/", {OF, D, U}),
    "parking:attendants": ("GET", "/parking/attendants/", {K, OF, D, U}),
    "parking:vest-card": (
        "GET",
        lambda: f"/parking/attendants/{_attendant_code()}/card.svg",
        {OF, D, U},
    ),
    "parking:deposits": ("GET", "/parking/setoran/", {K, OF, D, U}),
    "parking:concessions": ("GET", "/parking/concessions/", {OF, D, U}),
    "parking:survey": ("GET", "/parking/survei/", {K, OF, D, U}),
    "parking:alerts": ("GET", "/parking/peringatan/", {OF, D, U}),
    "parking:vest-cards": ("GET", "/parking/attendants/cards/", {OF, D, U}),
    "parking:pad-recap": ("GET", "/parking/laporan/pad.xlsx", {OF, D, U}),
    "parking:alert": ("GET", _alert, {OF, D, U}),
}

API: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/parking/spots"): {J},
    ("POST", "/api/v1/parking/charges"): (
        {J},
        "/api/v1/parking/charges",
        {"spot": "NOPE", "vehicle_class": "car"},
    ),
    ("GET", "/api/v1/parking/charges/{charge_id}"): ({J, K, OF, D, U}, _event),
    ("POST", "/api/v1/parking/cash"): (
        {J},
        "/api/v1/parking/cash",
        {"spot": "NOPE", "vehicle_class": "car"},
    ),
    ("GET", "/api/v1/parking/summary"): {J, K, OF, D, U},
}
