"""Switches for the emulator, including the UNCONFIRMED points of the Simkl API."""

from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass
class Options:
    # Whole body of an all-items / ratings answer with nothing in it: "{}" (what live Simkl sends to apps
    # registered recently, CrossWatch PR #360) or "null" (older apps, and the legacy docs).
    empty_body: str = "{}"
    # Body of a playback list with no sessions: "[]" (documented), "null" or "{}".
    empty_playback: str = "[]"
    # date_from on all-items and ratings: False keeps items changed strictly after it (legacy docs).
    date_from_inclusive: bool = False
    # PIN: approve a code after this many "pending" polls (None = only emu.approve_pin approves).
    pin_auto_approve_after: Optional[int] = None
    pin_expires_in: int = 900
    pin_interval: int = 5
    # Legacy "Slow down" reply to a poll arriving sooner than pin_interval after the previous one.
    pin_slow_down: bool = False
    # Token handed out by an approved PIN (None = the first user's token).
    pin_token: Optional[str] = None
    # 10 GET/s and 1 POST/s per token (or per client_id when unauthenticated) -> 429 rate_limit.
    rate_limits: bool = False
    get_per_second: int = 10
    post_per_second: int = 1
    rate_limit_retry_after: Optional[int] = 1
    # Arrival jitter forgiven: a client spacing its sends exactly 1 s apart must not trip the limit.
    rate_limit_tolerance: float = 0.05
    # Live per-day cap (500/1,000/10,000 by tier reported): past this many requests per caller and UTC day of
    # the emulator's clock, 429 user_limit_exceeded without Retry-After. None = no cap. Settable while running.
    daily_cap: Optional[int] = None
    # Per-user scrobble lock; a scrobble sooner than this after the previous one -> 400 RATE_LIMIT.
    scrobble_lock_seconds: int = 0
    # A repeated >= 80 % stop/pause of the same item inside this window -> 409.
    scrobble_duplicate_window: int = 3600
    # /scrobble/start clears the item's saved playback ("resumed" bumps the playback activity).
    start_clears_playback: bool = True
    # Reject requests missing app-name / app-version / User-Agent (400 empty_field).
    enforce_app_params: bool = False
    # Accepted client ids; None = the tests' app id (app_ids.TEST_CLIENT_ID), what the test builds carry.
    client_ids: Optional[Sequence[str]] = None
    # Removing an item bumps rated_at "if_rated" (it had a rating) or "always".
    removal_bumps_rated_at: str = "if_rated"
    # Container key of anime playback sessions: "show" or "anime" (UNCONFIRMED).
    playback_anime_key: str = "show"
    # Live: /scrobble/* answers 404 unless client_id, app-name and app-version are in the query (a client id
    # in the simkl-api-key header is not enough there).
    scrobble_requires_query_ids: bool = True
    # Live: anime scrobbled with TVDB/TMDB numbering (an episode that exists only in TVDB numbering, past the
    # first cour) is 404; only Simkl's own numbering of the resolved title is accepted. False: remapped, as
    # the documentation says.
    anime_scrobble_strict: bool = True
    # UNCONFIRMED: whether use_tvdb_anime_seasons is honoured on a scrobble. True: a strict emulator still
    # maps TVDB numbering sent with the flag.
    scrobble_honours_tvdb_flag: bool = False
