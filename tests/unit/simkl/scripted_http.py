"""A scripted requests transport and a fake clock for driving SimklClient without a network."""
import json
from urllib.parse import parse_qs, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from simklsync.simkl.client import SimklClient

BASE = "https://api.test"
TOKEN = "tok-SECRET-0123456789abcdef"


class Reply:
    def __init__(self, status=200, body=None, text=None, headers=None):
        self.status = status
        self.text = json.dumps(body) if text is None else text
        self.headers = headers or {"Content-Type": "application/json"}


class Sent:
    """One request as it left requests: method, path, query, headers, JSON body, transport kwargs."""

    def __init__(self, prepared, kwargs, at=None):
        url = urlsplit(prepared.url)
        self.at = at
        self.method = prepared.method
        self.path = url.path
        self.query = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.headers = dict(prepared.headers)
        self.body = json.loads(prepared.body) if prepared.body else None
        self.verify = kwargs.get("verify")
        self.timeout = kwargs.get("timeout")


class ScriptedAdapter(BaseAdapter):
    """Answers each request with the next scripted Reply (or raises the scripted exception)."""

    def __init__(self, replies=(), default=None, clock=None):
        super().__init__()
        self.clock = clock
        self.replies = list(replies)
        self.default = default
        self.sent = []

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        at = self.clock() if self.clock else None
        self.sent.append(Sent(request, {"verify": verify, "timeout": timeout}, at))
        reply = self.replies.pop(0) if self.replies else self.default
        if reply is None:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        if isinstance(reply, Exception):
            raise reply
        response = requests.Response()
        response.status_code = reply.status
        response._content = reply.text.encode("utf-8")
        response.headers = CaseInsensitiveDict(reply.headers)
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self):
        pass


class FakeTime:
    """A monotonic clock that moves only when someone waits; the `abort_after`-th wait reports an abort."""

    def __init__(self, abort_after=None):
        self.now = 1000.0
        self.waits = []
        self.abort_after = abort_after

    def clock(self):
        return self.now

    def wait(self, seconds):
        self.waits.append(seconds)
        self.now += seconds
        return self.abort_after is not None and len(self.waits) >= self.abort_after


def make_client(replies=(), token=TOKEN, default=None, time_=None, rng=lambda: 0.5, **kwargs):
    time_ = time_ or FakeTime()
    adapter = ScriptedAdapter(replies, default, clock=time_.clock)
    session = requests.Session()
    session.mount("https://", adapter)
    client = SimklClient("cid-123", "0.1.0", token=token, base_url=BASE, session=session,
                         wait=time_.wait, clock=time_.clock, rng=rng, **kwargs)
    return client, adapter, time_
