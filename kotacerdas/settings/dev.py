"""Local development and ``kotacerdas`` commands on a laptop: SQLite by default and a
generated key kept in the data folder."""

from kotacerdas.settings.base import *  # noqa: F403
from kotacerdas.settings.base import DATA_DIR, SECRET_KEY, generated_secret
from kotacerdas.settings.env import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or generated_secret(DATA_DIR / "secret_key")
KOTACERDAS_SIMULATOR_ENABLED = env_bool("KOTACERDAS_SIMULATOR_ENABLED", True)
