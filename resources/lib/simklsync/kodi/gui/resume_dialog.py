"""The short yes/no offer to jump to where another device paused, with both positions."""
import xbmcgui

from .. import ui

AUTOCLOSE_MS = 15000  # unanswered, the offer goes away and the video plays on where it is

HEADING, MESSAGE, YES, NO, RESUMED, NO_RESUME_POINT = 32386, 32387, 32388, 32389, 32390, 32391


def clock_text(seconds):
    """1:02:03 or 2:03."""
    seconds = max(0, int(round(seconds or 0)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def ask(offer):
    """True when the user chose to jump. The default button is "Stay here": a stray press jumps nowhere."""
    simkl = clock_text(offer.position)
    kodi = clock_text(offer.kodi_position) if offer.kodi_position else ui.localize(NO_RESUME_POINT)
    answer = xbmcgui.Dialog().yesno(
        ui.localize(HEADING), ui.localize(MESSAGE, simkl=simkl, kodi=kodi),
        nolabel=ui.localize(NO), yeslabel=ui.localize(YES, simkl=simkl), autoclose=AUTOCLOSE_MS,
        defaultbutton=xbmcgui.DLG_YESNO_NO_BTN)
    return bool(answer)


def announce_jump(offer):
    """The "always" setting jumps without asking; a short notification says why the video moved."""
    ui.notify(ui.localize(RESUMED, simkl=clock_text(offer.position)), milliseconds=4000)
