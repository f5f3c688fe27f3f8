"""The flagship flow as people live it: jukir1 issues a QR for a car, a driver pays it in
the payer simulator, the attendant sees LUNAS, opens the receipt, and Dishub sees the
money in the day's summary."""

from __future__ import annotations

import pytest

from kotacerdas.core.models import OPD, Role
from tests.browser.conftest import SHOTS
from tests.factories import PASSWORD, user_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base: str, username: str, next_path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def test_attendant_qr_paid_receipt_and_dishub_summary(
    live_server, browser, settings, street
) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PUBLIC_URL = live_server.url
    settings.KOTACERDAS_SIMULATOR_DELIVERY = "thread"  # notifications as in the demo
    base = live_server.url
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    jukir = phone.new_page()
    sign_in(jukir, base, street.jukir.user.username, "/jukir/")
    jukir.check("input[value=car]", force=True)
    jukir.fill("input[name=plate]", "kh 1234 ab")
    jukir.click("button[value=qris]")
    jukir.wait_for_url("**/jukir/charge/**")
    assert jukir.locator(".j-amount").inner_text() == "Rp4.000"
    assert jukir.locator(".j-qr svg").count() == 1
    jukir.screenshot(path=str(SHOTS / "jukir-qr.png"), full_page=True)
    qris_text = jukir.locator("#j-qris-text").input_value()

    driver = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    driver.goto(f"{base}/simulator/pay")
    driver.fill("textarea[name=qr]", qris_text)
    driver.click("button[value=lookup]")
    assert "Rp4.000" in driver.locator("#sim-tx").inner_text()
    driver.click("#sim-pay")
    assert "berhasil" in driver.locator("#sim-message").inner_text()

    paid = jukir.locator("[data-state=paid] .j-paid")
    paid.wait_for(state="visible", timeout=20000)
    assert paid.inner_text() == "LUNAS"
    jukir.screenshot(path=str(SHOTS / "jukir-lunas.png"), full_page=True)
    jukir.click("text=Buka bukti bayar")
    jukir.wait_for_url("**/r/**")
    receipt = jukir.locator("main").inner_text()
    assert "LUNAS" in receipt and "Rp4.000" in receipt and "WIB" in receipt
    assert "KH 1234 AB" not in receipt

    officer = user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub"))
    office = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(office, base, officer.username, "/parking/")
    cards = office.locator(".kc-grid").inner_text()
    assert "Rp4.000" in cards
    office.screenshot(path=str(SHOTS / "dishub-summary.png"), full_page=True)


def test_staff_map_draws_every_spot(live_server, page, street) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    officer = user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub"))
    sign_in(page, live_server.url, officer.username, "/parking/map/")
    page.locator("path.leaflet-interactive").first.wait_for()
    assert page.locator("path.leaflet-interactive").count() == 8  # the eight seeded spots
    assert errors == []
