"""When the outbox sends nothing at all (Simkl down or rate limiting) or nothing of one kind (scrobbles while
Simkl's per-user lock holds). Kept in memory only: after a restart the first send finds out again."""


class Pauses:
    def __init__(self):
        self.until = 0.0  # wall time before which nothing is sent
        self._kind_until = {}  # kind → wall time

    def pause(self, when):
        self.until = max(self.until, when)

    def pause_kind(self, kind, when):
        self._kind_until[kind] = max(self._kind_until.get(kind, 0.0), when)

    def lift(self):
        """The whole-queue pause ends now (a login, the daily cap lifted); a kind's pause still holds."""
        self.until = 0.0

    def due_at(self, entry):
        """When entry may be sent, its kind's pause included (the whole-queue pause is the caller's)."""
        return max(entry["due"], self._kind_until.get(entry["kind"], 0.0))
