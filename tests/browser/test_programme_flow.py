"""An OPD officer reports programme progress with evidence, the secretariat approves a
manual KPI value, the daily KPI job runs, and the public dashboard shows the new values
and charts, on a phone viewport in chromium."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kotacerdas.core.jobs import registered_jobs, run_job
from kotacerdas.core.models import OPD, Role
from kotacerdas.parking.models import Channel, EventStatus
from kotacerdas.programme.models import (
    Element,
    Horizon,
    KpiDefinition,
    KpiValue,
    Programme,
    ProgressUpdate,
)
from kotacerdas.programme.seed import seed_catalogue_kpis, seed_profile
from kotacerdas.programme.services.kpi import kpi_value_submit
from kotacerdas.programme.services.taxonomy import taxonomy_seed
from tests.browser.conftest import SHOTS
from tests.factories import PASSWORD
from tests.programme.conftest import PDF, pdf
from tests.programme.fixtures import parking_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(tab, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(url)
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")


def test_progress_approval_job_dashboard(
    live_server, page, screenshot, make_user, regency, street, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.KOTACERDAS_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    taxonomy_seed()
    seed_profile(regency)
    seed_catalogue_kpis(regency)
    dishub = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="dishub"))
    bapperida = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="bapperida"))
    diskominfo = make_user(Role.OFFICER, opd=OPD.objects.get(regency=regency, code="diskominfo"))
    Programme.objects.create(
        regency=regency,
        code="parkir-qris",
        element=Element.objects.get(code="SE-TR"),
        name="Retribusi parkir non-tunai QRIS",
        horizon=Horizon.QUICK_WIN,
        lead_opd=dishub.opd,
        status="running",
        progress_pct=30,
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    for channel, status in (
        (Channel.QRIS, EventStatus.PAID),
        (Channel.QRIS, EventStatus.PAID),
        (Channel.QRIS, EventStatus.PAID),
        (Channel.CASH, EventStatus.CASH),
    ):
        parking_event(
            regency,
            street.jukir,
            street.spot,
            day=yesterday,
            amount=2000,
            channel=channel,
            status=status,
        )
    evidence = tmp_path / "berita-acara.pdf"
    evidence.write_bytes(PDF)

    # 1. The Dishub officer reports progress on the programme Dishub leads.
    _login(page, live_server.url + "/program/p/parkir-qris/", dishub.username)
    page.wait_for_url("**/program/p/parkir-qris/")
    page.fill("#progress_pct", "65")
    page.fill("#note", "QRIS aktif di Taman Kota dan PPM.")
    page.set_input_files("#evidence", str(evidence))
    screenshot("programme-1-progress-form")
    page.click("text=Simpan laporan")
    page.wait_for_url("**/program/p/parkir-qris/")
    assert "Laporan kemajuan tersimpan" in page.content()
    assert ProgressUpdate.objects.get().progress_pct == 65

    # 2. Diskominfo entered a manual value; Bapperida (secretariat) approves it.
    year = timezone.localdate().year
    item = kpi_value_submit(
        definition=KpiDefinition.objects.get(regency=regency, code="data-terbuka"),
        period_start=yesterday.replace(month=1, day=1),
        period_end=yesterday,
        value=Decimal("42.5"),
        note="Rekap walidata",
        evidence=pdf(),
        actor=diskominfo,
    )
    staff = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    tab = staff.new_page()
    _login(tab, live_server.url + "/program/indikator/", bapperida.username)
    tab.wait_for_url("**/program/indikator/")
    tab.screenshot(path=str(SHOTS / "programme-2-pending.png"), full_page=True)
    tab.click("button[value=approve]")
    tab.wait_for_url("**/program/indikator/")
    assert "Keputusan tersimpan" in tab.content()
    item.refresh_from_db()
    assert item.status == "approved" and item.approved_by == bapperida

    # 3. The daily job stores the automatic KPIs.
    outcome = run_job(registered_jobs()["programme.kpi_daily"], force=True)
    assert outcome.status == "ok", outcome.result
    stored = KpiValue.objects.get(definition__code="parkir-nontunai-jumlah", method="automatic")
    assert stored.value == Decimal("75.00") and stored.period_end == yesterday

    # 4. The public dashboard shows the new values and charts on a phone.
    public = page.context.browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID"
    )
    view = public.new_page()
    response = view.goto(live_server.url + "/smartcity/")
    assert response is not None and response.ok
    card = view.locator("#kpi-parkir-nontunai-jumlah")
    assert "75 %" in card.inner_text()
    assert card.locator("svg.pg-chart polyline").count() == 1
    assert "42,5 %" in view.locator("#kpi-data-terbuka").inner_text()
    assert view.locator("#kpi-data-terbuka svg.pg-chart").count() == 1
    assert f"Target {year}" in card.inner_html()
    width = view.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways at 360 px ({width})"
    view.screenshot(path=str(SHOTS / "programme-3-dashboard.png"), full_page=True)
    public.close()
    staff.close()
