from __future__ import annotations

import pytest

from kotacerdas.core.models import Role
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_signs_in_and_switches_to_english(live_server, page, screenshot, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.WARGA)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert "Sampit Creative Hub" in page.locator("h1").inner_text()
    screenshot("hub-id")

    # Citizens sign in by phone code (tests/browser/test_citizen_flow.py); an account
    # with a password uses the password form the hub links for staff.
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "salah")
    page.click("button[type=submit]")
    assert page.locator(".kc-alert").inner_text() == "Username atau kata sandi salah."

    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/lapor/saya/")  # a citizen lands on their own reports
    assert user.username in page.locator(".kc-nav").inner_text()
    page.goto(live_server.url + "/")

    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#warga").inner_text() == "For citizens"
    screenshot("hub-en-signed-in")


def test_auditor_filters_the_audit_trail(live_server, page, make_user) -> None:  # type: ignore[no-untyped-def]
    auditor = make_user(Role.AUDITOR)
    page.goto(live_server.url + "/audit/")
    page.fill("#id_username", auditor.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/audit/")
    page.fill("input[name=action]", "core.role")
    page.click("text=Saring")
    rows = page.locator("tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        # the action is shown by its Indonesian name; its code stays in the cell's title
        action = rows.nth(i).locator("td").nth(2)
        assert (action.get_attribute("title") or "").startswith("core.role")
        assert "Peran" in action.inner_text() and "core.role" not in action.inner_text()
