"""A cycle's list tags step: the tag writes planned against the Kodi index, merged into the watched-state
writes of the same movies (one call instead of two), the rest written after them; the sync state remembers
which tag names are ours."""
import logging

from ..core import list_tags

LOG = logging.getLogger("simklsync.sync")


class ListTagsStep:
    """ListTagsStep(library, tags, scope): tags is the cycle's core.list_tags.TagSettings (active)."""

    def __init__(self, library, tags, scope):
        self.library = library
        self.tags = tags
        self.scope = scope
        self.writes = []  # the tag writes left to send on their own
        self.merged = []  # the Kodi refs whose tags ride on a watched-state write
        self.failed = 0  # merged tags whose write Kodi refused
        self.held = {}  # large tag removals held back (core.list_tags.guard_removals)
        self.reread = set()  # the types to read whole next cycle: a held removal needs a fresh read to agree

    def plan(self, mirror, index, writes, held=frozenset()):
        """Plans the tag writes and merges what it can into `writes` (the plan's watched-state writes); the
        Kodi items of a large removal held back (`held`: (media, Kodi id)) keep their tags too."""
        planned = list_tags.plan_tags(mirror, index, self.tags, self.scope)
        planned, self.held = list_tags.guard_removals(planned, index, self.tags)
        if self.held:
            LOG.warning("list tags: large removal held back until the next read agrees (%s)",
                        ", ".join(f"{name}: {len(refs)}" for name, refs in sorted(self.held.items())))
            self.reread = {kind for kind, on in (("movies", self.tags.movies), ("shows", self.tags.shows),
                                                 ("anime", self.tags.anime)) if on}
        self.writes = [write for write in planned if (write.media, write.kodi_id) not in held]
        self.merged = list_tags.merge_into(writes, self.writes) if self.writes else []

    def count_merged(self, done, result):
        """After the watched-state writes: `done` are those Kodi took."""
        done_refs = {(write.media, write.kodi_id) for write in done}
        result.tags_written = sum(1 for ref in self.merged if ref in done_refs)
        self.failed = len(self.merged) - result.tags_written

    def apply(self, state, result, should_stop, before=None):
        """The tag writes left after the merge: shows, and movies with nothing else to write. Kodi sends no
        OnUpdate for a tag-only write, so none is announced to the echo filter (an expectation would linger
        and could hide the user's next mark); the marks listener only reads playcount changes anyway."""
        failed = 0
        if self.writes:
            LOG.info("applying %d list tag writes", len(self.writes))
            done, failed = self.library.apply(self.writes, {}, None, should_stop, announce=False, before=before)
            result.tags_written += len(done)
        result.tags_failed = self.failed + failed
        checked_all = self.scope.is_everything and not result.tags_failed and not should_stop()
        list_tags.remember(state, self.tags, checked_all, self.held)
