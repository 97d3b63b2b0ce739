import copy

import pytest


class MemoryStore:
    """Behaves like core.store.JsonStore, in memory: save() keeps a deep copy, load() returns one."""

    def __init__(self, saved=None):
        self.saved = copy.deepcopy(saved)
        self.saves = 0

    def load(self):
        return copy.deepcopy(self.saved)

    def save(self, obj):
        self.saved = copy.deepcopy(obj)
        self.saves += 1


@pytest.fixture
def store():
    return MemoryStore()


@pytest.fixture
def make_store():
    return MemoryStore


def no_jitter():
    return 0.0


@pytest.fixture
def jitter():
    return no_jitter
