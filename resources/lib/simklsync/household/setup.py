"""Builds this box's household role from the detected video database: a coordinating Household when the
library is shared and pymysql is there, else a stand-in that behaves like a box on its own."""
from . import mysql
from .coordinator import ALONE, Household, alone_status, lease_seconds_from_env
from .lease import HouseholdTable


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

    def publish_pulled(self, activities):
        pass

    def status(self):
        if self.problem is None:
            return None
        return alone_status(self.database, self.server, self.problem)


def open_household(detection, box_id, label, wait, connect=None, **callbacks):
    """`callbacks`: on_takeover, on_pull_request, pending_source, clock (see coordinator.Household)."""
    if not detection.shared:
        return NoHousehold()
    server = detection.config.server_label() if detection.config else None
    if detection.problem:
        return NoHousehold(detection.database, server, detection.problem)
    if connect is None and not mysql.available():
        return NoHousehold(detection.database, server, "pymysql_missing")
    table = HouseholdTable(mysql.Connector(detection.config, detection.database, connect), box_id, label)
    return Household(table, detection.database, server, wait, lease_seconds=lease_seconds_from_env(), **callbacks)
