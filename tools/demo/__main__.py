"""python -m tools.demo (`make demo`): a Simkl account synced into a real Kodi and back, in about a minute."""
import signal
import sys
import time

from .kodi_view import library_rows
from .library import PLAYED_MOVIE, demo_title
from .report import emit, heading, library_table, request_table, simkl_table
from .scrobble import simkl_side, watch_to_the_end
from .stage import demo_stage

PIN_PENDING_POLLS = 1  # the emulator approves the code after one "pending" answer, as a user would


class Clock:
    def __init__(self):
        self.started = time.monotonic()

    def say(self, text):
        emit([f"[{time.monotonic() - self.started:5.1f} s] {text}"])


def main():
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started with SIGINT ignored
    clock = Clock()
    clock.say("starting the Simkl emulator (demo account) and a headless Kodi with a demo library")
    try:
        with demo_stage(PIN_PENDING_POLLS, say=clock.say) as stage:
            sync_down(stage, clock)
            scrobble_up(stage, clock)
            clock.say("stopping Kodi, Xvfb and the emulator")
    except KeyboardInterrupt:
        emit(["", "Interrupted: Kodi, Xvfb and the emulator are stopped, the temporary folders deleted."])
        return 130
    clock.say("done: everything stopped, temporary folders deleted")
    return 0


def sync_down(stage, clock):
    before = library_rows(stage.kodi)
    stage.emu.clear_requests()
    mark = stage.kodi.log_mark()
    clock.say("logging in: the add-on shows a PIN code, the emulator approves it")
    stage.open_login()
    clock.say("waiting for the service's first sync")
    outcome = stage.wait_for_sync("login", since=mark)
    after = library_rows(stage.kodi)
    clock.say(f"first sync finished: {outcome}")
    emit(heading("Simkl -> Kodi: the library before and after the first sync"))
    emit(library_table(before, after))
    emit(heading("Requests the add-on made to Simkl (login + sync)"))
    emit(request_table(stage.emu.requests))


def scrobble_up(stage, clock):
    title = demo_title(PLAYED_MOVIE)["title"]
    before = simkl_side(stage.user, "before")
    rows_before = library_rows(stage.kodi)
    stage.emu.clear_requests()
    clock.say(f"playing {title} in Kodi to the end")
    watch_to_the_end(stage)
    clock.say("Simkl has it")
    emit(heading(f"Kodi -> Simkl: {title} watched in Kodi"))
    emit(simkl_table([before, simkl_side(stage.user, "after")]))
    emit([""])
    emit(library_table(rows_before, [row for row in library_rows(stage.kodi) if row.title.startswith(title)]))
    emit(heading("Requests the add-on made to Simkl (playback)"))
    emit(request_table(stage.emu.requests))


def _interrupted(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
