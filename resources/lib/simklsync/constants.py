"""Constants in one place."""

ADDON_ID = "script.simkl.sync"
APP_NAME = "script.simkl.sync"
LOG_PREFIX = "[script.simkl.sync]"

# The API base; the environment variable replaces it (tests, the demo, the emulator).
API_URL = "https://api.simkl.com"
API_URL_ENV = "SIMKL_API_URL"
# Simkl's public calendar files (tv.json, anime.json); the environment variable replaces the base (tests). With
# only the API's replaced (the emulator), the files are read from <API base>/calendar: tests never reach the CDN.
CALENDAR_URL = "https://data.simkl.in/calendar"
CALENDAR_URL_ENV = "SIMKL_CALENDAR_URL"

# The Simkl app id (simkl.com/settings/developer) is a build input, never in the repository: `make zip` writes
# SIMKL_CLIENT_ID into the zip's simklsync/_build_app.py (see app_id.py). Run from the source tree (tests),
# the same environment variable is read at run time. Users may set their own in Advanced settings.
CLIENT_ID_ENV = "SIMKL_CLIENT_ID"
BUILD_APP_MODULE = "_build_app"

PIN_URL = "https://simkl.com/pin"

# Files in the add-on's profile folder (special://profile/addon_data/script.simkl.sync/).
STATE_FILE = "state.json"
STATE_HEAD_FILE = "state.head.json"  # what an idle cycle reads of the state (core/state/state_store.py)
OUTBOX_FILE = "outbox.json"
STATUS_FILE = "status.json"
LIMITS_FILE = "limits.json"  # the day's request count and Simkl's day-cap back-off (core/budget.py)
RATINGS_FILE = "ratings.json"
UNMARKS_FILE = "unmarks.json"  # Kodi-side unwatches held, asked about or kept apart (core/outbox/unmark_hold.py)
JOURNAL_FILE = "journal.jsonl"  # what the add-on changed in Kodi and on Simkl, for undo (core/journal/)
WIDGETS_FILE = "widgets.json"  # the widget lists' index, written by the sync, read by the plugin (core/widgets/)
WIDGETS_DIR = "widgets"  # one file per widget list: widgets/<list name>.json
CALENDAR_FILE = "calendar.json"  # the calendar files as last fetched, with the time (simkl/calendar_files.py)
# Home-window property bumped when what a widget shows changed: the published widget paths end with
# &reload=$INFO[Window(Home).Property(SimklSync.Widgets.Reload)], so Kodi reloads them then and only then.
WIDGETS_RELOAD_PROPERTY = "SimklSync.Widgets.Reload"
GUARD_ANSWERS_FILE = "large_removals.json"  # the user's Apply / Keep for held large removals (sync/removal_guard.py)

# Home-window properties shared by the script and the service interpreters.
EXCLUDE_PROPERTY = "script.simkl.sync.exclude"
# JSONRPC.NotifyAll message names the script sends to the service.
NOTIFY_SENDER = ADDON_ID
NOTIFY_SYNC_NOW = "sync_now"
NOTIFY_LOGGED_IN = "logged_in"
NOTIFY_LOGGED_OUT = "logged_out"
NOTIFY_RETRY_UNDELIVERED = "retry_undelivered"  # the status dialog's "Try again"
NOTIFY_UNDO = "undo"  # undo a sync; data: sync.undo.undo_data()
NOTIFY_ITEM_ACTION = "item_action"  # a context menu action; data: item_actions.action_data()
# Home-window property the service sets while logged in: the context menu's visibility condition reads it.
LOGGED_IN_PROPERTY = "script.simkl.sync.logged_in"

# simplecache key (prefixed with the add-on id by kodi/cache.py) of the last POST /users/settings answer:
# the login writes it, so the first sync after a login need not ask again.
USER_SETTINGS_CACHE_KEY = "user_settings"
USER_SETTINGS_TTL = 7 * 24 * 3600

