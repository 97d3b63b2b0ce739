"""The fault suite's counts for its summary line, added up over sessions (and pytest-xdist workers)."""


class Tally:
    def __init__(self):
        self.sessions = 0
        self.faults = 0
        self.events = 0
        self.items = 0
        self.lost = 0
        self.duplicated = 0
        self.unhandled = 0

    def add(self, report):
        self.sessions += 1
        self.faults += report.faults_injected
        self.events += report.events_checked
        self.items += report.items_compared
        self.lost += sum(count for _, count in report.lost)
        self.duplicated += sum(count for _, count in report.duplicated)
        self.unhandled += len(report.unhandled)

    def merge(self, counts):
        """Adds the counts of another process (a pytest-xdist worker's as_dict())."""
        for name, value in counts.items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self):
        return dict(vars(self))

    def line(self):
        return (f"fault suite: {self.sessions} sessions, {self.faults} faults injected, {self.events} Kodi-side "
                f"events checked, {self.items} items compared, lost {self.lost}, duplicated {self.duplicated}, "
                f"unhandled exceptions {self.unhandled}")
