"""What the puller last pulled, shared with the followers: the activities stamps it reached, the playback
sessions it saw and the account type, so a follower can answer "resume across devices" without a pull; and the
widget lists it built, which a follower (no mirror of its own kept fresh) shows as its widgets."""
import logging

from .lease import PULLED, WIDGETS
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")


class PulledShare:
    def __init__(self, table, clock):
        self.table = table
        self.clock = clock

    def publish(self, state):
        """After the puller's pull: the parts of its sync state (core.sync_state.SyncState) the followers read."""
        if state is None:
            return
        payload = {"activities": state.activities, "playback": state.playback, "account_type": state.account_type}
        try:
            self.table.put(PULLED, payload)
        except (DbError, ValueError) as error:
            LOG.debug("pull not published: %s", error)

    def publish_widgets(self, payload):
        """The puller's widget lists after they changed (the library is shared: its dbids and files are every box's)."""
        try:
            self.table.put(WIDGETS, payload)
        except (DbError, ValueError) as error:  # ValueError: over the table's payload size (a huge widget limit)
            LOG.info("widget lists not shared with the other boxes: %s", error)

    def widgets(self):
        """The puller's last published widget lists (a payload to check), or None."""
        try:
            _, payload = self.table.get(WIDGETS)
        except DbError:
            return None
        return payload

    def over(self, state):
        """A follower's sync state (core.sync_state.SyncState) with the puller's stamps and sessions in place of
        its own, which are as old as its last own pull: so Simkl is asked for the playback list only when it
        moved since the puller's pull. A copy: the follower's state file is never changed by this."""
        try:
            _, pulled = self.table.get(PULLED)
        except DbError:
            return state
        if not isinstance(pulled, dict) or not isinstance(pulled.get("activities"), dict):
            return state
        playback = pulled.get("playback") if isinstance(pulled.get("playback"), list) else []
        account_type = pulled.get("account_type") if isinstance(pulled.get("account_type"), str) else None
        return state.with_pulled(pulled["activities"], [s for s in playback if isinstance(s, dict)], account_type)

    def report(self):
        """Which box pulled last and when (this box's local time), for the status file; {} when unknown."""
        try:
            pulled, _ = self.table.get(PULLED)
        except DbError:
            return {}
        if pulled is None:
            return {}
        return {"pulled_by": pulled.label, "pulled_at": self.clock() - pulled.held_seconds}
