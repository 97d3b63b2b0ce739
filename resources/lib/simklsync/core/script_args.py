"""What the script was asked to do, read from sys.argv[1:] however Kodi delivered it.

Kodi 20/21 and Kodi 22 hand a script its arguments differently (xbmc/xbmc#28914): before 22, RunAddon
and Addons.ExecuteAddon re-joined the arguments and split them again at every comma, so a value with a
comma arrived as two arguments; from 22 each argument arrives whole, and ExecuteAddon's object-form
params arrive as "key=value". Callers also differ: RunScript(id,login), RunScript(id,action=login),
a plugin-style "?action=login", and some launchers put an empty string or a handle first. All of these
mean the same call here.
"""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Sequence
from urllib.parse import parse_qsl

_HANDLE = re.compile(r"^-?\d+$")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
ACTION_KEY = "action"


@dataclass
class ScriptCall:
    action: str = ""  # lower-case; "" = no action (the script opens the settings)
    options: Dict[str, str] = field(default_factory=dict)  # key=value arguments, values as given
    extra: List[str] = field(default_factory=list)  # bare words after the action


def parse(argv: Sequence[str]) -> ScriptCall:
    call = ScriptCall()
    last_key = None
    for raw in _leading_noise_dropped(argv):
        text = _unquoted(raw.strip())
        if not text:
            continue
        pairs = _pairs(text)
        if pairs:
            for key, value in pairs:
                call.options[key] = value
                last_key = key
            continue
        if last_key is not None and (call.action or ACTION_KEY in call.options):
            # Kodi 20/21 split "title=a, b" at the comma: the piece without a key belongs to the value.
            call.options[last_key] += "," + raw
        elif not call.action:
            call.action = text.lower()
        else:
            call.extra.append(text)
    if not call.action and call.options.get(ACTION_KEY):
        call.action = call.options.pop(ACTION_KEY).strip().lower()
    return call


def _leading_noise_dropped(argv):
    """Without the empty strings and numeric plugin handles some launchers put before the arguments."""
    items = [str(item) for item in argv if item is not None]
    while items and (not items[0].strip() or _HANDLE.match(items[0].strip())):
        items.pop(0)
    return items


def _pairs(text):
    """[(key, value)] for "key=value" or a query string "?a=1&b=2"; [] for a bare word."""
    if text.startswith("?"):
        return [(key, value) for key, value in parse_qsl(text[1:], keep_blank_values=True) if _KEY.match(key)]
    key, sep, value = text.partition("=")
    if sep and _KEY.match(key.strip()):
        return [(key.strip(), value)]
    return []


def _unquoted(text):
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text
