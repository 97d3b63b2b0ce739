"""Undo this sync, as the user sees it: a recent sync chosen (the status dialog) or the last one
(RunScript(script.simkl.sync,undo)), confirmed, then handed to the running service, which does it on its worker."""
from . import journal_status


def choose_and_undo(profile_folder, ui, notify_service):
    """After the status page: the recent syncs offered; the one chosen is undone once confirmed."""
    cycles = journal_status.recent_cycles(profile_folder)
    if not cycles:
        return False
    chosen = ui.select(ui.localize(32554), [journal_status.cycle_line(cycle) for cycle in cycles])
    if chosen is None or chosen < 0 or chosen >= len(cycles):
        return False
    return confirm_and_undo(cycles[chosen], ui, notify_service)


def undo_last(profile_folder, ui, notify_service):
    cycles = journal_status.recent_cycles(profile_folder, 1)
    if not cycles:
        ui.notify(ui.localize(32552))
        return False
    return confirm_and_undo(cycles[0], ui, notify_service)


def confirm_and_undo(cycle, ui, notify_service):
    """Asks before anything changes: Kodi's side, then (when the sync sent anything) Simkl's too."""
    when = journal_status.local_time(cycle.started)
    if cycle.kodi and not ui.yesno(ui.localize(32556, time=when, kodi=cycle.kodi)):
        return False
    reverse = ui.localize(32557, count=cycle.simkl) if cycle.kodi else ui.localize(32564, count=cycle.simkl, time=when)
    simkl = bool(cycle.simkl) and ui.yesno(reverse)
    if not cycle.kodi and not simkl:
        return False
    notify_service(cycle.cycle, simkl)
    ui.notify(ui.localize(32558))
    return True
