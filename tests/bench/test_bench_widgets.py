"""The widget part's pure pieces: its percentiles, the lines plugin.py writes under the bench, and its rows."""
import pytest

from tools.bench import kodi_widgets
from tools.bench.report import FAIL, PASS, Report


def test_the_p95_of_twenty_calls_is_the_nineteenth_fastest():
    values = [float(n) for n in range(20, 0, -1)]
    assert kodi_widgets.percentile(values, 0.95) == 19.0
    assert kodi_widgets.percentile([7.0], 0.95) == 7.0


def test_a_percentile_of_nothing_is_refused():
    with pytest.raises(ValueError):
        kodi_widgets.percentile([], 0.95)


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert kodi_widgets.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert kodi_widgets.median([5.0, 1.0, 3.0]) == 3.0


def test_the_plugins_lines_give_peaks_and_untraced_times_per_list_and_other_lines_are_ignored():
    text = ("1048576 80.5 ?list=upnext&reload=12\n2097152 90.0 ?list=upnext&reload=12\n"
            "- 31.5 ?list=movies.plantowatch&reload=12\n- 40 ?list=upnext&reload=12\n"
            "512 12.0 \nnot a line\n- x ?list=upnext\n")
    found = kodi_widgets.parse_memory_log(text)
    assert found["peaks"] == {"upnext": [1048576, 2097152]}
    assert found["ms"] == {"movies.plantowatch": [31.5], "upnext": [40.0]}


def test_the_plugins_own_time_is_an_information_row_per_list():
    report = Report("t")
    kodi_widgets.inside_rows(report, {"upnext": [30.0, 10.0, 20.0]}, {"upnext": 200})
    (row,) = report.rows
    assert row.value == "20 / 30 ms" and row.target == "" and "(200 items)" in row.measure


def test_a_p95_over_the_target_is_not_met_even_when_the_median_is_fast():
    report = Report("t")
    fast = [20.0] * 19
    kodi_widgets.latency_rows(report, {"upnext": fast + [30.0], "movies.plantowatch": fast[:18] + [160.0, 170.0]},
                              {"upnext": 200, "movies.plantowatch": 1000})
    upnext, big = report.rows
    assert (upnext.verdict, upnext.value) == (PASS, "20 / 20 / 30 ms")
    assert "(1,000 items)" in big.measure and big.value == "20 / 160 / 170 ms" and big.verdict == FAIL


def test_the_memory_row_takes_the_largest_peak_and_fails_without_any_line():
    report = Report("t")
    kodi_widgets.memory_row(report, {"upnext": [3 * 1024 * 1024, 4 * 1024 * 1024]}, {"upnext": 200})
    kodi_widgets.memory_row(report, {"upnext": [16 * 1024 * 1024]}, {})
    kodi_widgets.memory_row(report, {}, {})
    assert [row.verdict for row in report.rows] == [PASS, FAIL, FAIL]
    assert report.rows[0].value == "upnext (200 items) 4.0 MB"
    assert report.rows[2].value.startswith("not measured")
