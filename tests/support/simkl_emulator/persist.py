"""Whole emulator state (catalog + accounts) to and from a JSON-able dict."""

from typing import Any, Dict

from .account import Account
from .accounts import Accounts
from .activities import Activities
from .catalog import Catalog, Title
from .library import Entry, Playback
from .timefmt import parse_iso, to_iso

FORMAT_VERSION = 1


def dump_state(catalog: Catalog, accounts: Accounts) -> Dict[str, Any]:
    return {"version": FORMAT_VERSION,
            "catalog": [t.to_dict() for t in sorted(catalog.all(), key=lambda t: t.simkl)],
            "users": [_dump_account(a) for a in accounts.all()]}


def load_state(data: Dict[str, Any], catalog: Catalog, accounts: Accounts, removal_rule: str) -> None:
    catalog.clear()
    accounts.clear()
    for title in data.get("catalog") or []:
        catalog.put(Title.from_dict(title))
    for user in data.get("users") or []:
        accounts.put(_load_account(user, catalog, removal_rule))


def _dump_account(account: Account) -> Dict[str, Any]:
    return {"token": account.token, "name": account.name, "account_type": account.account_type,
            "user_id": account.user_id, "joined_at": to_iso(account.joined_at), "revoked": account.revoked,
            "activities": account.activities.render(),
            "entries": [e.to_dict() for _, e in sorted(account.entries.items())],
            "playbacks": [p.to_dict() for p in account.playbacks.values()],
            "history": [dict(event) for event in account.history]}


def _load_account(data: Dict[str, Any], catalog: Catalog, removal_rule: str) -> Account:
    account = Account(data["token"], data.get("name", "demo"), data.get("account_type", "free"),
                      int(data.get("user_id", 1001)), parse_iso(data.get("joined_at")) or parse_iso(
                          "2020-01-01T00:00:00Z"), removal_rule)
    account.revoked = bool(data.get("revoked"))
    account.activities = Activities.from_rendered(data.get("activities") or {})
    for raw in data.get("entries") or []:
        entry = Entry.from_dict(raw, catalog)
        account.entries[entry.title.simkl] = entry
    for raw in data.get("playbacks") or []:
        playback = Playback.from_dict(raw, catalog)
        account.playbacks[playback.item_key] = playback
    account.history = [dict(event) for event in data.get("history") or []]
    return account
