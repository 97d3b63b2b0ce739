"""The widget tests' data: JSON fixtures shaped like Simkl's answers (widgets_fixtures/) and the mirror they make."""
import json
import os

from simklsync.core.state.mirror import Mirror
from simklsync.core.times import to_epoch

FIXTURES = os.path.join(os.path.dirname(__file__), "widgets_fixtures")
NOW = to_epoch("2026-12-07T12:00:00Z")


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return json.load(handle)


def fixture_mirror(read_back=False):
    """The mirror of the all-items fixtures; read_back: as saved and read back."""
    mirror = Mirror()
    for type_ in ("shows", "anime", "movies"):
        mirror.apply_all_items(type_, fixture(f"all_items_{type_}.json"), full=True)
    return Mirror.from_dict(json.loads(json.dumps(mirror.to_dict()))) if read_back else mirror
