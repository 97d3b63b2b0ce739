"""Whose entries the queue sends: the current Simkl account's (core/state/account_stamp.py). Another account's
entries stay parked in the queue's file, never sent, counted or replaced, until that account logs in again on
this profile; unstamped ones (an older version's, or queued while no account was known) are adopted by the
first account that confirms its login."""
import logging

from ..state.account_stamp import belongs

LOG = logging.getLogger("simklsync.outbox")


class ParkingControls:
    """The Outbox's account controls (it holds _lock, _parking, _entries and _save)."""

    def set_account(self, account):
        """The account whose entries go from now on; the others' stay parked, unstamped ones become its."""
        with self._lock:
            if self._parking.switch(self._entries, account):
                self._save()

    def is_current(self, entry):
        with self._lock:
            return self._parking.is_current(entry)


class Parking:
    def __init__(self):
        self.account = None  # the account whose entries go

    def switch(self, entries, account):
        """The account from now on; True when unstamped entries were adopted (the queue is saved then)."""
        self.account = account
        adopted = [e for e in entries if e.get("account") is None] if account else []
        for entry in adopted:
            entry["account"] = account
        parked = self.parked(entries)
        if parked:
            LOG.info("outbox: %d entries of another Simkl account parked until it logs in again", parked)
        return bool(adopted)

    def stamp(self, entry):
        """A new entry belongs to the current account (a resent form keeps its entry's)."""
        return dict(entry, account=entry.get("account", self.account))

    def is_current(self, entry):
        return entry.get("account") == self.account

    def mine(self, entries):
        return [e for e in entries if self.is_current(e)]

    def parked(self, entries):
        """How many entries wait for another account's login."""
        return sum(1 for entry in entries if not self.is_current(entry))

    def shown(self, records):
        """The dropped writes the current account is shown (unstamped ones are everyone's)."""
        return [r for r in records if belongs(r.get("account"), self.account)]


def same_account(old, new):
    return old.get("account") == new.get("account")
