"""All users of the emulator, by token."""

import itertools
from datetime import datetime
from typing import Callable, Dict, List, Optional

from .account import Account
from .options import Options


class Accounts:
    def __init__(self, options: Options, now: Callable[[], datetime]) -> None:
        self._options = options
        self._now = now
        self._ids = itertools.count(1001)
        self.by_token: Dict[str, Account] = {}

    def add(self, token: str, name: str = "demo", account_type: str = "free") -> Account:
        if token in self.by_token:
            raise ValueError("a user with this token already exists")
        account = Account(token, name, account_type, next(self._ids), self._now(),
                          self._options.removal_bumps_rated_at)
        self.by_token[token] = account
        return account

    def put(self, account: Account) -> None:
        self.by_token[account.token] = account
        self._ids = itertools.count(max(a.user_id for a in self.by_token.values()) + 1)

    def active(self, token: Optional[str]) -> Optional[Account]:
        account = self.by_token.get(token or "")
        return None if account is None or account.revoked else account

    def all(self) -> List[Account]:
        return list(self.by_token.values())

    def clear(self) -> None:
        self.by_token.clear()

    def token_for_pin(self) -> str:
        """The token an approved PIN hands out: pin_token, else the first active user, else a new one."""
        if self._options.pin_token:
            return self._options.pin_token
        for account in self.by_token.values():
            if not account.revoked:
                return account.token
        return self.add("pin-user-token", "pin_user").token
