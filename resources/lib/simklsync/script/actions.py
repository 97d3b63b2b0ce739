"""The script's actions, one per RunScript(script.simkl.sync,<action>); no action opens the settings.

The script never syncs by itself: it talks to the running service with JSON-RPC NotifyAll.
"""
import logging
import os

from ..constants import (
    GUARD_ANSWERS_FILE,
    JOURNAL_FILE,
    LIMITS_FILE,
    NOTIFY_LOGGED_IN,
    NOTIFY_LOGGED_OUT,
    NOTIFY_RETRY_UNDELIVERED,
    NOTIFY_SENDER,
    NOTIFY_SYNC_NOW,
    NOTIFY_UNDO,
    RATINGS_FILE,
    STATE_FILE,
    STATE_HEAD_FILE,
    STATUS_FILE,
    UNMARKS_FILE,
    USER_SETTINGS_CACHE_KEY,
    USER_SETTINGS_TTL,
)
from ..core import script_args
from ..core.budget import DayBudget
from ..core.state.account_stamp import StampedStore
from ..core.state.store import JsonStore
from ..kodi import log, playlists, rpc, settings, ui
from ..kodi.cache import KodiCache
from ..kodi.gui import context_menu
from ..kodi.monitor import abort_waiter
from ..simkl.client import SimklClient
from ..simkl.login import PinLogin
from ..sync.undo import undo_data
from . import held_status, status_text, undo_dialog
from .login_dialog import KodiLoginUI

LOG = logging.getLogger("simklsync.script")

# What a logout removes (the day cap is per account too). The outbox stays: the service keeps its entries parked
# under their account (core/outbox/parking.py), sent only if that account logs in again on this profile.
ACCOUNT_FILES = (STATE_FILE, STATE_HEAD_FILE, STATUS_FILE, RATINGS_FILE, LIMITS_FILE, UNMARKS_FILE,
                 JOURNAL_FILE, GUARD_ANSWERS_FILE)


def run(argv):
    log.setup(settings.Settings().debug_logging)
    action = script_args.parse(argv).action
    if not action:
        ui.open_settings()
        return
    if action == "context":  # the context menu's actions, by name: RunScript(script.simkl.sync,context,…)
        context_menu.run(argv)
        return
    handler = ACTIONS.get(action)
    if handler is None:
        LOG.warning("unknown script action %r", action)
        return
    LOG.info("script action %s", action)
    try:
        handler()
    except Exception:  # noqa: BLE001 - the user gets a sentence, the log gets the details
        LOG.exception("script action %s failed", action)
        ui.notify(ui.localize(32017), icon="error")


def login():
    current = settings.Settings()
    name = current.account_name
    if current.logged_in and not ui.yesno(ui.localize(32007, name=name)):
        return
    wait = abort_waiter()
    previous = current.account_id
    limits = JsonStore(os.path.join(settings.profile_dir(), LIMITS_FILE), schema=1, durable=False)
    budget = DayBudget(StampedStore(limits, lambda: previous))  # the account logged in so far spends it
    client = SimklClient(current.client_id, current.version, wait=wait, budget=budget)
    client.allow_attempt()  # the user's own action: one attempt even inside a day-cap back-off
    account = AccountSettings(previous_id=previous)
    try:
        logged_in = PinLogin(client, KodiLoginUI(), account, wait=wait).run() is not None
    finally:
        client.close()
    if logged_in:
        notify_service(NOTIFY_LOGGED_IN)
    elif account.cleared and current.logged_in:
        notify_service(NOTIFY_LOGGED_OUT)  # the login it was to replace is gone: the service parks its queue


def logout():
    current = settings.Settings()
    name = current.account_name
    if not current.logged_in and not name:
        ui.notify(ui.localize(32012))
        return
    if not ui.yesno(ui.localize(32010, name=name or "?")):
        return
    AccountSettings().clear()
    notify_service(NOTIFY_LOGGED_OUT)
    delete_account_files()
    ui.notify(ui.localize(32011))


