"""A widget title not in the Kodi library, selected: Add to Plan to watch, Mark watched on Simkl (a movie or
an episode), or its Simkl page. Returns the action chosen ("plantowatch", "watched") or None."""
import xbmcgui

from .. import ui

PLAN_TO_WATCH, MARK_WATCHED, ON_SIMKL, HEADING = 32768, 32769, 32771, 32772


def choose_action(row):
    actions = ["plantowatch"] + (["watched"] if row.get("kind") in ("movie", "episode") else [])
    labels = [ui.localize(PLAN_TO_WATCH if action == "plantowatch" else MARK_WATCHED) for action in actions]
    labels.append(ui.localize(ON_SIMKL, url=row.get("link") or ""))
    heading = ui.localize(HEADING, title=row.get("title") or "?", year=row.get("year") or "")
    chosen = xbmcgui.Dialog().select(heading, labels)
    if 0 <= chosen < len(actions):
        return actions[chosen]
    if chosen == len(actions):
        xbmcgui.Dialog().ok(heading, row.get("link") or "")
    return None
