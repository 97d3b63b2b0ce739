"""Random (seeded) faults for the emulator, and a 'wrong types' fault the emulator lacks.

The menu covers what flaky Wi-Fi and a struggling API do: 5xx, 429 with and without Retry-After, slow
answers past the client's timeout, connection resets, malformed JSON, HTML error pages, null / {} /
missing keys / wrong types in every answer the add-on reads, and answers lost after Simkl acted on the
request (process=True). 401s and scrobble locks are scripted by the session, not drawn here.
"""
import json

READ_PATHS = ("/sync/activities", "/sync/all-items", "/sync/playback", "/users/settings")
WRITE_PATHS = ("/sync/history", "/scrobble")
SLOW_SECONDS = 0.8  # above the session client's read timeout
CLIENT_TIMEOUT = (2.0, 0.5)
BODY_FAULTS = ("null", "empty_object", "drop_keys", "wrong_types")


class FaultMenu:
    def __init__(self, emu, rng, slow_faults=True, corrupt_lists=True):
        self.emu = emu
        self.rng = rng
        self.slow_faults = slow_faults
        # null / {} / dropped keys / wrong types in an all-items answer: see KNOWN_LIST_GAP in the tests.
        self.corrupt_lists = corrupt_lists
        self.drawn = 0
        self.mangler = Mangler(emu, rng)
        self._delays = []  # the delay faults injected, to tell when one was met
        self._cut = None  # the last cut_off fault and the request count when it was injected

    def draw(self):
        """Injects one random fault for the next matching request(s); returns its description."""
        self.drawn += 1
        write = self.rng.random() < 0.5
        path = self.rng.choice(WRITE_PATHS if write else READ_PATHS)
        kind = self.rng.choice(self._kinds(write))
        if kind in BODY_FAULTS and path == "/sync/all-items" and not self.corrupt_lists:
            kind = "malformed"
        count = self.rng.choice((1, 1, 1, 2, 3))
        process = write and self.rng.random() < 0.5
        if kind in ("500", "502", "503"):
            self.emu.inject(status=int(kind), path=path, count=count, process=process)
        elif kind == "429":
            retry_after = self.rng.choice((None, 1, 7, 120))
            self.emu.inject(status=429, path=path, count=count, retry_after=retry_after)
        elif kind == "slow":
            self._delays.append(self.emu.inject(kind="delay", seconds=SLOW_SECONDS, path=path, count=1))
        elif kind == "html":
            self.emu.inject(kind="html", status=self.rng.choice((200, 502)), path=path, count=count,
                            process=process)
        elif kind == "wrong_types":
            self.mangler.arm(path, count)
        elif kind == "cut_off":  # a valid answer missing items, the activity stamps bumped (issue 25)
            if not self._cut_allowed():
                return self.draw()
            share, cut = self.rng.choice((0.0, 0.05, 0.3)), self.rng.choice(("items", "items", "seasons"))
            # Not deltas: a delta missing items is a valid answer nothing can tell apart, and its changes are lost
            # until the type is pulled whole (tests/integration/test_bad_day_sync.py holds the whole reads' part).
            self._cut = (self.emu.inject(kind="cut_off", path="/sync/all-items", count=1, share=share, cut=cut,
                                         deltas=False), len(self.emu.requests))
            return f"cut_off ({cut}, {share:.0%} kept) x1 on /sync/all-items"
        else:
            self.emu.inject(kind=kind, path=path, count=count, process=process)
        return f"{kind} x{count} on {path}{' (after acting)' if process else ''}"

    def _kinds(self, write):
        kinds = ["500", "502", "503", "429", "reset", "malformed", "html"]
        if self.slow_faults:
            kinds.append("slow")
        if not write:
            kinds += ["null", "empty_object", "drop_keys", "wrong_types"]
            if self.corrupt_lists:
                kinds.append("cut_off")
        return kinds

    def _cut_allowed(self):
        """One cut-off at a time, met, then a few syncs' reads answered whole: a cut-off is a bad moment. One that
        lasts over two whole reads is believed by design (an emptied list is real), and a small library may
        then lose up to 10 items: the integration tests hold that part (tests/integration/test_bad_day_sync.py)."""
        if self._cut is None:
            return True
        fault, since = self._cut
        if fault.count > 0:
            return False
        checks = [r for r in self.emu.requests[since:] if r.path == "/sync/activities" and not r.fault]
        return len(checks) >= 6

    def delays_met(self):
        """How many slow answers were served so far (their requests may still be in flight)."""
        return sum(1 for fault in self._delays if fault.count <= 0)

    def injected(self):
        """Requests that actually met a fault so far."""
        return sum(1 for record in self.emu.requests if record.fault)

    def clear(self):
        self.emu.clear_faults()
        self.mangler.disarm()


class Mangler:
    """Replaces one value somewhere in a successful JSON answer by a value of the wrong type."""

    def __init__(self, emu, rng):
        self.rng = rng
        self.armed = []  # [path prefix, remaining count]
        self.mangled = 0
        original = emu._answer

        def answer(request, record, fault):
            response = original(request, record, fault)
            if response.status == 200 and response.body and self._take(request.path):
                response.body = json.dumps(self._mangle(json.loads(response.body))).encode("utf-8")
                record.fault = "wrong_types"
                self.mangled += 1
            return response

        emu._answer = answer

    def arm(self, path, count):
        self.armed.append([path, count])

    def disarm(self):
        self.armed = []

    def _take(self, path):
        for armed in self.armed:
            if path.startswith(armed[0]):
                armed[1] -= 1
                if armed[1] <= 0:
                    self.armed.remove(armed)
                return True
        return False

    def _mangle(self, value, depth=0):
        if isinstance(value, dict) and value and (depth < 4 or self.rng.random() < 0.5):
            key = self.rng.choice(sorted(value))
            if self.rng.random() < 0.7:
                return dict(value, **{key: self._mangle(value[key], depth + 1)})
            return dict(value, **{key: self._wrong(value[key])})
        if isinstance(value, list) and value:
            index = self.rng.randrange(len(value))
            changed = list(value)
            changed[index] = self._mangle(value[index], depth + 1)
            return changed
        return self._wrong(value)

    def _wrong(self, value):
        choices = [None, "x", 7, [], {}, True, "12"]
        choices = [c for c in choices if type(c) is not type(value)]
        return self.rng.choice(choices)
