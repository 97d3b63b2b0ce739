"""The rig builds a library Kodi really scans, and its short real videos really play and count."""
import pytest

from tests.support.kodi_rig import EpisodeSpec, KodiRig, MovieSpec, ShowSpec

pytestmark = pytest.mark.e2e

MATRIX = MovieSpec("The Matrix", 1999, runtime=136, uniqueids={"imdb": "tt0133093", "tmdb": "603"},
                   video_seconds=20)
BREAKING_BAD = ShowSpec("Breaking Bad", 2008, uniqueids={"tvdb": "81189", "imdb": "tt0903747"}, episodes=[
    EpisodeSpec(1, 1, "Pilot", uniqueids={"tvdb": "349232"}),
    EpisodeSpec(1, 2, "Cat's in the Bag..."),
])


@pytest.fixture(scope="module")
def library_kodi(kodi_tools_present):
    with KodiRig() as rig:
        rig.write_library(movies=[MATRIX], shows=[BREAKING_BAD], real_videos=True)
        rig.start()
        rig.scan()
        yield rig


def test_scanned_movie_carries_the_spec_title_runtime_and_ids(library_kodi):
    result = library_kodi.rpc("VideoLibrary.GetMovies", {"properties": ["title", "year", "runtime", "uniqueid"]})

    [movie] = result["movies"]
    assert (movie["title"], movie["year"], movie["runtime"]) == ("The Matrix", 1999, 136 * 60)
    assert movie["uniqueid"] == {"imdb": "tt0133093", "tmdb": "603"}


def test_scanned_show_has_its_ids_and_every_episode(library_kodi):
    shows = library_kodi.rpc("VideoLibrary.GetTVShows", {"properties": ["uniqueid"]})["tvshows"]
    episodes = library_kodi.rpc("VideoLibrary.GetEpisodes", {"properties": ["season", "episode", "uniqueid"]})

    assert [show["uniqueid"] for show in shows] == [{"tvdb": "81189", "imdb": "tt0903747"}]
    numbers = sorted((item["season"], item["episode"]) for item in episodes["episodes"])
    assert numbers == [(1, 1), (1, 2)]
    assert {"tvdb": "349232"} in [item.get("uniqueid") for item in episodes["episodes"]]


def test_short_video_played_to_the_end_counts_as_watched(library_kodi):
    movieid = library_kodi.rpc("VideoLibrary.GetMovies")["movies"][0]["movieid"]
    mark = library_kodi.notification_mark()

    library_kodi.play_movie(movieid)
    library_kodi.wait_for_notification("Player.OnAVStart", timeout=30, since=mark)
    library_kodi.seek(MATRIX.video_seconds - 2)
    stop = library_kodi.wait_for_notification("Player.OnStop", timeout=60, since=mark)

    assert stop["data"]["end"] is True
    details = library_kodi.rpc("VideoLibrary.GetMovieDetails", {"movieid": movieid, "properties": ["playcount"]})
    assert details["moviedetails"]["playcount"] == 1
    assert library_kodi.onupdate_count(since=mark) >= 1


def test_screenshot_grabs_the_rigs_own_screen(library_kodi, tmp_path):
    from PIL import Image

    path = library_kodi.screenshot(tmp_path / "screen.png")

    with Image.open(str(path)) as image:
        assert image.size == (1280, 720)
        darkest, brightest = image.convert("L").getextrema()
        assert brightest - darkest > 100  # Kodi's UI, not a blank frame
