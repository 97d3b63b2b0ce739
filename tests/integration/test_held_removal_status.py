"""The status dialog's part on a large removal held back (issue 25): how many, of which type, the first titles and
why, then Apply / Keep my library, left for the service's next cycle, which is asked for at once."""
import os

import pytest
from simklsync.constants import NOTIFY_SENDER, NOTIFY_SYNC_NOW
from simklsync.core.state.store import JsonStore
from simklsync.core.state.sync_state import SyncState
from simklsync.kodi.gui.notifier import Notifier
from simklsync.script import actions as script
from simklsync.sync.engine import CycleResult
from simklsync.sync.removal_guard import Answers

HELD = {"movies": {"count": 57, "in_sync": 60, "titles": ["Arrival", "Heat"], "reads": 1, "notified": True,
                   "decision": None}}


@pytest.fixture
def held(fake_kodi):
    fake_kodi.settings["access_token"] = "stored-token-abc123def456"
    fake_kodi.settings["account_name"] = "jane_doe"
    folder = fake_kodi.paths.translate("special://profile/addon_data/script.simkl.sync/")
    os.makedirs(folder, exist_ok=True)
    JsonStore(os.path.join(folder, "status.json")).save({"last_result": "ok", "held": HELD})
    return fake_kodi, folder


def asked_sync(kodi):
    return [method for sender, method, _ in kodi.notifications if sender == NOTIFY_SENDER and NOTIFY_SYNC_NOW in method]


def test_the_status_says_how_many_of_which_type_the_first_titles_and_why(held):
    kodi, _ = held
    script.run(["status"])
    text = kodi.ui.calls_of("Dialog.textviewer")[0].args["text"]
    assert "57 of 60 movies in sync would be set unwatched in Kodi, e.g. Arrival, Heat" in text
    assert "lacks more than 5 %" in text


@pytest.mark.parametrize("button, decision", [(1, "apply"), (0, "keep")])
def test_apply_or_keep_is_left_for_the_next_cycle_and_a_sync_asked(held, button, decision):
    kodi, folder = held
    kodi.ui.answers.append(button)
    script.run(["status"])
    question = kodi.ui.calls_of("Dialog.yesnocustom")[0].args
    assert (question["yeslabel"], question["nolabel"]) == ("Apply", "Keep my library")
    assert Answers(os.path.join(folder, "large_removals.json")).read() == {"movies": decision}
    assert asked_sync(kodi)


def test_decide_later_leaves_nothing_and_asks_no_sync(held):
    kodi, folder = held
    script.run(["status"])  # the dialog dismissed: Decide later
    assert not os.path.exists(os.path.join(folder, "large_removals.json"))
    assert asked_sync(kodi) == []


def test_no_question_without_a_held_removal(fake_kodi):
    fake_kodi.settings["access_token"] = "stored-token-abc123def456"
    script.run(["status"])
    assert fake_kodi.ui.calls_of("Dialog.yesnocustom") == []


def test_the_user_is_told_of_a_held_removal_once_with_how_many_and_of_which_type(fake_kodi):
    result = CycleResult("timer")
    result.state, result.held_told = SyncState(held=HELD), ["movies"]
    Notifier().held(result)
    result.held_told = []
    Notifier().held(result)
    told = [call.args["message"] for call in fake_kodi.ui.calls_of("Dialog.notification")]
    assert told == ["Held back: 57 movies Simkl no longer lists as watched. See the status to apply or keep."]
