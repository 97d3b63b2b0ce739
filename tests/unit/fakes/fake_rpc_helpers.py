"""Small helpers for the fake-Kodi tests: one JSON-RPC call or batch through xbmc.executeJSONRPC."""
import json

import xbmc


def rpc(method, **params):
    """The decoded answer object of one call."""
    return json.loads(xbmc.executeJSONRPC(json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                                                       "params": params})))


def result(method, **params):
    answer = rpc(method, **params)
    assert "error" not in answer, answer
    return answer["result"]


def batch(*calls):
    """calls = (method, params) pairs; returns the decoded list of answers."""
    requests = [{"jsonrpc": "2.0", "id": index, "method": method, "params": params}
                for index, (method, params) in enumerate(calls)]
    return json.loads(xbmc.executeJSONRPC(json.dumps(requests)))
