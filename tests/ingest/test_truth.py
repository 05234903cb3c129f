"""The real corpus's numbers against independent recomputations from the stored rows.

Each check recomputes a value from the `records` table with its own code (plain Python over the
rows, no project function) and compares it with what the dashboard's engine reports.
"""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict

import pandas as pd
import pytest
from athletes import only_athlete

from analysis.keyruns import key_runs
from analysis.load import hr_profile, session_loads
from analysis.settings import Settings
from store import read

pytestmark = pytest.mark.realdata

QUALITY_RUNS = ("sportslib__6916663933.fit", "sportslib__6860622783.fit", "sportslib__6782987395.fit")
THRESHOLD_PACE_S_PER_KM = 270.0  # 4:30/km


def _records(con, activity_id: int) -> list[tuple]:
    """(timestamp, heart_rate, speed) rows in storage order, siblings included."""
    return (
        con.cursor()
        .execute(
            "SELECT timestamp_utc, heart_rate, speed_mps FROM records WHERE activity_id = ?"
            " AND timestamp_utc IS NOT NULL ORDER BY timestamp_utc",
            [activity_id],
        )
        .fetchall()
    )


def _samples(rows: list[tuple]) -> list[tuple]:
    """One sample per instant: per field, the first value that is not missing (docs/formats.md)."""
    merged: OrderedDict = OrderedDict()
    for t, *fields in rows:
        have = merged.setdefault(t, [None] * len(fields))
        for i, v in enumerate(fields):
            if have[i] is None and v is not None and not math.isnan(v):
                have[i] = v
    return [(t, *v) for t, v in merged.items()]


def _banister_trimp(samples: list[tuple], hr_rest: float, hr_max: float, a: float, b: float) -> float | None:
    """Sum over samples of dt_min x x a e^(b x), x = (HR-HRrest)/(HRmax-HRrest) clamped at 0; each
    sample's HR holds until the next sample; gaps over 30 s are not summed (docs/metrics.md)."""
    total, seen = 0.0, False
    for (t0, hr, _), (t1, _, _) in itertools.pairwise(samples):
        dt = (t1 - t0).total_seconds()
        if hr is None or hr <= 0 or dt <= 0 or dt > 30:
            continue
        x = max((hr - hr_rest) / (hr_max - hr_rest), 0.0)
        total += dt / 60.0 * x * a * math.exp(b * x)
        seen = True
    return total if seen else None


def _by_file(corpus) -> pd.DataFrame:
    acts = read.activities(corpus.con, only_athlete(corpus.con))
    sources = read.sources(corpus.con, only_athlete(corpus.con))[["source_id", "file_name"]]
    acts = acts.merge(sources, on="source_id")
    acts["file"] = acts["file_name"].map(lambda n: n.rsplit("/", 1)[-1])
    return acts


def test_every_real_runs_hrtss_agrees_with_an_independent_banister_sum(corpus):
    acts = _by_file(corpus)
    settings = Settings()
    profile = hr_profile(settings, acts)
    loads = session_loads(
        acts, read.hr_seconds(corpus.con, only_athlete(corpus.con)), settings, profile
    ).set_index("activity_id")
    a, b = (0.64, 1.92) if profile.sex == "male" else (0.86, 1.67)
    x_thr = (profile.threshold_hr - profile.hr_rest) / (profile.hr_max - profile.hr_rest)
    hour_at_threshold = 60.0 * x_thr * a * math.exp(b * x_thr)
    checked, agree, worst = 0, 0, []
    for row in acts[acts["sport"] == "running"].itertuples():
        samples = _samples(_records(corpus.con, row.activity_id))
        trimp = _banister_trimp(samples, profile.hr_rest, profile.hr_max, a, b)
        if trimp is None:
            continue
        mine = 100.0 * trimp / hour_at_threshold
        theirs = loads.loc[row.activity_id, "hrtss"]
        checked += 1
        ok = pd.notna(theirs) and abs(theirs - mine) <= 0.02 * mine
        agree += ok
        if not ok:
            worst.append((row.file, mine, theirs))
        if row.file == "deephaven__ThursMorn.fit":
            # Each second's fields split over sibling records: the independent sum is ~27.8 with
            # the corpus's default profile, where keeping the first record of each instant gave 5.4.
            assert ok, (mine, theirs)
            assert mine > 20.0
    assert checked >= 25
    assert agree >= 0.97 * checked, worst


def test_a_tempo_inside_one_long_lap_is_a_quality_run(corpus):
    acts = _by_file(corpus)
    settings = Settings(threshold_pace_s_per_km=THRESHOLD_PACE_S_PER_KM)
    profile = hr_profile(settings, acts)
    loads = session_loads(acts, read.hr_seconds(corpus.con, only_athlete(corpus.con)), settings, profile)
    runs = loads[loads["is_run"]]
    laps, pace = (
        read.laps(corpus.con, only_athlete(corpus.con)),
        read.pace_seconds(corpus.con, only_athlete(corpus.con)),
    )
    ids = acts.loc[acts["file"].isin(QUALITY_RUNS), "activity_id"].tolist()
    assert len(ids) == 3
    flagged = key_runs(runs, settings, profile, laps, None, pace).set_index("activity_id")
    laps_only = key_runs(runs, settings, profile, laps, None, None).set_index("activity_id")
    v_thr = 1000.0 / THRESHOLD_PACE_S_PER_KM
    for aid in ids:
        # Independently: the watch's own 1-s speed samples at or above threshold speed.
        fast_s = sum(1 for _, _, v in _samples(_records(corpus.con, aid)) if v is not None and v >= v_thr)
        assert fast_s >= 10 * 60, aid
        assert flagged.loc[aid, "is_quality"] and flagged.loc[aid, "quality_reason"] == "threshold pace"
        # Their laps are long and average slower than threshold: lap averages alone missed them.
        assert not laps_only.loc[aid, "is_quality"]
    # The stream does not make every run a quality run at that threshold.
    assert flagged["is_quality"].mean() < 0.5
