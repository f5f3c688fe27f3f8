from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 100 * 1024


def _page_weight(client: Client, path: str) -> int:
    """HTML plus every stylesheet, script and image it references from our own server."""
    html = client.get(path).content
    total = len(html)
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+)"', html):
        found = finders.find(asset.decode().removeprefix("/static/"))
        assert found, asset
        with open(found, "rb") as fh:
            total += len(fh.read())
    return total


def test_home_is_the_sampit_creative_hub_in_indonesian(regency) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/").content.decode()
    assert '<html lang="id">' in page
    assert "Sampit Creative Hub" in page
    assert "Kabupaten Kotawaringin Timur" in page
    assert "Untuk warga" in page and "Untuk juru parkir" in page


def test_english_switch(regency) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "For citizens" in page
    assert "Sign in" in page


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_public_pages_fit_weak_3g_budget(path: str, regency) -> None:  # type: ignore[no-untyped-def]
    assert _page_weight(Client(), path) <= MAX_PAGE_BYTES


def test_error_pages_are_html_outside_the_api(regency) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_indonesian_even_when_the_browser_prefers_english(regency) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in page
    assert "Untuk warga" in page


def test_header_and_hub_name_the_hosts_regency_not_kotim(regency) -> None:  # type: ignore[no-untyped-def]
    """With two regencies, each host's pages name their own regency and hub."""
    from decimal import Decimal

    from kotacerdas.core.models import Regency

    Regency.objects.filter(pk=regency.pk).update(hosts="kotim.example")
    Regency.objects.create(
        code="6206",
        name="Kabupaten Katingan",
        capital="Kasongan",
        jurisdiction_id="katingan.example.go.id",
        hosts="katingan.example",
        centre_lat=Decimal("-1.88"),
        centre_lon=Decimal("113.40"),
    )
    other = Client(HTTP_HOST="katingan.example").get("/").content.decode()
    assert "Kabupaten Katingan" in other
    assert "Kotawaringin Timur" not in other and "Sampit Creative Hub" not in other
    own = Client(HTTP_HOST="kotim.example").get("/").content.decode()
    assert "Sampit Creative Hub" in own and "Kabupaten Kotawaringin Timur" in own
