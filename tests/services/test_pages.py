from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from kotacerdas.core.models import Role
from kotacerdas.services.models import ServiceRequest, Status
from kotacerdas.services.services.reporter_tokens import reporter_link_token
from tests.services.conftest import upload

pytestmark = pytest.mark.django_db
PAGE_BUDGET = 100 * 1024


def _weight(html: bytes) -> int:
    """HTML plus our own CSS/JS that the page links, as sent over the wire: gzip, which
    the production static storage (whitenoise CompressedManifest) serves. The map pages
    carry Leaflet (147 KB raw, ~43 KB compressed)."""
    total = len(gzip.compress(html))
    for path in set(re.findall(rb'(?:href|src)="/static/([^"]+)"', html)):
        found = finders.find(path.decode())
        assert found, path
        with open(found, "rb") as fh:
            total += len(gzip.compress(fh.read()))
    return total


def test_citizen_files_with_photo_and_follows_the_timeline(client: Client, catalogue) -> None:  # type: ignore[no-untyped-def]
    form = client.get("/lapor/layanan/jalan-rusak/")
    assert form.status_code == 200
    assert "Gunakan lokasi saya" in form.content.decode()
    assert _weight(form.content) < PAGE_BUDGET
    response = client.post(
        "/lapor/layanan/jalan-rusak/",
        {
            "description": "Lubang di Jl. Kembali",
            "address": "Jl. Kembali",
            "lat": "-2.539",
            "long": "112.953",
            "attribute[tingkat]": "berat",
            "photos": upload(),
            "name": "Siti Aminah",
            "email": "siti@contoh.id",
            "phone": "081211112222",
        },
    )
    assert response.status_code == 302
    item = ServiceRequest.objects.get()
    assert response["Location"] == f"/lapor/saya/{reporter_link_token(item)}/"
    mine = client.get(response["Location"]).content.decode()
    assert item.tracking_number in mine and "Diterima" in mine
    public = client.get(f"/lapor/status/{item.tracking_number}/")
    text = public.content.decode()
    assert public.status_code == 200 and "Lubang di Jl. Kembali" in text
    for pii in ("Siti", "siti@contoh.id", "081211112222", reporter_link_token(item)):
        assert pii not in text
    assert _weight(public.content) < PAGE_BUDGET
    photo = client.get(f"/lapor/foto/{item.photos.get().pk}.jpg")
    assert photo["Content-Type"] == "image/jpeg" and photo.content.startswith(b"\xff\xd8")
    lookup = client.get("/lapor/cek/", {"nomor": item.tracking_number.lower()})
    assert lookup["Location"] == f"/lapor/status/{item.tracking_number}/"


def test_form_errors_are_shown_and_nothing_is_saved(client: Client, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/lapor/layanan/jalan-rusak/",
        {"description": "x", "attribute[tingkat]": "berat", "photos": upload(b"teks", "a.jpg")},
    )
    assert response.status_code == 400
    assert "Lokasi wajib" in response.content.decode()
    response = client.post(
        "/lapor/layanan/jalan-rusak/",
        {
            "description": "x",
            "address": "Jl. Metro",
            "attribute[tingkat]": "berat",
            "photos": upload(b"teks", "a.jpg"),
        },
    )
    assert response.status_code == 400 and "bukan foto" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_private_report_is_hidden_from_the_public(client: Client, catalogue) -> None:  # type: ignore[no-untyped-def]
    client.post(
        "/lapor/layanan/ketertiban/",
        {"description": "Pungli", "address": "Pasar", "private": "1", "photos": upload()},
    )
    item = ServiceRequest.objects.get()
    assert item.is_private
    assert client.get(f"/lapor/status/{item.tracking_number}/").status_code == 404
    photo = item.photos.get()
    assert client.get(f"/lapor/foto/{photo.pk}.jpg").status_code == 404
    token = reporter_link_token(item)
    assert client.get(f"/lapor/foto/{photo.pk}.jpg", {"t": token}).status_code == 200
    assert client.get(f"/lapor/saya/{reporter_link_token(item)}/").status_code == 200


