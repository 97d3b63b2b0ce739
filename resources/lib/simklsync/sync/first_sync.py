"""What a first sync may send the other way, once: the plays only Kodi knows (setting: ask, always, never)
and, when opted in, Kodi's resume points Simkl has nothing newer for."""
import logging

from ..core.outbox.marks import with_anime_alternates
from ..core.outbox.push import push_batches, push_count, push_entries
from ..core.playing.scrobble import resume_entries
from ..kodi import settings, ui

# The service's own log name: its lines ("sync (reason): ok, ...") are what tools and e2e tests follow.
LOG = logging.getLogger("simklsync.service")


class FirstSyncOffers:
    """FirstSyncOffers(outbox, wake, clock, household, anime): household() -> the shared-library lease holder,
    anime() -> the mirror's core.anime_ids.AnimeIndex (resume points of anime go by Simkl identity; pushed
    anime plays keep it as the form sent again when Simkl does not find Kodi's numbering)."""

    def __init__(self, outbox, wake, clock, household, anime):
        self._outbox = outbox
        self._wake = wake
        self._clock = clock
        self._household = household
        self._anime = anime

    def after_sync(self, result, current):
        other_account = self._library_of_another_account(current)
        if (result.kodi_only or result.kodi_resume) and not other_account:
            other_account = self._household().accounts_sharing() > 1  # a shared library holds others' plays too
        if result.kodi_only:
            self.offer_push(result.kodi_only, current, other_account)
        if result.kodi_resume and current.get_bool(settings.PUSH_RESUME_ON_FIRST_SYNC) and not other_account:
            self.push_resume_points(result.kodi_resume)

    def offer_push(self, kodi_only, current, other_account=False):
        """Items watched only in Kodi may go to Simkl once, after login. other_account: the library was last
        synced for another account, so "always" asks (see _library_of_another_account)."""
        choice = current.initial_push
        if choice == settings.INITIAL_PUSH_ALWAYS and other_account:
            choice = settings.INITIAL_PUSH_ASK
        if choice == settings.INITIAL_PUSH_NEVER or current.get_bool(settings.INITIAL_PUSH_ASKED):
            return
        movies, episodes, shows = kodi_only
        batches = push_batches(movies, episodes, shows, lambda *ids: False)
        count = push_count(batches)
        if not count:
            return
        current.set_bool(settings.INITIAL_PUSH_ASKED, True)
        if not self._household().claim_first_push():
            LOG.info("first sync: the Kodi-only plays of the shared library were pushed by another box")
            return
        if choice == settings.INITIAL_PUSH_ASK and not ui.yesno(ui.localize(32106, count=count)):
            return
        anime = self._anime()
        self._queue([with_anime_alternates(entry, anime) for entry in push_entries(batches, self._clock.time())])
        LOG.info("first sync: %d items watched in Kodi queued for Simkl", count)

    @staticmethod
    def _library_of_another_account(current):
        """Whether the previous sync of this profile was for another account; this sync's account is noted.
        Kodi then holds the plays the add-on wrote from that account's history, which a standing "always" must
        never send to this one: the user is asked instead. The rule is the previous account, not the first one
        ever logged in here: after A, then B, then A again, Kodi holds B's plays when A comes back. The note
        survives logout (the usual way to change accounts); none yet (a fresh profile, or a version before it)
        counts as the same account."""
        account = current.account_id or ""
        previous = current.get_str(settings.LIBRARY_ACCOUNT).strip()
        if account and previous != account:
            current.set_str(settings.LIBRARY_ACCOUNT, account)
        return bool(account and previous and previous != account)

    def push_resume_points(self, kodi_resume):
        entries = resume_entries(*kodi_resume, now=self._clock.time(), anime=self._anime())
        self._queue(entries)
        if entries:
            LOG.info("first sync: %d Kodi resume points queued for Simkl", len(entries))

    def _queue(self, entries):
        for entry in entries:
            self._outbox.add(entry)
        if entries:
            self._wake()
