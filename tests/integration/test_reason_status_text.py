"""The status dialog says every saved reason code in the user's language (strings.po), with the data a reason
carries inside the sentence; a reason saved before codes (an English sentence) is shown as it is."""
import json
import os
import re

from simklsync.constants import STATUS_FILE
from simklsync.core.outbox import outcome as outbox_outcome
from simklsync.core.playing import scrobble
from simklsync.core.reasons import split, with_detail
from simklsync.kodi.gui.reason_text import TEXTS, reason_text, simkl_error_reason
from simklsync.kodi.rpc import RpcError
from simklsync.script import status_text
from simklsync.simkl import errors

STRINGS = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "language",
                       "resource.language.en_gb", "strings.po")


def _render(tmp_path, **status):
    status = dict({"last_sync_finished": "2026-12-01T10:00:00Z", "written": {"movies": 0, "episodes": 0}}, **status)
    with open(os.path.join(str(tmp_path), STATUS_FILE), "w", encoding="utf-8") as handle:
        json.dump({"schema": 1, "data": status}, handle)
    return status_text.render(str(tmp_path), "demo")


def test_a_skip_reason_code_is_said_in_words(fake_kodi, tmp_path):
    text = _render(tmp_path, scrobble_skipped={"item": "Live news", "reason": scrobble.LIVE_TV_EXCLUDED})
    assert "Last video not scrobbled: Live news (live TV is excluded)" in text
    short = _render(tmp_path, scrobble_skipped={"item": "Clip", "reason": with_detail(scrobble.TOO_SHORT, 5)})
    assert "Last video not scrobbled: Clip (shorter than 5 minutes)" in short


def test_dropped_reason_codes_are_said_in_words_with_simkls_answer_as_data(fake_kodi, tmp_path):
    dropped = [{"item": "Dune (2021)", "reason": with_detail(outbox_outcome.REFUSED, "400, empty_field")},
               {"item": "Heat (1995)", "reason": outbox_outcome.NOT_FOUND_ON_SIMKL},
               {"item": "Alien (1979)", "reason": scrobble.START_TOO_OLD}]
    text = _render(tmp_path, outbox={"pending": 0, "dropped": dropped})
    assert "Dune (2021): Simkl refused it (400, empty_field)" in text
    assert "Heat (1995): not found on Simkl" in text
    assert "Alien (1979): the playback start waited too long to be worth reporting" in text


def test_a_kodi_library_failure_shows_kodis_message_inside_a_localized_sentence(fake_kodi, tmp_path):
    failure = RpcError("VideoLibrary.GetMovies", "Invalid params.")
    assert split(failure.reason) == ("kodi_library_failed", "VideoLibrary.GetMovies: Invalid params.")
    text = _render(tmp_path, last_result=failure.reason)
    assert "Result: Kodi's library answered with an error (VideoLibrary.GetMovies: Invalid params.)" in text


def test_english_reasons_saved_by_an_older_version_are_shown_as_they_are(fake_kodi, tmp_path):
    text = _render(tmp_path, last_result="VideoLibrary.GetMovies failed: Invalid params.",
                   scrobble_skipped={"item": "Clip", "reason": "shorter than 5 minutes"},
                   outbox={"pending": 0, "dropped": [{"item": "Dune", "reason": "refused (400, empty_field)"}]})
    assert "Result: VideoLibrary.GetMovies failed: Invalid params." in text
    assert "Last video not scrobbled: Clip (shorter than 5 minutes)" in text
    assert "Dune: refused (400, empty_field)" in text
    assert reason_text(None) == "?"


def test_every_reason_code_has_its_string_and_names_only_the_detail_it_carries():
    with open(STRINGS, encoding="utf-8") as handle:
        po = handle.read()
    texts = dict(re.findall(r'msgctxt "#(\d+)"\nmsgid "((?:[^"\\]|\\.)*)"', po))
    for code, (string_id, name) in TEXTS.items():
        placeholders = set(re.findall(r"\{(\w+)\}", texts[str(string_id)]))
        assert placeholders == ({name} if name else set()), code
    # The reason codes of core/playing/scrobble.py and core/outbox/outcome.py: their snake_case string constants.
    produced = {value for module in (scrobble, outbox_outcome) for key, value in vars(module).items()
                if key.isupper() and isinstance(value, str) and re.fullmatch(r"[a-z]+(_[a-z]+)+", value)}
    assert len(produced) >= 15 and produced | {outbox_outcome.REFUSED} <= set(TEXTS), produced - set(TEXTS)


def test_a_simkl_error_is_saved_as_its_string_and_values_and_said_when_shown(fake_kodi, tmp_path):
    capped = errors.DailyLimitReached(until=1_800_000_000.0)
    text = _render(tmp_path, last_result=simkl_error_reason(capped))
    assert "Result: Simkl's daily request limit was reached. Syncing resumes at " + capped.string_args["time"] in text
    assert "Result: Simkl could not be reached." in _render(tmp_path, last_result=simkl_error_reason(
        errors.TransientError("timeout")))
    assert "Result: Something went wrong." in _render(tmp_path, last_result="simkl_error:{not json")
