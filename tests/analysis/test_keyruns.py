"""Key runs: long, quality (laps, pace, HR, name), race (docs/metrics.md)."""

import datetime as dt

import pandas as pd
from analysis_factory import activities, day, hr_seconds

from analysis.keyruns import key_runs
from analysis.load import hr_profile, session_loads
from analysis.settings import Race, Settings

S = Settings(hr_rest=50, hr_max=190, threshold_pace_s_per_km=240.0)  # threshold HR 169


def keys(rows, laps=None, hs=None, s=S, pace=None):
    acts = activities(rows)
    runs = session_loads(acts, hs, s)
    return key_runs(runs[runs["is_run"]], s, hr_profile(s), laps, hs, pace).set_index("activity_id")


def pace_seconds(rows: dict[int, dict[int, float]]) -> pd.DataFrame:
    """{activity_id: {pace s/km: seconds}} -> pace_seconds rows."""
    out = [(aid, p, sec) for aid, d in rows.items() for p, sec in d.items()]
    return pd.DataFrame(out, columns=["activity_id", "pace_s_per_km", "seconds"])


def laps_frame(aid, pattern, speed=3.0, seconds=300.0):
    return pd.DataFrame(
        {
            "activity_id": aid,
            "lap_index": range(len(pattern)),
            "intensity": pattern,
            "moving_s": seconds,
            "elapsed_s": seconds,
            "distance_m": speed * seconds,
            "avg_speed_mps": speed,
        }
    )


def test_long_run_rules():
    k = keys(
        [
            # week 1: 5, 5, 5, 15 km: 15 is 50 % of the week -> long
            {"activity_id": 1, "day": 0, "km": 5},
            {"activity_id": 2, "day": 1, "km": 5},
            {"activity_id": 3, "day": 2, "km": 5},
            {"activity_id": 4, "day": 5, "km": 15},
            # week 2: seven 10 km runs and a 12 km of 60 min: 12 / 82 < 25 %, < 90 min -> none
            *[{"activity_id": 10 + i, "day": 7 + i, "km": 10} for i in range(6)],
            {"activity_id": 20, "day": 13, "km": 12, "minutes": 60},
            {"activity_id": 21, "day": 13, "km": 10},
            # week 3: 12 km of 95 min in a 100 km week -> long by time
            *[{"activity_id": 30 + i, "day": 14 + i, "km": 11.0} for i in range(6)],
            {"activity_id": 40, "day": 20, "km": 12, "minutes": 95},
            {"activity_id": 41, "day": 20, "km": 11},
        ]
    )
    assert set(k.index[k["is_long"]]) == {4, 40}
    assert k.loc[4, "key_type"] == "long"


def test_quality_by_laps_pace_hr_and_name():
    rows = [
        {"activity_id": 1, "day": 0, "km": 8},  # alternating work/rest laps
        {"activity_id": 2, "day": 1, "km": 8},  # all active laps (auto-lap): not quality
        {"activity_id": 3, "day": 2, "km": 8},  # 2 x 444 s at 4.5 m/s, faster than 4:00/km
        {"activity_id": 4, "day": 3, "km": 8},  # 700 s at >= threshold HR
        {"activity_id": 5, "day": 4, "km": 8},  # 500 s at threshold HR: not enough
        {"activity_id": 6, "day": 5, "km": 8, "name": "Hill reps in the park"},
        {"activity_id": 7, "day": 6, "km": 8, "name": "Race preps chat"},  # 'preps' is not 'reps'
        {"activity_id": 8, "day": 7, "km": 8, "name": "Tuesday Intervals"},
    ]
    laps = pd.concat(
        [
            laps_frame(1, ["warmup", "active", "rest", "interval", "recovery", "active", "rest", "cooldown"]),
            laps_frame(2, ["active"] * 8),
            laps_frame(3, ["active", "active", "active"], speed=4.5, seconds=444.0).assign(
                avg_speed_mps=[3.0, 4.5, 4.5]
            ),
        ]
    )
    hs = hr_seconds({4: {170: 400.0, 175: 300.0, 150: 900.0}, 5: {169: 500.0}})
    k = keys(rows, laps=laps, hs=hs)
    assert k["quality_reason"].to_dict() == {
        1: "work laps",
        2: None,
        3: "threshold pace",
        4: "threshold HR",
        5: None,
        6: "name",
        7: None,
        8: "name",
    }
    assert k.loc[1, "key_type"] == "quality"
    assert k.loc[7, "is_race"]  # 'Race' in the name marks a race