def test_submission_limit_counts_accepted_reports_per_device(
    client: Client, catalogue, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services import limits

    monkeypatch.setattr(limits, "PER_SUBMITTER_PER_HOUR", 2)
    monkeypatch.setattr(limits, "PER_ADDRESS_PER_HOUR", 3)
    data = {"description": "Pedagang di trotoar", "address": "Taman Kota"}
    # a clumsy citizen: refused input never counts
    for _ in range(6):
        assert client.post("/lapor/layanan/ketertiban/", {"address": "x"}).status_code == 400
    assert client.post("/lapor/layanan/ketertiban/", data).status_code == 302
    assert client.post("/lapor/layanan/ketertiban/", data).status_code == 302
    third = client.post("/lapor/layanan/ketertiban/", data)
    assert third.status_code == 429 and int(third["Retry-After"]) > 0
    assert "Coba lagi dalam" in third.content.decode()
    # a neighbour on another phone behind the same address is not blocked by that device
    neighbour = Client()
    assert neighbour.post("/lapor/layanan/ketertiban/", data).status_code == 302
    # ... until the coarse per-address ceiling
    assert Client().post("/lapor/layanan/ketertiban/", data).status_code == 429
    assert ServiceRequest.objects.count() == 3


def test_submission_limit_follows_the_account_across_devices(
    catalogue, make_user, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.services import limits

    monkeypatch.setattr(limits, "PER_SUBMITTER_PER_HOUR", 1)
    citizen = make_user(Role.WARGA)
    data = {"description": "Pedagang di trotoar", "address": "Taman Kota"}
    phone, laptop = Client(), Client()
    phone.force_login(citizen)
    laptop.force_login(citizen)
    assert phone.post("/lapor/layanan/ketertiban/", data).status_code == 302
    assert laptop.post("/lapor/layanan/ketertiban/", data).status_code == 429
    assert Client().post("/lapor/layanan/ketertiban/", data).status_code == 302  # a visitor


def test_officer_handles_own_queue_only(
    client: Client, pothole, officer_pupr, officer_dishub, make_user
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(officer_dishub)
    assert pothole.tracking_number not in client.get("/layanan/").content.decode()
    assert client.get(f"/layanan/{pothole.tracking_number}/").status_code == 404
    client.force_login(officer_pupr)
    queue = client.get("/layanan/")
    assert pothole.tracking_number in queue.content.decode()
    assert _weight(queue.content) < PAGE_BUDGET
    page = client.get(f"/layanan/{pothole.tracking_number}/")
    assert "Budi Santoso" in page.content.decode()  # staff see the reporter (not anonymous)
    url = f"/layanan/{pothole.tracking_number}/"
    for target in ("diverifikasi", "diteruskan", "diproses"):
        client.post(url, {"action": "transition", "target": target, "note": f"ok {target}"})
    client.post(url, {"action": "transition", "target": "selesai", "note": "tanpa foto"})
    pothole.refresh_from_db()
    assert pothole.status == Status.DIPROSES  # refused: no after-photo
    client.post(
        url, {"action": "transition", "target": "selesai", "note": "beres", "after_photo": upload()}
    )
    client.post(url, {"action": "note", "note": "Catatan dalam", "public": ""})
    pothole.refresh_from_db()
    assert pothole.status == Status.SELESAI
    auditor = make_user(Role.AUDITOR)
    client.force_login(auditor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "note", "note": "x"}).status_code == 403
    original = client.get(f"/layanan/foto/{pothole.photos.first().pk}/asli")  # type: ignore[union-attr]
    assert original.status_code == 200
    client.logout()
    rate = client.post(f"/lapor/saya/{reporter_link_token(pothole)}/nilai", {"rating": "4"})
    assert rate.status_code == 302
    pothole.refresh_from_db()
    assert pothole.status == Status.DITUTUP and pothole.rating == 4
    timeline = client.get(f"/lapor/status/{pothole.tracking_number}/").content.decode()
    assert "Catatan dalam" not in timeline and "beres" in timeline


def test_anonymous_reporter_hidden_from_officers_but_not_admin(
    client: Client, catalogue, officer_pupr, admin_user
) -> None:  # type: ignore[no-untyped-def]
    client.post(
        "/lapor/layanan/jalan-rusak/",
        {
            "description": "x",
            "address": "Jl. Metro",
            "attribute[tingkat]": "ringan",
            "name": "Rahasia Nama",
            "anonymous": "1",
        },
    )
    item = ServiceRequest.objects.get()
    client.force_login(officer_pupr)
    assert "Rahasia Nama" not in client.get(f"/layanan/{item.tracking_number}/").content.decode()
    client.force_login(admin_user)
    assert "Rahasia Nama" in client.get(f"/layanan/{item.tracking_number}/").content.decode()


def test_dashboard_lists_opds(client: Client, pothole, admin_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(admin_user)
    page = client.get("/layanan/dasbor/").content.decode()
    assert "Dinas PUPR" in page


def test_apikey_command_prints_a_key_stored_hashed(regency, capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from kotacerdas.services.models import Open311Key

    call_command("apikey", "create", "--name", "JAKI-like app")
    raw = capsys.readouterr().out.strip()
    key = Open311Key.objects.get(name="JAKI-like app")
    assert raw.startswith("o311_") and raw[:10] == key.prefix and raw not in key.key_hash
    call_command("apikey", "revoke", "--name", "JAKI-like app")
    key.refresh_from_db()
    assert key.revoked_at is not None
