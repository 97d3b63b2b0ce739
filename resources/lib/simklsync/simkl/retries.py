"""When a failed request to Simkl is tried again inside the call: a few times, after a jittered exponential
backoff or the Retry-After Simkl named (a longer one is left to the caller, which reschedules)."""
import logging

from . import errors

LOG = logging.getLogger("simklsync.client")

BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
# A Retry-After longer than this is not waited for inside a call: the caller reschedules instead.
MAX_RETRY_AFTER = 60.0
RETRYABLE = (errors.TransientError, errors.RateLimited)


class RetryPolicy:
    """max_retries retries at most; wait(seconds) -> True when Kodi is closing; rng() in [0, 1) for the jitter."""

    def __init__(self, max_retries, wait, rng):
        self.max_retries = max_retries
        self._wait = wait
        self._rng = rng

    def wait_before_retry(self, error, attempt, what):
        """Sleeps the backoff (or Retry-After); re-raises the error when no retry is due."""
        delay = self.delay(error, attempt)
        if delay is None:
            raise error
        LOG.info("%s: %s, retry %d in %.1f s", what, _describe(error), attempt + 1, delay)
        if self._wait(delay):
            raise errors.Aborted(f"{what} abandoned: Kodi is closing") from None

    def delay(self, error, attempt):
        """Seconds before retry number attempt + 1, or None when none is due."""
        if attempt >= self.max_retries:
            return None
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            return retry_after if retry_after <= MAX_RETRY_AFTER else None
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
        return ceiling / 2 + self._rng() * ceiling / 2


def _describe(error):
    return f"{type(error).__name__} ({error.status})" if error.status else type(error).__name__
