"""Builds this box's household role from the detected video database: a coordinating Household when the
library is shared and pymysql is there, else a stand-in that behaves like a box on its own."""
import logging
import os
import uuid

from ..core.state.store import JsonStore
from ..kodi import shared_library
from . import mysql
from .coordinator import ALONE, Household, alone_status, lease_seconds_from_env
from .lease import HouseholdTable

LOG = logging.getLogger("simklsync.household.setup")
BOX_FILE = "household_box.json"


class NoHousehold:
    """A box that does not coordinate: pulls as always. status() is None when the library is not shared."""

    role = ALONE

    def __init__(self, database=None, server=None, problem=None):
        self.database = database
        self.server = server
        self.problem = problem

    def start(self):
        pass

    def stop(self):
        pass

    def tick(self):
        return ALONE

    def may_pull(self, reason):
        return True

    def claim_first_push(self):
        return True

    def others_pending(self):
        return {}

    def publish_pulled(self, state):
        pass

    def accounts_sharing(self):
        return 1

    def publish_widgets(self, payload):
        pass

    def shared_widgets(self):
        return None

    def resume_state(self, state):
        return state

    def status(self):
        if self.problem is None:
            return None
        return alone_status(self.database, self.server, self.problem)


def open_household(detection, box_id, label, wait, connect=None, **callbacks):
    """`callbacks`: on_takeover, on_pull_request, pending_source, eligible, account, clock (coordinator.Household)."""
    if not detection.shared:
        return NoHousehold()
    server = detection.config.server_label() if detection.config else None
    if detection.problem:
        return NoHousehold(detection.database, server, detection.problem)
    if connect is None and not mysql.available():
        return NoHousehold(detection.database, server, "pymysql_missing")
    account = callbacks.get("account")
    table = HouseholdTable(mysql.Connector(detection.config, detection.database, connect), box_id, label,
                           account() if account else "")
    return Household(table, detection.database, server, wait, lease_seconds=lease_seconds_from_env(), **callbacks)


def box_id(profile_dir):
    """This box's id in the household table: made once, kept in the add-on's profile folder (two Kodi homes on
    one machine are two boxes)."""
    store = JsonStore(os.path.join(profile_dir, BOX_FILE), schema=1)
    data = store.load()
    if isinstance(data, dict) and isinstance(data.get("id"), str) and 8 <= len(data["id"]) <= 64:
        return data["id"]
    new_id = uuid.uuid4().hex
    store.save({"id": new_id})
    return new_id


def for_service(profile_dir, wait, **callbacks):
    """The household of the running Kodi (see open_household for the callbacks)."""
    try:
        detection = shared_library.detect()
        return open_household(detection, box_id(profile_dir), shared_library.box_label(), wait, **callbacks)
    except Exception:  # noqa: BLE001 - a bug here must leave the box syncing as it always did
        LOG.exception("shared library detection failed")
        return NoHousehold()
