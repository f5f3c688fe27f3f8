"""Settings shared by every mode. Everything that differs between deployments comes
from the environment (see the configuration table in the README)."""

from __future__ import annotations

import secrets
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

from kotacerdas.settings.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("KOTACERDAS_DATA_DIR", str(Path.cwd() / "data"))).resolve()

# Modes override these two; base never invents a secret that production could keep.
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Domain apps, one per domain. Each may provide ``urls.py`` (mounted at its
# ``URL_PREFIX``), ``api.py`` with a ninja ``router`` (mounted under /api/v1/), a
# ``jobs.py`` registering periodic jobs and a ``locale/`` folder with its translations.
DOMAIN_APPS = [
    "kotacerdas.core",
    "kotacerdas.payments",
    "kotacerdas.parking",
    "kotacerdas.services",
    "kotacerdas.partners",
    "kotacerdas.training",
    "kotacerdas.programme",
    "kotacerdas.innovation",
    "kotacerdas.accounts",
    "kotacerdas.treasury",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    *DOMAIN_APPS,
    "kotacerdas.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kotacerdas.core.headers.ContentSecurityPolicyMiddleware",
    "kotacerdas.core.guards.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kotacerdas.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kotacerdas.core.guards.InputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kotacerdas.core.middleware.RequestContextMiddleware",
    "kotacerdas.core.middleware.RegencyMiddleware",
]

ROOT_URLCONF = "kotacerdas.urls"
WSGI_APPLICATION = "kotacerdas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kotacerdas.core.context_processors.platform",
            ],
        },
    }
]

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'kotacerdas.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the demo's worker threads and the job runner share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Leaflet's files come from the django-leaflet package (installed with pip). Only its
# static folder is used: installing it as an app would pull in GeoDjango and GDAL.
_LEAFLET_SPEC = find_spec("leaflet")
STATICFILES_DIRS = (
    [Path(_LEAFLET_SPEC.origin).parent / "static"] if _LEAFLET_SPEC and _LEAFLET_SPEC.origin else []
)
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No form of the platform has more than a few dozen fields or three photos; the admin's
# bulk actions post one field per selected row, hence the margin.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# Bodies larger than this are refused by Content-Length before parsing (photo routes and
# webhooks have their own limits, see kotacerdas/core/guards.py).
KOTACERDAS_BODY_MAX_BYTES = env_int("KOTACERDAS_BODY_MAX_BYTES", 1024 * 1024)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions and the cache live in the database (or Redis via CACHE_URL) so any number
# of stateless app processes behind a proxy agree with each other.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
_CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL.startswith("redis")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kota Cerdas <noreply@kotimkab.go.id>")

