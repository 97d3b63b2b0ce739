"""The script's arguments mean the same call however Kodi 20/21 or Kodi 22 delivered them."""
import pytest
from simklsync.core.script_args import parse


@pytest.mark.parametrize("argv", [
    ["login"],  # RunScript(script.simkl.sync,login) and ExecuteAddon params ["login"]
    [" Login "],
    ["action=login"],  # ExecuteAddon object-form params {"action": "login"} on Kodi 22
    ["?action=login"],  # plugin-style query string
    ["", "login"],  # a launcher that puts an empty argument first
    ["-1", "login"],  # ... or a plugin handle
    ["0", "?action=login"],
    ['"login"'],
])
def test_every_form_of_one_action_is_that_action(argv):
    assert parse(argv).action == "login"


@pytest.mark.parametrize("argv", [[], [""], ["", ""], ["-1"], ["  "]])
def test_no_action_is_the_empty_action(argv):
    call = parse(argv)

    assert (call.action, call.options, call.extra) == ("", {}, [])


def test_key_value_arguments_are_options_beside_the_action():
    call = parse(["play", "tmdb=603", "type=movie"])

    assert call.action == "play"
    assert call.options == {"tmdb": "603", "type": "movie"}


def test_a_query_string_gives_the_action_and_its_options():
    call = parse(["?action=play&tmdb=603&title=The%20Matrix"])

    assert call.action == "play"
    assert call.options == {"tmdb": "603", "title": "The Matrix"}


def test_a_value_with_a_comma_is_whole_on_kodi_22_and_rejoined_from_the_pieces_of_kodi_21():
    kodi_22 = parse(["play", "title=Love, Death & Robots"])
    kodi_21 = parse(["play", "title=Love", " Death & Robots"])  # split at the comma by the second parse

    assert kodi_22.options == kodi_21.options == {"title": "Love, Death & Robots"}


def test_a_bare_word_after_options_is_the_action_when_none_was_given_yet():
    assert parse(["tmdb=603", "play"]).action == "play"


def test_bare_words_after_the_action_are_kept_in_order():
    assert parse(["sync", "movies", "shows"]).extra == ["movies", "shows"]


def test_a_value_may_hold_equals_signs():
    assert parse(["login", "next=a=b"]).options == {"next": "a=b"}
