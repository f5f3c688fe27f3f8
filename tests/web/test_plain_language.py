"""Walks the citizen and public-services pages (and the hub) as every role, in
Indonesian, and fails on internal codes or English model names in the visible text.
Pages of other modules are walked by their own apps' tests."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from kotacerdas.core.models import Role
from kotacerdas.services.services.areas import areas_seed_approximate
from tests.access import ROLES
from tests.core.test_role_matrix import PAGES

pytestmark = pytest.mark.django_db

# Attribute keys and values, status/channel codes, model and audit names, Python reprs.
FORBIDDEN = [
    "minta_tunai",
    "tarif_lebih",
    "qr_palsu",
    "jenis_sampah",
    "lebar_cm",
    "tingkat:",
    "kondisi:",
    "berat']",
    "ServiceRequest",
    "RequestUpdate",
    "KecamatanArea",
    "OtpChallenge",
    "services.request.",
    "open311",
    "complaint",
    "information",
    "application",
    "{'",
    "None",
    "True",
    "False",
    "Traceback",
]
MINE = ("services:", "accounts:", "home")


def _visible(page: str) -> str:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
def test_pages_speak_plain_indonesian(role: Role | None, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services.seed import seed_catalogue

    seed_catalogue(regency)
    areas_seed_approximate(regency)
    client = Client()
    if role is not None:
        client.force_login(make_user(role))
    walked = 0
    for name, (method, path, *_rest) in sorted(PAGES.items()):
        if method != "GET" or not name.startswith(MINE) or "o311" in name:
            continue
        url = path() if callable(path) else path
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = _visible(response.content.decode())
        found = [word for word in FORBIDDEN if word in text]
        found += re.findall(r"\b[a-z]+_[a-z_]+\b", text)  # snake_case keys
        assert not found, f"{name} as {role}: {found}"
        walked += 1
    assert walked >= 5
