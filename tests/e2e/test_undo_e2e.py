"""Undo this sync in a real Kodi: after the first sync, the undo the script hands to the service (JSON-RPC
NotifyAll, as RunScript(script.simkl.sync,undo) sends it once confirmed) puts back every field of every item as
it was before (read back from Kodi), sends nothing to Simkl, and undoing the undo puts the sync back."""
import re

import pytest
from sync_helpers import (
    LOG_PREFIX,
    SERVICE_STARTED,
    emulator_rig_options,
    library_state,
    log_in_and_wait_for_sync,
    wait_for_addon_log,
    wait_for_notification_barrier,
)

pytestmark = pytest.mark.e2e

UNDO_TIMEOUT = 120
UNDONE = LOG_PREFIX + r"simklsync\.undo: undo of (?P<cycle>\S+): (?P<kodi>\d+) Kodi items put back \((?P<refused>\d+)"


@pytest.fixture(scope="module")
def kodi_rig_options(simkl_emulator):
    return emulator_rig_options(simkl_emulator)


@pytest.fixture(scope="module")
def synced(kodi, user):
    """The library before the first sync, after it, and Simkl's history then."""
    kodi.wait_for_log(SERVICE_STARTED, timeout=120)
    before = library_state(kodi)
    log_in_and_wait_for_sync(kodi)
    wait_for_notification_barrier(kodi)
    return {"before": before, "after": library_state(kodi), "history": user.history_events()}


def ask_undo(kodi):
    """What the script sends once the user confirmed: undo the last sync, Kodi's side only."""
    mark = kodi.log_mark()
    kodi.rpc("JSONRPC.NotifyAll", {"sender": "script.simkl.sync", "message": "undo",
                                   "data": {"cycle": "", "simkl": False}})
    done = wait_for_addon_log(kodi, UNDONE, UNDO_TIMEOUT, since=mark)
    wait_for_notification_barrier(kodi)
    return done


def test_undo_after_the_first_sync_restores_every_field_and_sends_nothing(kodi, user, synced):
    assert synced["after"] != synced["before"]
    done = ask_undo(kodi)

    assert int(done.group("kodi")) > 0 and done.group("refused") == "0"
    assert library_state(kodi) == synced["before"]
    assert user.history_events() == synced["history"]


def test_undoing_the_undo_puts_the_sync_back(kodi, user, synced):
    done = ask_undo(kodi)  # the last cycle is now the undo itself

    assert re.match(r"c\d+", done.group("cycle"))
    assert library_state(kodi) == synced["after"]
    assert user.history_events() == synced["history"]
