"""The first sync's push of Kodi-only plays across accounts (issue 26): a standing "always" asks instead when the
library was last synced for another account, whose plays the add-on wrote into Kodi; A → B → A asks on each
change, since Kodi holds the previous account's plays, not the first one's."""
import types

import pytest
from simklsync.kodi import settings
from simklsync.sync.first_sync import FirstSyncOffers

MOVIE = {"movieid": 1, "title": "Heat", "year": 1995, "playcount": 1, "lastplayed": "2026-01-02 10:00:00",
         "uniqueid": {"imdb": "tt0113277"}}


class Household:
    """The shared-library lease holder: one box pushes; `sharing` Simkl accounts use the library."""

    sharing = 1

    def claim_first_push(self):
        return True

    def accounts_sharing(self):
        return self.sharing


class Clock:
    def time(self):
        return 1_800_000_000.0


@pytest.fixture
def offers(fake_kodi):
    fake_kodi.settings["initial_push"] = settings.INITIAL_PUSH_ALWAYS
    queued = []
    outbox = types.SimpleNamespace(add=queued.append)
    household = Household()
    offers = FirstSyncOffers(outbox, lambda: None, Clock(), lambda: household, lambda: None)
    offers.household = household
    return fake_kodi, offers, queued


def first_sync_of(kodi, offers, account):
    """A login of `account` (the asked flag reset, as the login script does), then its first sync."""
    kodi.settings["account_id"] = account
    kodi.settings["initial_push_asked"] = False
    result = types.SimpleNamespace(kodi_only=([MOVIE], [], []), kodi_resume=None)
    offers.after_sync(result, settings.Settings())


def test_always_pushes_for_the_profiles_first_account_and_asks_on_each_account_change(offers):
    kodi, offers, queued = offers
    first_sync_of(kodi, offers, "1001")  # A, the first account here: always means always
    assert len(queued) == 1 and kodi.ui.calls_of("Dialog.yesno") == []
    for account in ("1002", "1001"):  # B after A, then A after B: Kodi holds the other's plays each time
        first_sync_of(kodi, offers, account)
        assert len(queued) == 1  # the user was asked and said no (the dismissed default)
    assert len(kodi.ui.calls_of("Dialog.yesno")) == 2
    assert kodi.settings["library_account"] == "1001"


def test_the_same_account_logging_in_again_keeps_its_standing_always(offers):
    kodi, offers, queued = offers
    first_sync_of(kodi, offers, "1001")
    first_sync_of(kodi, offers, "1001")
    assert len(queued) == 2 and kodi.ui.calls_of("Dialog.yesno") == []


def test_on_a_library_shared_with_another_simkl_account_always_asks(offers):
    kodi, offers, queued = offers
    offers.household.sharing = 2  # another box of the shared library syncs another account into it
    first_sync_of(kodi, offers, "1001")
    assert queued == [] and len(kodi.ui.calls_of("Dialog.yesno")) == 1
