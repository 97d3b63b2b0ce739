"""The questions before Simkl history is removed: a burst of unwatches in Kodi (asked by the service's worker),
and the context menu's unwatch of a whole show or season (asked in the script)."""
import time

import xbmcgui

from .. import ui

MORE_THAN_SHOWN = 32701
ASK_BURST, ASK_REMOVE = 32700, 32702
REMOVE, KEEP, LATER = 32703, 32704, 32705
CONFIRM_SHOW, CONFIRM_SEASON = 32711, 32712
AUTOCLOSE_MS = 10 * 60 * 1000  # the worker waits on the dialog: a box left alone gets it back, asked later


def ask_burst(question, clock=time.monotonic):
    """True: remove them from Simkl too; False: keep them on Simkl; None: not answered (ask later). A dialog that
    closed itself is no answer, whatever Kodi reports for it."""
    titles = ", ".join(question.titles)
    if question.count > len(question.titles):
        titles = ui.localize(MORE_THAN_SHOWN, titles=titles, more=question.count - len(question.titles))
    message = ui.localize(ASK_BURST, count=question.count, titles=titles) + "[CR]" + ui.localize(ASK_REMOVE)
    started = clock()
    answer = xbmcgui.Dialog().yesnocustom(ui.localize(ui.ADDON_NAME_ID), message, ui.localize(LATER),
                                          nolabel=ui.localize(KEEP), yeslabel=ui.localize(REMOVE),
                                          autoclose=AUTOCLOSE_MS)
    if (clock() - started) * 1000 >= AUTOCLOSE_MS - 1000:
        return None
    return {1: True, 0: False}.get(answer)


def confirm_unwatch(title, count, season=None):
    """The context menu's show or season unwatch, named with its episode count: True to go ahead."""
    if season is None:
        message = ui.localize(CONFIRM_SHOW, title=title, count=count)
    else:
        message = ui.localize(CONFIRM_SEASON, title=title, count=count, season=season)
    return ui.yesno(message)
