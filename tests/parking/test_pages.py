from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from kotacerdas.core.models import OPD, Role
from kotacerdas.parking.models import CashDeposit
from kotacerdas.parking.services.attendants import attendant_deactivate
from kotacerdas.parking.services.events import cash_record
from tests.factories import user_with

pytestmark = pytest.mark.django_db
BUDGET = 100 * 1024


def weight(client: Client, path: str) -> int:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content
    total = len(html)
    for asset in set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)):
        found = finders.find(asset.decode().removeprefix("/static/"))
        assert found, asset
        with open(found, "rb") as fh:
            total += len(fh.read())
    return total


def as_user(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_attendant_pages_fit_the_3g_budget(street) -> None:  # type: ignore[no-untyped-def]
    client = as_user(street.jukir.user)
    assert weight(client, "/jukir/") <= BUDGET
    event = cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    assert weight(Client(), f"/r/{event.receipt_token}") <= BUDGET
    assert weight(Client(), "/v/JKR-0101") <= BUDGET


def test_attendant_home_shows_tariffs_and_today(street) -> None:  # type: ignore[no-untyped-def]
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    page = as_user(street.jukir.user).get("/jukir/").content.decode()
    assert "Rp2.000" in page and "Rp4.000" in page
    assert "Taman Kota Sampit" in page
    assert 'name="client_ref"' in page
    assert "Tidak ada sinyal" in page  # the offline notice is in the page, shown by script


def test_cash_button_records_through_the_page(street) -> None:  # type: ignore[no-untyped-def]
    client = as_user(street.jukir.user)
    response = client.post(
        "/jukir/issue",
        {"spot": "TMK-01", "vehicle_class": "motorcycle", "channel": "cash", "client_ref": "x1"},
    )
    assert response.status_code == 302
    page = client.get("/jukir/").content.decode()
    assert "Tunai Rp2.000 tercatat" in page


def test_verification_page_shows_status_tariffs_and_merchant(street) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/v/jkr-0101", follow=True).content.decode()
    assert "Resmi dan bertugas hari ini" in page
    assert "PARKIR KOTIM JKR-0101" in page
    assert "Rp2.000" in page and "Rp4.000" in page
    assert "6202" not in page  # no NIK, even masked, on a public page
    attendant_deactivate(attendant=street.jukir, reason="uji", actor=None)
    assert "TIDAK BERLAKU" in Client().get("/v/JKR-0101").content.decode()
    assert Client().get("/v/JKR-9999").status_code == 404


def test_lookup_by_typed_code(street) -> None:  # type: ignore[no-untyped-def]
    assert Client().get("/v/", {"code": "jkr-0101"})["Location"] == "/v/JKR-0101"
    page = Client().get("/v/", {"code": "JKR-7777"}).content.decode()
    assert "tidak terdaftar" in page


def test_receipt_shows_the_payment_but_no_personal_data(street) -> None:  # type: ignore[no-untyped-def]
    event = cash_record(
        attendant=street.jukir, spot=street.spot, vehicle_class="car", plate="KH 1234 AB"
    )
    page = Client().get(f"/r/{event.receipt_token}").content.decode()
    for expected in ("Rp4.000", "Mobil", "Taman Kota Sampit", "WIB", "JKR-0101", event.order_id):
        assert expected in page
    assert "KH 1234 AB" not in page
    assert Client().get("/r/not-a-token").status_code == 404


def test_vest_card_is_a_printable_svg_with_two_scannable_codes(street) -> None:  # type: ignore[no-untyped-def]
    staff = user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub"))
    response = as_user(staff).get("/parking/attendants/JKR-0101/card.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag.endswith("svg")
    text = response.content.decode()
    assert "PARKIR KOTIM JKR-0101" in text and "Rp2.000" in text


def test_vest_card_codes_decode(street) -> None:  # type: ignore[no-untyped-def]
    import zxingcpp
    from PIL import Image

    from kotacerdas import qris
    from kotacerdas.parking.vest import public_url, static_qris, verify_path

    payload = static_qris(street.jukir)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qris.render_png(payload, scale=6))))
    assert [d.text for d in decoded] == [payload]
    import segno

    url = public_url(verify_path(street.jukir))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6)
    assert [d.text for d in zxingcpp.read_barcodes(Image.open(io.BytesIO(buffer.getvalue())))] == [
        url
    ]


def test_dashboard_and_csv_for_dishub(street) -> None:  # type: ignore[no-untyped-def]
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car", plate="KH 9 Z")
    cash_record(attendant=street.other, spot=street.other_spot, vehicle_class="motorcycle")
    staff = as_user(user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub")))
    page = staff.get("/parking/").content.decode()
    assert "Rp6.000" in page and "TMK-01" in page and "PPM-01" in page
    today = timezone.localdate().isoformat()
    response = staff.get(f"/parking/export.csv?date={today}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nomor order", "Waktu (WIB)", "Titik"]
    assert sorted(r[2] for r in rows[1:]) == ["PPM-01", "TMK-01"]


def test_korlap_sees_only_the_team(street) -> None:  # type: ignore[no-untyped-def]
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    cash_record(attendant=street.other, spot=street.other_spot, vehicle_class="motorcycle")
    page = as_user(street.korlap).get("/parking/").content.decode()
    assert "TMK-01" in page and "PPM-01" not in page
    assert as_user(street.korlap).get("/parking/attendants/JKR-0102/card.svg").status_code == 403


def test_korlap_records_a_deposit_through_the_page(street) -> None:  # type: ignore[no-untyped-def]
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    client = as_user(street.korlap)
    today = timezone.localdate().isoformat()
    page = client.get(f"/parking/setoran/?date={today}").content.decode()
    assert "JKR-0101" in page and "JKR-0102" not in page
    client.post(
        "/parking/setoran/",
        {"attendant": "JKR-0101", "business_date": today, "deposited_amount": "3000"},
    )
    deposit = CashDeposit.objects.get()
    assert deposit.discrepancy == -1000
    bad = client.post(
        "/parking/setoran/",
        {"attendant": "JKR-0101", "business_date": today, "deposited_amount": "3,5"},
        follow=True,
    )
    assert bad.status_code == 200 and "angka rupiah" in bad.content.decode()
    assert CashDeposit.objects.count() == 1
    assert (
        client.post(
            "/parking/setoran/",
            {"attendant": "JKR-0102", "business_date": today, "deposited_amount": "1"},
        ).status_code
        == 404
    )


def test_admin_masks_the_nik_and_refuses_bad_photos(street) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kotacerdas.parking.admin import AttendantForm

    user = user_with(Role.JUKIR)
    data = {
        "regency": street.regency.pk,
        "user": user.pk,
        "code": "JKR-0200",
        "name": "Baru",
        "nik": "6202010101900123",
        "is_active": "on",
    }
    form = AttendantForm(data=data)
    assert form.is_valid(), form.errors
    attendant = form.save()
    assert attendant.nik_masked == "6202********0123"
    bad = AttendantForm(data={**data, "code": "JKR-0201", "nik": "123"})
    assert not bad.is_valid() and "nik" in bad.errors
    text = SimpleUploadedFile("foto.jpg", b"not an image", content_type="image/jpeg")
    with_text = AttendantForm(
        data={**data, "code": "JKR-0202", "user": user_with(Role.JUKIR).pk}, files={"photo": text}
    )
    assert not with_text.is_valid() and "photo" in with_text.errors
