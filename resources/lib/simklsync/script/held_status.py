"""The status dialog's part on large removals held back (core/plan/guard.py), and on a large clear of Kodi ratings
(core/ratings.py, held as "ratings"): what is held, of which type, the first titles and why, and the user's answer,
Apply or Keep my library, left for the service's next cycle."""
import os

from ..constants import GUARD_ANSWERS_FILE
from ..kodi import settings, ui
from ..sync.removal_guard import RATINGS, Answers

TYPE_NAMES = {"movies": 32040}  # shows and anime are held as episodes
EPISODES = 32043


def lines(held):
    """The status text's lines for the `held` part of the status file."""
    if not isinstance(held, dict) or not held:
        return []
    shown = [""]
    for type_, pending in sorted(held.items()):
        if not isinstance(pending, dict):
            continue
        if type_ == RATINGS:  # a large clear of Kodi ratings (core/ratings.py)
            shown.extend([ui.localize(32850, count=pending.get("count"), titles=_titles(pending)),
                          ui.localize(32851)])
            continue
        shown.append(ui.localize(32503, count=pending.get("count"), in_sync=pending.get("in_sync"),
                                 type=_type_name(type_), titles=_titles(pending)))
        shown.append(ui.localize(32510 if pending.get("emptied") else 32504))
        if pending.get("reads", 1) >= 2:
            shown.append(ui.localize(32505))
    return shown


def ask(held):
    """Asks Apply / Keep my library for each held type; True when an answer was left for the service."""
    answered = False
    for type_, pending in sorted((held or {}).items()) if isinstance(held, dict) else ():
        if not isinstance(pending, dict):
            continue
        if type_ == RATINGS:
            question = ui.localize(32852, count=pending.get("count"), titles=_titles(pending))
        else:
            question = ui.localize(32509, count=pending.get("count"), type=_type_name(type_), titles=_titles(pending))
        answer = ui.yes_no_later(question, ui.localize(32506), ui.localize(32507), ui.localize(32508))
        if answer is not None:
            Answers(answers_path()).give(type_, "apply" if answer else "keep")
            answered = True
    return answered


def answers_path():
    return os.path.join(settings.profile_path(), GUARD_ANSWERS_FILE)


def _type_name(type_):
    return ui.localize(TYPE_NAMES.get(type_, EPISODES))


def _titles(pending):
    titles = pending.get("titles") if isinstance(pending.get("titles"), list) else []
    return ", ".join(str(title) for title in titles)
