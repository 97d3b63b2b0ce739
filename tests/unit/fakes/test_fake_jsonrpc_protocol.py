"""executeJSONRPC speaks JSON-RPC 2.0 like Kodi: errors, batches, NotifyAll, the player methods."""
import json

import xbmc
from fake_rpc_helpers import result, rpc


def test_garbage_is_a_parse_error():
    answer = json.loads(xbmc.executeJSONRPC("{not json"))
    assert answer["error"] == {"code": -32700, "message": "Parse error."}


def test_unknown_method_is_method_not_found(fake_kodi):
    assert rpc("VideoLibrary.NoSuchThing")["error"]["code"] == -32601


def test_request_without_jsonrpc_version_is_invalid(fake_kodi):
    answer = json.loads(xbmc.executeJSONRPC(json.dumps({"id": 1, "method": "JSONRPC.Ping"})))
    assert answer["error"]["code"] == -32600


def test_unknown_parameter_is_invalid_params(fake_kodi):
    assert rpc("VideoLibrary.GetMovies", propertys=["title"])["error"]["code"] == -32602


def test_ping_answers_pong_and_the_call_is_recorded(fake_kodi):
    assert result("JSONRPC.Ping") == "pong"
    assert fake_kodi.rpc.calls == [("JSONRPC.Ping", {})]


def test_notify_all_reaches_monitors_as_other_message(fake_kodi):
    received = []

    class Listener(xbmc.Monitor):
        def onNotification(self, sender, method, data):
            received.append((sender, method, json.loads(data)))

    listener = Listener()
    assert result("JSONRPC.NotifyAll", sender="script.simkl.sync", message="sync_now",
                  data={"force": True}) == "OK"
    assert fake_kodi.wait_idle()
    assert received == [("script.simkl.sync", "Other.sync_now", {"force": True})]
    assert fake_kodi.notifications == [("script.simkl.sync", "Other.sync_now", {"force": True})]
    del listener


def test_player_methods_describe_the_playing_library_item(fake_kodi):
    movieid = fake_kodi.library.add_movie("Heat", 1995, {"imdb": "tt0113277"}, runtime=10200)
    assert result("Player.GetActivePlayers") == []
    fake_kodi.player.play_library_movie(movieid)
    fake_kodi.player.advance(5100)
    item = result("Player.GetItem", playerid=1, properties=["title", "uniqueid"])["item"]
    position = result("Player.GetProperties", playerid=1, properties=["percentage", "time"])
    assert result("Player.GetActivePlayers") == [{"playerid": 1, "playertype": "internal", "type": "video"}]
    assert item == {"id": movieid, "type": "movie", "label": "Heat", "title": "Heat",
                    "uniqueid": {"imdb": "tt0113277"}}
    assert position == {"percentage": 50.0,
                        "time": {"hours": 1, "minutes": 25, "seconds": 0, "milliseconds": 0}}


def test_a_notification_request_without_id_is_executed_but_not_answered(fake_kodi):
    movieid = fake_kodi.library.add_movie("Heat", 1995)
    request = {"jsonrpc": "2.0", "method": "VideoLibrary.SetMovieDetails",
               "params": {"movieid": movieid, "playcount": 1}}
    assert xbmc.executeJSONRPC(json.dumps(request)) == ""
    assert fake_kodi.library.snapshot("movie", movieid)["playcount"] == 1


def test_library_scan_announces_scan_started_and_finished(fake_kodi):
    assert result("VideoLibrary.Scan") == "OK"
    methods = [method for _, method, _ in fake_kodi.notifications]
    assert methods == ["VideoLibrary.OnScanStarted", "VideoLibrary.OnScanFinished"]


def test_an_item_added_by_a_scan_is_announced_as_added(fake_kodi):
    movieid = fake_kodi.library.add_movie("Heat", 1995, announce=True)
    assert fake_kodi.notifications == [("xbmc", "VideoLibrary.OnUpdate",
                                        {"item": {"id": movieid, "type": "movie"}, "added": True})]


def test_info_labels_conditions_and_builtins_are_scriptable(fake_kodi):
    fake_kodi.conditions["System.HasAddon(script.module.requests)"] = True
    assert xbmc.getCondVisibility("System.HasAddon(script.module.requests)") is True
    assert xbmc.getCondVisibility("Player.HasVideo") is False
    assert xbmc.getInfoLabel("System.BuildVersion").startswith("20.1")
    xbmc.executebuiltin("RunScript(script.simkl.sync,sync)")
    assert fake_kodi.builtins == ["RunScript(script.simkl.sync,sync)"]
