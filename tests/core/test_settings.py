"""Production refuses to start half-configured, and says which setting is wrong."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD = {
    "SECRET_KEY": "k" * 20 + "Qx7-9vLp2Zr8Ws4Tn6Yb1Hc3Jd5Fg0Mk",
    "DATABASE_URL": "postgres://kc@db.internal/kotacerdas",
    "ALLOWED_HOSTS": "kotacerdas.kotimkab.go.id",
}


def _load_production(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"}
    }
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "kotacerdas.settings.production"
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print('DEBUG', settings.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    )


def test_production_starts_with_everything_given() -> None:
    result = _load_production(GOOD)
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is missing"),
        ({"SECRET_KEY": "django-insecure-" + "a" * 50}, "SECRET_KEY is a placeholder"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is a placeholder or shorter than 50"),
        ({"DATABASE_URL": ""}, "DATABASE_URL is missing"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is missing"),
        ({"DEBUG": "1"}, "DEBUG must be off"),
    ],
)
def test_production_refuses_and_names_the_setting(change: dict[str, str], message: str) -> None:
    env = {**GOOD, **change}
    env = {k: v for k, v in env.items() if v != ""}
    result = _load_production(env)
    assert result.returncode != 0
    assert "Refusing to start in production mode" in result.stderr
    assert message in result.stderr


def test_production_lists_every_problem_at_once() -> None:
    result = _load_production({})
    for name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
        assert name in result.stderr


def test_bad_boolean_is_refused() -> None:
    result = _load_production({**GOOD, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_wsgi_defaults_to_production_settings() -> None:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", "import kotacerdas.wsgi"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr
