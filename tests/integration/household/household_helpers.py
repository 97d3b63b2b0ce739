"""Boxes on one test MariaDB: each with its own (possibly wrong) local clock, all on one server clock.

The server clock is driven by the test: every connection a box opens sets the session's `timestamp`, which is
what NOW() answers in MariaDB. So lease expiry is reached by moving that clock, not by sleeping, and the
boxes' local clocks can be set to anything to show the lease never reads them.
"""
import itertools
import threading

import pymysql
from simklsync.core.videodb_config import VideoDbConfig
from simklsync.household.coordinator import Household
from simklsync.household.lease import HouseholdTable
from simklsync.household.mysql import Connector

_names = itertools.count(1)
KODI_USER, KODI_PASSWORD = "kodi", "kodi-test-pw"


class ServerClock:
    def __init__(self, start=1_900_000_000):
        self.now = start

    def advance(self, seconds):
        self.now += seconds


def new_database(server, base="MyVideos", schema=121):
    """A fresh video database on the test server, and the Kodi-style user (ALL on *.*) that reaches it."""
    name = f"{base}T{next(_names)}x{schema}"
    server.execute(f"CREATE DATABASE {name}")
    server.create_user(KODI_USER, KODI_PASSWORD)
    return name


def config_for(server, user=KODI_USER, password=KODI_PASSWORD):
    return VideoDbConfig(server.host, server.port, user, password, "MyVideos")


def clocked_connect(server, database, server_clock, user=KODI_USER, password=KODI_PASSWORD):
    def connect():
        connection = pymysql.connect(host=server.host, port=server.port, user=user, password=password,
                                     database=database, autocommit=True, connect_timeout=5)
        with connection.cursor() as cursor:
            cursor.execute("SET timestamp = %s", (server_clock.now,))
        return connection
    return connect


def table_for(server, database, server_clock, box_id, label=None, account="", **user):
    connector = Connector(config_for(server, **user), database,
                          clocked_connect(server, database, server_clock, **user) if server_clock else None)
    return HouseholdTable(connector, box_id, label or box_id, account)


class Box:
    """A Household with the callbacks recorded, never started as a thread: the test calls tick()."""

    def __init__(self, server, database, server_clock, box_id, local_clock=None, lease_seconds=120, pending=None,
                 account="", **user):
        self.takeovers = 0
        self.pull_requests = []
        self.pending = pending if pending is not None else {}
        self.local_clock = local_clock or (lambda: 1_700_000_000.0)
        self.stopped = threading.Event()
        self.account = account
        self.household = Household(
            table_for(server, database, server_clock, box_id, f"Box {box_id}", account, **user), database, "test",
            self.stopped.wait, lease_seconds=lease_seconds, clock=self.local_clock,
            on_takeover=self._took_over, on_pull_request=self.pull_requests.append,
            pending_source=lambda: self.pending, account=lambda: self.account)

    def _took_over(self):
        self.takeovers += 1

    def tick(self):
        return self.household.tick()

    @property
    def role(self):
        return self.household.role