# Platform knobs.
KOTACERDAS_REGENCY_CODE = env_str("KOTACERDAS_REGENCY_CODE", "6202")
# PostgreSQL row-level security by regency (kotacerdas/core/rls.py); opt-in.
KOTACERDAS_RLS = env_bool("KOTACERDAS_RLS", False)
KOTACERDAS_LOGIN_MAX_FAILURES = env_int("KOTACERDAS_LOGIN_MAX_FAILURES", 5)
KOTACERDAS_LOGIN_LOCKOUT_SECONDS = env_int("KOTACERDAS_LOGIN_LOCKOUT_SECONDS", 900)
KOTACERDAS_TOKEN_TTL_DAYS = env_int("KOTACERDAS_TOKEN_TTL_DAYS", 90)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the
# socket address is the client). The older boolean KOTACERDAS_TRUST_X_FORWARDED_FOR=1
# means one proxy.
KOTACERDAS_TRUSTED_PROXY_COUNT = env_int(
    "KOTACERDAS_TRUSTED_PROXY_COUNT", 1 if env_bool("KOTACERDAS_TRUST_X_FORWARDED_FOR") else 0
)
# Failed logins: per username from one address (KOTACERDAS_LOGIN_MAX_FAILURES) and, as a
# coarse ceiling, from one address whatever the username (a carrier NAT puts thousands of
# phones behind one address, so this is far higher).
KOTACERDAS_LOGIN_IP_CEILING = env_int("KOTACERDAS_LOGIN_IP_CEILING", 100)
# Webhook calls that fail verification, per source address and over all addresses, per
# minute, before further unverifiable calls are no longer recorded (verified ones always are).
KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP = env_int("KOTACERDAS_WEBHOOK_UNVERIFIED_PER_IP", 30)
KOTACERDAS_WEBHOOK_UNVERIFIED_CEILING = env_int("KOTACERDAS_WEBHOOK_UNVERIFIED_CEILING", 300)
# The address people and gateways reach this deployment at (QR links, receipts, webhooks).
KOTACERDAS_PUBLIC_URL = env_str("KOTACERDAS_PUBLIC_URL", "http://127.0.0.1:8000")
# How long a dynamic QRIS for one vehicle stays payable.
KOTACERDAS_CHARGE_TTL_SECONDS = env_int("KOTACERDAS_CHARGE_TTL_SECONDS", 900)
# Cash recorded on the attendant's phone without signal is accepted when it arrives within
# this many hours of its capture time, and refused when the phone clock is ahead of the
# server by more than the skew (docs/parking.md, "Attendant app").
KOTACERDAS_OFFLINE_MAX_AGE_HOURS = env_int("KOTACERDAS_OFFLINE_MAX_AGE_HOURS", 24)
KOTACERDAS_OFFLINE_CLOCK_SKEW_SECONDS = env_int("KOTACERDAS_OFFLINE_CLOCK_SKEW_SECONDS", 300)
# Payments (see docs/payments.md). Secrets come only from the environment; a regency's
# GatewayConfig names the environment variables that hold its keys.
KOTACERDAS_PAYMENT_PROVIDER = env_str("KOTACERDAS_PAYMENT_PROVIDER", "midtrans")
KOTACERDAS_MIDTRANS_SERVER_KEY = env_str("KOTACERDAS_MIDTRANS_SERVER_KEY")
# Empty: the built-in simulator at KOTACERDAS_PUBLIC_URL when it is enabled.
KOTACERDAS_MIDTRANS_BASE_URL = env_str("KOTACERDAS_MIDTRANS_BASE_URL")
# Pending charges past expiry + grace are queried at the gateway (Midtrans: expiry SLA 90 s).
KOTACERDAS_PAYMENT_RECONCILE_GRACE_SECONDS = env_int(
    "KOTACERDAS_PAYMENT_RECONCILE_GRACE_SECONDS", 120
)
KOTACERDAS_WEBHOOK_MAX_BYTES = env_int("KOTACERDAS_WEBHOOK_MAX_BYTES", 64 * 1024)
# "after_response": the receiving worker processes a notification once its answer is sent;
# "job": the request only verifies and stores it, the job runner processes it (for high
# notification rates: the web workers then do nothing but ingest).
KOTACERDAS_WEBHOOK_PROCESSING = env_str("KOTACERDAS_WEBHOOK_PROCESSING", "after_response")
KOTACERDAS_SIMULATOR_ENABLED = False
# "thread": deliver simulator notifications from a background thread; "job": only from the
# job runner (``payments.simulator_deliver``); "manual": only when code asks (tests).
KOTACERDAS_SIMULATOR_DELIVERY = env_str("KOTACERDAS_SIMULATOR_DELIVERY", "thread")
# Public services (docs/services.md): photo upload limit, where originals are kept (empty:
# beside MEDIA_ROOT, never served) and the SMS/WhatsApp sender for reporter notices.
KOTACERDAS_UPLOAD_MAX_BYTES = env_int("KOTACERDAS_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# WhatsApp intake (docs/services.md): the app secret that signs webhook calls
# (X-Hub-Signature-256; empty refuses every call) and the subscription verify token.
KOTACERDAS_WHATSAPP_SECRET = env_str("KOTACERDAS_WHATSAPP_SECRET")
KOTACERDAS_WHATSAPP_VERIFY_TOKEN = env_str("KOTACERDAS_WHATSAPP_VERIFY_TOKEN")
# SP4N-LAPOR! hand-off (docs/services.md): the HMAC secret shared with LAPOR!; empty refuses
# every call.
KOTACERDAS_LAPOR_SECRET = env_str("KOTACERDAS_LAPOR_SECRET")
KOTACERDAS_PRIVATE_MEDIA_ROOT = env_str("KOTACERDAS_PRIVATE_MEDIA_ROOT")
KOTACERDAS_SERVICES_MESSAGE_BACKEND = env_str(
    "KOTACERDAS_SERVICES_MESSAGE_BACKEND", "kotacerdas.services.notifications.ConsoleSender"
)
# Map tiles for staff maps (OpenStreetMap by default; a regency may run its own server).
KOTACERDAS_MAP_TILE_URL = env_str(
    "KOTACERDAS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
KOTACERDAS_MAP_ATTRIBUTION = env_str("KOTACERDAS_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
# ASN training credentials (docs/training.md): the Ed25519 key that signs certificates,
# as PEM in the environment or in a file outside the database. Only where generation is
# allowed (not in production) is a missing key file created under the data folder.
KOTACERDAS_TRAINING_SIGNING_KEY = env_str("KOTACERDAS_TRAINING_SIGNING_KEY")
KOTACERDAS_TRAINING_SIGNING_KEY_FILE = env_str(
    "KOTACERDAS_TRAINING_SIGNING_KEY_FILE", str(DATA_DIR / "keys" / "training-signing-key.pem")
)
KOTACERDAS_TRAINING_GENERATE_KEY = env_bool("KOTACERDAS_TRAINING_GENERATE_KEY", True)
KOTACERDAS_TRAINING_RETIRED_KEY_FILES = env_list("KOTACERDAS_TRAINING_RETIRED_KEY_FILES", [])
KOTACERDAS_TRAINING_PPPK_TARGET_JP = env_int("KOTACERDAS_TRAINING_PPPK_TARGET_JP", 20)
# Partners' own Ed25519 keys for co-signing the credentials of their classes, one PEM
# file per partner under <dir>/<BPS code>/<partner code>.pem (docs/training.md).
KOTACERDAS_PARTNER_KEYS_DIR = env_str(
    "KOTACERDAS_PARTNER_KEYS_DIR", str(DATA_DIR / "keys" / "partners")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Placeholder secrets that must never reach production; production.py refuses them.
INSECURE_SECRET_MARKERS = ("django-insecure", "changeme", "change-me", "secret", "dev-only")


def generated_secret(path: Path) -> str:
    """A per-installation key kept in the data folder, so demo sessions survive restarts
    without anyone committing a key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


CSRF_FAILURE_VIEW = "kotacerdas.web.errors.csrf_failure"
