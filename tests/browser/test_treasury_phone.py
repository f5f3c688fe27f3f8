"""Reconciliation on a phone, as Dishub uses it the morning after: upload the gateway's
settlement report, see the day's mismatch, open it and resolve it with a note; then
Bapenda opens the month. Every page fits 360 px without sideways scrolling."""

from __future__ import annotations

import pytest

from kotacerdas.core.models import OPD, Role
from kotacerdas.treasury.models import Mismatch, MismatchStatus
from tests.browser.conftest import SHOTS
from tests.browser.test_parking_flow import sign_in
from tests.factories import user_with
from tests.treasury.conftest import midtrans_csv, paid_charge, quiet_monday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dishub_resolves_a_fee_mismatch_on_a_phone(live_server, browser, regency, tmp_path) -> None:  # type: ignore[no-untyped-def]
    day = quiet_monday(regency)
    paid_charge(regency, day, order_id="PKR-HP-1")
    report = tmp_path / "settlement.csv"
    report.write_bytes(midtrans_csv([("PKR-HP-1", "mt-hp1", 2000, 20, day)]))
    dishub = user_with(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="dishub"))
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = phone.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)

    sign_in(page, live_server.url, dishub.username, "/keuangan/rekonsiliasi/impor/")
    page.select_option("select[name=kind]", "midtrans")
    page.set_input_files("input[name=file]", str(report))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "1 baris baru" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SHOTS / "treasury-import.png"), full_page=True)

    page.goto(f"{live_server.url}/keuangan/rekonsiliasi/?tanggal={day.isoformat()}")
    assert "Biaya MDR berbeda" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SHOTS / "treasury-day.png"), full_page=True)

    fee = Mismatch.objects.get(regency=regency, day=day, kind="fee_differs")
    page.goto(f"{live_server.url}/keuangan/rekonsiliasi/selisih/{fee.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("textarea[name=note]", "Tarif MDR gateway naik, adendum menyusul.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "treasury-resolved.png"), full_page=True)
    fee.refresh_from_db()
    assert fee.status == MismatchStatus.RESOLVED and fee.note.startswith("Tarif MDR")

    bapenda = user_with(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapenda"))
    other = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    month = other.new_page()
    sign_in(
        month, live_server.url, bapenda.username, f"/keuangan/rekonsiliasi/bulan/?bulan={day:%Y-%m}"
    )
    assert "Rp2.000" in month.locator("main").inner_text()
    assert month.evaluate("document.documentElement.scrollWidth") <= 360
    month.screenshot(path=str(SHOTS / "treasury-month.png"), full_page=True)
