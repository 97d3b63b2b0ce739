"""Reason codes (core/reasons.py) in the user's language, for the status dialog. A reason saved before there
were codes (an English sentence) or one this version does not know is shown as it is."""
import json

from ...core.outbox import outcome as outbox_outcome
from ...core.playing import scrobble
from ...core.reasons import split, with_detail
from ..rpc import KODI_LIBRARY_FAILED
from ..ui import localize

# code -> (string id, the name its detail has in the sentence, if it carries one)
TEXTS = {
    scrobble.SCROBBLING_OFF: (32470, None),
    scrobble.EXCLUDED_BY_ADDON: (32471, None),
    scrobble.LIVE_TV_EXCLUDED: (32472, None),
    scrobble.STREAMS_EXCLUDED: (32473, None),
    scrobble.IN_EXCLUDED_FOLDER: (32474, None),
    scrobble.NOT_MOVIE_OR_EPISODE: (32475, None),
    scrobble.MOVIES_OFF: (32476, None),
    scrobble.EPISODES_OFF: (32477, None),
    scrobble.NO_EPISODE_NUMBERS: (32478, None),
    scrobble.TOO_SHORT: (32479, "minutes"),
    scrobble.PLUGIN_WITHOUT_IDS: (32480, None),
    scrobble.NO_IDS: (32481, None),
    scrobble.NOT_FOUND_EITHER_WAY: (32200, None),
    scrobble.SCROBBLE_NOT_FOUND: (32201, None),
    scrobble.START_TOO_OLD: (32482, None),
    outbox_outcome.REFUSED: (32483, "answer"),
    outbox_outcome.NOT_FOUND_ON_SIMKL: (32484, None),
    outbox_outcome.NOT_DELIVERED: (32630, "error"),
    outbox_outcome.QUEUE_FULL: (32631, "count"),
    KODI_LIBRARY_FAILED: (32485, "error"),
}


# A typed Simkl error (simkl/errors.py): its strings.po id and the values its sentence names, as JSON.
SIMKL_ERROR = "simkl_error"
SOMETHING_WENT_WRONG = 32017


def simkl_error_reason(error):
    """The status file's reason for a typed Simkl error, put in words when shown."""
    values = getattr(error, "string_args", None) or {}
    return with_detail(SIMKL_ERROR, json.dumps({"id": error.string_id, "values": values}, sort_keys=True))


def reason_text(reason):
    """The sentence for a saved reason; "?" when there is none."""
    if not reason:
        return "?"
    code, detail = split(reason)
    if code == SIMKL_ERROR:
        return _simkl_error_text(detail)
    if code not in TEXTS:
        return str(reason)
    string_id, name = TEXTS[code]
    return localize(string_id, **{name: detail}) if name else localize(string_id)


def _simkl_error_text(detail):
    try:
        saved = json.loads(detail)
        values = {str(name): value for name, value in dict(saved.get("values") or {}).items()}
        text = localize(int(saved["id"]), **values)
    except (AttributeError, KeyError, TypeError, ValueError):
        text = ""
    return text or localize(SOMETHING_WENT_WRONG)
