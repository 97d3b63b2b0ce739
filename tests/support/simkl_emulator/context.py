"""What an endpoint handler gets: the caller's account, the catalog, options, time and the request."""

from datetime import datetime
from typing import Any, Dict, NamedTuple, Optional, Tuple

from .account import Account
from .catalog import Catalog
from .options import Options

Answer = Tuple[int, Any]


class Ctx(NamedTuple):
    account: Optional[Account]
    catalog: Catalog
    options: Options
    now: datetime
    query: Dict[str, str]
    body: Any
    params: Dict[str, str]
    method: str
    pins: Any = None
    accounts: Any = None

    def flag(self, name: str) -> bool:
        return self.query.get(name, "").lower() in ("yes", "true", "1", "original")

    def empty_body(self) -> Any:
        return None if self.options.empty_body == "null" else {}

    def empty_playback(self) -> Any:
        return {"null": None, "{}": {}}.get(self.options.empty_playback, [])
