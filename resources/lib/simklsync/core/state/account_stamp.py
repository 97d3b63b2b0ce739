"""Which Simkl account a file or a queue entry belongs to: the account id Simkl gives at login
(POST /users/settings → {"account": {"id": 123}}), as text. Never the display name: two accounts may share one.

The rule, in one place: something stamped with an account belongs to that account only; something without a
stamp (written by a version before the stamps, or while no account was known) belongs to the first account
that confirms its login, which stamps it from then on."""
from typing import Any, Callable, Optional

STAMP_KEY = "simkl_account"  # a stamped file's data: {"simkl_account": "123", "data": <what it always held>}


def account_id(answer: Any) -> Optional[str]:
    """The account id in a /users/settings answer as text ("123"); None when missing or malformed."""
    account = answer.get("account") if isinstance(answer, dict) else None
    value = account.get("id") if isinstance(account, dict) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and value > 0:
        return str(value)
    return None


def belongs(stamp: Optional[str], account: Optional[str]) -> bool:
    """Whether something stamped `stamp` is `account`'s (an unstamped thing is whoever's confirms first)."""
    return stamp is None or stamp == account


class StampedStore:
    """A JsonStore-like store (load / save / delete) whose data carries the account it was saved for.
    account() -> the current account id or None. load() answers another account's data as missing (None), so
    it is never read; unstamped data (an older version's file) as it is, so the first account adopts it."""

    def __init__(self, store: Any, account: Callable[[], Optional[str]]):
        self.store = store
        self.account = account

    def load(self) -> Any:
        saved = self.store.load()
        if not is_stamped(saved):
            return saved
        return saved["data"] if saved[STAMP_KEY] == self.account() else None

    def owner(self) -> Optional[str]:
        """The account the saved data is stamped with (None: unstamped or missing)."""
        saved = self.store.load()
        return saved[STAMP_KEY] if is_stamped(saved) else None

    def save(self, data: Any) -> None:
        account = self.account()
        self.store.save({STAMP_KEY: account, "data": data} if account else data)

    def delete(self) -> None:
        self.store.delete()

    def __getattr__(self, name: str) -> Any:  # path, schema, durable: the wrapped store's
        return getattr(self.store, name)


def is_stamped(saved: Any) -> bool:
    return (isinstance(saved, dict) and set(saved) == {STAMP_KEY, "data"}
            and isinstance(saved[STAMP_KEY], str) and bool(saved[STAMP_KEY]))
