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
    "KOTACERDAS_PUBLIC_URL": "https://kotacerdas.kotimkab.go.id",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "KOTACERDAS_SERVICES_MESSAGE_BACKEND": "kotacerdas.services.sms.GatewaySender",
    "KOTACERDAS_MIDTRANS_BASE_URL": "https://api.midtrans.com",
}
_PRODUCTION_NAMES = {
    *GOOD,
    "DEBUG",
    "KOTACERDAS_MIDTRANS_SERVER_KEY",
    "KOTACERDAS_PAYMENT_SANDBOX",
    "KOTACERDAS_PAYMENT_PROVIDER",
}


def _load_production(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run_production(
        env,
        "import django; django.setup(); from django.conf import settings;"
        "print('DEBUG', settings.DEBUG)",
    )


def _run_production(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    # Not the test run's own switches either: the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, which a deployment must never have.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in _PRODUCTION_NAMES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "kotacerdas.settings.production"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
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
        ({"SECRET_KEY": " " * 50}, "SECRET_KEY is a placeholder"),
        ({"SECRET_KEY": "a" * 60}, "not random enough"),
        ({"SECRET_KEY": "ab" * 40}, "not random enough"),
        ({"KOTACERDAS_PUBLIC_URL": ""}, "KOTACERDAS_PUBLIC_URL is missing"),
        ({"KOTACERDAS_PUBLIC_URL": "http://127.0.0.1:8000"}, "KOTACERDAS_PUBLIC_URL points at"),
        ({"KOTACERDAS_PUBLIC_URL": "http://localhost"}, "KOTACERDAS_PUBLIC_URL points at"),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "EMAIL_BACKEND is a console",
        ),
        ({"EMAIL_BACKEND": ""}, "EMAIL_BACKEND is a console"),  # the default prints
        (
            {"KOTACERDAS_SERVICES_MESSAGE_BACKEND": ""},
            "KOTACERDAS_SERVICES_MESSAGE_BACKEND is the console sender",
        ),
        ({"KOTACERDAS_MIDTRANS_BASE_URL": ""}, "KOTACERDAS_MIDTRANS_BASE_URL is missing"),
        (
            {"KOTACERDAS_MIDTRANS_BASE_URL": "https://api.sandbox.midtrans.com"},
            "Midtrans' sandbox",
        ),
        ({"KOTACERDAS_MIDTRANS_SERVER_KEY": "SB-Mid-server-abc"}, "Midtrans' sandbox"),
    ],
)
def test_production_refuses_and_names_the_setting(change: dict[str, str], message: str) -> None:
    env = {**GOOD, **change}
    env = {k: v for k, v in env.items() if v != ""}
    result = _load_production(env)
    assert result.returncode != 0
    assert "Refusing to start in production mode" in result.stderr
    assert message in result.stderr


def test_a_deliberate_sandbox_trial_is_allowed() -> None:
    env = {
        **GOOD,
        "KOTACERDAS_MIDTRANS_BASE_URL": "https://api.sandbox.midtrans.com",
        "KOTACERDAS_PAYMENT_SANDBOX": "1",
    }
    assert _load_production(env).returncode == 0


def test_check_deploy_is_clean() -> None:
    result = _run_production(
        GOOD,
        "import sys, django; django.setup(); from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_security_headers() -> None:
    result = _run_production(
        GOOD,
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS,"
        " s.SECURE_REFERRER_POLICY, s.SECURE_SSL_REDIRECT)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "DENY",
        "same-origin",
        "True",
    ]


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
