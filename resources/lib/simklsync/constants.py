"""Constants in one place."""

ADDON_ID = "script.simkl.sync"
APP_NAME = "script.simkl.sync"
LOG_PREFIX = "[script.simkl.sync]"

# The API base; the environment variable replaces it (tests, the demo, the emulator).
API_URL = "https://api.simkl.com"
API_URL_ENV = "SIMKL_API_URL"

# The Simkl app this add-on is registered as (simkl.com/settings/developer).
# Users who register their own app set it in Advanced settings ("client_id_override").
CLIENT_ID = "a1d3c7b2e9f04a8c6b5d2e1f0a9c8b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"

PIN_URL = "https://simkl.com/pin"

# Files in the add-on's profile folder (special://profile/addon_data/script.simkl.sync/).
STATE_FILE = "state.json"
OUTBOX_FILE = "outbox.json"
STATUS_FILE = "status.json"
RATINGS_FILE = "ratings.json"

# Home-window properties shared by the script and the service interpreters.
EXCLUDE_PROPERTY = "script.simkl.sync.exclude"
# JSONRPC.NotifyAll message names the script sends to the service.
NOTIFY_SENDER = ADDON_ID
NOTIFY_SYNC_NOW = "sync_now"
NOTIFY_LOGGED_IN = "logged_in"
NOTIFY_LOGGED_OUT = "logged_out"

# simplecache key (prefixed with the add-on id by kodi/cache.py) of the last POST /users/settings answer:
# the login writes it, so the first sync after a login need not ask again.
USER_SETTINGS_CACHE_KEY = "user_settings"
USER_SETTINGS_TTL = 7 * 24 * 3600

# Simkl marks watched at or above this percentage.
WATCHED_PERCENT = 80.0
