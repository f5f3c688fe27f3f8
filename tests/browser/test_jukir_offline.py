"""An attendant loses signal: QRIS says it needs the network, two cash payments are kept
on the phone with a "belum terkirim" badge, the signal returns, both are sent by
themselves, and the korlap sees each exactly once with the time it was taken."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from kotacerdas.parking.models import ParkingEvent
from tests.browser.conftest import SHOTS
from tests.browser.test_parking_flow import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cash_without_signal_is_kept_and_synced_once(
    live_server, browser, street, settings
) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    settings.KOTACERDAS_PUBLIC_URL = live_server.url
    base = live_server.url
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    jukir = phone.new_page()
    problems: list[str] = []
    jukir.on("pageerror", lambda exc: problems.append(str(exc)))
    jukir.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    sign_in(jukir, base, street.jukir.user.username, "/jukir/")
    # The service worker has cached the app shell before the signal goes.
    jukir.evaluate("navigator.serviceWorker.ready.then(() => true)")

    phone.set_offline(True)
    jukir.wait_for_selector("body.j-offline")
    assert jukir.locator(".j-net").first.is_visible()
    jukir.click("button[value=qris]")
    assert "QRIS perlu sinyal internet" in jukir.locator("#j-note").inner_text()
    assert jukir.url.endswith("/jukir/")

    jukir.check("input[value=car]", force=True)
    jukir.click("button[value=cash]")
    jukir.wait_for_selector("#j-recent li.j-local")
    jukir.check("input[value=motorcycle]", force=True)
    jukir.fill("input[name=plate]", "kh 77 b")
    jukir.click("button[value=cash]")
    expect(jukir.locator("#j-recent li.j-local")).to_have_count(2)
    assert jukir.locator("#j-unsent-count").inner_text() == "2"
    assert jukir.locator("#j-unsent").is_visible()
    badges = jukir.locator("#j-recent .j-badge").all_inner_texts()
    assert badges == ["belum terkirim", "belum terkirim"]
    assert "KH 77 B" in jukir.locator("#j-recent").inner_text()
    assert jukir.evaluate("document.documentElement.scrollWidth") <= 360
    jukir.screenshot(path=str(SHOTS / "jukir-offline-two-unsent.png"), full_page=True)
    assert ParkingEvent.objects.count() == 0  # nothing reached the server yet

    # Reopened without signal: the cached app shows the same two unsent records.
    jukir.reload()
    expect(jukir.locator("#j-recent li.j-local")).to_have_count(2)
    assert jukir.locator("#j-unsent-count").inner_text() == "2"

    phone.set_offline(False)
    jukir.wait_for_selector("#j-unsent", state="hidden", timeout=20000)
    expect(jukir.locator("#j-recent .j-badge.j-ok")).to_have_count(2, timeout=20000)
    jukir.screenshot(path=str(SHOTS / "jukir-offline-synced.png"), full_page=True)
    events = list(ParkingEvent.objects.order_by("created_at"))
    assert [(e.vehicle_class, e.amount, e.status) for e in events] == [
        ("car", 4000, "cash"),
        ("motorcycle", 2000, "cash"),
    ]
    assert all(e.synced_at is not None and e.synced_at > e.created_at for e in events)

    # A fresh page lists each record once, from the server, with nothing left on the phone.
    jukir.goto(f"{base}/jukir/")
    jukir.wait_for_load_state("networkidle")
    assert jukir.locator("#j-recent li").count() == 2
    assert jukir.locator("#j-recent li.j-local").count() == 0
    assert jukir.locator("#j-unsent").is_hidden()

    # Online, cash gets its receipt at once, with a QR the driver can scan.
    jukir.check("input[value=car]", force=True)
    jukir.click("button[value=cash]")
    jukir.wait_for_url("**/jukir/charge/**")
    assert "LUNAS" in jukir.locator("[data-state=paid]").inner_text()
    assert jukir.locator(".j-receipt-qr svg").is_visible()
    # The driver's phone reads the small QR as the receipt link (an independent decoder).
    shot = Image.open(io.BytesIO(jukir.locator(".j-receipt-qr").screenshot()))
    online_event = ParkingEvent.objects.latest("id")
    assert [d.text for d in zxingcpp.read_barcodes(shot)] == [
        f"{settings.KOTACERDAS_PUBLIC_URL}/r/{online_event.receipt_token}"
    ]
    jukir.screenshot(path=str(SHOTS / "jukir-cash-receipt.png"), full_page=True)
    assert problems == []

    korlap = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID").new_page()
    sign_in(korlap, base, street.korlap.username, "/parking/luring/")
    late = korlap.locator("#offline-synced").inner_text()
    for event in events:
        assert late.count(event.order_id) == 1
    online = ParkingEvent.objects.exclude(pk__in=[e.pk for e in events]).get()
    assert online.order_id not in late  # sent at once: not a late record
    assert korlap.evaluate("document.documentElement.scrollWidth") <= 360
    korlap.screenshot(path=str(SHOTS / "korlap-offline-list.png"), full_page=True)
    korlap.goto(f"{base}/parking/setoran/")
    row = korlap.locator("tr", has_text="JKR-0101").first.inner_text()
    assert "Rp10.000" in row  # 4.000 + 2.000 offline, 4.000 online, each counted once
