"""The fake Kodi behind tests/fakes/xbmc*.py: import fakekodi; fakekodi.KODI is the shared state."""
from .library_query import InvalidParams
from .player import NothingPlaying
from .state import ADDON_ID, KODI, FakeKodi
from .ui import UiCall

__all__ = ["ADDON_ID", "KODI", "FakeKodi", "InvalidParams", "NothingPlaying", "UiCall"]
