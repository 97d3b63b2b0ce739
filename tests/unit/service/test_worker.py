"""The service's worker on a fake clock: coalescing, the settings-reload debounce, when it wakes, crashes."""
import threading

from simklsync.service.worker import IDLE_WAKE_SECONDS, SETTINGS_SETTLE_SECONDS, SyncRequests, Worker

from tests.unit.service.fake_clock import FakeClock


class Jobs:
    def __init__(self, due=None):
        self.done = []
        self.due = due
        self.crash = False

    def run_actions(self):
        self.done.append("actions")

    def check_kodi_ratings(self):
        pass

    def flush_once(self):
        self.done.append("flush")
        if self.crash:
            raise RuntimeError("a bug in one cycle")

    def sync_once(self, reason):
        self.done.append(("sync", reason))

    def note_schedule(self):
        pass

    def reload_settings(self):
        self.done.append("settings")

    def next_due(self):
        return self.due


def worker(jobs=None, clock=None):
    return Worker(jobs or Jobs(), clock or FakeClock(), threading.Event())


def test_requests_made_before_a_sync_starts_are_one_sync_and_a_login_wins():
    requests = SyncRequests()
    for reason in ("timer", "scan", "login", "timer"):
        requests.add(reason)
    assert requests.take() == "login"
    assert requests.take() is None


def test_one_pass_does_the_actions_then_flushes_then_runs_the_requested_sync():
    jobs = Jobs()
    w = worker(jobs)
    w.request_sync("manual")
    w.request_sync("timer")
    w.step()
    w.step()
    assert jobs.done == ["actions", "flush", ("sync", "manual"), "actions", "flush"]


def test_settings_are_reread_only_once_saving_has_settled_on_the_clock():
    jobs, clock = Jobs(), FakeClock()
    w = worker(jobs, clock)
    w.settings_changed()
    assert w.idle_seconds() == SETTINGS_SETTLE_SECONDS
    clock.advance(SETTINGS_SETTLE_SECONDS / 2)
    w.settings_changed()  # a second save right behind the first
    clock.advance(SETTINGS_SETTLE_SECONDS / 2)
    w.step()
    assert "settings" not in jobs.done
    clock.advance(SETTINGS_SETTLE_SECONDS)
    w.step()
    assert jobs.done.count("settings") == 1
    w.step()
    assert jobs.done.count("settings") == 1
    assert w.idle_seconds() == IDLE_WAKE_SECONDS


def test_the_worker_wakes_when_the_outbox_wants_sending_and_idles_otherwise():
    clock = FakeClock()
    assert worker(Jobs(due=None), clock).idle_seconds() == IDLE_WAKE_SECONDS
    assert worker(Jobs(due=clock.now + 7), clock).idle_seconds() == 7
    assert worker(Jobs(due=clock.now - 30), clock).idle_seconds() == 0.05
    assert worker(Jobs(due=clock.now + 3600), clock).idle_seconds() == IDLE_WAKE_SECONDS


def test_a_crash_in_one_pass_leaves_the_worker_able_to_run_the_next():
    jobs = Jobs()
    jobs.crash = True
    w = worker(jobs)
    w.request_sync("timer")
    w.step()  # the flush raised: logged, the pass ends
    jobs.crash = False
    w.step()
    assert ("sync", "timer") in jobs.done


def test_the_thread_reports_idle_once_it_has_done_what_was_asked():
    jobs = Jobs()
    w = Worker(jobs, FakeClock(), threading.Event())
    w.start()
    try:
        assert w.wait_idle(5)
        w.request_sync("manual")
        assert w.wait_idle(5)
        assert ("sync", "manual") in jobs.done
    finally:
        w.stop()
