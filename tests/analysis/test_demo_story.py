"""The demo athlete's story, computed by the engine from the generator's plan (no file parsing):
the injury after the long-run spike is flagged moderate, the marathon build-up where strength faded
is "not kept" with the right weeks, and the numbers agree with demo/expected.json."""

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.compute import compute_all
from analysis.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
demo_plan = pytest.importorskip("demo.plan")
from demo.exercises import EXERCISES  # noqa: E402


def frames(plan):
    acts, laps = [], []
    for i, c in enumerate(sorted(plan.cardio, key=lambda c: c.start_utc), 1):
        acts.append(
            {
                "activity_id": i,
                "source_id": 1,
                "sport": c.sport,
                "sub_sport": c.sub_sport,
                "name": None,
                "start_time_utc": pd.Timestamp(c.start_utc),
                "start_time_local": pd.Timestamp(c.start_local),
                "local_date": pd.Timestamp(c.local_date),
                "utc_offset_s": c.utc_offset_s,
                "elapsed_s": float(c.elapsed_s),
                "moving_s": float(c.timer_s),
                "distance_m": c.distance_cm / 100.0,
                "is_race": False,
            }
        )
        for j, sg in enumerate(c.segments):
            laps.append(
                {
                    "activity_id": i,
                    "lap_index": j,
                    "moving_s": float(sg.duration_s),
                    "elapsed_s": float(sg.duration_s),
                    "distance_m": sg.distance_cm / 100,
                    "avg_speed_mps": sg.speed_mps,
                    "intensity": sg.intensity,
                }
            )
    sess, sets = [], []
    for k, s in enumerate(sorted(plan.strength, key=lambda s: s.start_utc), 1):
        sess.append(
            {
                "session_id": k,
                "source_id": 2,
                "activity_id": None,
                "start_time_utc": pd.Timestamp(s.start_utc),
                "start_time_local": pd.Timestamp(s.start_local),
                "local_date": pd.Timestamp(s.local_date),
                "name": s.name,
                "duration_s": float(s.duration_s),
                "rpe": np.nan,
                "app": s.source,
            }
        )
        for j, st in enumerate(s.sets):
            sets.append(
                {
                    "session_id": k,
                    "set_index": j,
                    "exercise": st.exercise,
                    "region": EXERCISES[st.exercise].region,
                    "set_type": "warmup" if st.warmup else "working",
                    "reps": st.reps,
                    "weight_kg": st.weight_kg,
                    "duration_s": float(st.duration_s),
                    "rpe": st.rpe,
                }
            )
    inj = pd.DataFrame(
        [
            {
                "injury_id": i,
                "onset_date": pd.Timestamp(x.onset_date),
                "end_date": pd.Timestamp(x.end_date),
                "body_area": x.body_area,
                "severity": x.severity,
                "time_loss": x.time_loss,
                "medical_visit": x.medical_visit,
                "note": x.note,
            }
            for i, x in enumerate(plan.injuries, 1)
        ]
    )
    return pd.DataFrame(acts), pd.DataFrame(laps), pd.DataFrame(sess), pd.DataFrame(sets), inj


@pytest.fixture(scope="module")
def story():
    plan = demo_plan.make_plan()
    acts, laps, sess, sets, inj = frames(plan)
    settings = Settings.from_dict(json.loads((ROOT / "sample_logs" / "athlete.json").read_text())["settings"])
    results = compute_all(acts, None, laps, sess, sets, inj, settings, plan.end)
    expected = json.loads((ROOT / "demo" / "expected.json").read_text())
    return results, expected


def test_the_injury_after_the_long_run_spike_is_flagged_moderate(story):
    r, exp = story
    w = r.injury_windows.set_index("onset")
    achilles = w.loc[pd.Timestamp(exp["spike"]["date"]) + pd.Timedelta(days=3)]
    assert achilles["counted"] and achilles["top_spike_category"] == exp["spike"]["category"] == "moderate"
    assert achilles["top_spike_date"] == pd.Timestamp(exp["spike"]["date"])
    assert achilles["top_spike_ratio"] == pytest.approx(exp["spike"]["ratio"], abs=1e-4)
    spike_run = r.runs[r.runs["local_date"] == pd.Timestamp(exp["spike"]["date"])].iloc[0]
    assert spike_run["prev_longest_m"] == pytest.approx(exp["spike"]["prior_longest_m"])


def test_the_marathon_buildup_where_strength_faded_is_not_kept(story):
    r, exp = story
    got = r.verdicts.set_index("name")
    for b in exp["buildups"]:
        v = got.loc[b["race"]]
        assert v["start"] == pd.Timestamp(b["first_day"]) and v["weeks"] == len(b["weeks"])
        assert [d.isoformat() for d in v["zero_weeks"]] == b["zero_strength_weeks"]
        assert v["weeks_on_target"] == b["weeks_on_target"]
        assert v["sessions_per_week_during"] == pytest.approx(b["sessions_per_week_during"])
        assert v["sessions_per_week_before"] == pytest.approx(b["sessions_per_week_before"])
        assert (v["verdict"] == "kept") == b["kept"]
    assert got.loc["Hamburg Marathon", "verdict"] == "not kept"


def test_counts_agree_with_the_plan(story):
    r, exp = story
    assert r.runs["key_type"].value_counts().to_dict() == exp["key_runs"]
    assert [i["counted"] for i in exp["injuries"]] == r.injury_windows["counted"].tolist()
    weeks = pd.DataFrame(exp["weeks"]).assign(week_start=lambda d: pd.to_datetime(d["week_start"]))
    j = weeks.merge(r.weekly, on="week_start", suffixes=("_exp", ""))
    assert len(j) == len(weeks)
    np.testing.assert_allclose(j["run_distance_m"], j["distance_m"], atol=0.01)
    assert (j["runs"] == j["runs_exp"]).all() and (j["strength_sessions"] == j["strength_sessions_exp"]).all()
    heavy = r.strength_sessions.groupby(r.strength_sessions["local_date"].dt.to_period("W-SUN"))[
        "heavy_lower"
    ].sum()
    assert heavy.sum() == sum(w["heavy_lower_sessions"] for w in exp["weeks"])
    spikes = r.runs[r.runs["spike_category"].isin(["small", "moderate", "large"])]
    assert sorted(spikes["local_date"].dt.date.astype(str)) == sorted(
        s["date"] for s in exp["spikes"] if s["category"] not in ("reference", "return_to_running")
    )


def test_the_deliberate_rule_breaks_and_no_others(story):
    r, exp = story
    got = sorted(
        (
            int(v.rule),
            r.strength_sessions.set_index("session_id").loc[v.session_id, "start_time_local"].isoformat(),
        )
        for v in r.violations.itertuples()
    )
    assert got == sorted((b["rule"], b["strength_start_local"]) for b in exp["rule_breaks"])
    assert r.today == dt.date.fromisoformat(exp["generator"]["last_day"])
