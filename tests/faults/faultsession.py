"""A long scripted session — syncs, Kodi marks, playbacks, Simkl-side changes, restarts, aborts, a revoked
token — under random faults from a fixed seed, then the checks once the faults stop."""
import os
import random
import time
import traceback
from collections import Counter

import faultworld
from addonprocess import AddonProcess, LibraryRouter
from faultchecks import SessionChecks, SessionReport
from faultmenu import SLOW_SECONDS, FaultMenu
from simklsync.core.model import kodi_key
from simklsync.kodi import log

from tests.support.memory_cache import MemoryCache

SETTLE_ROUNDS = 40
TRAIL_LOG = os.environ.get("FAULT_LOG", "") == "1"  # add the add-on's log lines of each step to the trail


class FaultSession(SessionChecks):
    def __init__(self, kodi, emu, profile, seed, steps, slow_faults=True, corrupt_lists=True):
        self.kodi = kodi
        self.emu = emu
        self.profile = profile
        self.rng = random.Random(seed)
        self.steps = steps
        self.report = SessionReport(seed)
        self.user = faultworld.seed_account(emu)
        self.items = faultworld.build_kodi_library(kodi.library)
        self.kodi_ref_to_key = {ref: key for key, ref in self.items.items()}
        self.clock = faultworld.VirtualClock(emu, time.time())
        self.started = self.clock.now
        self.menu = FaultMenu(emu, self.rng, slow_faults, corrupt_lists)
        self.cache = MemoryCache()
        self.expected_events = Counter()
        self.user_marks = []  # (kodi key, action) of every mark/unmark the user made in Kodi
        self.queued_marks = []
        self.unmarked_by_user = None  # the item the user unmarked in Kodi in the current step
        self.revoked = False
        self.requests_while_logged_out = 0
        kodi.settings["access_token"] = faultworld.TOKEN
        kodi.settings["initial_push"] = 2
        kodi.settings["scrobble_min_minutes"] = 0
        log.setup(debug=True)
        self.router = LibraryRouter()
        self.process = self._start_process()

    # ---- the scripted part -------------------------------------------------------------------

    def run(self):
        self._step_safely(lambda: self.process.sync("login"), "sync")
        for _ in range(self.steps):
            if self.rng.random() < 0.55:
                self.report.trail.append("fault: " + self.menu.draw())
            self.clock.advance(self.rng.uniform(1, 240))
            action = self._pick_action()
            self.report.steps[action] += 1
            self._step_safely(getattr(self, "_do_" + action), action)
        self._settle()
        self._check()
        return self.report

    def _pick_action(self):
        actions = [("sync", 22), ("flush", 24), ("kodi_mark", 12), ("kodi_unmark", 5), ("play", 12),
                   ("simkl_change", 10), ("restart", 3), ("abort_sync", 4), ("abort_flush", 4)]
        if not self.revoked:
            actions.append(("revoke", 1))
        if self.process.login_needed:
            actions.append(("login", 6))
        total = sum(weight for _, weight in actions)
        pick = self.rng.uniform(0, total)
        for name, weight in actions:
            pick -= weight
            if pick <= 0:
                return name
        return actions[-1][0]

    def _step_safely(self, action, name):
        logged_out = self.process.login_needed
        requests_before = len(self.emu.requests)
        delays_before = self.menu.delays_met()
        self.report.trail.append(f"{name} at +{self.clock.now - self.started:.0f} s")
        log_before = len(self.kodi.log_lines)
        states_before = self._watched_states()
        self.unmarked_by_user = None
        try:
            action()
        except Exception:  # noqa: BLE001 - what escapes the add-on's own handling is the finding
            self.report.unhandled.append(f"{name}: {traceback.format_exc(limit=6)}")
        self.kodi.wait_idle(5.0)
        if self.menu.delays_met() != delays_before:
            # A request the client gave up on is still asleep in the emulator: let it land before the
            # virtual clock jumps, or it would arrive "hours" late — something no real network does.
            self.emu.release_delays()
            self.emu.wait_served(SLOW_SECONDS + 5.0)
        if logged_out and self.process.login_needed:
            self.requests_while_logged_out += len(self.emu.requests) - requests_before
        if self._check_unwatches(states_before, name):
            self.report.trail.extend("  log: " + line for _, line in self.kodi.log_lines[log_before:])
            self.report.trail.extend(_request_line(record) for record in self.emu.requests[requests_before:])
        if TRAIL_LOG:
            self.report.trail.extend("  log: " + line for _, line in self.kodi.log_lines[log_before:])
            self.report.trail.extend(_request_line(record) for record in self.emu.requests[requests_before:]
                                     if record.fault or "date_from" in record.query)
            self._trail_state_changes(states_before, self._watched_states())

    def _watched_states(self):
        """{item key: (watched in Kodi, watched on Simkl)}"""
        return {key: (self.kodi.library.get(*ref)["playcount"] > 0, faultworld.simkl_watched(self.user, key))
                for key, ref in self.items.items()}

    def _check_unwatches(self, before, step):
        """No item is unwatched in Kodi unless its Simkl removal is real (or the user unmarked it in Kodi).
        Returns whether one was."""
        found = False
        for key, (kodi_watched, _) in before.items():
            if not kodi_watched or key == self.unmarked_by_user:
                continue
            media, kodi_id = self.items[key]
            if self.kodi.library.get(media, kodi_id)["playcount"] == 0 and faultworld.simkl_watched(self.user, key):
                problem = f"{key} unwatched in Kodi by {step} while Simkl has it watched"
                self.report.problems.append(problem)
                self.report.trail.append("  PROBLEM: " + problem)
                found = True
        return found

    def _trail_state_changes(self, before, after):
        for key in sorted(after):
            if after[key] != before[key]:
                self.report.trail.append(f"  state {key}: Kodi/Simkl watched {before[key]} -> {after[key]}")

    def _do_sync(self):
        self.process.sync(self.rng.choice(("timer", "timer", "manual", "scan")))

    def _do_flush(self):
        self.process.flush()

    def _do_kodi_mark(self):
        key = self._kodi_side_item(watched=False)
        if key is not None:
            media, kodi_id = self.items[key]
            self.report.trail.append(f"  user marks {key} watched in Kodi")
            self.kodi.library.user_marks_watched(media, kodi_id)
            self.expected_events[key] += 1
            self.user_marks.append((kodi_key(media, kodi_id), "add"))

    def _do_kodi_unmark(self):
        key = self._kodi_side_item(watched=True)
        if key is not None:
            media, kodi_id = self.items[key]
            self.report.trail.append(f"  user marks {key} unwatched in Kodi")
            self.unmarked_by_user = key
            self.kodi.library.user_marks_unwatched(media, kodi_id)
            self.user_marks.append((kodi_key(media, kodi_id), "remove"))

    def _do_play(self):
        key = self._kodi_side_item(watched=False)
        if key is None:
            return
        media, kodi_id = self.items[key]
        player = self.kodi.player
        if media == "movie":
            player.play_library_movie(kodi_id)
        else:
            player.play_library_episode(kodi_id)
        duration = player.item["duration"]
        percent = self.rng.choice((10, 50, 79, 85, 95, 100))
        self.report.trail.append(f"  plays {key} to {percent} %")
        if self.rng.random() < 0.4:
            player.seek(duration * 0.3)
            player.pause()
            self.clock.advance(self.rng.uniform(5, 60))
            player.resume()
        if percent == 100:
            # Reaching the end takes minutes in which the player's poll sees the last tenth; a seek stands in.
            player.seek(duration * 0.95)
            player.end()
        else:
            player.seek(duration * percent / 100.0)
            player.stop()
        if percent >= 80:
            self.expected_events[key] += 1

    def _do_simkl_change(self):
        keys = [key for key in self.items if faultworld.is_simkl_side(key)]
        key = self.rng.choice(keys)
        watched = faultworld.simkl_watched(self.user, key)
        at = faultworld._iso(self.clock.now - self.rng.uniform(0, 3600))
        if key[0] == "movie":
            self.user.remove(key[1]) if watched else self.user.watch_movie(key[1], at=at)
        elif watched:
            self.user.unwatch_episodes(key[1], [key[2:]])
        else:
            self.user.watch_episodes(key[1], [key[2:]], at=at)

    def _do_restart(self):
        # Notifications of writes the old run made reach the old run, as in Kodi, not its successor.
        self.kodi.wait_idle(5.0)
        self.process.close()
        self.process = self._start_process()

    def _do_abort_sync(self):
        calls = {"n": 0, "limit": self.rng.randint(1, 8)}

        def should_stop():
            calls["n"] += 1
            return calls["n"] > calls["limit"]

        self.process.sync("manual", should_stop=should_stop)
        self._do_restart()

    def _do_abort_flush(self):
        self.clock.abort_in(self.rng.randint(1, 4))
        try:
            self.process.flush()
        finally:
            self.clock.cancel_abort()
        self._do_restart()

    def _do_revoke(self):
        self.emu.revoke(faultworld.TOKEN)
        self.revoked = True

    def _do_login(self):
        self._relogin()

    def _relogin(self):
        self.emu.accounts.by_token[faultworld.TOKEN].revoked = False
        self.process.logged_in()
        self.process.sync("login")

    def _kodi_side_item(self, watched):
        """A Kodi-side item watched (or not) in Kodi — and, to be marked, unwatched on Simkl too — with
        nothing of it still queued, so the user's intents never collapse in the outbox."""
        entries = self.process.outbox.entries()
        candidates = []
        for key, (media, kodi_id) in sorted(self.items.items()):
            if faultworld.is_simkl_side(key):
                continue
            if (self.kodi.library.get(media, kodi_id)["playcount"] > 0) != watched:
                continue
            if not watched and faultworld.simkl_watched(self.user, key):
                continue
            if any(self._entry_is_for(entry, media, kodi_id) for entry in entries):
                continue
            candidates.append(key)
        return self.rng.choice(candidates) if candidates else None

    def _entry_is_for(self, entry, media, kodi_id):
        if entry.get("kodi") == kodi_key(media, kodi_id):
            return True
        item = self.kodi.library.get(media, kodi_id)
        label = entry.get("label", "")
        if media == "movie":
            return label == item["title"] or label.startswith(item["title"] + " (")
        show = self.kodi.library.show_of(item)
        return label == "{} S{:02d}E{:02d}".format(show["title"], item["season"], item["episode"])

    def _start_process(self):
        """A new run of the add-on on the same files (Kodi restarted); it learns of a lost login anew."""
        if hasattr(self, "process"):
            self.queued_marks.extend(self.process.queued_marks)
        process = AddonProcess(self.profile, self.emu.url, self.clock, self.rng, self.cache)
        self.router.process = process
        return process

    # ---- after the faults ----------------------------------------------------------------------

    def _settle(self):
        self.report.faults_injected = self.menu.injected()
        self.menu.clear()
        self.kodi.wait_idle(5.0)
        if self.process.login_needed or self.revoked:
            self._step_safely(self._relogin, "login")
        for _ in range(SETTLE_ROUNDS):
            due = self.process.next_due()
            if due is None:
                break
            self.clock.advance(max(0.0, due - self.clock.now) + 1)
            self._step_safely(self.process.flush, "flush")
        # A large removal Simkl still confirms (e.g. a list the session emptied) waits for the user: here, yes.
        self.kodi.settings["apply_large_removals"] = True
        self.clock.advance(60)
        self._step_safely(lambda: self.process.sync("manual"), "sync")
        self._step_safely(self.process.flush, "flush")
        self.clock.advance(60)
        self._step_safely(lambda: self.process.sync("manual"), "sync")
        self.queued_marks.extend(self.process.queued_marks)
        self.error_texts = self.process.errors_seen
        self.process.close()


def _request_line(record):
    since = f" date_from={record.query['date_from']}" if "date_from" in record.query else ""
    fault = f" met fault {record.fault}" if record.fault else ""
    return f"  request {record.method} {record.path}{since}{fault}"