def sync_now():
    if not settings.Settings().logged_in:
        ui.notify(ui.localize(32013), icon="warning")
        return
    notify_service(NOTIFY_SYNC_NOW)
    ui.notify(ui.localize(32014))


def show_status():
    text = status_text.render(settings.profile_path(), settings.Settings().account_name)
    ui.textviewer(text, heading=ui.localize(32020))
    undelivered = status_text.undelivered_count(settings.profile_path())
    if undelivered and ui.yesno(ui.localize(32633, count=undelivered), heading=ui.localize(32635)):
        retry_undelivered()
        ui.notify(ui.localize(32634, count=undelivered))
    status = status_text.load_status(settings.profile_path())
    if isinstance(status, dict) and held_status.ask(status.get("held")):
        notify_service(NOTIFY_SYNC_NOW)  # the answer is taken by the next cycle
    undo_dialog.choose_and_undo(settings.profile_path(), ui, _ask_undo)


def retry_undelivered():
    """The status dialog's "Try again": the running service puts the writes not delivered back in its queue."""
    notify_service(NOTIFY_RETRY_UNDELIVERED)


def undo_last_sync():
    """RunScript(script.simkl.sync,undo): the last sync undone, once confirmed."""
    undo_dialog.undo_last(settings.profile_path(), ui, _ask_undo)


def _ask_undo(cycle, simkl):
    notify_service(NOTIFY_UNDO, undo_data(cycle, simkl))


def create_playlists():
    """Smart playlists for the Simkl list tags (Videos → Playlists), for menus and skin widgets."""
    playlists.create_from_settings(settings.get_bool)


ACTIONS = {"login": login, "logout": logout, "sync": sync_now, "status": show_status, "playlists": create_playlists,
           "retry": retry_undelivered, "undo": undo_last_sync}


class AccountSettings:
    """Where the login keeps its result: a confirmed account's id, name and token. Another account's files are
    never deleted here: they carry their account's id, so the service parks them (core/state/account_stamp.py).
    The token goes last, after an empty one, so the service never reads one account's id with another's token
    (service/account.py reads the id, the token, then the id again)."""

    def __init__(self, previous_id=None):
        self.previous_id = previous_id
        self.cleared = False

    def save_account(self, account_id, name, answer, token):
        current = settings.Settings()
        current.set_str(settings.ACCESS_TOKEN, "")
        if self.previous_id != account_id:
            LOG.info("another Simkl account logged in: the previous account's files are parked")
            current.set_bool(settings.INITIAL_PUSH_ASKED, False)
        KodiCache().set(USER_SETTINGS_CACHE_KEY, answer, USER_SETTINGS_TTL)  # the service's first sync reads it
        current.set_str(settings.ACCOUNT_ID, account_id)
        current.set_str(settings.ACCOUNT_NAME, name)
        current.set_str(settings.ACCESS_TOKEN, token)

    def clear(self):
        self.cleared = True
        KodiCache().set(USER_SETTINGS_CACHE_KEY, None, USER_SETTINGS_TTL)
        current = settings.Settings()
        current.set_str(settings.ACCESS_TOKEN, "")
        current.set_str(settings.ACCOUNT_ID, "")
        current.set_str(settings.ACCOUNT_NAME, "")
        current.set_bool(settings.INITIAL_PUSH_ASKED, False)


def notify_service(message, data=None):
    """Tells the running service (another interpreter) what happened; it reacts in its Monitor."""
    params = {"sender": NOTIFY_SENDER, "message": message}
    if data is not None:
        params["data"] = data  # Kodi rejects "data": null ("Received value is null"): left out then
    try:
        rpc.call("JSONRPC.NotifyAll", params)
    except rpc.RpcError as error:
        LOG.warning("could not notify the service: %s", error)


def delete_account_files():
    """Removes the account's sync state, outbox and status (and any half-written copies of them)."""
    folder = settings.profile_path()
    if not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        if name.startswith(ACCOUNT_FILES):
            try:
                os.remove(os.path.join(folder, name))
            except OSError as error:
                LOG.warning("could not delete %s: %s", name, error.strerror)
