"""A citizen files a complaint with a photo on a phone, a PUPR officer takes it through
to closure with an after-photo, and the citizen sees the timeline and rates it."""

from __future__ import annotations

import pytest

from kotacerdas.core.models import OPD, Role
from kotacerdas.services.models import ServiceRequest, Status
from kotacerdas.services.seed import seed_catalogue
from tests.factories import PASSWORD
from tests.services.conftest import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_complaint_from_photo_to_rating(
    live_server, page, screenshot, make_user, regency, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    seed_catalogue(regency)
    officer = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="pupr"))
    before = tmp_path / "lubang.jpg"
    before.write_bytes(jpeg((90, 60, 40), (800, 600)))
    after = tmp_path / "sesudah.jpg"
    after.write_bytes(jpeg((60, 60, 60), (800, 600)))

    page.goto(live_server.url + "/lapor/")
    screenshot("services-1-catalogue")
    page.click("text=Jalan rusak / berlubang")
    page.fill("#sv-desc", "Lubang besar di depan rumah, bahaya untuk motor.")
    page.select_option("#a-tingkat", "berat")
    page.fill("#sv-address", "Jl. Kembali, Sampit")
    page.select_option("#sv-kec", label="Mentawa Baru Ketapang")
    page.fill("#sv-lat", "-2.539")
    page.fill("#sv-long", "112.953")
    page.set_input_files("#sv-photos", str(before))
    page.fill("#sv-email", "warga@contoh.id")
    screenshot("services-2-form")
    page.click("text=Kirim laporan")
    page.wait_for_url("**/lapor/saya/**")
    mine_url = page.url
    number = page.locator(".sv-big").inner_text()
    assert number.startswith("KTM-")
    assert "Diterima" in page.locator(".sv-tl").inner_text()
    screenshot("services-3-submitted")

    citizen_context = page.context
    staff = citizen_context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="id-ID"
    )
    tab = staff.new_page()
    tab.goto(live_server.url + "/layanan/")
    tab.fill("#id_username", officer.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url("**/layanan/")
    tab.click(f"text={number}")
    for target, note in (
        ("diverifikasi", "Laporan lengkap."),
        ("diteruskan", "Diteruskan ke tim pemeliharaan jalan."),
        ("diproses", "Tim dijadwalkan besok pagi."),
    ):
        tab.select_option("#sv-target", target)
        tab.fill("#sv-note", note)
        tab.click("text=Simpan status")
        tab.wait_for_load_state()
        assert "Status diubah" in tab.locator(".kc-alert").first.inner_text()
    tab.select_option("#sv-target", "selesai")
    tab.fill("#sv-note", "Lubang sudah ditambal.")
    tab.set_input_files("#sv-after", str(after))
    tab.screenshot(
        path=str(screenshot("services-4-officer").parent / "services-4-officer.png"), full_page=True
    )
    tab.click("text=Simpan status")
    tab.wait_for_load_state()
    assert "Selesai" in tab.locator(".sv-badge").first.inner_text()
    tab.screenshot(
        path=str(screenshot("services-4-officer").parent / "services-5-resolved.png"),
        full_page=True,
    )
    staff.close()

    page.goto(mine_url)
    timeline = page.locator(".sv-tl").inner_text()
    for label in ("Diterima", "Diverifikasi", "Diteruskan", "Diproses", "Selesai"):
        assert label in timeline
    assert "Lubang sudah ditambal." in timeline
    assert page.locator("img[alt='Foto sesudah perbaikan']").count() == 1
    page.check("input[name=rating][value='5']")
    page.fill("#sv-comment", "Terima kasih, cepat.")
    page.click("text=Kirim penilaian")
    page.wait_for_load_state()
    assert "Terima kasih atas penilaian" in page.locator(".kc-alert").first.inner_text()
    assert "Ditutup" in page.locator(".sv-tl").inner_text()
    screenshot("services-6-rated")
    item = ServiceRequest.objects.get(tracking_number=number)
    assert item.status == Status.DITUTUP and item.rating == 5
    assert item.photos.filter(kind="after").count() == 1
