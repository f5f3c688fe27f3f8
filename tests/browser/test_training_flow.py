"""An OPD head nominates, the lecturer shows the session QR, an ASN on a phone checks in
by opening the QR's link, the lecturer enters scores and closes the class, the
certificate appears and verifies as valid, BKPSDM revokes it and the page says so."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kotacerdas.training.services.classes import enrolment_decide
from tests.browser.conftest import SHOTS
from tests.factories import PASSWORD
from tests.training.conftest import officer_of
from tests.training.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, url: str, username: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    tab = context.new_page()
    tab.goto(url)
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_load_state()
    return tab


def test_nomination_qr_attendance_scores_certificate_and_revocation(
    live_server, browser, page, screenshot, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PUBLIC_URL = live_server.url
    world = build_world(now=timezone.now())
    world.course.min_attendance_pct = 30  # one of three sessions today is enough here
    world.course.save()
    head = officer_of("dishub")
    bkpsdm = officer_of("bkpsdm")
    class_url = f"{live_server.url}/pelatihan/kelas/{world.klass.pk}/"

    # 1. The Dishub head nominates one of their staff.
    tab = signed_in(browser, class_url, head.username)
    tab.select_option("select[name=asn]", label="Peserta 1 · Dishub")
    tab.click("button:has-text('Usulkan')")
    tab.wait_for_selector("text=Peserta 1 diusulkan.")
    tab.screenshot(path=str(SHOTS / "training-1-nominated.png"), full_page=True)
    enrolment = world.klass.enrolments.get()
    enrolment_decide(enrolment=enrolment, accept=True, actor=bkpsdm)

    # 2. The lecturer shows the QR; the ASN's phone opens its link and checks in.
    lecturer = signed_in(browser, class_url, world.lecturer.username)
    lecturer.click("text=Tampilkan QR presensi >> nth=0")
    lecturer.wait_for_selector("#tr-qr svg")
    link = lecturer.get_attribute("#tr-link", "href")
    assert link and link.startswith(live_server.url + "/hadir/")
    lecturer.screenshot(path=str(SHOTS / "training-2-qr.png"), full_page=True)
    page.goto(link)
    page.fill("#id_username", world.asn_users[0].username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/hadir/**")
    page.click("button:has-text('Konfirmasi hadir')")
    page.wait_for_selector("text=Kehadiran Anda tercatat")
    screenshot("training-3-checked-in")

    # 3. The lecturer enters scores and closes the class.
    lecturer.goto(class_url)
    lecturer.fill(f"input[name=pre_{enrolment.pk}]", "55")
    lecturer.fill(f"input[name=post_{enrolment.pk}]", "88")
    lecturer.click("button:has-text('Simpan nilai')")
    lecturer.wait_for_selector("text=Nilai disimpan.")
    lecturer.click("button:has-text('Tutup angkatan')")
    lecturer.wait_for_selector("text=1 dari 1 peserta lulus")

    # 4. The certificate appears for the ASN and verifies as valid.
    page.goto(live_server.url + "/saya/pelatihan/")
    assert "Literasi data untuk ASN" in page.content()
    screenshot("training-4-my-training")
    page.click("text=Halaman verifikasi (bagikan tautan ini)")
    page.wait_for_selector("#tr-status")
    assert page.locator("#tr-status").inner_text() == "SAH"
    # UNDA ran the class: its co-signature verified against its published key.
    cosigned = page.locator("#tr-cosigned").inner_text()
    assert cosigned == "ditandatangani bersama oleh Universitas Darwan Ali"
    verify_url = page.url
    screenshot("training-5-valid")

    # 5. BKPSDM revokes it; the public page says revoked.
    staff = signed_in(browser, live_server.url + "/pelatihan/sertifikat/", bkpsdm.username)
    staff.click("text=Ubah status")
    staff.select_option("select[name=status]", "revoked")
    staff.fill("input[name=reason]", "Nilai salah input")
    staff.click("form.kc-form button[type=submit]")
    staff.wait_for_selector("text=Status sertifikat diperbarui.")
    page.goto(verify_url)
    assert page.locator("#tr-status").inner_text() == "DICABUT"
    assert "Nilai salah input" in page.content()
    screenshot("training-6-revoked")
