"""Real chromium through Playwright. Skipped only where no chromium exists; on CI
(KOTACERDAS_REQUIRE_BROWSER=1) a missing browser is an error, never a skip."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import chromium_path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("KOTACERDAS_SCREENSHOTS", "/tmp/kotacerdas-screenshots"))  # noqa: S108


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed on this machine")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls made
    # by fixtures in the same thread are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshot(page):  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# The parking flow test builds the same street as the parking tests.
from tests.parking.conftest import _parking_listens_to_payments, street  # noqa: E402, F401
