"""Sends the outbox to Simkl: due entries only, one at a time, spaced, stopping early when Simkl is down."""
import logging
import random
from collections import namedtuple

from ..core.outbox.marks import mark_after_not_found, push_after_not_found
from ..core.outbox.outcome import (
    BAD_ANSWER,
    DONE,
    DROP,
    HOLD,
    RETRY,
    SCROBBLE_LOCK_DELAY,
    Outcome,
    Reply,
    classify,
    not_found_count,
)
from ..core.playing.scrobble import (
    NOT_FOUND_EITHER_WAY,
    SCROBBLE_NOT_FOUND,
    due_form,
    history_after_duplicate,
    history_after_not_found,
    is_watched_stop,
)
from . import errors

LOG = logging.getLogger("simklsync.outbox_sender")

WRITE_SPACING = 1.0  # Simkl allows 1 POST/s per token
# Failures that say "Simkl is unavailable", not "this entry is wrong": stop the round, pause the queue.
_SERVER_WIDE = (None, 412, 429)

FlushResult = namedtuple("FlushResult", "sent retried dropped held next_due")


def flush(outbox, client, now, wait, jitter=random.random, on_recorded=None, on_sent=None):
    """Send what is due. now() is the wall clock; wait(seconds) -> True when Kodi is closing;
    on_recorded(label) is told of each view Simkl recorded as watched (a watched scrobble stop sent);
    on_sent(entry) of each entry Simkl accepted (the journal).
    Returns FlushResult(sent, retried, dropped, held, next_due) with next_due the wall time of the
    next due entry (None when nothing waits)."""
    counts = {DONE: 0, RETRY: 0, DROP: 0, HOLD: 0}
    sent_any = False
    scrobbles_locked = False
    for entry in outbox.due(now()):
        request, stale = due_form(entry, now())
        if request is None:
            outbox.drop(entry, stale, now())
            counts[DROP] += 1
            continue
        if scrobbles_locked and request["kind"] == "scrobble":
            outbox.pause_kind_until("scrobble", now() + SCROBBLE_LOCK_DELAY)
            continue
        if sent_any and wait(WRITE_SPACING):
            break
        sent_any = True
        try:
            reply = _reply_to(client, request)
        except errors.Aborted:
            break
        outcome = _settle(outbox, entry, request, reply, jitter, now)
        counts[outcome.verdict] += 1
        if on_sent is not None and outcome.verdict == DONE:
            on_sent(entry)
        if on_recorded is not None and outcome.verdict == DONE and is_watched_stop(entry):
            on_recorded(entry.get("label", ""))
        _log(request, outcome)
        if outcome.verdict == HOLD:
            outbox.hold_all()
            break
        if outcome.verdict == RETRY and _is_server_wide(reply):
            outbox.pause_until(now() + outcome.delay)
            break
        if request["kind"] == "scrobble" and (outcome.verdict == DONE or reply.status == 400):
            # Simkl serialises a user's scrobbles with a ~20 s lock: the rest of a backlog waits it out
            # instead of spending a request each on a certain 400 RATE_LIMIT.
            scrobbles_locked = True
    return FlushResult(counts[DONE], counts[RETRY], counts[DROP], counts[HOLD], outbox.next_due())


def _reply_to(client, request):
    """Simkl's reply to one request, a typed error read as a Reply; Aborted (Kodi closing) goes through."""
    try:
        return Reply(201, None, _send(client, request))
    except errors.Aborted:
        raise
    except errors.SimklError as error:
        return reply_for(error)


def _settle(outbox, entry, request, reply, jitter, now):
    """What the reply means for the entry, recorded in the outbox, with the form that goes out instead of a
    404 and the history write that confirms a view Simkl had already recorded queued."""
    outcome = classify(dict(request, attempts=entry.get("attempts", 0)), reply, jitter)
    outcome = _instead_of_404(outbox, request, reply, outcome)
    outbox.apply(entry, outcome, now())
    if outcome.verdict == DONE and isinstance(reply.answer, dict) and reply.answer.get("already_recorded"):
        confirmation = history_after_duplicate(request)
        if confirmation is not None:
            outbox.add(confirmation)
    return outcome


def _instead_of_404(outbox, request, reply, outcome):
    """A watched stop refused with 404 goes out again as a history write, and a mark Simkl did not find in
    Kodi's numbering goes again by its Simkl identity; the new form is queued before the old one leaves the
    outbox, so a crash in between repeats a no-op history add at worst, never loses the view. When the
    last form fails too, the view is dropped with a reason of its own."""
    fallback = history_after_not_found(request, reply.status)
    if fallback is not None:
        outbox.add(fallback)
        return Outcome(DONE, None, "not found as a scrobble: sent as a history write")
    fallback = mark_after_not_found(request, reply.status, reply.answer)
    if fallback is not None:
        outbox.add(fallback)  # same group: it replaces the form Simkl did not find
        return Outcome(DONE, None, "not found in Kodi's numbering: sent by Simkl id")
    fallback, covered = push_after_not_found(request, reply.status, reply.answer)
    if fallback is not None:
        outbox.add(fallback)  # the batch's anime Simkl did not find, by Simkl id
        if outcome.verdict == DROP and covered >= not_found_count(reply.answer):
            return Outcome(DONE, None, "anime not found in Kodi's numbering: sent by Simkl id")

    if request.get("last_try") and outcome.verdict == DROP:
        return Outcome(DROP, None, NOT_FOUND_EITHER_WAY)
    if request["kind"] == "scrobble" and reply.status == 404:
        # A start or pause Simkl does not know: no "watching now" or paused position there; no view lost.
        return Outcome(DROP, None, SCROBBLE_NOT_FOUND)
    return outcome


def _send(client, request):
    if request["kind"] == "scrobble":
        return client.scrobble(request["action"], request["body"])
    if request["kind"] == "rating":
        remove = request["action"] == "remove"
        return (client.remove_ratings if remove else client.add_ratings)(request["body"])
    if request["kind"] == "list":
        return client.add_to_list(request["body"])
    if request["action"] == "remove":
        return client.remove_history(request["body"])
    return client.add_history(request["body"])


def reply_for(error):
    """The client's typed error as the plain Reply the outbox classifies."""
    code = getattr(error, "code", None)
    if isinstance(error, errors.LoginRequired):
        return Reply(401, code)
    if isinstance(error, errors.ClientIdRejected):
        return Reply(412, code)  # also when the client refused to send with an app id Simkl refused before
    if isinstance(error, errors.RateLimited):
        return Reply(429, code, None, error.retry_after)
    if isinstance(error, errors.BadResponse):
        return Reply(BAD_ANSWER, code)
    if isinstance(error, errors.TransientError):
        return Reply(error.status if error.status and error.status >= 500 else None, code)
    if isinstance(error, errors.Conflict):
        return Reply(409, code, error.body)
    if error.status:
        return Reply(error.status, code)
    return Reply(None, code)


def _is_server_wide(reply):
    return reply.status in _SERVER_WIDE or reply.status >= 500


def _log(request, outcome):
    what = f"{request['kind']} {request['action']} ({request['label']})"
    if outcome.verdict == DONE:
        LOG.info("sent %s%s", what, f": {outcome.reason}" if outcome.reason else "")
    elif outcome.verdict == RETRY:
        LOG.info("%s not sent: %s; retry in %.0f s", what, outcome.reason, outcome.delay)
    elif outcome.verdict == HOLD:
        LOG.warning("%s waits for a new Simkl login", what)