def test_pace_reads_the_stream_wherever_there_is_one():
    rows = [
        {"activity_id": 1, "day": 0, "km": 12},  # a 15-min tempo inside one long, slower lap
        {"activity_id": 2, "day": 1, "km": 12},  # 9 min 59 s at threshold: not enough
        {"activity_id": 3, "day": 2, "km": 12},  # fast laps, but its stream says they were not
        {"activity_id": 4, "day": 3, "km": 12},  # no stream: its laps decide
    ]
    one_lap = pd.concat([laps_frame(a, ["active"], speed=3.5, seconds=3000.0) for a in (1, 2)])
    fast_laps = pd.concat([laps_frame(a, ["active"] * 3, speed=4.5, seconds=300.0) for a in (3, 4)])
    pace = pace_seconds(
        {
            1: {230: 300.0, 240: 600.0, 241: 60.0, 300: 2000.0},  # 900 s at or faster than 4:00
            2: {240: 599.0, 241: 1200.0},
            3: {241: 900.0, 290: 2000.0},
        }
    )
    k = keys(rows, laps=pd.concat([one_lap, fast_laps]), pace=pace)
    assert k["quality_reason"].to_dict() == {1: "threshold pace", 2: None, 3: None, 4: "threshold pace"}
    # Without the stream, lap averages alone: the tempo inside one lap is missed.
    assert not keys(rows, laps=pd.concat([one_lap, fast_laps])).loc[1, "is_quality"]


def test_races_from_flag_name_and_settings():
    s = Settings(races=(Race(day(3), "10k", "Town 10k"),))
    k = keys(
        [
            {"activity_id": 1, "day": 0, "km": 5, "is_race": True},
            {"activity_id": 2, "day": 1, "km": 5, "name": "Saturday parkrun"},
            {"activity_id": 3, "day": 3, "km": 2, "name": "warm-up"},
            {"activity_id": 4, "day": 3, "km": 10},
            {"activity_id": 5, "day": 4, "km": 10},
        ],
        s=s,
    )
    assert set(k.index[k["is_race"]]) == {1, 2, 4}
    assert k.loc[4, "key_type"] == "race"  # race wins over long
    assert pd.isna(k.loc[5, "key_type"])
    assert isinstance(day(3), dt.date)


def test_an_hr_max_read_from_a_few_easy_runs_makes_no_easy_run_quality():
    # Three easy runs, 40 min each at 140-146 bpm; nothing set: HRmax is the log's highest (146),
    # so the derived threshold HR (60 + 0.85 x 86 = 133) sits below the easy pace's heart rate.
    rows = [{"activity_id": i, "day": 2 * i, "km": 8, "max_hr": 146.0 - i, "avg_hr": 142.0} for i in range(3)]
    hs = hr_seconds({i: {140: 1200.0, 144: 1200.0} for i in range(3)})
    unset = Settings()
    acts = activities(rows)
    profile = hr_profile(unset, acts)
    assert profile.hr_max == 146 and profile.hr_max_activities == 3 and profile.hr_max_thin
    runs = session_loads(acts, hs, unset, profile)
    k = key_runs(runs, unset, profile, None, hs)
    assert not k["is_quality"].any(), k["quality_reason"].tolist()
    # The same log with the minimum met (or a threshold HR the runner set) is judged by heart rate.
    enough = Settings(hr_max_min_activities=3)
    p2 = hr_profile(enough, acts)
    assert not p2.hr_max_thin and key_runs(runs, enough, p2, None, hs)["is_quality"].all()
    own = Settings(threshold_hr=135)
    assert key_runs(runs, own, hr_profile(own, acts), None, hs)["quality_reason"].eq("threshold HR").all()
    # A maximum the runner set is no estimate.
    assert not hr_profile(Settings(hr_max=150), acts).hr_max_thin


def test_a_weeks_only_run_is_its_long_run_and_says_why():
    # The rule sets no minimum distance: a 2.9 km run alone in its week is that week's long run.
    from analysis.activitylist import activity_list, run_type_text, table
    from analysis.compute import compute_all
    from analysis.sessionview import caption

    rows = [
        {"activity_id": 1, "day": 2, "km": 2.9},  # alone in week 1
        {"activity_id": 2, "day": 8, "km": 5},  # week 2: 5 and 8 km -> 8 km is long, not alone
        {"activity_id": 3, "day": 10, "km": 8},
        {"activity_id": 4, "day": 16, "km": 14, "minutes": 95},  # alone in week 3 but 95 min: long by time
    ]
    k = keys(rows)
    assert set(k.index[k["is_long"]]) == {1, 3, 4}
    assert k["long_only_run"].to_dict() == {1: True, 2: False, 3: False, 4: False}
    assert (
        run_type_text("long", True) == "long (the week's only run)" and run_type_text("long", False) == "long"
    )
    assert run_type_text(None) == "" and run_type_text("quality", True) == "quality"
    res = compute_all(activities(rows), settings=S, today=day(16))
    listed = activity_list(res.loads, res.runs, res.strength_sessions).set_index("activity_id")
    assert caption(listed.loc[1]) == "running · long run (the week's only run)"
    assert caption(listed.loc[3]) == "running · long run"
    shown = table(listed.reset_index(), "km")
    assert sorted(shown["run type"]) == ["", "long", "long", "long (the week's only run)"]
