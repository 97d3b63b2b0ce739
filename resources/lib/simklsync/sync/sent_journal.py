"""What Simkl accepted from the outbox, into the journal; a history removal with the dates it removed, from
the mirror (which still holds them: the removal reaches the mirror only at the next sync)."""
from ..core.journal.dates import with_dates
from ..core.state.mirror import Mirror


class SentJournal:
    """SentJournal(journal, state_store)(entry): the outbox sender's hook after a send Simkl accepted."""

    def __init__(self, journal, state_store):
        self.journal = journal
        self.state_store = state_store
        self._mirror = (None, None)  # (state stamp, Mirror): one load serves a burst of removals

    def __call__(self, entry):
        # "dated": an undo's reversal with its dates; "restore": the dates a Kodi-side unmark took from the mirror
        # when it was queued (core/outbox/removal_dates.py); else the mirror now, which still holds them.
        body = entry.get("dated") or entry.get("restore")
        if body is None and entry.get("kind") == "history" and entry.get("action") == "remove":
            body = with_dates(entry.get("body"), self.mirror())
        self.journal.simkl_sent(entry, body)

    def mirror(self):
        head = self.state_store.load_head()
        stamp, mirror = self._mirror
        if mirror is None or stamp != head.stamp:
            state = self.state_store.load_mirror(head)
            mirror = Mirror.from_dict(state.mirror)
            self._mirror = (head.stamp, mirror)
        return mirror
