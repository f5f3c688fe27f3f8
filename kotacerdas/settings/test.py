"""Test settings: fast hashing, the database from DATABASE_URL (SQLite by default,
PostgreSQL on CI), no outside network."""

import os
import tempfile
from pathlib import Path

from kotacerdas.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-key-" + "x" * 40
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kotacerdas-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="kotacerdas-static-"))
_KEYS = Path(tempfile.mkdtemp(prefix="kotacerdas-keys-"))
KOTACERDAS_TRAINING_SIGNING_KEY_FILE = str(_KEYS / "training-signing-key.pem")
KOTACERDAS_PARTNER_KEYS_DIR = str(_KEYS / "partners")
KOTACERDAS_SIMULATOR_ENABLED = True
KOTACERDAS_MIDTRANS_SERVER_KEY = "SB-Mid-server-test-only-kotim"
KOTACERDAS_SIMULATOR_DELIVERY = "manual"
# Hermetic payments: nothing from the shell's environment (a developer's sandbox key or
# gateway URL) reaches the tests.
KOTACERDAS_PAYMENT_PROVIDER = "midtrans"
KOTACERDAS_MIDTRANS_BASE_URL = ""
KOTACERDAS_WEBHOOK_PROCESSING = "inline"
# The same for the other shared secrets: tests that need one set it themselves.
KOTACERDAS_LAPOR_SECRET = ""
KOTACERDAS_WHATSAPP_SECRET = ""
KOTACERDAS_WHATSAPP_VERIFY_TOKEN = ""
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("KOTACERDAS_TEST_SQLITE_FILE"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["KOTACERDAS_TEST_SQLITE_FILE"]}  # noqa: F405
