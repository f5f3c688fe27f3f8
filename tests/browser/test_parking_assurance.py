"""Revenue assurance as Dishub lives it: an attendant on duty records nothing for most
of a day; the next morning the officer finds the zero-revenue alert on a phone, opens
its evidence and closes it with a note."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kotacerdas.core.models import OPD, Role
from kotacerdas.parking.models import AlertNote, AlertStatus, LeakageAlert
from kotacerdas.parking.services.alerts import alerts_scan
from tests.browser.conftest import SHOTS
from tests.browser.test_parking_flow import sign_in
from tests.factories import user_with
from tests.parking.test_alerts import DAY, HISTORY, normal_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIB = ZoneInfo("Asia/Jakarta")


def test_dishub_closes_a_zero_revenue_alert_with_a_note(live_server, browser, street) -> None:  # type: ignore[no-untyped-def]
    for day in HISTORY:
        normal_day(street, day)
    normal_day(street, DAY, skip_hours=range(9, 21))
    (alert,) = alerts_scan(
        regency=street.regency, day=DAY, now=datetime(2026, 3, 31, 8, tzinfo=WIB)
    )
    assert alert.kind == "zero_on_duty"

    officer = user_with(Role.OFFICER, opd=OPD.objects.get(code="dishub"))
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, officer.username, "/parking/peringatan/")
    row = page.locator("table.kc-table tbody tr").first
    assert "Bertugas tanpa transaksi" in row.inner_text() and "TMK-01" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dishub-alerts.png"), full_page=True)
    row.locator("a").click()
    page.wait_for_url(f"**/parking/peringatan/{alert.pk}/")
    evidence = page.locator("#p-evidence")
    assert evidence.is_visible()
    assert "9.00" in evidence.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SHOTS / "dishub-alert-evidence.png"), full_page=True)
    page.select_option("#a-status", "action_taken")
    page.fill("#a-note", "Jukir tidak hadir; sudah ditegur korlap.")
    page.click("form.kc-form button[type=submit]")
    page.wait_for_url(f"**/parking/peringatan/{alert.pk}/")
    assert "Status peringatan diperbarui" in page.locator("main").inner_text()
    assert "Jukir tidak hadir" in page.locator("main").inner_text()
    page.screenshot(path=str(SHOTS / "dishub-alert-closed.png"), full_page=True)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTION_TAKEN
    assert AlertNote.objects.get(alert=alert).author == officer
    assert LeakageAlert.objects.filter(status=AlertStatus.OPEN).count() == 0
