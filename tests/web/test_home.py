"""A home for each role: after signing in each role lands where it works, and the hub
only links to pages the visitor may open (the rest sits under "Untuk petugas")."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kotacerdas.core.models import OPD, Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _links(html: str) -> set[str]:
    return set(re.findall(r'class="kc-card" href="([^"]+)"', html))


def test_anonymous_hub_links_only_to_open_pages(regency) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/").content.decode()
    links = _links(html)
    assert "/lapor/" in links and "/masuk/" in links
    assert not links & {"/admin/", "/audit/", "/layanan/", "/jukir/", "/parking/"}
    assert "Untuk petugas" in html and "Jejak audit" in html  # listed, not linked


@pytest.mark.parametrize(
    ("role", "opd", "home"),
    [
        (Role.JUKIR, None, "/jukir/"),
        (Role.KORLAP, None, "/parking/setoran/"),
        (Role.OFFICER, "pupr", "/layanan/"),
        (Role.OFFICER, "bapperida", "/program/"),
        (Role.ADMIN, None, "/layanan/"),
        (Role.AUDITOR, None, "/audit/"),
        (Role.WARGA, None, "/lapor/saya/"),
    ],
)
def test_password_login_lands_on_the_role_home(role, opd, home, make_user, regency) -> None:  # type: ignore[no-untyped-def]
    extra = {"opd": OPD.objects.get(regency=regency, code=opd)} if opd else {}
    user = make_user(role, **extra)
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == home
    assert response.status_code == 200
    # the hub's own links for this role never answer 403
    for link in _links(client.get("/").content.decode()):
        if link.startswith("/api/"):
            continue
        assert client.get(link).status_code != 403, (role, link)


def test_secretariat_goes_to_the_programme_when_installed(make_user, regency, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.core import hub

    monkeypatch.setattr(hub, "_url_if_installed", lambda path: path)
    user = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapperida"))
    assert hub.role_home_url(user) == "/program/"
    other = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="pupr"))
    assert hub.role_home_url(other) == "/layanan/"


def test_signed_in_citizen_account_tile_goes_home(make_user, regency) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user(Role.WARGA))
    response = client.get("/masuk/")
    assert response.status_code == 302 and response["Location"] == "/lapor/saya/"


def test_tile_opds_hide_modules_of_other_agencies() -> None:
    from kotacerdas.core.hub import HubTile, tile_allowed

    tile = HubTile(
        key="x",
        audience="staf",
        title="X",
        description="",
        url="/x/",
        roles=frozenset({"officer", "admin"}),
        opds=frozenset({"dishub"}),
    )
    assert tile_allowed(tile, frozenset({"officer"}), True, "dishub")
    assert not tile_allowed(tile, frozenset({"officer"}), True, "pupr")
    assert tile_allowed(tile, frozenset({"admin"}), True, "")
    assert not tile_allowed(tile, frozenset(), False, "")
