"""Widgets on a shared library (household/): the puller publishes the lists it built, once when it becomes the
puller and then when they change; a follower, which pulls nothing, shows the puller's lists as its own widget
files, bumps its reload only when they changed, and never rebuilds from its own stale mirror."""
import json
import os

from simklsync.core.state.sync_state import SyncState
from simklsync.core.widgets import widget_file
from simklsync.household.role import ALONE, FOLLOWER, PULLER
from simklsync.sync.engine import CycleResult
from simklsync.sync.widgets_step import WidgetsStep, widget_store
from test_widgets_step import Library, Reload, StateStore, _changed


class Household:
    """What WidgetsStep asks of household/coordinator.py's Household: its role, publish and read the lists."""

    def __init__(self, role, shared=None):
        self.role = role
        self.shared = shared
        self.published = []

    def publish_widgets(self, payload):
        if self.role == PULLER:
            self.published.append(payload)

    def shared_widgets(self):
        return self.shared if self.role == FOLLOWER else None


def _step(tmp_path, household, library=None, reload=None):
    reload = reload or Reload()
    step = WidgetsStep(widget_store(str(tmp_path)), library or Library(), StateStore(), lambda: 1_800_000_000,
                       set_reload=reload.set, get_reload=reload.get, household=lambda: household)
    return step, reload


def _idle():
    idle = CycleResult("timer")
    idle.state = SyncState()
    return idle


def _saved_list(tmp_path, name):
    with open(os.path.join(str(tmp_path), "widgets", name + ".json"), encoding="utf-8") as handle:
        return json.load(handle)["data"]


def test_the_puller_publishes_its_lists_when_they_change_and_not_on_an_idle_cycle(fake_kodi, tmp_path):
    household = Household(PULLER)
    step, _ = _step(tmp_path, household)
    assert step.after_sync(_changed(step.state_store.state))
    [payload] = household.published
    assert [row["title"] for row in payload["lists"]["movies.plantowatch"]] == ["Arrival"]
    assert not step.after_sync(_idle())
    assert not step.after_sync(_changed(step.state_store.state))  # the same lists
    assert len(household.published) == 1


def test_a_box_that_becomes_the_puller_publishes_its_unchanged_lists_once(fake_kodi, tmp_path):
    alone = Household(ALONE)
    step, _ = _step(tmp_path / "box", alone)
    assert step.after_sync(_changed(step.state_store.state))  # built alone: nothing published
    household = Household(PULLER)
    step, reload = _step(tmp_path / "box", household)  # the service restarted as the puller
    assert not step.after_sync(_idle())  # nothing a widget shows changed: no reload...
    assert len(household.published) == 1  # ...but the followers get the lists
    assert not step.after_sync(_idle())
    assert len(household.published) == 1 and reload.value == ""


def test_a_follower_shows_the_pullers_lists_and_bumps_its_reload_once(fake_kodi, tmp_path):
    puller = Household(PULLER)
    built, _ = _step(tmp_path / "puller", puller)
    built.after_sync(_changed(built.state_store.state))
    follower, reload = _step(tmp_path / "follower", Household(FOLLOWER, shared=puller.published[-1]))
    assert follower.from_puller()
    assert [row["title"] for row in _saved_list(tmp_path / "follower", "movies.plantowatch")] == ["Arrival"]
    names = widget_file.list_names_of(widget_store(str(tmp_path / "follower")).load())
    assert "upnext" in names and "movies.plantowatch" in names
    bumped = reload.value
    assert bumped and not follower.from_puller()  # the same lists: no second reload
    assert reload.value == bumped


def test_a_follower_never_rebuilds_from_its_own_mirror_after_a_send(fake_kodi, tmp_path):
    library = Library()
    follower, reload = _step(tmp_path, Household(FOLLOWER), library)
    assert not follower.after_sent()
    assert library.reads == 0 and reload.value == ""


def test_a_follower_takes_only_the_known_lists_of_a_published_payload(fake_kodi, tmp_path):
    payload = {"version": widget_file.VERSION, "options": [],
               "lists": {"../../outside": [{"title": "x"}], "upnext": [{"title": "Show"}, "not a row"]}}
    follower, _ = _step(tmp_path, Household(FOLLOWER, shared=payload))
    assert follower.from_puller()
    assert widget_file.list_names_of(widget_store(str(tmp_path)).load()) == ["upnext"]
    assert _saved_list(tmp_path, "upnext") == [{"title": "Show"}]
    assert not os.path.exists(os.path.join(str(tmp_path), "outside.json"))
    for broken in (None, {}, [], {"version": 99, "lists": {}}, {"version": widget_file.VERSION, "lists": []}):
        follower.household().shared = broken
        assert not follower.from_puller()
