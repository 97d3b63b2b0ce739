

def test_notify_all_with_null_data_is_refused_like_real_kodi(fake_kodi):
    import json

    import xbmc

    answer = json.loads(xbmc.executeJSONRPC(json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "JSONRPC.NotifyAll",
         "params": {"sender": "x", "message": "y", "data": None}})))
    assert answer["error"]["code"] == -32602
