"""The widget files written after a cycle that changed something (and after Simkl accepted what the user did),
and the widgets' reload property bumped only when what a widget shows changed: an idle cycle writes nothing."""
import logging
import os

from ..constants import CALENDAR_FILE, WIDGETS_DIR, WIDGETS_FILE
from ..core.match import KodiIndex
from ..core.state.mirror import Mirror
from ..core.state.store import JsonStore
from ..core.widgets import widget_file
from ..core.widgets.lists import list_names
from ..core.widgets.widget_file import IN_PROGRESS, NEW_EPISODES, UP_NEXT, WidgetOptions
from ..household.role import FOLLOWER, PULLER
from ..household.setup import NoHousehold
from ..kodi import home_window, settings
from ..kodi.rpc import RpcError
from ..simkl.calendar_files import CalendarFiles
from ..simkl.errors import Aborted

LOG = logging.getLogger("simklsync.widgets")


def widget_options(current):
    """The widget settings of one Settings snapshot."""
    lists = [name for name, setting in ((UP_NEXT, settings.WIDGETS_UPNEXT), (IN_PROGRESS, settings.WIDGETS_INPROGRESS),
                                        (NEW_EPISODES, settings.WIDGETS_NEWEPISODES)) if current.get_bool(setting)]
    lists += [name for name in list_names() if current.get_bool(settings.WIDGETS_TYPES[name.split(".")[0]])]
    return WidgetOptions(tuple(lists), current.get_int(settings.WIDGETS_LIMIT, minimum=1, maximum=1000),
                         current.get_bool(settings.WIDGETS_HIDE_WATCHED))


def widget_store(profile):
    """The index of the widget lists (core/widgets/widget_file.py); pictures, not records: never fsynced."""
    return JsonStore(os.path.join(profile, WIDGETS_FILE), schema=1, durable=False)


def list_store(profile, name):
    return JsonStore(os.path.join(profile, WIDGETS_DIR, name + ".json"), schema=1, durable=False)


def _saved_form(options):
    """The options as the widget file keeps them (JSON: lists, not tuples)."""
    return [list(options.lists or ()), options.limit, options.hide_watched]


