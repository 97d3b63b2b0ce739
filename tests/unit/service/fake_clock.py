"""One clock for the service's wall and monotonic time, moved only by the test."""


class FakeClock:
    def __init__(self, now=1000.0):
        self.now = now

    def time(self):
        return self.now

    monotonic = time

    def advance(self, seconds):
        self.now += seconds
