"""What the puller last pulled, shared with the followers: the activities stamps it reached, the playback
sessions it saw and the account type, so a follower can answer "resume across devices" without a pull."""
import logging

from .lease import PULLED
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")


class PulledShare:
    def __init__(self, table, clock):
        self.table = table
        self.clock = clock

    def publish(self, state):
        """After the puller's pull: the parts of its sync state (a dict) the followers read."""
        if not isinstance(state, dict):
            return
        mirror = state.get("mirror") if isinstance(state.get("mirror"), dict) else {}
        payload = {"activities": state.get("activities") if isinstance(state.get("activities"), dict) else None,
                   "playback": mirror.get("playback") if isinstance(mirror.get("playback"), list) else [],
                   "account_type": state.get("account_type")}
        try:
            self.table.put(PULLED, payload)
        except (DbError, ValueError) as error:
            LOG.debug("pull not published: %s", error)

    def over(self, state):
        """A follower's sync state (a dict) with the puller's stamps and sessions in place of its own, which are
        as old as its last own pull: so Simkl is asked for the playback list only when it moved since the
        puller's pull. A copy: the follower's state file is never changed by this."""
        try:
            _, pulled = self.table.get(PULLED)
        except DbError:
            return state
        if not isinstance(pulled, dict) or not isinstance(pulled.get("activities"), dict):
            return state
        mirror = dict(state.get("mirror") or {})
        mirror["playback"] = pulled.get("playback") if isinstance(pulled.get("playback"), list) else []
        return dict(state, activities=pulled["activities"], mirror=mirror,
                    account_type=pulled.get("account_type") or state.get("account_type"))

    def report(self):
        """Which box pulled last and when (this box's local time), for the status file; {} when unknown."""
        try:
            pulled, _ = self.table.get(PULLED)
        except DbError:
            return {}
        if pulled is None:
            return {}
        return {"pulled_by": pulled.label, "pulled_at": self.clock() - pulled.held_seconds}
