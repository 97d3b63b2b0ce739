"""Parts 2 and 3, real Kodi: the add-on's first sync, an idle and a delta cycle, against the floor (the same
writes, the list tags' included, sent by a minimal script in the same Kodi), plus probes of where Kodi's
write time goes."""
import contextlib
import datetime
import json
import os
import shutil
import subprocess
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Dict, List

from resources.lib.simklsync.core import list_tags
from resources.lib.simklsync.core.match import KodiIndex
from resources.lib.simklsync.core.plan.planner import PlanSettings, plan_sync
from resources.lib.simklsync.core.state.mirror import Mirror
from resources.lib.simklsync.kodi.library import EPISODE_PROPERTIES, MOVIE_PROPERTIES, SHOW_PROPERTIES
from tests.support.kodi_rig import ADDON_ID, KodiRig, build_addon_zip, installs
from tests.support.kodi_rig.rig import START_TIMEOUT

from . import (
    account,
    equivalence,
    floor_addon,
    kodi_cycles,
    kodi_profile,
    kodi_rows,
    kodi_side_rows,
    kodi_variants,
    kodi_watch,
    kodi_window,
)
from . import kodi_widgets as widget_part
from .library_shapes import TAG_NAMES, rig_specs
from .small_box import SmallBox

REPO_ROOT = Path(__file__).resolve().parents[2]
SETTINGS = dict({"sync_on_startup": "true", "initial_push": "2", "account_name": "big_user"}, **widget_part.SETTINGS)
CYCLE_TIMEOUT = 900


def run_into(report, sizes, profile, widgets_only=False):
    """Runs the Kodi parts of `profile` and adds their rows; a failure becomes a row, never a crash.
    Returns (Kodi's version or None, how the profile ran). `widgets_only`: the first sync, then the widgets."""
    with _rig_version(profile.kodi):
        try:
            install = installs.find_install()
        except RuntimeError as failure:
            install, why = None, str(failure)
        else:
            why = "Kodi is not installed (make kodi-deps)"
        if install is None:
            report.add("2 Kodi", "real-Kodi parts", f"skipped: {why}")
            return None, "skipped"
        emulator = account.TimedEmulator()
        url = emulator.start()
        try:
            with SmallBox(profile.quota) if profile.quota else contextlib.nullcontext() as box:
                how = box.describe() if box else "Kodi free on every core"
                run = _run_widgets_only if widgets_only else _run
                return run(report, sizes, emulator, url, profile, box), f"{install.label}, {how}"
        except Exception as failure:  # noqa: BLE001 - the table says what broke instead of crashing
            report.add("2 Kodi", "real-Kodi parts", f"failed: {type(failure).__name__}: {str(failure)[:200]}")
            report.section("Traceback of the failed Kodi part", traceback.format_exc())
            return None, "failed"
        finally:
            emulator.stop()


@contextlib.contextmanager
def _rig_version(version):
    """KODI_RIG_VERSION set to `version` while the profile's rig runs (installs.find_install reads it)."""
    before = os.environ.get(installs.VERSION_ENV)
    os.environ[installs.VERSION_ENV] = version
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(installs.VERSION_ENV, None)
        else:
            os.environ[installs.VERSION_ENV] = before


class BenchRig(KodiRig):
    """The rig, confining every Kodi it starts once `confine` is set (the small box, from after the scan on)."""

    confine = None

    def start(self, timeout=START_TIMEOUT):
        super().start(timeout)
        if self.confine is not None:
            self.confine(self._kodi.pid)
        return self


