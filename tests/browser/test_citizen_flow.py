"""On a phone: a new citizen signs up with a code sent by (console) SMS, picks a place
on the map form, files a report with a photo and finds it under *Laporan saya*.
(The rest of the journey — supporting a nearby report, an officer merging, assigning and
closing an information request, the rating — is in test_citizen_journey.py.)"""

from __future__ import annotations

import re

import pytest

from kotacerdas.services.models import ServiceRequest
from kotacerdas.services.notifications import ConsoleSender
from kotacerdas.services.seed import seed_catalogue
from kotacerdas.services.services.areas import areas_seed_approximate
from tests.services.conftest import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_with_a_code_then_report_and_find_it(
    live_server, page, screenshot, regency, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    seed_catalogue(regency)
    areas_seed_approximate(regency)
    ConsoleSender.outbox.clear()
    photo = tmp_path / "lampu.jpg"
    photo.write_bytes(jpeg((20, 20, 60), (800, 600)))

    page.goto(live_server.url + "/masuk/")
    page.fill("#id_phone", "0812 3456 7890")
    screenshot("citizen-1-phone")
    page.click("button:has-text('Kirim kode')")
    page.wait_for_url("**/masuk/kode/")
    code = re.search(r"\b(\d{6})\b", ConsoleSender.outbox[-1].text).group(1)  # type: ignore[union-attr]
    page.fill("#id_code", code)
    screenshot("citizen-2-code")
    page.click("button:has-text('Masuk')")
    page.wait_for_url("**/lapor/saya/")
    assert "Akun warga Anda sudah dibuat" in page.content()

    page.goto(live_server.url + "/lapor/layanan/lampu-jalan/")
    page.fill("#sv-desc", "Tiga lampu taman mati, gelap sekali.")
    page.select_option("#a-kondisi", "mati")
    page.fill("#sv-lat", "-2,5167")  # decimal comma, as typed on an Indonesian keyboard
    page.fill("#sv-long", "112,9289")
    page.dispatch_event("#sv-long", "change")
    # (no wait_for_function: its string predicate is eval'd, which the CSP forbids)
    page.locator("#sv-place", has_text="Baamang").wait_for()
    assert "Baamang" in page.inner_text("#sv-place")
    page.set_input_files("#sv-photos", str(photo))
    screenshot("citizen-3-map-form")
    page.click("text=Kirim laporan")
    page.wait_for_url("**/lapor/akun/**")
    item = ServiceRequest.objects.get()
    assert item.kecamatan is not None and item.kecamatan.name == "Baamang"
    assert item.photos.count() == 1

    page.goto(live_server.url + "/lapor/saya/")
    assert item.tracking_number in page.content()
    screenshot("citizen-4-laporan-saya")
