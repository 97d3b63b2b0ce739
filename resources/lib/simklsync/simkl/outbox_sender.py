"""Sends the outbox to Simkl: due entries only, one at a time, spaced. An entry failing on its own backs off
while the entries behind it go on; a failure of Simkl as a whole (no answer, 429, the app id refused, server
errors on two different entries in a row or on a read too) stops the round and pauses the queue."""
import logging
import random
from collections import namedtuple

from ..core.outbox import dates, liveness
from ..core.outbox.marks import mark_after_not_found, push_after_not_found
from ..core.outbox.outcome import (
    BAD_ANSWER,
    DONE,
    DROP,
    HOLD,
    PAUSE,
    RETRY,
    SCROBBLE_LOCK_DELAY,
    SERVICE,
    UNSURE,
    Outcome,
    Reply,
    classify,
    failure_scope,
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
CLOCK_RETRY = 60.0  # seconds before a round tries again to learn Simkl's clock for dates it must correct

FlushResult = namedtuple("FlushResult", "sent retried dropped held next_due")


def flush(outbox, client, now, wait, jitter=random.random, on_recorded=None, probe=None, on_sent=None):
    """Send what is due. now() is the wall clock; wait(seconds) -> True when Kodi is closing;
    on_recorded(label) is told of each view Simkl recorded as watched (a watched scrobble stop sent);
    probe() -> True when Simkl answers a read (reads_answer), asked when one server error cannot tell whose
    failure it was (without it, such an error is the entry's own until another entry fails too);
    on_sent(entry) of each entry Simkl accepted (the journal).
    Returns FlushResult(sent, retried, dropped, held, next_due) with next_due the wall time of the
    next due entry (None when nothing waits)."""
    counts = {DONE: 0, RETRY: 0, DROP: 0, HOLD: 0, PAUSE: 0}
    sent_any = False
    scrobbles_locked = False
    simkl_time = getattr(client, "simkl_time", None)
    due = outbox.due(now())
    if not _clock_known_for(due, client, simkl_time):
        outbox.pause_until(now() + CLOCK_RETRY)
        return FlushResult(0, 0, 0, 0, outbox.next_due())
    stopped_items = set()  # an item whose write failed this round: its later writes wait with it
    for entry in due:
        if liveness.item_of(entry) in stopped_items:
            continue
        if not outbox.is_current(entry):
            continue  # the account changed during this round: the entry is parked, never sent with another's token
        request, stale = due_form(entry, now(), None if simkl_time is None else dates.age(entry, simkl_time))
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
            reply = _reply_to(client, request if simkl_time is None else dates.on_the_wire(request, simkl_time))
        except errors.Aborted:
            break
        outcome = _settle(outbox, entry, request, reply, jitter, now, probe)
        counts[outcome.verdict] += 1
        if outcome.verdict != DONE:
            stopped_items.add(liveness.item_of(entry))
        if on_sent is not None and outcome.verdict == DONE:
            on_sent(entry)
        if on_recorded is not None and outcome.verdict == DONE and is_watched_stop(entry):
            on_recorded(entry.get("label", ""))
        _log(request, outcome)
        if outcome.verdict == HOLD:
            outbox.hold_all()
            break
        if outcome.verdict == PAUSE:
            break
        if request["kind"] == "scrobble" and (outcome.verdict == DONE or reply.status == 400):
            # Simkl serialises a user's scrobbles with a ~20 s lock: the rest of a backlog waits it out
            # instead of spending a request each on a certain 400 RATE_LIMIT.
            scrobbles_locked = True
    return FlushResult(counts[DONE], counts[RETRY] + counts[PAUSE], counts[DROP], counts[HOLD], outbox.next_due())


def _clock_known_for(due, client, simkl_time):
    """False when a due entry's dates need Simkl's clock and one read (the activities) got no answer: a view
    stamped before Simkl ever answered (a box at 1970) is dated once the clock is known, never before. An answer
    without a readable Date lets them go with the device's dates: waiting would never end."""
    if simkl_time is None or not any(dates.waits_for_clock(entry, simkl_time) for entry in due):
        return True
    try:
        client.get_activities()
    except errors.Aborted:
        return False
    except errors.SimklError as error:
        LOG.info("Simkl's clock not learnt (%s): dated writes wait", type(error).__name__)
        return simkl_time.known  # an error answer carries a Date too
    if not simkl_time.known:
        LOG.warning("Simkl answered without a readable Date: the device's dates are sent as they are")
    return True


def _reply_to(client, request):
    """Simkl's reply to one request, a typed error read as a Reply; Aborted (Kodi closing) goes through."""
    try:
        return Reply(201, None, _send(client, request))
    except errors.Aborted:
        raise
    except errors.SimklError as error:
        return reply_for(error)


def _settle(outbox, entry, request, reply, jitter, now, probe):
    """What the reply means for the entry, recorded in the outbox, with the form that goes out instead of a
    404 and the history write that confirms a view Simkl had already recorded queued. A failure of Simkl as
    a whole charges no entry: it pauses the queue (verdict PAUSE)."""
    outcome = classify(dict(request, attempts=entry.get("attempts", 0)), reply, jitter)
    outcome = _instead_of_404(outbox, request, reply, outcome)
    if outcome.verdict == RETRY and _service_wide(outbox, entry, reply, probe):
        return Outcome(PAUSE, outbox.service_failed(now(), jitter, reply.retry_after), outcome.reason)
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


def _service_wide(outbox, entry, reply, probe):
    another_failed = reply.status is not None and reply.status >= 500 and outbox.server_error(entry)
    scope = failure_scope(reply, another_failed)
    if scope == UNSURE:
        return probe is not None and not probe()
    return scope == SERVICE


def reads_answer(client):
    """True when Simkl answers a cheap read (its activities): a write's server error is then that write's own."""
    try:
        client.get_activities()
    except errors.SimklError:  # Aborted too: Kodi is closing, the queue may as well wait
        return False
    return True


def _log(request, outcome):
    what = f"{request['kind']} {request['action']} ({request['label']})"
    if outcome.verdict == DONE:
        LOG.info("sent %s%s", what, f": {outcome.reason}" if outcome.reason else "")
    elif outcome.verdict == RETRY:
        LOG.info("%s not sent: %s; retry in %.0f s", what, outcome.reason, outcome.delay)
    elif outcome.verdict == PAUSE:
        LOG.info("%s not sent: %s; Simkl unavailable, nothing sent for %.0f s", what, outcome.reason, outcome.delay)
    elif outcome.verdict == HOLD:
        LOG.warning("%s waits for a new Simkl login", what)
