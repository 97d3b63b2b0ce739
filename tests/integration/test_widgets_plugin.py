"""The plugin source in the fake Kodi: its root menu and list paths read the widget file the service wrote (no
Simkl request), library titles come back as library items, others with Simkl's art and the item dialog."""
import fakekodi
import pytest
from simklsync.plugin import routes
from test_widgets_service import ELSEWHERE, MOVIE_ELSEWHERE, running  # noqa: F401 (the fixture)

from tests.support.kodi_rig import wait_until
from tests.support.simkl_emulator import demo

HANDLE = 7
RELOAD = "&reload=1796658392"


def listing(query):
    fakekodi.KODI.directories.pop(HANDLE, None)
    routes.run(["plugin://script.simkl.sync/", str(HANDLE), query])
    return fakekodi.KODI.directories[HANDLE]


def _synced(running):  # noqa: F811
    assert wait_until(lambda: running.syncs())
    assert running.settled()
    running.emu.clear_requests()


def test_the_root_menu_has_a_folder_per_list(running):  # noqa: F811
    _synced(running)
    directory = listing("")
    urls = [url for url, _, folder in directory["items"] if folder]
    assert "plugin://script.simkl.sync/?list=upnext" in urls
    assert "plugin://script.simkl.sync/?list=movies.plantowatch" in urls
    assert "plugin://script.simkl.sync/?list=newepisodes" in urls
    assert len(urls) == 18
    assert directory["ended"] and directory["succeeded"]


def test_a_list_path_returns_library_titles_as_library_items_and_the_others_with_simkls_art(running):  # noqa: F811
    _synced(running)
    directory = listing("?list=movies.plantowatch" + RELOAD)
    assert running.emu.requests == []  # a listing asks Simkl nothing
    items = {item.getLabel(): (url, item, folder) for url, item, folder in directory["items"]}
    url, arrival, folder = items["Arrival"]
    kodi_movie = running.kodi.library.snapshot("movie", running.ids[demo.MOVIE_ARRIVAL])
    assert url == kodi_movie["file"] and not folder
    assert arrival.getVideoInfoTag().getDbId() == running.ids[demo.MOVIE_ARRIVAL]
    assert arrival.getVideoInfoTag().getMediaType() == "movie"
    assert arrival.getProperty("IsPlayable") == "true"
    url, elsewhere, folder = items[ELSEWHERE["title"]]
    assert url.startswith("plugin://script.simkl.sync/?action=open&list=movies.plantowatch")
    assert elsewhere.getVideoInfoTag().getDbId() == -1
    assert elsewhere.getProperty("SimklSync.InLibrary") == "false"
    assert elsewhere.getArt("poster").startswith("https://simkl.in/posters/")
    assert directory["content"] == "movies"


def test_up_next_lists_library_episodes_with_their_resume_point(running):  # noqa: F811
    _synced(running)
    directory = listing("?list=upnext&limit=1" + RELOAD)
    assert len(directory["items"]) == 1
    url, item, _ = directory["items"][0]
    tag = item.getVideoInfoTag()
    assert tag.getMediaType() == "episode" and tag.getDbId() > 0
    assert (tag.getSeason(), tag.getEpisode()) in ((1, 6), (3, 5))


@pytest.mark.parametrize("answer, path", [(0, "/sync/add-to-list"), (1, "/sync/history")])
def test_a_title_not_in_the_library_goes_to_simkl_once_from_its_dialog(running, answer, path):  # noqa: F811
    _synced(running)
    directory = listing("?list=movies.plantowatch" + RELOAD)
    url = next(url for url, item, _ in directory["items"] if item.getLabel() == ELSEWHERE["title"])
    fakekodi.KODI.ui.answers.append(answer)
    routes.run(["plugin://script.simkl.sync/", "-1", url.split("/", 3)[3]])
    assert wait_until(lambda: any(r.path.startswith(path) for r in running.emu.requests))
    assert running.settled()
    sent = [r for r in running.emu.requests if r.path.startswith(path)]
    assert len(sent) == 1
    if answer == 1:
        assert MOVIE_ELSEWHERE in running.emu.user(running.token).watched_movies()


def test_a_logged_out_kodi_lists_nothing(running):  # noqa: F811
    _synced(running)
    running.kodi.settings["access_token"] = ""
    assert listing("?list=movies.plantowatch" + RELOAD)["items"] == []


def test_the_plugin_opened_by_executeaddon_runs_the_scripts_action(fake_kodi):
    """Addons.ExecuteAddon opens an add-on with a video plugin source as that plugin, with the script's words
    as the query: the directory is refused and the script action runs (here: status, with its dialog)."""
    directory_before = dict(fakekodi.KODI.directories)
    routes.run(["plugin://script.simkl.sync/", str(HANDLE), "?status"])
    assert fakekodi.KODI.directories[HANDLE]["succeeded"] is False
    assert HANDLE not in directory_before
    assert any("script action status" in line for _, line in fake_kodi.log_lines)