class WidgetsStep:
    """store: the widget file's JsonStore; library: kodi.library.KodiLibrary; state_store: the sync state's;
    clock: seconds since 1970; set_reload / get_reload: the Home property (kodi/home_window.py); calendar: the
    calendar files (simkl/calendar_files.py) New episodes reads, or None; household(): the box's household
    (household/setup.py), to which a puller publishes its lists and from which a follower takes them."""

    def __init__(self, store, library, state_store, clock, set_reload=home_window.set_widgets_reload,
                 get_reload=home_window.widgets_reload, calendar=None, household=NoHousehold):
        self.store = store
        self.calendar = calendar
        self.household = household
        self._shared = False  # published to the followers since the service started (a puller's first build is)
        self.library = library
        self.state_store = state_store
        self.clock = clock
        self._set_reload = set_reload
        self._get_reload = get_reload

    @classmethod
    def in_profile(cls, profile, library, state_store, clock, client=None, household=NoHousehold):
        """The step on the profile's widget file (a picture of the lists: not fsynced); client(): the Simkl client
        whose transport fetches the calendar files (None: no New episodes)."""
        calendar = None
        if client is not None:
            store = JsonStore(os.path.join(profile, CALENDAR_FILE), schema=1, durable=False)
            calendar = CalendarFiles(store, client, clock)
        return cls(widget_store(profile), library, state_store, clock, calendar=calendar, household=household)

    def after_sync(self, result, current=None):
        """After a good cycle: rebuilt when it changed Simkl's side or Kodi's, or when the file is missing."""
        if result is None:
            return False
        options = widget_options(current or settings.Settings())
        calendar_moved = self._calendar_moved(options)  # fetched when due, idle cycle or not
        if result.state is None and not calendar_moved:
            return False
        moved = result.changed_remote or result.total_written or result.first_sync or calendar_moved
        saved = self.store.load()
        unshared = self.household().role == PULLER and not self._shared  # a box that just became the puller
        if not moved and not unshared and isinstance(saved, dict) and saved.get("options") == _saved_form(options):
            return False  # an idle cycle, and the widget settings as the file was made with
        state = result.state if result.state is not None and result.state.loaded else self.state_store.load()
        return self.rebuild(state, current)

    def after_sent(self, current=None):
        """Simkl accepted a scrobble or mark: Kodi's side has moved (a watched episode), Up Next moves on. A
        follower's lists are the puller's: its own mirror is as old as its last pull."""
        if self.household().role == FOLLOWER:
            return False
        return self.rebuild(self.state_store.load(), current)

    def from_puller(self):
        """A follower on a shared library, which pulls nothing: the puller's published lists as its widget files
        (the library is shared, so their dbids and files are this box's too); the reload bumped when they changed."""
        made = widget_file.from_shared(self.household().shared_widgets())
        return made is not None and self._write(made, made["options"])

    def rebuild(self, state, current=None):
        """Writes the widget file and bumps the reload property when a widget would show something else."""
        if state is None or not state.loaded:
            return False
        options = widget_options(current or settings.Settings())
        mirror = Mirror.from_dict(state.mirror)
        calendars = self.calendar.entries() if self.calendar is not None else {}
        rows = widget_file.simkl_rows(mirror, int(self.clock()), options, calendars)
        try:
            index = self._library_index(rows)
        except RpcError as failure:
            LOG.warning("widgets: Kodi's library unreadable (%s); the widget file is kept", failure)
            return False
        made = widget_file.build(rows, index, mirror, options)
        changed = self._write(made, _saved_form(options))
        if changed or not self._shared:
            household = self.household()
            household.publish_widgets(widget_file.shared_form(made, _saved_form(options)))
            self._shared = household.role == PULLER
        return changed

    def _write(self, made, options):
        """The lists that changed written, the index after them, and the reload bumped; False when none changed."""
        new_index = widget_file.index(made, options)
        saved = self.store.load()
        changed = widget_file.changed_lists(saved, new_index)
        if not changed:
            if isinstance(saved, dict) and saved.get("options") != new_index["options"]:
                self._save(self.store, new_index)  # the settings changed, not what the widgets show: no reload
            return False
        profile = os.path.dirname(self.store.path)
        for name in changed:
            store = list_store(profile, name)
            if name not in made["lists"]:
                store.delete()
            elif not self._save(store, made["lists"][name]):
                return False
        if not self._save(self.store, new_index):
            return False
        self._bump()
        LOG.info("widgets: %d of %d lists changed, reload bumped", len(changed), len(made["lists"]))
        return True

    def _calendar_moved(self, options):
        """The calendar files fetched when due (at most every 3 h, by the sync only): True when they were, as the
        New episodes window moves on with them even when their content stays."""
        if self.calendar is None or (options.lists is not None and NEW_EPISODES not in options.lists):
            return False
        if not self.calendar.due():
            return False
        try:
            self.calendar.refresh()
        except Aborted:
            return False  # the service is stopping
        return True

    @staticmethod
    def _save(store, data):
        try:
            store.save(data)
        except OSError as failure:
            LOG.warning("widgets: a widget file could not be written (%s)", type(failure).__name__)
            return False
        return True

    def _library_index(self, rows):
        """Kodi's movies and shows, with the episodes of the shows the episode rows name."""
        def episodes_of(shows):
            index, wanted = KodiIndex((), shows, ()), set()
            for data in widget_file.episode_rows(rows):
                wanted.update(index.match_show(data["ids"], data["title"], data["year"]).copies)
            return wanted

        snapshot = self.library.read_only(episodes_of)
        return KodiIndex(snapshot.movies, snapshot.shows, snapshot.episodes)

    def _bump(self):
        try:
            previous = int(self._get_reload() or 0)
        except ValueError:
            previous = 0
        self._set_reload(str(max(previous + 1, int(self.clock()))))
