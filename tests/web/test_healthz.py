from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_ok() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["time"].endswith("+07:00")


def test_healthz_answers_503_when_the_database_is_down(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A real unreachable database (nothing listens on port 1), not a mock."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kotacerdas.settings.dev",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none?connect_timeout=2",
        KOTACERDAS_DATA_DIR=str(tmp_path),
        ALLOWED_HOSTS="testserver",
    )
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': json.loads(r.content)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["status"] == "error" and answer["body"]["database"] == "error"
