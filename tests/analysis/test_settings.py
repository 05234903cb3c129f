import datetime as dt
import json

from analysis.settings import Race, Settings


def test_defaults_follow_domain():
    s = Settings()
    assert s.week_start == 0 and s.units_distance == "km" and s.units_weight == "kg"
    assert s.load_method == "auto" and s.policy == "easy-day"
    assert (s.ctl_days, s.atl_days) == (42, 7)
    assert s.spike_bounds == (1.10, 1.30, 2.00) and s.spike_lookback_days == 30
    assert s.strength_target_base == (2, 3) and s.strength_target_buildup == (1, 2)
    assert s.buildup_weeks == {"marathon": 16, "half": 12, "10k": 10, "5k": 8} and s.taper_weeks == 2
    assert s.injury_window_days == 7 and s.injury_sensitivity_windows == (14, 28)
    assert s.injury_after_return_days == 28 and s.injury_min_injuries == 5
    assert s.monotony_warn == 1.5 and s.monotony_flag == 2.0 and s.monotony_cap == 10
    assert s.progression_threshold == 0.30
    assert s.defaults_used() == ["sex", "hr_rest", "hr_max", "threshold_hr", "threshold_pace_s_per_km"]


def test_round_trip_through_json():
    s = Settings(
        sex="female",
        hr_rest=48,
        hr_max=188,
        threshold_pace_s_per_km=255.0,
        week_start=6,
        races=(Race(dt.date(2025, 4, 27), "marathon", "London"),),
        policy="hard-day",
    )
    back = Settings.from_dict(json.loads(json.dumps(s.to_dict())))
    assert back == s
    assert back.threshold_speed_mps == 1000.0 / 255.0


def test_missing_unknown_and_bad_values_are_tolerated():
    s, problems = Settings.from_dict_problems(
        {
            "hr_max": "185",
            "week_start": 9,
            "policy": "whenever",
            "no_such_key": 1,
            "races": [{"date": "2025-10-12", "distance": "Half Marathon", "name": "Cardiff"}],
            "acwr_reference": [0.7, 1.2],
            "new_lifter": "true",
        }
    )
    assert s.hr_max == 185.0 and s.week_start == 0 and s.policy == "easy-day"
    assert s.races == (Race(dt.date(2025, 10, 12), "half", "Cardiff"),)
    assert s.acwr_reference == (0.7, 1.2) and s.new_lifter is True
    assert {p.split(":")[0] for p in problems} == {"week_start", "policy"}
    assert Settings.from_dict(None) == Settings() == Settings.from_dict({})


def test_a_bad_race_keeps_the_default_race_list():
    s, problems = Settings.from_dict_problems({"races": [{"date": "2025-01-01", "distance": "ultra"}]})
    assert s.races == () and problems


def test_units_are_one_choice():
    s, problems = Settings.from_dict_problems({"units_distance": "mi", "units_weight": "lb"})
    assert (s.units_distance, s.units_weight, problems) == ("mi", "lb", [])
    s, problems = Settings.from_dict_problems({"units_distance": "km", "units_weight": "lb"})
    assert (s.units_distance, s.units_weight) == ("km", "kg") and "weights are shown in kg" in problems[0]
    assert Settings.from_dict({"units_weight": "lb"}).units_distance == "mi"  # a pair from one half
    assert Settings.from_dict({}).units_weight == "kg"
