"""KodiLibrary.apply's progress: the bar hears of the first batch, the last, and at most once a second between
(each update is GUI work in Kodi), on a fake clock the writes advance."""
from simklsync.core.echo import EchoFilter
from simklsync.core.plan.planner import Write
from simklsync.kodi import library
from simklsync.kodi.library import KodiLibrary


class SteppingClock:
    """Each read is `step` seconds after the one before: a batch every `step` seconds."""

    def __init__(self, step):
        self.now, self.step = 0.0, step

    def __call__(self):
        self.now += self.step
        return self.now


def _movies(fake_kodi, count):
    return [fake_kodi.library.add_movie(f"Movie {n}", 2000 + n % 20, uniqueid={"imdb": f"tt{n:07d}"})
            for n in range(count)]


def test_progress_is_reported_first_last_and_once_a_second_between(fake_kodi):
    ids = _movies(fake_kodi, 40)
    writes = [Write("movie", movieid, f"m:{movieid}", {"playcount": 1}) for movieid in ids]
    seen = []
    kodi_library = KodiLibrary(EchoFilter(), batch_size=2, clock=SteppingClock(0.3))

    applied, failed = kodi_library.apply(writes, {}, progress=lambda done, total: seen.append((done, total)))

    assert (len(applied), failed) == (40, 0)
    assert seen[0] == (2, 40) and seen[-1] == (40, 40)
    # 20 batches 0.3 s apart: the first, then one every 4th batch (1.2 s >= 1 s), and the last.
    assert [done for done, _ in seen] == [2, 10, 18, 26, 34, 40]
    assert all(fake_kodi.library.get("movie", movieid)["playcount"] == 1 for movieid in ids)


def test_every_batch_is_reported_when_batches_are_a_second_apart(fake_kodi):
    ids = _movies(fake_kodi, 6)
    writes = [Write("movie", movieid, f"m:{movieid}", {"playcount": 1}) for movieid in ids]
    seen = []
    clock = SteppingClock(library.PROGRESS_SECONDS)

    KodiLibrary(EchoFilter(), batch_size=2, clock=clock).apply(writes, {}, progress=lambda d, t: seen.append(d))

    assert seen == [2, 4, 6]
