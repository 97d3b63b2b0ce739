"""The worker's side of the held unwatches (core/outbox/unmark_hold.py): single ones go to the outbox once their
window has passed, a burst is asked about (or answered by the standing setting), never during playback, and
kept-apart items are let go once Simkl changed them. Every removal leaves with the dates it deletes."""
import logging

from ..core.outbox.removal_batch import merged_removals
from ..core.outbox.removal_dates import MirrorDates, with_restore
from ..core.state.mirror import Mirror
from ..kodi import settings, ui
from ..kodi.gui import unmark_dialog

LOG = logging.getLogger("simklsync.service")

KEPT_NOTICE = 32713


class UnmarkGuard:
    """UnmarkGuard(hold, outbox, state_store, clock, playing=ui.is_playing, ask=unmark_dialog.ask_burst)."""

    def __init__(self, hold, outbox, state_store, clock, playing=None, ask=None):
        self.hold = hold
        self.outbox = outbox
        self.state_store = state_store
        self.clock = clock
        self.playing = playing or ui.is_playing
        self.ask_user = ask or unmark_dialog.ask_burst
        self._waiting_for_playback = False

    def release(self):
        """The single unwatches whose window has passed, into the outbox as one removal each."""
        due = self.hold.release_due(self.clock.time())
        if due:
            for entry in self.dated(due):
                self.outbox.add(entry)
            LOG.info("unmarks: %d sent on to Simkl", len(due))

    def ask(self):
        """A settled burst: the standing answer, or the user's (not during playback; the end of playback wakes
        the worker, which asks then). True when the held items changed."""
        now = self.clock.time()
        question = self.hold.question(now)
        self._waiting_for_playback = False
        if question is None:
            return False
        standing = settings.Settings().mass_unmark
        if standing == settings.MASS_UNMARK_ASK:
            if self.playing():
                self._waiting_for_playback = True
                return False
            remove = self.ask_user(question)
        else:
            remove = standing == settings.MASS_UNMARK_REMOVE
        if remove is None:
            LOG.info("unmarks: %d held, not answered; asked again later", question.count)
            self.hold.later(self.clock.time())  # counted from the dialog's close, however long it stood
            return False
        self._apply(question, remove, now)
        return True

    def _apply(self, question, remove, now):
        dates = self._dates()
        if remove:
            removals = [with_restore(entry, dates) for entry in self.hold.answer(question, True)]
            for entry in merged_removals(removals, now, lambda count: f"{count} unwatched in Kodi"):
                self.outbox.add(entry)
            LOG.info("unmarks: %d removed from Simkl as asked", len(removals))
            return
        self.hold.answer(question, False, was=lambda entry: dates.watched(entry["body"]) if dates else None)
        LOG.info("unmarks: %d kept on Simkl, unwatched in Kodi only", question.count)
        if not self.playing():  # a standing "never" answers during playback too: no notice over the film
            ui.notify(ui.localize(KEPT_NOTICE, count=question.count))

    def after_sync(self, result):
        """Kept-apart items Simkl has changed since (watched again, removed) are let go; how many (the sync
        that follows plans them again: this one left them alone)."""
        if result is None or not result.changed_remote or not self.hold.kept():
            return 0
        state = result.state if result.state is not None and result.state.loaded else self.state_store.load()
        dates = MirrorDates(Mirror.from_dict(state.mirror))
        gone = self.hold.prune_kept(lambda record: _unchanged(dates.watched(record["body"]), record.get("was")))
        if gone:
            LOG.info("unmarks: %d kept-apart items changed on Simkl: synced again", gone)
        return gone

    def dated(self, entries):
        """The removals with "restore": the dates they delete on Simkl, from the mirror where it knows them."""
        dates = self._dates()
        return [with_restore(entry, dates) for entry in entries]

    def status(self):
        """For the status dialog: how many unwatches wait before Simkl, how many are kept apart."""
        return {"held": sum(self.hold.held()), "kept": len(self.hold.kept())}

    def next_due(self):
        return self.hold.next_due(self.clock.time(), asking=not self._waiting_for_playback)

    def _dates(self):
        try:
            state = self.state_store.load()
        except Exception as error:  # noqa: BLE001 - a removal without its dates still goes; a bad state file must not stop it
            LOG.warning("unmarks: the mirror could not be read for the removed dates: %s", error)
            return None
        return MirrorDates(Mirror.from_dict(state.mirror)) if state.mirror else None


def _unchanged(now, was):
    return now == was and any(epoch is not None for epoch in now)
