"""What a send's reply means for an outbox entry: done, retry (after how long), drop (why) or hold (a login)."""
from collections import namedtuple

from ..reasons import with_detail

DONE = "done"
RETRY = "retry"
DROP = "drop"
HOLD = "hold"
PAUSE = "pause"  # a failure of Simkl as a whole: the entry is not charged, the whole queue waits

BASE_DELAY = 15.0
MAX_DELAY = 1800.0
SCROBBLE_LOCK_DELAY = 21.0  # Simkl locks scrobbles per user for ~20 s
# Why a write was dropped, as codes (core/reasons.py; script/status_text.py says them in words).
REFUSED = "refused"  # with Simkl's status and error code as its detail
NOT_FOUND_ON_SIMKL = "not_found_on_simkl"
NOT_DELIVERED = "not_delivered"  # given up after its limit, with the last failure as its detail; can be tried again
QUEUE_FULL = "queue_full"  # the size bound dropped writes, with how many as its detail

# Whose failure a retried send was: Simkl's as a whole (pause the queue), this entry's own (back it off, the
# entries behind it go on), or unsure (a 5xx that only a read, or the next entry, can tell apart).
SERVICE = "service"
ENTRY = "entry"
UNSURE = "unsure"

# What came back from one send. status None means no answer at all (timeout, connection error);
# BAD_ANSWER means an answer that could not be read.
BAD_ANSWER = 0
Reply = namedtuple("Reply", "status error answer retry_after")
Reply.__new__.__defaults__ = (None, None, None, None)

Outcome = namedtuple("Outcome", "verdict delay reason")


def retry_delay(attempts, jitter, retry_after=None):
    """Seconds to wait before the next try: capped exponential backoff, stretched by up to 25 % jitter."""
    backoff = min(MAX_DELAY, BASE_DELAY * (2 ** max(0, attempts - 1)))
    delay = backoff * (1.0 + 0.25 * jitter())
    if retry_after is not None and retry_after > 0:
        delay = max(float(retry_after), 1.0) + jitter()
    return delay


def classify(entry, reply, jitter):
    """Decide what to do with an entry after a send: done, retry (with delay), drop (with reason) or hold."""
    status = reply.status
    attempts = entry.get("attempts", 0) + 1
    if status == BAD_ANSWER:
        # Captive portals and proxies answer 200 with their own page for as long as the network is bad:
        # that says nothing about the write, so it is retried (capped backoff) like no answer, never dropped.
        return Outcome(RETRY, retry_delay(attempts, jitter), "unreadable answer")
    if status is None or status >= 500:
        reason = "no answer" if status is None else f"server error {status}"
        return Outcome(RETRY, retry_delay(attempts, jitter), reason)
    if status == 429:
        return Outcome(RETRY, retry_delay(attempts, jitter, reply.retry_after), "rate limited")
    if status == 401:
        return Outcome(HOLD, None, "login required")
    if status == 412:
        # Wrong client id, or Simkl's throttle block after too many writes: neither is this entry's fault.
        return Outcome(RETRY, retry_delay(attempts, jitter), "client id rejected")
    if status == 409 and entry["kind"] == "scrobble":
        return Outcome(DONE, None, "already recorded")
    if status == 400 and (reply.error or "").upper() == "RATE_LIMIT":
        return Outcome(RETRY, SCROBBLE_LOCK_DELAY + jitter(), "scrobble lock")
    if 200 <= status < 300:
        return _classify_success(entry, reply.answer)
    detail = f", {reply.error}" if reply.error else ""
    return Outcome(DROP, None, with_detail(REFUSED, f"{status}{detail}"))


def failure_scope(reply, another_failed_before):
    """Whose failure a retried send was. another_failed_before: the send just before it, of another entry,
    failed with a server error too (two different entries failing in a row is Simkl, not them)."""
    status = reply.status
    if status is None or status in (BAD_ANSWER, 412, 429):
        return SERVICE  # no network, a portal's page, the app id or the rate: nothing of this entry
    if status >= 500:
        return SERVICE if another_failed_before else UNSURE
    return ENTRY  # Simkl's per-user scrobble lock: this entry waits, the others go on


def _classify_success(entry, answer):
    missing = not_found_count(answer)
    if missing and missing >= body_item_count(entry["body"]):
        return Outcome(DROP, None, NOT_FOUND_ON_SIMKL)
    return Outcome(DONE, None, "partly not found" if missing else "")


def not_found_count(answer):
    """How many items Simkl listed under not_found in a /sync answer."""
    if not isinstance(answer, dict) or not isinstance(answer.get("not_found"), dict):
        return 0
    return sum(len(items) for items in answer["not_found"].values() if isinstance(items, list))


def body_item_count(body):
    """The top-level items of a /sync body (a scrobble body counts as one)."""
    lists = [value for value in body.values() if isinstance(value, list)]
    return sum(len(items) for items in lists) if lists else 1
