import analysis_factory as f

from analysis.alerts import open_warnings
from analysis.compute import compute_all
from analysis.settings import Settings

BASE = [{"activity_id": i + 1, "day": 2 * i, "km": 10, "avg_hr": 140} for i in range(21)]


def results(runs, sessions=None, sets=None, injuries=None, today=45, **settings):
    s = Settings(hr_rest=50, hr_max=190, sex="female", threshold_hr=170, detect_min_weeks=100, **settings)
    return compute_all(f.activities(runs), None, None, sessions, sets, injuries, s, f.day(today))


def warnings(runs, sessions=None, sets=None, injuries=None, today=45, **settings):
    return open_warnings(results(runs, sessions, sets, injuries, today, **settings))


def topics(alerts):
    return [(a["level"], a["topic"]) for a in alerts]


def test_a_large_spike_this_week_is_a_warning_on_the_injury_page():
    out = warnings([*BASE, {"activity_id": 99, "day": 43, "km": 25, "avg_hr": 140}])
    spike = [a for a in out if a["topic"] == "injury"]
    assert spike and spike[0]["level"] == "warning" and "large" in spike[0]["message"]
    assert spike[0]["source"].startswith("Frandsen") and spike[0]["activity_id"] == 99


def test_an_old_spike_is_not_open_any_more():
    """A spike stays open for the 14 days up to today (days 32-45 on day 45): one on day 31 is a
    spike still, but no longer a warning; the same run two days later is."""
    for day, is_open in ((31, False), (33, True)):
        r = results([*BASE, {"activity_id": 99, "day": day, "km": 25, "avg_hr": 140}])
        spike = r.runs.set_index("activity_id").loc[99]
        assert spike["spike_category"] == "large", day
        alerts = [a for a in open_warnings(r) if a["topic"] == "injury"]
        assert [a["activity_id"] for a in alerts] == ([99] if is_open else []), day


def test_no_strength_last_week_in_base_is_info_and_unset_profile_points_to_settings():
    out = warnings(BASE)
    strength = [a for a in out if a["topic"] == "strength"]
    assert strength and strength[0]["level"] == "info" and "target 2-3" in strength[0]["message"]
    s = Settings(detect_min_weeks=100)
    r = compute_all(f.activities(BASE), None, None, None, None, None, s, f.day(45))
    assert ("info", "settings") in topics(open_warnings(r))
    assert ("info", "settings") not in topics(out)


def test_the_assumed_profile_is_one_plain_sentence():
    """Nothing of the profile set and the load from heart rate: the open warning says what the load
    assumes in one sentence, with no colon (once it read "Load: Assumed: resting HR ..."); with
    maximum HRs from only three activities (an estimate) too."""
    s = Settings(detect_min_weeks=100)
    few = [{**r, "max_hr": 170 + k} if k < 3 else r for k, r in enumerate(BASE)]
    for runs in (BASE, few):
        r = compute_all(f.activities(runs), None, None, None, None, None, s, f.day(45))
        (said,) = [a["message"] for a in open_warnings(r) if a["topic"] == "settings"]
        assert said.startswith("Training load assumes ") and "resting HR 60 bpm" in said, said
        assert ":" not in said and said.endswith(")."), said
    assert "maximum HR 172 bpm (the highest of only 3 activities" in said


def test_a_rule_break_in_the_last_two_weeks_is_listed_with_its_source():
    # A strength session on the long-run day (rule 2, easy-day policy), day 40.
    sessions = f.sessions([{"session_id": 1, "day": 40, "hour": 18}])
    sets = f.sets([(1, "squat", "lower", "working", 5, 60)])
    runs = [*BASE[:-1], {"activity_id": 21, "day": 40, "km": 11, "avg_hr": 140}]  # the week's long run
    out = warnings(runs, sessions, sets)
    rules = [a for a in out if a["topic"] == "schedule"]
    assert rules and rules[0]["level"] == "warning" and rules[0]["source"]
    assert out == sorted(out, key=lambda a: a["level"] != "warning")  # warnings first


def test_an_ongoing_injury_is_open():
    inj = f.injuries([{"onset": 44, "end": None}])
    out = warnings(BASE, injuries=inj)
    assert any(a["topic"] == "injury" and "ongoing" in a["message"] for a in out)
