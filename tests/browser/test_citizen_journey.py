"""On a phone, the rest of the citizen journey: a signed-in citizen picks a place on the
map, sees an open report nearby and supports it instead of filing a duplicate, then files
a different report (an information request); an officer of the responsible OPD merges a
duplicate into it, assigns it to a colleague and closes it without an after-photo (the
service does not require one); the citizen rates it and sees the rating comment back."""

from __future__ import annotations

import re

import pytest

from kotacerdas.core.models import OPD, Role
from kotacerdas.services.models import (
    Channel,
    PhotoKind,
    RequestSupport,
    Service,
    ServiceRequest,
    Status,
)
from kotacerdas.services.notifications import ConsoleSender
from kotacerdas.services.seed import seed_catalogue
from kotacerdas.services.services.areas import areas_seed_approximate
from kotacerdas.services.services.requests import request_submit
from tests.browser.conftest import SHOTS
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_with_code(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/masuk/")
    page.fill("#id_phone", "0813 5555 0101")
    page.click("button:has-text('Kirim kode')")
    page.wait_for_url("**/masuk/kode/")
    code = re.search(r"\b(\d{6})\b", ConsoleSender.outbox[-1].text).group(1)  # type: ignore[union-attr]
    page.fill("#id_code", code)
    page.click("button:has-text('Masuk')")
    page.wait_for_url("**/lapor/saya/")


def test_support_nearby_file_merge_assign_close_rate(  # type: ignore[no-untyped-def]
    live_server, page, screenshot, make_user, regency
) -> None:
    seed_catalogue(regency)
    areas_seed_approximate(regency)
    services = {s.code: s for s in Service.objects.filter(regency=regency)}
    ConsoleSender.outbox.clear()
    lamp = request_submit(
        regency=regency,
        service=services["lampu-jalan"],
        channel=Channel.WEB,
        description="Lampu PJU di depan masjid mati sejak minggu lalu.",
        lat="-2.516800",
        lon="112.929000",
        attributes={"kondisi": ["mati"]},
        reporter_name="Tetangga",
    )
    duplicate = request_submit(
        regency=regency,
        service=services["informasi-publik"],
        channel=Channel.WEB,
        description="Minta salinan daftar lampu PJU per kecamatan.",
        attributes={"cara_terima": ["email"]},
        reporter_email="tetangga@contoh.id",
    )
    diskominfo = OPD.objects.get(regency=regency, code="diskominfo")
    officer = make_user(Role.OFFICER, opd=diskominfo)
    colleague = make_user(Role.OFFICER, opd=diskominfo, first_name="Rina", last_name="Ayu")

    # 1. the citizen signs in and picks a place on the map next to an open report
    base = live_server.url
    _sign_in_with_code(page, base)
    page.goto(base + "/lapor/layanan/lampu-jalan/")
    page.fill("#sv-lat", "-2,5167")
    page.fill("#sv-long", "112,9289")
    page.dispatch_event("#sv-long", "change")
    support = page.locator("#sv-nearby button", has_text="Dukung")
    support.wait_for()
    assert "Lampu PJU di depan masjid" in page.inner_text("#sv-nearby")
    screenshot("journey-1-nearby")
    support.click()
    page.wait_for_url(f"**/lapor/status/{lamp.tracking_number}/")
    assert "dukungan Anda tercatat" in page.content()
    screenshot("journey-2-supported")
    assert RequestSupport.objects.filter(request=lamp).count() == 1

    # 2. ... and files a different report: an information request, no place needed
    page.goto(base + "/lapor/layanan/informasi-publik/")
    assert page.locator("#sv-map").count() == 0  # no map for a request not about a place
    page.fill("#sv-desc", "Mohon salinan daftar lampu PJU per kecamatan tahun 2026.")
    page.select_option("#a-cara_terima", "email")
    page.click("text=Kirim laporan")
    page.wait_for_url("**/lapor/akun/**")
    mine = ServiceRequest.objects.exclude(pk__in=[lamp.pk, duplicate.pk]).get()
    assert mine.reporter is not None and mine.service.code == "informasi-publik"
    screenshot("journey-3-filed")

    # 3. the officer merges the duplicate into it, assigns it and closes it, no photo
    staff = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    tab = staff.new_page()
    tab.goto(base + "/accounts/login/")
    tab.fill("#id_username", officer.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_load_state()
    tab.goto(f"{base}/layanan/{duplicate.tracking_number}/")
    tab.click("summary:has-text('Tugaskan, prioritas, gabungkan')")
    tab.fill("#sv-survivor", mine.tracking_number)
    tab.click("button:has-text('Gabungkan')")
    tab.wait_for_load_state()
    duplicate.refresh_from_db()
    assert duplicate.status == Status.DITOLAK and duplicate.duplicate_of_id == mine.pk
    tab.goto(f"{base}/layanan/{mine.tracking_number}/")
    tab.click("summary:has-text('Tugaskan, prioritas, gabungkan')")
    tab.select_option("#sv-assignee", str(colleague.pk))
    tab.click("button:has-text('Simpan penugasan')")
    tab.wait_for_load_state()
    mine.refresh_from_db()
    assert mine.assigned_to_id == colleague.pk
    for target, note in (
        ("diverifikasi", "Permohonan lengkap."),
        ("diproses", "Data sedang disiapkan."),  # no separate forwarding step
        ("selesai", "Salinan dikirim ke email Anda."),  # no after-photo needed
    ):
        tab.select_option("#sv-target", target)
        tab.fill("#sv-note", note)
        tab.click("text=Simpan status")
        tab.wait_for_load_state()
        assert "Status diubah" in tab.locator(".kc-alert").first.inner_text(), target
    mine.refresh_from_db()
    assert mine.status == Status.SELESAI and not mine.photos.filter(kind=PhotoKind.AFTER).exists()
    tab.screenshot(path=str(SHOTS / "journey-4-officer.png"), full_page=True)
    staff.close()

    # 4. the citizen rates it and sees the rating comment back
    page.goto(f"{base}/lapor/saya/")
    assert mine.tracking_number in page.content()
    page.goto(f"{base}/lapor/akun/{mine.tracking_number}/")
    page.check("input[name=rating][value='5']")
    page.fill("#sv-comment", "Cepat dan jelas, terima kasih.")
    page.click("text=Kirim penilaian")
    page.wait_for_load_state()
    assert "Cepat dan jelas, terima kasih." in page.inner_text("main")
    assert "Komentar penilaian Anda" in page.content()
    screenshot("journey-5-rated")
    mine.refresh_from_db()
    assert mine.rating == 5 and mine.status == Status.DITUTUP