def _run(report, sizes, emulator, url, profile, box):
    token, titles = account.seed(emulator.emu, sizes.kodi_movies, sizes.kodi_shows, sizes.kodi_episodes_per_show,
                                 sizes.kodi_watched_fraction)
    movies, shows = rig_specs(titles)
    memory = widget_part.MemoryLog()
    with memory, BenchRig(env=dict({"SIMKL_API_URL": url}, **memory.env()), addon_settings=SETTINGS) as rig:
        rig.write_library(movies=movies, shows=shows)
        rig.install_addon(committed_addon_zip())
        floor_addon.install(rig)
        rig.start()
        started = time.monotonic()
        rig.scan()
        report.note(f"Kodi library scan of {len(movies):,} movies + {sum(len(s.episodes) for s in shows):,} "
                    f"episodes: {time.monotonic() - started:.0f} s (setup, not measured against anything)")
        floor_addon.enable_all(rig)
        kodi_cycles.set_service(rig, False)  # off (and logged out) while the floor runs
        if box is not None:
            rig.confine = box.confine
            box.confine(rig._kodi.pid)
        version = _kodi_version(rig)
        snapshot = read_snapshot(rig)
        plan = expected_plan(url, token, snapshot)
        floor_calls = [w.to_rpc() for w in plan.writes] + [w.to_rpc() for w in plan.tag_writes]
        floor_experiment = floor_addon.experiment(f"Set*Details, batch {sizes.batch_size}", floor_calls,
                                                  sizes.batch_size)
        after_scan = kodi_variants.timed_floor(rig, floor_experiment) if profile.full else None
        # The baseline is measured after the same restart the add-on's run follows: a Kodi just restarted
        # does more GUI work per library write than the one that has just scanned (the last run compared those).
        logged_in = dict(SETTINGS, access_token=token)
        rounds = min(sizes.rounds, profile.most_rounds or sizes.rounds)
        quiet, floor, first, after_first = _first_syncs(report, rig, emulator, logged_in, floor_experiment, rounds,
                                                        sizes.quiet_seconds)
        kodi_rows.first_sync(report, first, floor, plan, snapshot, after_first, sizes.batch_size)
        kodi_side_rows.memory(report, "2 Kodi first sync", floor["watch"], first.watch, first.rss_settled)
        kodi_side_rows.waits(report, "2 Kodi first sync", quiet, floor["watch"], first.watch)
        if after_scan is not None:
            kodi_rows.scan_floor(report, after_scan, floor)
        if profile.window:
            _window(report, rig, emulator, logged_in, floor_experiment, floor, first)
            after_first = read_snapshot(rig)
        if profile.full:
            _variants(report, rig, emulator, logged_in, floor_experiment)
            after_first = read_snapshot(rig)
        _idle_and_delta(report, rig, emulator, token, titles, sizes, after_first, quiet)
        _widgets(report, rig, emulator, token, titles, memory)
        if profile.full:
            kodi_cycles.set_service(rig, False)  # the probes' writes must not reach Simkl through the add-on
            kodi_profile.probes(report, rig, read_snapshot(rig), sizes)
        return version


def _widgets(report, rig, emulator, token, titles, memory):
    """Paused sessions on Simkl only now (in the first sync they would add resume writes to its rows), a sync that
    brings them in, then the widget listings."""
    widget_part.prepare(emulator.emu, token, titles)
    kodi_cycles.set_service(rig, False)
    cycle = kodi_cycles.observe_startup_cycle(rig, emulator, 300)
    if cycle.error:
        report.add(widget_part.PART, "the sync before the listings", f"failed: {cycle.error}", "completes", False)
    widget_part.measure(report, rig, memory)


def _run_widgets_only(report, sizes, emulator, url, profile, box):
    """The big account's first sync without the floor, then the widget part (--widgets-only)."""
    token, titles = account.seed(emulator.emu, sizes.kodi_movies, sizes.kodi_shows, sizes.kodi_episodes_per_show,
                                 sizes.kodi_watched_fraction)
    widget_part.prepare(emulator.emu, token, titles)
    movies, shows = rig_specs(titles)
    memory = widget_part.MemoryLog()
    with memory, BenchRig(env=dict({"SIMKL_API_URL": url}, **memory.env()), addon_settings=SETTINGS) as rig:
        rig.write_library(movies=movies, shows=shows)
        rig.install_addon(committed_addon_zip())
        rig.start()
        rig.scan()
        kodi_cycles.set_service(rig, False)
        if box is not None:
            rig.confine = box.confine
            box.confine(rig._kodi.pid)
        reset_watched_state(rig, dict(SETTINGS, access_token=token))
        first = kodi_cycles.observe_startup_cycle(rig, emulator, CYCLE_TIMEOUT)
        report.add("2 Kodi first sync", "add-on first sync (before the widgets)", first.error or first.result)
        widget_part.measure(report, rig, memory)
        return _kodi_version(rig)


