"""The Injury signal page's words about its counts: the exposures' names and what the counts leave
out, so that a day drawn above a line on the Load page but missing from the counts is explained on
screen (pure text from the signal's results; no Streamlit)."""

from __future__ import annotations

import pandas as pd

from analysis import SPIKE_NAMES, Settings, acwr_label
from ui import fmt


def day_exposure_names(s: Settings) -> dict[str, str]:
    """Each day exposure's name on screen, with the runner's thresholds and ACWR method."""
    return {
        "progression": f"2-week progression above {fmt.pct(s.progression_threshold)}",
        "acwr": f"the acute:chronic ratio ({acwr_method(s)}) above {s.acwr_danger:g}",
        "strength": f"strength below target in the {fmt.plural(s.injury_strength_weeks, 'week')} before",
    }


def acwr_method(s: Settings) -> str:
    """The ACWR the injury counts use, by the name the Load page's method choice shows."""
    return acwr_label(s.injury_acwr_method, s)


def _why(r: dict, window: int, s: Settings) -> str:
    injured, recent = r["exposed_not_at_risk"], r["exposed_too_recent"]
    reasons = {
        "injured": f"inside an injury or the {s.injury_after_return_days} days after a return",
        "recent": f"in the last {window} days, whose outcome is not known yet",
    }
    if injured and recent:
        return f"{injured} {reasons['injured']}, {recent} {reasons['recent']}"
    every = "" if injured + recent == 1 else "all "
    return every + reasons["injured" if injured else "recent"]


def left_out_note(spike_rows: list[dict], day_rows: list[tuple[str, dict]], window: int, s: Settings) -> str:
    """One sentence naming the exposed runs and days the tables leave out, and why; "" when none.

    spike_rows: the signal's spike results of one window; day_rows: (exposure key, result) pairs."""
    items = []
    for r in spike_rows:
        if r["level"] == "any spike":  # the sum of the three spike rows: said once, by each
            continue
        n = r["exposed_not_at_risk"] + r["exposed_too_recent"]
        if n:
            what = (
                "a return to running" if r["level"] == "return to running" else f"a {SPIKE_NAMES[r['level']]}"
            )
            items.append(
                f"{fmt.plural(n, 'run')} that {'was' if n == 1 else 'were'} {what} ({_why(r, window, s)})"
            )
    names = day_exposure_names(s)
    acwr_left = False
    for key, r in day_rows:
        n = r["exposed_not_at_risk"] + r["exposed_too_recent"]
        if n:
            items.append(f"{fmt.plural(n, 'day')} with {names[key]} ({_why(r, window, s)})")
            acwr_left = acwr_left or key == "acwr"
    if not items:
        return ""
    text = (
        "Not in these counts: "
        + "; ".join(items)
        + ". Nobody is at risk of a new injury while injured or just back, and a day's outcome is known only "
        f"once its {window} days have passed or an injury began in them."
    )
    if acwr_left:
        text += (
            f" The Load page's acute:chronic chart draws every day: its '{acwr_method(s)}' method is the ratio "
            "counted here."
        )
    return text


def windows_note(windows: pd.DataFrame, s: Settings) -> str:
    """What each row of the per-injury table counts, and the days of a window it leaves out."""
    text = (
        f"Each row counts the {s.injury_window_days} days before the onset and the onset day itself, as the "
        "tables above count them."
    )
    out = windows[windows["days_not_at_risk"] > 0] if "days_not_at_risk" in windows else windows.iloc[0:0]
    if len(out):
        which = ", ".join(
            f"{fmt.plural(int(n), 'day')} before the onset of {fmt.day(o)}"
            for o, n in zip(out["onset"], out["days_not_at_risk"], strict=True)
        )
        text += (
            f" Left out as there: the days inside an earlier injury or the {s.injury_after_return_days} days after "
            f"its return ({which})."
        )
    return text
