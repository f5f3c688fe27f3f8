"""Map-first reporting: nearby open reports before filing (duplicate suggestions),
supporting one instead of filing, the public map and list (never private reports), and
the weight of the citizen pages (≤ 100 KB with assets as sent gzip-compressed by the
production static storage; map tiles excluded)."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from kotacerdas.core.models import Regency, Role
from kotacerdas.services.models import Channel, RequestSupport, Status
from kotacerdas.services.services.areas import areas_seed_approximate
from kotacerdas.services.services.handling import request_transition
from kotacerdas.services.services.requests import request_submit

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 100 * 1024


@pytest.fixture(autouse=True)
def _areas(regency: Regency) -> None:
    areas_seed_approximate(regency)


def _lamp(regency, catalogue, lat="-2.536000", lon="112.951000", **kw):  # type: ignore[no-untyped-def]
    return request_submit(
        regency=regency,
        service=catalogue["lampu-jalan"],
        channel=Channel.WEB,
        description="Tiga lampu taman mati",
        lat=lat,
        lon=lon,
        attributes={"kondisi": ["mati"]},
        **kw,
    )


def test_nearby_lists_open_public_reports_of_the_service(regency, catalogue, admin_user) -> None:  # type: ignore[no-untyped-def]
    near = _lamp(regency, catalogue)
    _lamp(regency, catalogue, is_private=True)  # never suggested
    far = _lamp(regency, catalogue, lat="-2.5167", lon="112.9289")  # ~3 km away
    closed = _lamp(regency, catalogue, lat="-2.536100", lon="112.951100")
    request_transition(request=closed, target=Status.DITOLAK, actor=admin_user, note="Ganda")
    body = (
        Client()
        .get("/lapor/sekitar/", {"layanan": "lampu-jalan", "lat": "-2,536050", "lon": "112,951050"})
        .json()
    )
    assert body["inside"] and body["kecamatan"] == "Mentawa Baru Ketapang" and body["approximate"]
    numbers = [n["nomor"] for n in body["nearby"]]
    assert numbers == [near.tracking_number]
    assert far.tracking_number not in numbers and closed.tracking_number not in numbers
    assert body["nearby"][0]["jarak_m"] < 20
    assert "reporter" not in json.dumps(body) and "@" not in json.dumps(body)
    outside = (
        Client()
        .get("/lapor/sekitar/", {"layanan": "lampu-jalan", "lat": "-6.2", "lon": "106.8"})
        .json()
    )
    assert not outside["inside"] and "luar wilayah" in outside["message"]
    bad = Client().get("/lapor/sekitar/", {"layanan": "lampu-jalan", "lat": "x", "lon": "1"})
    assert bad.status_code == 400


def test_support_instead_of_a_duplicate_is_idempotent(regency, catalogue, make_user) -> None:  # type: ignore[no-untyped-def]
    item = _lamp(regency, catalogue)
    client = Client()
    client.get(f"/lapor/status/{item.tracking_number}/")
    first = client.post(f"/lapor/status/{item.tracking_number}/dukung")
    assert first.status_code == 302
    client.post(f"/lapor/status/{item.tracking_number}/dukung")  # same device again
    assert RequestSupport.objects.filter(request=item).count() == 1
    citizen = make_user(Role.WARGA)
    other = Client()
    other.force_login(citizen)
    other.post(f"/lapor/status/{item.tracking_number}/dukung")
    other.post(f"/lapor/status/{item.tracking_number}/dukung")
    assert RequestSupport.objects.filter(request=item).count() == 2
    page = client.get(f"/lapor/status/{item.tracking_number}/").content.decode()
    assert "2 warga mendukung" in page
    private = _lamp(regency, catalogue, is_private=True)
    assert client.post(f"/lapor/status/{private.tracking_number}/dukung").status_code == 404


def test_public_map_and_list_hide_private_reports(regency, catalogue) -> None:  # type: ignore[no-untyped-def]
    public = _lamp(regency, catalogue)
    secret = _lamp(regency, catalogue, is_private=True, reporter_name="Rahasia Sekali")
    page = Client().get("/lapor/peta/").content.decode()
    assert public.tracking_number in page and secret.tracking_number not in page
    assert "Rahasia Sekali" not in page
    assert "perkiraan" in page  # approximate boundaries are said so
    markers = json.loads(re.search(r'id="sv-markers"[^>]*>(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert [m["nomor"] for m in markers] == [public.tracking_number]
    filtered = Client().get("/lapor/peta/", {"layanan": "sampah"}).content.decode()
    assert public.tracking_number not in filtered
    kec = public.kecamatan
    assert kec is not None
    by_kec = Client().get("/lapor/peta/", {"kecamatan": str(kec.pk)}).content.decode()
    assert public.tracking_number in by_kec


def _wire_weight(client: Client, path: str) -> int:
    """HTML plus every stylesheet, script and image it references from our own server,
    each counted gzip-compressed as the production static storage serves it."""
    html = client.get(path).content
    total = len(gzip.compress(html))
    for asset in set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)):
        found = finders.find(asset.decode().removeprefix("/static/"))
        assert found, asset
        with open(found, "rb") as fh:
            total += len(gzip.compress(fh.read()))
    return total


@pytest.mark.parametrize(
    "path",
    [
        "/lapor/",
        "/lapor/layanan/jalan-rusak/",
        "/lapor/layanan/informasi-publik/",
        "/lapor/peta/",
        "/masuk/",
        "/lapor/saya/",
    ],
)
def test_citizen_pages_fit_the_budget(path: str, regency, catalogue, make_user) -> None:  # type: ignore[no-untyped-def]
    _lamp(regency, catalogue)
    client = Client()
    if path == "/lapor/saya/":
        client.force_login(make_user(Role.WARGA))
    assert client.get(path).status_code == 200
    assert _wire_weight(client, path) <= MAX_PAGE_BYTES
