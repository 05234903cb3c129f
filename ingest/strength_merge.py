"""When a watch strength session and an app-logged workout are the same workout.

A runner who wears the watch in the gym and logs the sets in Hevy, Strong or FitNotes brings the
same workout twice: the watch's (heart rate, duration, calories, guessed sets) and the app's (the
sets as lifted). They are one session when both fall on the same local day and

- their times overlap by at least half the shorter of the two, or
- the app gives a start but no end (no duration), and the two starts are within 20 minutes, or
- the app gives no time at all (FitNotes logs only the day), and the day has exactly one watch
  strength session and one such app workout left to pair.

The joined session takes its sets (and the name and RPE the runner typed) from the app, and heart
rate, duration and calories from the watch. The rule is a pure function of the two sessions, so
the order the files arrive in does not change the pairs it makes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

MIN_OVERLAP_SHARE = 0.5  # of the shorter session
START_WINDOW_S = 20 * 60  # when the app gives no end


@dataclass(frozen=True)
class Span:
    """One session's place in time, as the store holds it."""

    session_id: int
    local_date: dt.date
    start_local: dt.datetime | None
    start_utc: dt.datetime | None
    duration_s: float | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> Span:
        return cls(
            int(row["session_id"]),
            _day(row["local_date"]),
            _time(row.get("start_time_local")),
            _time(row.get("start_time_utc")),
            _seconds(row.get("duration_s")),
        )


def score(watch: Span, app: Span) -> float | None:
    """How well an app workout fits a watch session (higher is better), or None when they are
    not the same workout by the rule above (the time-less case is decided by `pair`)."""
    if watch.local_date != app.local_date or (watch.start_local is None and watch.start_utc is None):
        return None
    if app.start_local is None:
        return None
    # Compare on the wall clock, which both the watch (local_timestamp) and the apps record: the
    # app's UTC comes from the athlete's zone, a guess (this computer's) while no watch file or
    # setting says it, so it would make the pairing depend on which file came first.
    w0: dt.datetime | None
    if watch.start_local is not None:
        w0, a0 = watch.start_local, app.start_local
    else:
        w0, a0 = watch.start_utc, app.start_utc or app.start_local
    assert w0 is not None
    gap = abs((w0 - a0).total_seconds())
    if not app.duration_s or not watch.duration_s:
        return 1.0 - gap / START_WINDOW_S / 2 if gap <= START_WINDOW_S else None
    w1 = w0 + dt.timedelta(seconds=watch.duration_s)
    a1 = a0 + dt.timedelta(seconds=app.duration_s)
    overlap = (min(w1, a1) - max(w0, a0)).total_seconds()
    shorter = min(watch.duration_s, app.duration_s)
    if overlap < MIN_OVERLAP_SHARE * shorter:
        return None
    return overlap / max(watch.duration_s, app.duration_s)


def pair(new: Span, new_is_watch: bool, candidates: list[Span], rivals: int) -> Span | None:
    """The candidate the new session joins, if any. `candidates` are the other kind's sessions of
    the same day still unpaired (watch sessions for an app workout, and the reverse); `rivals`
    counts the day's other unpaired sessions of the new one's kind (for an app workout without a
    time: the other workouts without one), which make a time-less pairing ambiguous."""
    best, best_score = None, None
    for c in candidates:
        s = score(new, c) if new_is_watch else score(c, new)
        if s is not None and (best_score is None or s > best_score):
            best, best_score = c, s
    if best is not None or rivals:
        return best
    # A day-only log (FitNotes): the day's one watch session and its one time-less workout.
    if new_is_watch:
        timeless = [c for c in candidates if c.start_local is None]
        return timeless[0] if len(timeless) == 1 else None
    if new.start_local is None and len(candidates) == 1:
        return candidates[0]
    return None


def _day(v: Any) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _time(v: Any) -> dt.datetime | None:
    if v is None or v != v:
        return None
    if hasattr(v, "to_pydatetime"):
        v = v.to_pydatetime()
    return v if isinstance(v, dt.datetime) else None


def _seconds(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f > 0 and f == f else None


def choose(
    new: dict[str, Any], new_is_watch: bool, candidates: list[dict[str, Any]], rivals: int
) -> int | None:
    """`pair` on the store's rows: the session_id the new session joins, or None."""
    found = pair(Span.of(new), new_is_watch, [Span.of(c) for c in candidates], rivals)
    return None if found is None else found.session_id
