"""A follower asks the puller for a full re-plan (after its own scan or "Sync now"); the puller serves it."""
import logging

from .lease import PULL_REQUEST
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")
REASONS = ("scan", "manual")


class PullRequests:
    """`on_pull_request(reason)`: the puller's service re-plans ("scan" or "manual")."""

    def __init__(self, table, on_pull_request):
        self.table = table
        self._on_pull_request = on_pull_request

    def ask(self, reason):
        try:
            self.table.put(PULL_REQUEST, {"reason": reason})
        except DbError as error:
            LOG.warning("could not ask the puller for a re-plan: %s", error)

    def serve(self):
        """Takes the request another box left, if any, and passes it on."""
        try:
            request = self.table.take(PULL_REQUEST)
        except DbError as error:
            LOG.debug("pull request unreadable: %s", error)
            return
        if request is not None:
            reason = request.get("reason") if isinstance(request, dict) else None
            LOG.info("another box asked for a re-plan (%s)", reason or "?")
            self._on_pull_request(reason if reason in REASONS else "manual")
