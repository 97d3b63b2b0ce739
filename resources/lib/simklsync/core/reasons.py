"""Reason codes: why a playback was not scrobbled, why the outbox dropped a write, why a cycle failed on
Kodi's side. Saved as codes (the status file, the outbox's dropped list) and put in words only when shown
(script/status_text.py), so what was saved reads in the language of the day. A reason may carry one piece of
data after a colon, shown inside the sentence: the minutes of a too-short playback, Simkl's refusal, Kodi's
error message. Reasons saved before codes (English sentences) are shown as they are."""

SEPARATOR = ":"


def with_detail(code, detail):
    """The reason `code` carrying `detail` (a number or text shown as it is)."""
    return f"{code}{SEPARATOR}{detail}"


def split(reason):
    """(code, detail) of a saved reason; detail is "" when it carries none."""
    code, _, detail = str(reason).partition(SEPARATOR)
    return code, detail
