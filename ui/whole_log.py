"""The day the whole-log answers are given as of: the build-up verdicts and the injury signal do
not change with the sidebar's range (a verdict is over its whole block; "your whole log" is the
whole log), so their pages compute them as of the runner's today (analysis.injury.log_today), not
the range's end."""

from __future__ import annotations

import datetime as dt

from analysis import log_today
from ui import data
from ui.filters import STALE_DAYS


def clock() -> dt.date:
    """The calendar's today (a function of its own, so a test can set the day)."""
    return dt.date.today()


def today() -> dt.date:
    span = data.data_dates()
    return log_today(clock(), span[1] if span else None, data.frames().injuries, STALE_DAYS)
