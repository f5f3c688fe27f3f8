"""Production: nothing secret is defaulted. Start-up fails with the names of every
missing or placeholder setting, so a half-configured server never serves a request."""

from django.core.exceptions import ImproperlyConfigured

from kotacerdas.settings.base import *  # noqa: F403
from kotacerdas.settings.base import INSECURE_SECRET_MARKERS
from kotacerdas.settings.env import env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", False)
KOTACERDAS_SIMULATOR_ENABLED = False
# Certificates are signed only with a key the operator provides (docs/training.md).
KOTACERDAS_TRAINING_GENERATE_KEY = False


def _problems() -> list[str]:
    problems: list[str] = []
    key = env_str("SECRET_KEY")
    if not key:
        problems.append("SECRET_KEY is missing")
    elif len(key) < 50 or any(marker in key.lower() for marker in INSECURE_SECRET_MARKERS):
        problems.append("SECRET_KEY is a placeholder or shorter than 50 characters")
    if not env_str("DATABASE_URL"):
        problems.append("DATABASE_URL is missing (production never falls back to SQLite)")
    if not env_str("ALLOWED_HOSTS"):
        problems.append("ALLOWED_HOSTS is missing")
    if DEBUG:
        problems.append("DEBUG must be off in production")
    return problems


_found = _problems()
if _found:
    raise ImproperlyConfigured("Refusing to start in production mode: " + "; ".join(_found) + ".")

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
