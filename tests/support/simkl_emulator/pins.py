"""PIN (device) codes: issue, poll, approve, expire."""

import random
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Optional

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
VERIFICATION_URL = "https://simkl.com/pin"
PENDING = {"result": "KO", "message": "Authorization pending"}
SLOW_DOWN = {"result": "KO", "message": "Slow down"}


class Pin:
    def __init__(self, code: str, client_id: str, created_at: datetime) -> None:
        self.code = code
        self.client_id = client_id
        self.created_at = created_at
        self.polls = 0
        self.last_poll: Optional[datetime] = None
        self.token: Optional[str] = None


class PinBook:
    def __init__(self, expires_in: int, interval: int, auto_approve_after: Optional[int],
                 slow_down: bool) -> None:
        self.expires_in = expires_in
        self.interval = interval
        self.auto_approve_after = auto_approve_after
        self.slow_down = slow_down
        self.pins: Dict[str, Pin] = {}
        self.last_code: Optional[str] = None
        self._random = random.Random(7)

    def issue(self, client_id: str, now: datetime) -> Dict[str, Any]:
        code = self._new_code()
        self.pins[code] = Pin(code, client_id, now)
        self.last_code = code
        return {"result": "OK", "device_code": "DEVICE_CODE", "user_code": code,
                "verification_uri": VERIFICATION_URL, "verification_url": VERIFICATION_URL,
                "expires_in": self.expires_in, "interval": self.interval}

    def poll(self, code: str, client_id: str, now: datetime,
             auto_token: Callable[[], str]) -> Dict[str, Any]:
        pin = self.pins.get(code)
        if pin is None or now >= pin.created_at + timedelta(seconds=self.expires_in):
            # The live server falls through to "create a new code" for unknown/expired codes.
            self.pins.pop(code, None)
            return self.issue(client_id, now)
        if pin.token is None and self.auto_approve_after is not None and pin.polls >= self.auto_approve_after:
            pin.token = auto_token()
        if pin.token is not None:
            del self.pins[code]
            return {"result": "OK", "access_token": pin.token}
        too_soon = pin.last_poll is not None and (now - pin.last_poll).total_seconds() < self.interval
        pin.polls += 1
        pin.last_poll = now
        return SLOW_DOWN if self.slow_down and too_soon else PENDING

    def approve(self, code: Optional[str], token: str) -> None:
        pin = self.pins.get(code or self.last_code or "")
        if pin is None:
            raise KeyError(f"no pending PIN code {code!r}")
        pin.token = token

    def _new_code(self) -> str:
        while True:
            code = "".join(self._random.choice(CODE_ALPHABET) for _ in range(5))
            if code not in self.pins:
                return code