def _first_syncs(report, rig, emulator, logged_in, floor_experiment, rounds, quiet_seconds):
    """The add-on's first sync by Set*Details only (the library every light run is compared with), then the
    floor and the add-on's first sync, `rounds` times each, alternately, each after the same reset.
    Returns (a quiet Kodi's watch, the fastest floor, the fastest first sync, the library after that sync)."""
    reset_watched_state(rig, dict(logged_in, **equivalence.OLD_PATH))
    old_cycle = kodi_cycles.observe_startup_cycle(rig, emulator, CYCLE_TIMEOUT)
    old_read = equivalence.read_all(rig)
    kodi_cycles.set_service(rig, False)
    quiet, floors, firsts, light_reads = None, [], [], []
    for _ in range(rounds):
        # The add-on's state of the run before goes: each run is a first sync.
        reset_watched_state(rig, logged_in, forget_sync=True)
        if quiet is None:
            quiet = kodi_watch.quiet(rig, quiet_seconds)
        floors.append(kodi_variants.timed_floor(rig, floor_experiment))
        reset_watched_state(rig, logged_in, forget_sync=True)
        cycle = kodi_cycles.observe_startup_cycle(rig, emulator, CYCLE_TIMEOUT)
        firsts.append((cycle, read_snapshot(rig)))
        light_reads.append(equivalence.read_all(rig))
        if len(firsts) < rounds:
            kodi_cycles.set_service(rig, False)
    if rounds > 1:
        report.add("2 Kodi first sync", "runs of each, alternately (the fastest of each side is compared)",
                   kodi_rows.rounds_text([f["seconds"] for f in floors], [c.seconds for c, _ in firsts]))
    floor = min(floors, key=lambda result: result["seconds"])
    equivalence.rows(report, old_cycle, floor, light_reads, old_read)
    done = [pair for pair in firsts if pair[0].seconds is not None]
    first, after_first = min(done, key=lambda pair: pair[0].seconds) if done else firsts[-1]
    return quiet, floor, first, after_first


def _variants(report, rig, emulator, logged_in, floor_experiment):
    """The first sync again with settings varied; a failure becomes a row, the idle and delta parts still run."""
    try:
        kodi_cycles.set_service(rig, False)
        kodi_variants.run(report, rig, emulator, logged_in, floor_experiment, forget_first_sync)
    except Exception as failure:  # noqa: BLE001 - the table says what broke instead of crashing
        report.add(kodi_variants.PART, "variants", f"failed: {type(failure).__name__}: {str(failure)[:200]}")


def _window(report, rig, emulator, logged_in, floor_experiment, floor, first):
    """Part 2c (the video window open); a failure becomes a row, the rest still runs."""
    try:
        kodi_window.run(report, rig, emulator, logged_in, floor_experiment, forget_first_sync, floor, first)
    except Exception as failure:  # noqa: BLE001 - the table says what broke instead of crashing
        report.add(kodi_window.PART, "window open", f"failed: {type(failure).__name__}: {str(failure)[:200]}")
        kodi_window.close_window(rig)


def committed_addon_zip() -> Path:
    """The add-on zip of the checked-out commit (a throw-away clone), not of the working tree: the table
    names a commit, and other work in progress in the checkout must not be measured under its name."""
    with tempfile.TemporaryDirectory(prefix="bench-src-") as folder:
        subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO_ROOT), folder], check=True)
        subprocess.run(["git", "checkout", "-q", _head()], cwd=folder, check=True)
        built = build_addon_zip(repo_root=folder)
        target = REPO_ROOT / "dist" / f"bench-{built.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(str(built), str(target))
    return target


