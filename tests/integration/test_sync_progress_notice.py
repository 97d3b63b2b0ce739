"""What a long sync shows while it writes, through the library's real batches: by default one notification at its
start (the progress bar's spinning icon keeps Kodi redrawing the screen for the whole sync), the bar when chosen,
nothing for a short sync, during a video or with sync news off."""
from simklsync.core.echo import EchoFilter
from simklsync.core.plan.planner import Write
from simklsync.kodi import settings
from simklsync.kodi.gui import notifier
from simklsync.kodi.gui.notifier import Notifier
from simklsync.kodi.library import KodiLibrary


def _sync(fake_kodi, count):
    """A sync's writes of `count` movies, sent in batches with the progress the service would pick."""
    ids = [fake_kodi.library.add_movie(f"Movie {n}", 2000 + n % 20, uniqueid={"imdb": f"tt{n:07d}"})
           for n in range(count)]
    writes = [Write("movie", movieid, f"m:{movieid}", {"playcount": 1}) for movieid in ids]
    progress = Notifier().progress(settings.Settings())
    try:
        applied, failed = KodiLibrary(EchoFilter(), batch_size=50).apply(writes, {}, progress.update)
    finally:
        progress.close()
    assert (len(applied), failed) == (count, 0)


def _notices(fake_kodi):
    return [call.args["message"] for call in fake_kodi.ui.calls_of("Dialog.notification")]


def test_a_long_sync_is_announced_once_at_its_start_and_shows_no_progress_bar_by_default(fake_kodi):
    _sync(fake_kodi, 250)

    assert _notices(fake_kodi) == ["Updating the library from Simkl: 250 changes, in the background"]
    assert fake_kodi.ui.calls_of("DialogProgressBG.create") == []


def test_the_progress_bar_when_chosen_follows_the_writes_and_replaces_the_notice(fake_kodi):
    fake_kodi.settings[settings.PROGRESS_BAR] = True

    _sync(fake_kodi, 250)

    assert _notices(fake_kodi) == []
    assert len(fake_kodi.ui.calls_of("DialogProgressBG.create")) == 1
    assert fake_kodi.ui.calls_of("DialogProgressBG.update")[-1].args["percent"] == 100
    assert len(fake_kodi.ui.calls_of("DialogProgressBG.close")) == 1


def test_a_short_sync_shows_nothing_while_it_writes(fake_kodi):
    _sync(fake_kodi, notifier.PROGRESS_THRESHOLD - 1)

    assert _notices(fake_kodi) == []
    assert fake_kodi.ui.calls_of("DialogProgressBG.create") == []


def test_no_notice_covers_a_playing_video(fake_kodi):
    fake_kodi.player.play(file="/media/film.mkv", mediatype="movie", duration=3600)

    _sync(fake_kodi, 250)

    assert _notices(fake_kodi) == []


def test_with_sync_news_off_a_long_sync_writes_silently(fake_kodi):
    fake_kodi.settings[settings.NOTIFY_SYNC] = False

    _sync(fake_kodi, 250)

    assert _notices(fake_kodi) == []
    assert fake_kodi.ui.calls_of("DialogProgressBG.create") == []
