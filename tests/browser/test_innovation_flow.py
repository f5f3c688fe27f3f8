"""The innovation journey on a phone: a citizen proposes an innovation, Bapperida asks
for a revision, the citizen fixes it, Bapperida accepts and scores it, the what-if view
names the next evidence to collect, the handover is recorded and its BAST opens with a
QR that an independent decoder reads, and the public gallery shows the innovation."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kotacerdas.core.models import Role
from kotacerdas.innovation.seed import seed_rulesets
from kotacerdas.innovation.services.iid import year_open
from tests.factories import PASSWORD
from tests.innovation.helpers import bapperida

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "id-ID"}


def _login(tab, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(url)
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_load_state()


def test_innovation_from_proposal_to_gallery(
    live_server, page, screenshot, make_user, regency
) -> None:  # type: ignore[no-untyped-def]
    citizen = make_user(Role.WARGA)
    reviewer = bapperida(regency)
    year_open(
        regency=regency,
        year=2027,
        ruleset=seed_rulesets(regency)["iid-2023"],
        deadline=None,
        actor=reviewer,
    )
    base = live_server.url
    shots = screenshot("innovation-0").parent

    # 1. A citizen proposes an innovation.
    _login(page, base + "/inovasi/usul/", citizen.username)
    page.wait_for_url("**/inovasi/usul/")
    page.fill("#in-title", "Lapak UMKM daring Baamang")
    page.fill("#in-problem", "Pelaku UMKM sulit menjangkau pembeli di luar pasar.")
    page.fill("#in-solution", "Katalog daring per kelurahan dengan pembayaran QRIS.")
    page.select_option("#in-form", "pelayanan")
    page.select_option("#in-digital", "1")
    page.select_option("#in-initiator", "masyarakat")
    page.fill("#in-urusan", "Koperasi dan UMKM")
    page.fill("#in-credit", "Rina, warga Baamang")
    page.select_option("#in-kec", label="Baamang")
    page.check("input[name=elements][value=SE-WE]")
    page.check("input[name=criteria][value=manfaat]")
    screenshot("innovation-1-form")
    page.click("text=Kirim usulan")
    page.wait_for_url("**/inovasi/saya/**")
    mine_url = page.url
    assert "Diajukan" in page.locator("#in-status").inner_text()
    screenshot("innovation-2-submitted")

    # 2. Bapperida asks for a revision.
    staff = page.context.browser.new_context(**PHONE)
    tab = staff.new_page()
    _login(tab, base + "/inovasi/kelola/", reviewer.username)
    tab.click("text=Lapak UMKM daring Baamang")
    tab.select_option("#in-target", "perlu-revisi")
    tab.fill("#in-note", "Sebutkan jumlah UMKM yang sudah memakai katalog.")
    tab.click("text=Simpan keputusan")
    tab.wait_for_load_state()
    assert "Perlu revisi" in tab.locator("#in-status").inner_text()

    # 3. The innovator sees the note and fixes the proposal.
    page.goto(mine_url)
    assert "Sebutkan jumlah UMKM" in page.content()
    page.fill("#in-solution", "Katalog daring per kelurahan dengan QRIS; 85 UMKM sudah terdaftar.")
    screenshot("innovation-3-revision")
    page.click("text=Kirim perbaikan")
    page.wait_for_load_state()
    assert "Diajukan" in page.locator("#in-status").inner_text()

    # 4. Bapperida confirms the criteria, accepts and scores it.
    tab.reload()
    for box in tab.locator("input[name=criteria]").all():
        box.check()
    tab.select_option("#in-owner", label="Diskominfo")
    tab.select_option("#in-target", "diterima")
    tab.fill("#in-note", "Memenuhi kriteria PP 38/2017.")
    tab.screenshot(path=str(shots / "innovation-4-review.png"), full_page=True)
    tab.click("text=Simpan keputusan")
    tab.wait_for_load_state()
    assert "Diterima" in tab.locator("#in-status").inner_text()
    tab.goto(base + "/inovasi/iid/2027/")
    tab.click("#in-add")
    tab.wait_for_url("**/isi/**")
    tab.select_option("#lv-i16", "2")
    tab.fill("#url-i16", "https://example.org/sk-bupati")
    tab.select_option("#lv-i33", "3")
    tab.fill("#url-i33", "https://example.org/penerima-manfaat")
    tab.select_option("#lv-i35", "1")
    tab.fill("#url-i35", "https://example.org/video")
    tab.select_option("#lv-i17", "2")  # claimed, but without evidence yet
    tab.click("text=Simpan semua")
    tab.wait_for_load_state()
    tab.goto(base + "/inovasi/iid/2027/")
    assert tab.locator("#in-predicate").inner_text() == "Kurang Inovatif"
    tab.screenshot(path=str(shots / "innovation-5-score.png"), full_page=True)

    # 5. The what-if view names the next evidence to collect.
    tab.click("text=Bukti apa yang dikejar dulu?")
    tab.wait_for_url("**/what-if/")
    next_up = tab.locator("#in-next").inner_text()
    assert next_up.startswith("Kejar dulu:") and "+" in next_up
    assert "Ketersediaan dan peran SDM" in tab.content()
    tab.screenshot(path=str(shots / "innovation-6-whatif.png"), full_page=True)

    # 6. The handover is recorded and its BAST opens with a readable QR.
    tab.goto(base + "/inovasi/kelola/")
    tab.click("text=Lapak UMKM daring Baamang")
    tab.click("text=Catat penyerahan")
    tab.fill("#h-number", "BAST/010/INOV/2026")
    tab.fill("#h-date", _today())
    tab.fill("#h-place", "Aula Bapperida, Sampit")
    tab.fill("#h-giver-role", "Penggiat inovasi, warga Baamang")
    tab.select_option("#h-opd", label="Dinas Komunikasi, Informatika, Statistik dan Persandian")
    tab.fill("#h-receiver", "Kepala Diskominfo")
    tab.fill("#h-receiver-role", "Kepala Dinas")
    tab.check("input[name=source_code]")
    tab.check("input[name=documents]")
    tab.fill("#h-items", "Repositori katalog dan panduan admin kelurahan")
    tab.select_option("#h-licence", "open-source")
    tab.fill("#h-terms", "EUPL-1.2; penggagas tetap dicantumkan")
    tab.fill("#h-plan", "Uji di Baamang Tengah lalu seluruh kelurahan Sampit")
    tab.fill("#m-title-0", "Pelatihan admin kelurahan")
    tab.fill("#m-due-0", "2027-01-31")
    tab.click("text=Simpan dan buat BAST")
    tab.wait_for_url("**/bast/")
    assert tab.locator("#bast-number").inner_text() == "BAST/010/INOV/2026"
    tab.screenshot(path=str(shots / "innovation-7-bast.png"), full_page=True)
    qr = Image.open(io.BytesIO(tab.locator(".in-qr svg").screenshot()))
    import zxingcpp

    decoded = [r.text for r in zxingcpp.read_barcodes(qr.resize((qr.width * 3, qr.height * 3)))]
    assert len(decoded) == 1 and "/inovasi/verifikasi/" in decoded[0]
    tab.goto(decoded[0])
    assert "BAST ini tercatat" in tab.content()
    staff.close()

    # 7. The public gallery shows it, with the handover and no private evidence.
    public = page.context.browser.new_context(**PHONE)
    anon = public.new_page()
    anon.goto(base + "/inovasi/?q=Lapak")
    anon.click("text=Lapak UMKM daring Baamang")
    body = anon.content()
    assert "Sudah diserahkan" in body and "BAST/010/INOV/2026" in body
    assert "Rina, warga Baamang" in body and "/inovasi/berkas/" not in body
    anon.screenshot(path=str(shots / "innovation-8-gallery.png"), full_page=True)
    public.close()


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()