def _head() -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=str(REPO_ROOT), check=True, stdout=subprocess.PIPE,
                          text=True).stdout.strip()


def _idle_and_delta(report, rig, emulator, token, titles, sizes, snapshot, quiet):
    kodi_cycles.set_service(rig, False)
    idle = kodi_cycles.observe_startup_cycle(rig, emulator, 120)
    kodi_rows.idle(report, idle, quiet)
    marks = account.unwatched_episode_marks(titles, sizes.kodi_watched_fraction, sizes.kodi_delta)
    emulator.emu.clock.advance(3600)
    user = emulator.emu.user(token)
    for show, season, number in marks:
        user.watch_episodes(show, [(season, number)])
    kodi_cycles.set_service(rig, False)
    delta = kodi_cycles.observe_startup_cycle(rig, emulator, 300)
    kodi_rows.delta(report, delta, len(marks), snapshot, read_snapshot(rig))


def read_snapshot(rig) -> Dict[str, List[Dict[str, Any]]]:
    """The library as the add-on reads it (same properties, the list tags on by default), over HTTP."""
    return {"movies": _all(rig, "VideoLibrary.GetMovies", MOVIE_PROPERTIES + ["tag"], "movies"),
            "shows": _all(rig, "VideoLibrary.GetTVShows", SHOW_PROPERTIES + ["tag"], "tvshows"),
            "episodes": _all(rig, "VideoLibrary.GetEpisodes", EPISODE_PROPERTIES, "episodes")}


def expected_plan(url, token, snapshot):
    """The writes the add-on's first sync should make: its own core, run here on the same data."""
    mirror = Mirror()
    for type_, text in account.all_items_texts(url, token).items():
        mirror.apply_all_items(type_, json.loads(text), full=True)
    mirror.set_playback(json.loads(account.fetch_text(url, token, "/sync/playback")))
    index = KodiIndex(snapshot["movies"], snapshot["shows"], snapshot["episodes"])
    now = datetime.datetime.now(datetime.timezone.utc)
    plan = plan_sync(mirror, index, PlanSettings(account_type="vip"), set(), {}, now=now)
    # The list tags are on by default: their writes are the add-on's too (a movie's inside its watched write).
    plan.tag_writes = list_tags.plan_tags(mirror, index, list_tags.TagSettings(TAG_NAMES))
    list_tags.merge_into(plan.writes, plan.tag_writes)
    return plan


def reset_watched_state(rig, addon_settings, forget_sync=False) -> None:
    """Undo the floor's writes: stop Kodi, clear play counts, last played and resume points, log the
    add-on in (its settings file), start Kodi again. The add-on stays disabled until its first sync.
    `forget_sync` also deletes the add-on's sync state, so its next cycle is a first sync again."""
    import sqlite3

    rig.stop()
    rig.set_addon_settings(addon_settings)
    if forget_sync:
        _forget_sync_state(rig)
    connection = sqlite3.connect(str(rig.video_db()), timeout=30)
    try:
        with connection:
            connection.execute("UPDATE files SET playCount = NULL, lastPlayed = NULL")
            connection.execute("DELETE FROM bookmark")
            connection.execute("DELETE FROM tag_link")  # the list tags: each run starts without them
    finally:
        connection.close()
    rig.start()
    time.sleep(3)  # let Kodi's own start-up work settle before timing anything


def forget_first_sync(rig, addon_settings) -> None:
    reset_watched_state(rig, addon_settings, forget_sync=True)


def _forget_sync_state(rig) -> None:
    """Every file in the add-on's profile folder but its settings (state, status, outbox)."""
    folder = rig.userdata / "addon_data" / ADDON_ID
    for path in folder.glob("*"):
        if path.is_file() and path.name != "settings.xml":
            path.unlink()


def _all(rig, method, properties, key):
    return (rig.rpc(method, {"properties": properties}) or {}).get(key) or []


def _kodi_version(rig) -> str:
    version = rig.rpc("Application.GetProperties", {"properties": ["version"]})["version"]
    return f"{version['major']}.{version['minor']} {version.get('tag', '')}".strip()
