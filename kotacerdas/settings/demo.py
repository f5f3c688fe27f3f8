"""``kotacerdas demo``: production-like (DEBUG off, real server) on the embedded
database, with the gateway simulator switched on."""

from kotacerdas.settings.base import *  # noqa: F403
from kotacerdas.settings.base import (
    DATA_DIR,
    KOTACERDAS_MIDTRANS_SERVER_KEY,
    SECRET_KEY,
    generated_secret,
)
from kotacerdas.settings.env import env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = SECRET_KEY or generated_secret(DATA_DIR / "secret_key")
KOTACERDAS_SIMULATOR_ENABLED = True
# The simulator and the platform share this per-installation sandbox key.
KOTACERDAS_MIDTRANS_SERVER_KEY = KOTACERDAS_MIDTRANS_SERVER_KEY or (
    "SB-Mid-server-" + generated_secret(DATA_DIR / "midtrans_server_key")
)
