"""The Injury signal's tables agree with each other and with the other pages: the per-injury table
counts the runs and days the counts above count (the onset day of a recent injury included, as
docs/injury-signal.md attributes it), a spike reads the same on every page, and a day
the Load page draws above the ACWR line but the counts leave out is said to be left out, with the
ratio it is counted on."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pandas as pd
from app_helpers import open_app
from athletes import only_athlete

from analysis.compute import compute_all
from analysis.injury import log_today
from analysis.metrics import acwr_label
from analysis.settings import Settings
from analysis.spikes import SPIKE_NAMES
from store import read, settings_write
from store.db import connect
from ui.filters import STALE_DAYS

# The day the demo's tests take as today (after its last race); the other athletes are written
# relative to the real today.
DEMO_TODAY = dt.date(2026, 12, 7)


def table(at, column: str):
    return next(t.value for t in at.table if column in t.value.columns)


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def engine(path):
    """compute_all on the page's database as of the page's whole-log day (what the Load chart draws).
    It reads through the app's own cached connection: DuckDB refuses a second connection of another
    kind to a file an earlier page test left open."""
    from ui import data

    con = data.connection(str(path))
    f = {
        name: getattr(read, name)(con, only_athlete(con))
        for name in (
            "activities",
            "hr_seconds",
            "laps",
            "strength_sessions",
            "strength_sets",
            "injuries",
            "pace_seconds",
        )
    }
    s = Settings.from_dict(read.settings(con, only_athlete(con)))
    days = [d for d in (f["activities"]["local_date"].max(), f["strength_sessions"]["local_date"].max()) if d]
    return compute_all(settings=s, today=log_today(DEMO_TODAY, max(days), f["injuries"], STALE_DAYS), **f), s


def test_a_race_on_the_onset_day_is_counted_in_both_tables(shown_page, athlete_db, tmp_path):
    """injured_racing: a half marathon (a small spike over the longest run of the 30 days before
    it, on whatever day the athlete is built) on the day an ongoing injury began. The race stays in
    the exposures, and the onset day is counted: the runs of the window are those the log holds from
    7 days before the onset to the onset day."""
    at = shown_page("injured_racing", "pages/injury.py")
    assert not at.exception and not at.error
    runs = next(t.value for t in at.table if t.value.index.name == "the run")
    days = table(at, "days with it")
    each = table(at, "biggest spike")
    assert len(each) == 1
    injury = each.iloc[0]
    after = "followed by an injury within 7 days"
    # What the log holds (read from a copy: the page holds the session's file open).
    copy = tmp_path / "injured_racing.duckdb"
    shutil.copy(athlete_db("injured_racing"), copy)
    con = connect(copy)
    athlete = only_athlete(con)
    onset = pd.Timestamp(read.injuries(con, athlete)["onset_date"].iloc[0])
    logged = read.activities(con, athlete)
    con.close()
    logged = logged[logged["sport"] == "running"]
    day = pd.to_datetime(logged["local_date"])
    (race_m,) = logged.loc[day == onset, "distance_m"]
    longest_before = logged.loc[
        day.between(onset - pd.Timedelta(days=30), onset - pd.Timedelta(days=1)), "distance_m"
    ]
    ratio = race_m / longest_before.max()
    assert 1.10 < ratio <= 1.30, ratio  # the athlete is built for a small spike on every date
    assert injury["biggest spike"] == f"small spike ({ratio:.2f} x)"
    small = runs[runs.index.str.startswith(SPIKE_NAMES["small"])].iloc[0]
    assert small[after] == 1, "the race, on the onset day, is a small spike followed by the injury"
    # The runs of the window are those the runs table counts as followed by the injury, and those
    # the log holds in it.
    in_window = logged[day.between(onset - pd.Timedelta(days=7), onset)]
    levels = [i for i in runs.index if not i.startswith(SPIKE_NAMES["any spike"])]
    assert injury["runs in the 7 days before"] == runs.loc[levels, after].sum() == len(in_window) >= 3
    # The days of high progression in the window are the days the days table counts as followed.
    prog = days[days.index.str.startswith("2-week progression")].iloc[0]
    assert injury["days of progression above 30 %"] == prog[f"of them {after}"] <= prog["days with it"]


def test_acwr_days_the_counts_leave_out_are_said_with_the_ratio_they_use(demo_db, use_db, monkeypatch):
    """The demo: the uncoupled ACWR is above 1.5 on days the Load chart draws, all within 28 days of
    a return from injury. The Injury signal says how many it leaves out and why, and the counted
    plus the left-out days are every day the Load page's chart of that ratio draws above the line."""
    monkeypatch.setattr("ui.whole_log.clock", lambda: DEMO_TODAY)
    use_db(demo_db)
    res, s = engine(demo_db)
    above = int((res.daily[f"acwr_{s.injury_acwr_method}"] > s.acwr_danger).sum())
    assert above > 0
    at = open_app("pages/injury.py")
    days = table(at, "days with it")
    name = f"the acute:chronic ratio ({acwr_label(s.injury_acwr_method, s)}) above {s.acwr_danger:g}"
    counted = int(days.loc[name, "days with it"])
    note = re.search(r"(\d+) days? with " + re.escape(name) + r" \(([^)]*)\)", captions(at))
    assert note, captions(at)
    assert counted + int(note.group(1)) == above
    assert "inside an injury or the 28 days after a return" in note.group(2)
    assert f"'{acwr_label(s.injury_acwr_method, s)}' method is the ratio counted here" in captions(at)
    # The Achilles injury's biggest spike reads as the Activities page and Overview name it.
    each = table(at, "biggest spike")
    assert each.loc["29 Jul 2025", "biggest spike"] == f"{SPIKE_NAMES['moderate']} (1.79 x)"


def test_the_load_page_shows_first_the_acwr_the_injury_counts_use(demo_db, use_db, tmp_path):
    db = use_db(tmp_path / "demo.duckdb")
    shutil.copy(demo_db, db)
    con = connect(db)
    settings_write.save_settings(con, only_athlete(con), {"injury_acwr_method": "ewma"})
    con.close()
    from ui import data

    data.connection.clear()
    at = open_app("pages/load.py")
    assert not at.exception and not at.error
    assert at.radio(key="acwr_method").value == "ewma"
    assert any(f"on the '{acwr_label('ewma')}' ratio" in c.value for c in at.caption)
    at = open_app("pages/injury.py")
    assert f"the acute:chronic ratio ({acwr_label('ewma')}) above 1.5" in table(at, "days with it").index


def test_a_spike_reads_the_same_on_overview(demo_db, use_db):
    use_db(demo_db)
    at = open_app("pages/overview.py", span=(dt.date(2025, 7, 1), dt.date(2025, 7, 28)))
    text = "\n".join(m.value for m in at.markdown)
    spike = re.search(r"\*\*Latest spike:\*\*.*?a \*([^*]+)\*", text)
    assert spike and spike.group(1) == SPIKE_NAMES["moderate"], text
