"""Kodi reports a seek's target at once but keeps answering the old time until the seek lands: those stale
reads must not take the position back (found in a real Kodi 20: a stop right after a seek said ~0 %)."""
from simklsync.core.playing.scrobble import SEEK_STALE_POLLS_MAX, Playback


def _playing(duration=1000.0):
    playback = Playback(duration=duration)
    playback.started(0.0)
    return playback


def test_poll_of_the_old_time_while_the_seek_lands_keeps_the_seek_position():
    playback = _playing()
    playback.observe(100.0)
    playback.seeked(500.0)
    playback.observe(101.0)  # Kodi still answers the time before the seek
    assert playback.stopped().progress == 50.0


def test_position_after_the_seek_landed_is_followed_again():
    playback = _playing()
    playback.seeked(500.0)
    playback.observe(501.5)
    playback.observe(620.0)
    assert playback.stopped().progress == 62.0


def test_seek_that_landed_elsewhere_gives_way_to_the_player_after_a_few_polls():
    playback = _playing()
    playback.seeked(900.0)
    for _ in range(SEEK_STALE_POLLS_MAX + 1):
        playback.observe(300.0)
    assert playback.stopped().progress == 30.0


def test_backward_seek_is_protected_the_same_way():
    playback = _playing()
    playback.observe(800.0)
    playback.seeked(200.0)
    playback.observe(801.0)
    assert playback.stopped().progress == 20.0
