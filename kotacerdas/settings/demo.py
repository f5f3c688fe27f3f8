"""``kotacerdas demo``: production-like (DEBUG off, real server) on the embedded
database, with the gateway simulator switched on."""

from kotacerdas.settings.base import *  # noqa: F403
from kotacerdas.settings.base import DATA_DIR, SECRET_KEY, generated_secret
from kotacerdas.settings.env import env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = SECRET_KEY or generated_secret(DATA_DIR / "secret_key")
KOTACERDAS_SIMULATOR_ENABLED = True
