"""`make bench` in smoke mode (tiny sizes), so the benchmark script cannot rot unnoticed.
Nothing here asserts a timing: only what the benchmark counts and that every part ran."""
import shutil

import pytest

from tests.support.kodi_rig import find_kodi_binary
from tools.bench import __main__ as bench_cli
from tools.bench import core_bench, sizes
from tools.bench.report import FAIL, PASS, Report

SMOKE = sizes.SMOKE


@pytest.fixture(scope="module")
def core_result():
    return core_bench.run(SMOKE)


def test_core_part_plans_every_watched_item_then_exactly_the_delta(core_result):
    watched_items = SMOKE.core_movies + SMOKE.core_shows * SMOKE.core_episodes_per_show
    assert core_result["first"]["writes"] == watched_items
    assert core_result["first"]["unmatched"] == 0
    assert core_result["delta"]["writes"] == SMOKE.core_delta
    assert core_result["first"]["peak_bytes"] > 0
    assert set(core_result["first"]["phases"]) == {"parse JSON", "update mirror", "index Kodi snapshot", "plan",
                                                   "list tags"}
    assert core_result["first"]["tag_writes"] == SMOKE.core_shows  # every show is on a list; movies ride along


def test_core_delta_is_the_engines_scoped_cycle_reading_only_the_changed_shows(core_result):
    delta = core_result["delta"]

    assert delta["completed"]
    assert delta["scope"] == SMOKE.core_delta  # one episode unwatched in each of that many shows
    assert delta["read"]["movies"] == 0  # no movie changed: the engine reads no movie
    assert delta["read"]["episode reads"] == SMOKE.core_delta
    assert delta["read"]["episodes"] == SMOKE.core_delta * SMOKE.core_episodes_per_show
    assert {"index the Kodi items read", "plan_sync(scope=...)"} <= set(delta["phases"])
    assert delta["seconds"] == pytest.approx(delta["phases"]["index the Kodi items read"]
                                             + delta["phases"]["plan_sync(scope=...)"])
    assert delta["cycle"] >= delta["seconds"]


def test_core_idle_cycle_reads_the_state_head_only(core_result):
    idle = core_result["idle"]
    assert idle["idle"] and idle["whole_loads"] == 0 and idle["head_loads"] == 1
    assert 0 < idle["bytes"] < idle["whole_bytes"]


def test_core_rows_judge_the_issue_targets():
    report = Report("t")
    result = {"movies": 1, "shows": 1, "episodes": 1, "delta_changes": 10,
              "first": {"seconds": 2.5, "peak_bytes": 10, "writes": 2, "unmatched": 0, "phases": {}},
              "delta": {"seconds": 0.01, "peak_bytes": 10, "writes": 9, "unmatched": 0, "phases": {}}}

    core_bench.add_rows(report, result)

    def verdict(prefix):
        [row] = [row for row in report.rows if row.measure.startswith(prefix)]
        return row.verdict

    assert verdict("first sync: parse") == FAIL  # 2.5 s against < 2 s
    assert verdict("first sync: peak memory") == PASS
    assert verdict("delta of 10 changes") == PASS
    assert verdict("delta: writes") == FAIL  # 9 writes for 10 changes


def test_markdown_holds_machine_lines_every_row_and_sections():
    report = Report("Bench")
    report.add("1 core", "a | b", "1 s", "< 2 s", True)
    report.note("a note")
    report.section("Profile", "  42% sqlite")

    text = report.markdown(["CPU: test"])

    assert "- CPU: test" in text
    assert "| 1 core | a | b | 1 s | < 2 s | met |" not in text  # the pipe inside a cell is escaped
    assert "a \\| b" in text
    assert "## Profile" in text and "42% sqlite" in text and "- a note" in text


@pytest.mark.e2e
@pytest.mark.slow
def test_smoke_run_in_real_kodi_counts_requests_and_writes_as_targeted(tmp_path):
    if not find_kodi_binary() or not shutil.which("Xvfb"):
        pytest.skip("real Kodi needs kodi and Xvfb (run `make kodi-deps`)")
    output = tmp_path / "bench.md"

    assert bench_cli.main(["--smoke", "--output", str(output)]) == 0

    text = output.read_text(encoding="utf-8")
    assert "failed:" not in text
    counted = [line for line in text.splitlines()
               if line.startswith("| 2 Kodi") or line.startswith("| 3 Kodi")]
    counting_rows = [line for line in counted if ("HTTP" in line or "writes" in line or "differs" in line)
                     and "floor:" not in line]
    assert len(counting_rows) >= 7
    assert all(line.rstrip().endswith("| met |") for line in counting_rows), "\n".join(counting_rows)
    assert "4 write probes" in text


def test_variant_rows_state_each_run_against_the_floor_after_the_same_reset():
    from tools.bench import kodi_cycles, kodi_variants

    floor = {"seconds": 50.0, "kodi_cpu": 70.0, "errors": 0}
    cycle = kodi_cycles.Cycle()
    cycle.seconds, cycle.kodi_cpu, cycle.written = 45.0, 66.0, 6046
    failed = kodi_cycles.Cycle()
    failed.error = "TimeoutError: no sync line"

    assert kodi_variants._cycle_text(cycle, floor).startswith("45.00 s (0.90 × floor), Kodi CPU 66.00 s, 6,046 writes")
    assert kodi_variants._cycle_text(failed, floor) == "failed: TimeoutError: no sync line"
    assert kodi_variants._floor_text(dict(floor, seconds=55.0), floor) == "55.00 s, Kodi CPU 70.00 s (1.10 × floor)"
    assert [name for name, _ in kodi_variants.VARIANTS][-1].endswith("(defaults)")  # idle and delta follow it
    assert kodi_variants.VARIANTS[-1][1] == {}


def test_frame_rates_are_medians_of_the_samples_and_missing_when_a_run_had_none():
    from tools.bench import kodi_side_rows, kodi_variants
    from tools.bench.kodi_watch import Watched

    floor, addon, unsampled = Watched(), Watched(), Watched()
    floor.fps, addon.fps = [20.0, 28.0, 30.0], [31.0, 40.0, 35.0, 38.0]

    assert kodi_side_rows.fps_text(floor, addon) == "28.0 / 36.5"
    assert kodi_side_rows.fps_text(floor, unsampled) == ""
    assert kodi_variants._floor_text({"seconds": 50.0, "kodi_cpu": 70.0, "errors": 0, "watch": floor}) == \
        "50.00 s, Kodi CPU 70.00 s, GUI 28 frames/s"


def test_rounds_list_every_run_of_each_side_in_order():
    from tools.bench import kodi_rows

    assert kodi_rows.rounds_text([47.094, 44.1], [55.98, None]) == "floor 47.09 s, 44.10 s; add-on 55.98 s, failed"
