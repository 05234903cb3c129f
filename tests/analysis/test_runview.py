import numpy as np
import pandas as pd
import pytest

from analysis.runview import run_streams


def records(n=600, speed=3.0, with_speed=True):
    t = pd.Timestamp("2024-01-01 08:00") + pd.to_timedelta(np.arange(n), unit="s")
    return pd.DataFrame(
        {
            "timestamp_utc": t,
            "distance_m": np.arange(n) * speed,
            "speed_mps": np.full(n, speed) if with_speed else np.nan,
            "heart_rate": 140.0,
            "altitude_m": 30.0,
            "cadence_spm": 170.0,
        }
    )


def test_streams_from_speed_and_from_distance_agree():
    a = run_streams(records())
    b = run_streams(records(with_speed=False))
    assert a["elapsed_s"].iloc[-1] == 599 and a["distance_m"].iloc[-1] == pytest.approx(599 * 3)
    assert a["speed_mps"].iloc[10:].to_numpy() == pytest.approx(3.0)
    assert b["speed_mps"].iloc[10:].to_numpy() == pytest.approx(3.0)


def test_standing_still_has_no_pace_and_long_runs_are_thinned():
    r = records(n=10_000)
    r.loc[100:200, "speed_mps"] = 0.0
    out = run_streams(r, max_points=2000)
    assert len(out) <= 2000
    assert out["speed_mps"].isna().any()  # the stop is a gap, not a 0 m/s pace
    assert run_streams(r.iloc[0:0]).empty


def test_pace_ticks_read_min_ss_and_cover_the_paces():
    from analysis.runview import pace_label, pace_ticks

    values, labels = pace_ticks(pd.Series([322.0, 335.0, 351.0, np.nan]))  # 5:22 .. 5:51 /km
    assert labels == ["5:20", "5:30", "5:40", "5:50", "6:00"]
    assert all(":" in x and "." not in x for x in labels)
    assert values[0] <= 322 and values[-1] >= 351 and len(values) <= 8
    wide, wide_labels = pace_ticks(np.array([240.0, 600.0]))  # 4:00 .. 10:00
    assert wide_labels[0] == "4:00" and wide[-1] >= 600 and len(wide) <= 7
    assert pace_ticks(np.array([np.nan])) == ([], [])
    assert pace_label(329.6) == "5:30" and pace_label(np.nan) == ""


def test_avg_hr_from_the_stream_when_the_session_has_none():
    from analysis.runview import stream_avg_hr

    r = records()
    r.loc[:99, "heart_rate"] = np.nan
    r.loc[100:, "heart_rate"] = np.linspace(130, 150, len(r) - 100)
    assert stream_avg_hr(r) == pytest.approx(140.0)
    assert stream_avg_hr(r.assign(heart_rate=np.nan)) is None
    assert stream_avg_hr(r.iloc[0:0]) is None


def test_route_drops_missing_fixes_and_keeps_the_shape():
    from analysis.runview import route, route_aspect

    r = records(n=50)
    r["lat_deg"] = np.r_[[0.0, np.nan], np.linspace(60.0, 60.01, 48)]
    r["lon_deg"] = np.r_[[0.0, np.nan], np.linspace(10.0, 10.02, 48)]
    track = route(r)
    assert len(track) == 48 and track["lat_deg"].min() >= 60.0
    assert route_aspect(track) == pytest.approx(np.cos(np.radians(60.005)), rel=1e-4)  # ~0.5 at 60 N
    assert route(records()).empty  # no position columns: no route
    assert route(r.assign(lat_deg=np.nan)).empty


def test_loads_table_follows_the_units_and_says_only_true_reasons():
    from analysis.runview import loads_table, missing_loads

    load = pd.Series(
        {
            "hrtss": 50.0,
            "trimp": 80.0,
            "trimp_basis": "stream",
            "rtss": np.nan,
            "rtss_basis": None,
            "srpe": np.nan,
            "time_min": 60.0,
            "distance_km": 16.09344,
            "load_method": "hrtss",
            "is_run": True,
        }
    )
    mi = loads_table(load, "mi").set_index("method")
    assert mi.loc["distance", "unit"] == "mi" and mi.loc["distance", "value"] == pytest.approx(10.0)
    assert mi.loc["hrTSS", "drives the charts"] == "yes" and mi.loc["hrTSS", "from"] == "HR stream"
    assert "km" not in set(mi["unit"])
    why = missing_loads(load, has_hr=True, threshold_pace_set=False)
    assert not any("heart rate" in w for w in why)  # it has heart rate: never say it lacks it
    assert any(w.startswith("rTSS") and "threshold pace" in w for w in why)
    no_hr = load.copy()
    no_hr[["hrtss", "trimp"]] = np.nan
    assert any("no heart rate" in w for w in missing_loads(no_hr, has_hr=False, threshold_pace_set=True))


def test_laps_table_names_numbered_intensities_and_follows_the_units():
    from analysis.runview import laps_table

    laps = pd.DataFrame(
        {
            "lap_index": [0, 1, 2],
            "distance_m": [1609.344, 800.0, np.nan],
            "moving_s": [420.0, np.nan, 60.0],
            "elapsed_s": [430.0, 300.0, 60.0],
            "avg_speed_mps": [np.nan, np.nan, np.nan],
            "avg_hr": [150.0, np.nan, 120.0],
            "intensity": ["5", "active", None],
        }
    )
    t = laps_table(laps, "mi")
    assert t["intensity"].tolist() == ["interval", "active", ""]
    assert t["distance (mi)"].iloc[0] == pytest.approx(1.0) and t["pace"].iloc[0] == "7:00 /mi"
    assert t["time"].tolist() == ["7:00", "5:00", "1:00"] and t["pace"].iloc[2] == ""
    assert t["lap"].tolist() == [1, 2, 3]
