"""The day the whole-log answers are given as of: the build-up verdicts and the injury signal do
not change with the sidebar's range (a verdict is over its whole block; "your whole log" is the
whole log), so their pages compute them as of the runner's today, not the range's end."""

from __future__ import annotations

import datetime as dt

from ui import data


def clock() -> dt.date:
    """The calendar's today (a function of its own, so a test can set the day)."""
    return dt.date.today()


def today() -> dt.date:
    """Today, or the last day with data when that is later (a log kept in a time zone ahead)."""
    span = data.data_dates()
    now = clock()
    return max(now, span[1]) if span else now
