"""The demo's tables: aligned, changed rows marked, repeated requests counted, no noise parameters."""
from tests.support.simkl_emulator.requestlog import Headers, RequestRecord
from tools.demo.kodi_view import Row
from tools.demo.report import library_table, request_table, simkl_table


def record(method, path, status=200, query=None, body=None):
    return RequestRecord(method, path, dict(query or {}), Headers(), body, status=status)


def test_library_table_marks_only_rows_that_changed_and_keeps_columns_aligned():
    before = [Row(("movie", 1), "The Matrix (1999)", 0, "", (0, 0)),
              Row(("movie", 2), "Arrival (2016)", 0, "", (0, 0))]
    after = [Row(("movie", 1), "The Matrix (1999)", 1, "2026-03-01 21:30:00", (0, 0)),
             Row(("movie", 2), "Arrival (2016)", 0, "", (0, 0))]

    lines = library_table(before, after)

    matrix = next(line for line in lines if "Matrix" in line)
    arrival = next(line for line in lines if "Arrival" in line)
    assert matrix.startswith("*") and arrival.startswith(" ")
    assert "2026-03-01 21:30" in matrix and "21:30:00" not in matrix  # minutes are enough
    assert len({len(line) for line in lines[1:]}) == 1  # every row as wide as the header


def test_resume_shows_as_a_percentage_of_the_runtime():
    row = Row(("episode", 6), "Stranger Things S01E06", 0, "", (1200.0, 3000.0))

    [line] = [line for line in library_table([row._replace(resume=(0, 0))], [row]) if "S01E06" in line]

    assert line.rstrip().endswith("40 %")


def test_request_table_counts_repeats_and_hides_identification_parameters():
    records = [record("GET", "/oauth/pin", query={"client_id": "x", "app-name": "a", "app-version": "1"}),
               record("GET", "/oauth/pin/ABCDE"), record("GET", "/oauth/pin/ABCDE"),
               record("GET", "/sync/all-items/movies", query={"client_id": "x", "extended": "full"})]

    lines = request_table(records)

    assert lines[0].split() == ["GET", "/oauth/pin", "200"]
    assert lines[1].split() == ["GET", "/oauth/pin/ABCDE", "200", "x2"]
    assert lines[2].split() == ["GET", "/sync/all-items/movies?extended=full", "200"]
    assert lines[-1].strip() == "(4 requests)"


def test_request_table_shows_scrobble_progress_and_resets():
    lines = request_table([record("POST", "/scrobble/stop", status=201, body={"progress": 100}),
                           record("POST", "/sync/history", status=None, body={"movies": []})])

    assert "/scrobble/stop (progress 100.0 %)" in lines[0] and lines[0].rstrip().endswith("201")
    assert lines[1].rstrip().endswith("reset")


def test_simkl_table_says_not_watched_when_there_is_no_watch():
    lines = simkl_table([("before", "plantowatch", None, None), ("after", "completed", "2026-11-27T10:00:00Z",
                                                                  "scrobble")])

    assert lines[1].split() == ["before", "plantowatch", "not", "watched", "-"]
    assert lines[2].split() == ["after", "completed", "2026-11-27T10:00:00Z", "scrobble"]
