"""Production: nothing secret is defaulted. Start-up fails with the names of every
missing or placeholder setting, so a half-configured server never serves a request."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from kotacerdas.settings.base import *  # noqa: F403
from kotacerdas.settings.base import (
    EMAIL_BACKEND,
    INSECURE_SECRET_MARKERS,
    KOTACERDAS_PAYMENT_PROVIDER,
    KOTACERDAS_SERVICES_MESSAGE_BACKEND,
)
from kotacerdas.settings.env import env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", False)
KOTACERDAS_SIMULATOR_ENABLED = False
# Certificates are signed only with a key the operator provides (docs/training.md).
KOTACERDAS_TRAINING_GENERATE_KEY = False


_CONSOLE_BACKENDS = ("console", "ConsoleSender", "locmem", "dummy")
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104


def _weak_secret(key: str) -> bool:
    """Too short, a known placeholder, or too little variety to be random: fifty spaces
    or ``'a' * 60`` pass a length check but are guessed at once."""
    stripped = key.strip()
    return (
        len(stripped) < 50
        or any(marker in key.lower() for marker in INSECURE_SECRET_MARKERS)
        or len(set(stripped)) < 16
    )


def _loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in _LOOPBACK_HOSTS or host.startswith("127.") or host.endswith(".localhost")


def _problems() -> list[str]:
    problems: list[str] = []
    key = env_str("SECRET_KEY")
    if not key:
        problems.append("SECRET_KEY is missing")
    elif _weak_secret(key):
        problems.append(
            "SECRET_KEY is a placeholder or shorter than 50 characters, or not random enough"
        )
    if not env_str("DATABASE_URL"):
        problems.append("DATABASE_URL is missing (production never falls back to SQLite)")
    if not env_str("ALLOWED_HOSTS"):
        problems.append("ALLOWED_HOSTS is missing")
    if DEBUG:
        problems.append("DEBUG must be off in production")
    public_url = env_str("KOTACERDAS_PUBLIC_URL")
    if not public_url:
        problems.append("KOTACERDAS_PUBLIC_URL is missing (receipts and webhooks need it)")
    elif _loopback(public_url):
        problems.append("KOTACERDAS_PUBLIC_URL points at this machine (127.0.0.1/localhost)")
    if any(word in EMAIL_BACKEND for word in _CONSOLE_BACKENDS):
        problems.append("EMAIL_BACKEND is a console/test backend (it would print secret links)")
    if any(word in KOTACERDAS_SERVICES_MESSAGE_BACKEND for word in _CONSOLE_BACKENDS):
        problems.append(
            "KOTACERDAS_SERVICES_MESSAGE_BACKEND is the console sender "
            "(it would print secret links)"
        )
    base_url = env_str("KOTACERDAS_MIDTRANS_BASE_URL")
    if KOTACERDAS_PAYMENT_PROVIDER == "midtrans" and not base_url:
        problems.append(
            "KOTACERDAS_MIDTRANS_BASE_URL is missing (production never falls back to the sandbox)"
        )
    sandbox = "sandbox" in base_url or env_str("KOTACERDAS_MIDTRANS_SERVER_KEY").startswith("SB-")
    if sandbox and not env_bool("KOTACERDAS_PAYMENT_SANDBOX", False):
        problems.append(
            "KOTACERDAS_MIDTRANS_BASE_URL or the server key is Midtrans' sandbox; "
            "set KOTACERDAS_PAYMENT_SANDBOX=1 to run a trial on purpose"
        )
    return problems


_found = _problems()
if _found:
    raise ImproperlyConfigured("Refusing to start in production mode: " + "; ".join(_found) + ".")

# Security headers: HSTS for a year with sub-domains and the preload token (entering the
# browsers' preload list is still a separate, deliberate submission); cookies only over
# TLS and never readable from scripts; no framing. The referrer policy (same-origin:
# reporter links hold a secret token) is in base, the Content-Security-Policy comes from
# kotacerdas.core.headers in every mode.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The proxy terminates TLS; /healthz is probed over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
