"""The crash-consistency harness (``bench/bench_payments_crash.py``) as a CI test.

It drives the real stack (the platform's gunicorn, its jobs loop and the Midtrans
simulator as a separate server) with 2,000 charges, 30% duplicate notifications in
random order, a ``kill -9`` of a platform worker and ``pg_terminate_backend`` of the
platform's database connections, and fails unless every invariant holds. It runs in a
subprocess against databases of its own (``<this run's database>_crash`` and
``..._crash_gateway``), created fresh and dropped afterwards, so the suite's test
database is untouched. PostgreSQL only: on SQLite it is skipped, unless
``KOTACERDAS_REQUIRE_POSTGRES`` is set (CI), where it fails instead."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
CHARGES = int(os.environ.get("KOTACERDAS_CRASH_CHARGES", "2000"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        if os.environ.get("KOTACERDAS_REQUIRE_POSTGRES"):
            pytest.fail("KOTACERDAS_REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL")
        pytest.skip("needs PostgreSQL; CI runs this with KOTACERDAS_REQUIRE_POSTGRES=1")
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{parts.path.lstrip('/')}_crash"))


def test_payments_survive_crashes_at_2000_charges() -> None:
    url = _database_url()
    port, gateway_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_payments_crash.py"),
            "--charges",
            str(CHARGES),
            "--port",
            str(port),
            "--gateway-port",
            str(gateway_port),
        ],
        env={**env, "DATABASE_URL": url},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    report = run.stdout + run.stderr[-4000:]
    assert run.returncode == 0, report
    assert "OK: every invariant holds" in run.stdout, report
    assert f"charges {CHARGES}," in run.stdout, report
    assert "kill -9 of platform worker" in run.stdout, report
    assert "pg_terminate_backend of" in run.stdout, report
