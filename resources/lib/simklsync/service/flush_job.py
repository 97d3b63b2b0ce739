"""One outbox flush as the service runs it: what is due goes to Simkl through the account's client."""
import logging

from ..core.item_actions.simkl_item import RESYNC
from ..kodi import settings
from ..simkl.outbox_sender import flush, reads_answer

# The service's own log name: its lines ("sync (reason): ok, ...") are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")


class FlushJob:
    """parts: the Service (outbox, account, clock, rng, notifier, status)."""

    def __init__(self, parts):
        self.parts = parts

    def run(self):
        """The FlushResult, or None when there was nothing to send or no login to send it with."""
        parts = self.parts
        if not len(parts.outbox):
            return None  # before any settings read: the worker flushes on every pass
        current = settings.Settings()
        if not parts.account.ready(current):  # bound to the login's account: only its entries go
            return None
        recorded, resync = [], []
        client = parts.account.client(current)

        def sent(entry):
            parts.sent_journal(entry)
            if entry.get(RESYNC):
                resync.append(entry)

        result = flush(parts.outbox, client, parts.clock.time, parts.clock.wait, parts.rng.random,
                       on_recorded=recorded.append, probe=lambda: reads_answer(client), on_sent=sent)
        if result.sent or result.dropped or result.retried:
            LOG.info("outbox: %d sent, %d to retry, %d dropped, %d waiting", result.sent, result.retried,
                     result.dropped, len(parts.outbox))
        parts.notifier.recorded(recorded, current)
        if result.held and parts.account.lose():
            parts.notifier.login_lost(current)
        parts.status.after_flush()
        if result.sent:
            parts.widgets.after_sent(current)  # what Simkl accepted shows on the widgets (Up Next moves on)
        if resync:
            parts.request_sync("lists")  # a title removed from the lists: the sync reads them back, the widgets drop it
        return result
