"""A widget title not in the Kodi library, selected: Add to Plan to watch, Mark watched on Simkl (a movie or
an episode), Remove from list (a movie or a show, once confirmed), or its Simkl page with a QR code. Returns
the action chosen ("plantowatch", "watched", "remove") or None."""
import xbmcgui

from .. import settings, ui
from .page_window import show_page

PLAN_TO_WATCH, MARK_WATCHED, ON_SIMKL, HEADING = 32768, 32769, 32771, 32772
REMOVE, REMOVE_QUESTION = 32900, 32901
LABELS = {"plantowatch": PLAN_TO_WATCH, "watched": MARK_WATCHED, "remove": REMOVE}


def actions_of(row):
    kind = row.get("kind")
    return (["plantowatch"] + (["watched"] if kind in ("movie", "episode") else [])
            + (["remove"] if kind in ("movie", "tvshow") else []))


def choose_action(row):
    actions = actions_of(row)
    labels = [ui.localize(LABELS[action]) for action in actions]
    labels.append(ui.localize(ON_SIMKL, url=row.get("link") or ""))
    heading = ui.localize(HEADING, title=row.get("title") or "?", year=row.get("year") or "")
    chosen = xbmcgui.Dialog().select(heading, labels)
    if 0 <= chosen < len(actions):
        if actions[chosen] == "remove" and not xbmcgui.Dialog().yesno(heading, ui.localize(REMOVE_QUESTION)):
            return None
        return actions[chosen]
    if chosen == len(actions) and row.get("link"):
        show_page(heading, row["link"], str(row.get("simkl") or ""), settings.profile_dir())
    return None
