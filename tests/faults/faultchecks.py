"""What must hold after a fault session, once the faults stop; and the session's report.

SessionChecks needs: kodi, user, items, expected_events, user_marks, queued_marks, error_texts, profile,
requests_while_logged_out, report.
"""
import json
import os
import stat
from collections import Counter

import faultworld
from simklsync.constants import OUTBOX_FILE, STATE_FILE
from simklsync.core.state.account_stamp import StampedStore
from simklsync.core.state.state_store import StateStore
from simklsync.core.state.store import JsonStore

SOURCES_FROM_KODI = ("api", "scrobble")
TRAIL_SHOWN = int(os.environ.get("FAULT_TRAIL", "40"))  # steps shown when a session fails


class SessionReport:
    def __init__(self, seed):
        self.seed = seed
        self.steps = Counter()
        self.faults_injected = 0
        self.events_checked = 0
        self.items_compared = 0
        self.lost = []
        self.duplicated = []
        self.unhandled = []
        self.problems = []  # every other broken promise, as text
        self.trail = []  # what happened, step by step, for the failure message

    @property
    def ok(self):
        return not (self.lost or self.duplicated or self.unhandled or self.problems)

    def describe(self):
        return (f"seed {self.seed}: steps {dict(self.steps)}, faults {self.faults_injected}, events "
                f"{self.events_checked}, lost {self.lost}, duplicated {self.duplicated}, unhandled "
                f"{self.unhandled}, problems {self.problems}\nlast steps:\n  " + "\n  ".join(self.trail[-TRAIL_SHOWN:]))



class SessionChecks:
    def _check(self):
        self._check_events()
        self._check_library_equals_simkl()
        self._check_marks_queued_once()
        self._check_outbox_and_files()
        self._check_log()
        if self.requests_while_logged_out > 0:
            self.report.problems.append(f"{self.requests_while_logged_out} requests while logged out")

    def _check_events(self):
        actual = Counter()
        for event in self.user.history_events():
            if event["source"] in SOURCES_FROM_KODI:
                if event["type"] == "movie":
                    actual[("movie", event["simkl"])] += 1
                else:
                    actual[("episode", event["simkl"], event["season"], event["episode"])] += 1
        for key in set(actual) | set(self.expected_events):
            missing = self.expected_events[key] - actual[key]
            if missing > 0:
                self.report.lost.append((key, missing))
            elif missing < 0:
                self.report.duplicated.append((key, -missing))
                self.report.trail.append(f"history of {key}: {self._events_of(key)}")
        self.report.events_checked = sum(self.expected_events.values())

    def _events_of(self, key):
        return [e for e in self.user.history_events()
                if e["simkl"] == key[1] and (key[0] == "movie" or (e.get("season"), e.get("episode")) == key[2:])]

    def _check_library_equals_simkl(self):
        for key, (media, kodi_id) in sorted(self.items.items()):
            kodi_watched = self.kodi.library.get(media, kodi_id)["playcount"] > 0
            simkl_watched = faultworld.simkl_watched(self.user, key)
            self.report.items_compared += 1
            if kodi_watched != simkl_watched:
                self.report.problems.append(f"{key}: Kodi watched={kodi_watched}, Simkl watched={simkl_watched}")

    def _check_marks_queued_once(self):
        queued, made = Counter(self.queued_marks), Counter(self.user_marks)
        if queued != made:
            self.report.problems.append(f"marks queued {dict(queued - made)} not made by the user; "
                                        f"user marks never queued {dict(made - queued)}")

    def _check_outbox_and_files(self):
        outbox = JsonStore(os.path.join(self.profile, OUTBOX_FILE)).load()
        path = os.path.join(self.profile, STATE_FILE)
        owner = StampedStore(JsonStore(path), lambda: None).owner()  # the account the service saved it for
        state = StateStore(path, account=lambda: owner).load()
        if not isinstance(outbox, dict) or outbox.get("entries"):
            self.report.problems.append(f"outbox not empty: {json.dumps(outbox)[:300]}")
        elif outbox.get("dropped"):
            self.report.problems.append(f"writes dropped: {outbox['dropped']}")
        if not state.has_mirror or state.activities is None:
            self.report.problems.append("state file invalid")
        for name in faultworld.profile_files(self.profile):
            path = os.path.join(self.profile, name)
            if name.endswith((".corrupt", ".tmp")):
                self.report.problems.append(f"left-over file {name}")
            if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
                self.report.problems.append(f"{name} readable by others")
            with open(path, encoding="utf-8") as handle:
                if faultworld.TOKEN in handle.read():
                    self.report.problems.append(f"token in {name}")

    def _check_log(self):
        for _level, line in self.kodi.log_lines:
            if "Traceback" in line or "EXCEPTION" in line:
                self.report.unhandled.append(line[:2000])
            if faultworld.TOKEN in line:
                self.report.problems.append("token in Kodi's log")
        texts = [str(call.args) for call in self.kodi.ui.calls] + self.error_texts
        if any(faultworld.TOKEN in text for text in texts):
            self.report.problems.append("token in a notification or an error text")
        self.report.unhandled.extend(self.kodi.callback_errors)
