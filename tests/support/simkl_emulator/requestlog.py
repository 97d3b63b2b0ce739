"""What the emulator saw: one record per request, headers looked up case-insensitively."""

import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


class Headers(dict):
    """Header names stored lowercased; lookups ignore case."""

    def __init__(self, pairs: Any = ()) -> None:
        super().__init__((str(k).lower(), v) for k, v in dict(pairs).items())

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


@dataclass
class RequestRecord:
    method: str
    path: str
    query: Dict[str, str]
    headers: Headers
    body: Any
    status: Optional[int] = None  # None: the connection was reset
    at: str = ""
    fault: Optional[str] = None
    error: Optional[str] = None  # traceback of an emulator bug answered as 500
    raw_body: bytes = field(default=b"", repr=False)

    @property
    def client_id(self) -> Optional[str]:
        return self.query.get("client_id") or self.headers.get("simkl-api-key")

    @property
    def app_name(self) -> Optional[str]:
        return self.query.get("app-name")

    @property
    def app_version(self) -> Optional[str]:
        return self.query.get("app-version")

    @property
    def user_agent(self) -> Optional[str]:
        return self.headers.get("user-agent")


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: List[RequestRecord] = []

    def append(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def all(self) -> List[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()
