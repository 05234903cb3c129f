"""The assumed profile values, said per metric (analysis.assumed)."""

import pandas as pd

from analysis.assumed import assumed, sentence
from analysis.load import DEFAULT_HR_MAX, hr_profile
from analysis.settings import Settings


def test_nothing_set_everything_said():
    s = Settings()
    items = assumed(s, hr_profile(s))
    assert [a.setting for a in items] == [
        "sex",
        "hr_rest",
        "hr_max",
        "threshold_hr",
        "threshold_pace_s_per_km",
    ]
    text = sentence(items)
    assert text.startswith("Assumed: men's TRIMP constants, as your sex is not set; resting HR 60 bpm;")
    assert f"maximum HR {DEFAULT_HR_MAX:.0f} bpm (a common default)" in text
    assert "threshold HR 170 bpm (resting HR + 85% of the heart-rate reserve)" in text
    assert text.endswith("; no threshold pace set, so no rTSS, and quality runs are not found by pace.")
    assert text.count(":") == 1  # the caption's own: no value's text adds another


def test_only_what_a_metric_uses_and_only_when_unset():
    s = Settings(sex="female", hr_rest=50.0)
    # 250: not a plausible maximum; twenty more runs make the log's highest a trusted estimate.
    acts = pd.DataFrame({"max_hr": [181.0, 250.0] + [160.0] * 20})
    p = hr_profile(s, acts)
    assert [a.text for a in assumed(s, p, ["trimp"])] == ["maximum HR 181 bpm (the highest in your log)"]
    assert [a.setting for a in assumed(s, p, ["rtss"])] == ["threshold_pace_s_per_km"]
    assert "quality" not in assumed(s, p, ["rtss"])[0].text
    full = Settings(sex="male", hr_rest=50, hr_max=190, threshold_hr=170, threshold_pace_s_per_km=270)
    assert assumed(full, hr_profile(full)) == [] and sentence([]) == ""


def test_an_hr_max_from_too_few_activities_is_said_as_an_estimate():
    s = Settings()
    p = hr_profile(s, pd.DataFrame({"max_hr": [146.0, 141.0, 139.0]}))
    text = sentence(assumed(s, p))
    assert "maximum HR 146 bpm (the highest of only 3 activities with heart rate in your log" in text
    assert f"fewer than {s.hr_max_min_activities}, so an estimate likely below your real maximum" in text
    assert "not used to find quality runs" in text
    assert "not used to find quality runs" not in sentence(assumed(s, p, ["trimp", "hrtss"]))
    assert text.count(":") == 1
    alone = sentence(assumed(s, p), "Training load assumes")
    assert alone.startswith("Training load assumes men's TRIMP constants") and ":" not in alone


def test_only_what_a_shown_number_rests_on_is_said():
    from analysis.assumed import in_use, uses_hr

    nan = float("nan")
    no_hr = pd.DataFrame(
        {
            "is_run": [True, True],
            "trimp": [nan, nan],
            "hrtss": [nan, nan],
            "rtss": [nan, nan],
            "load_method": ["time", "time"],
        }
    )
    assert not uses_hr(no_hr)
    assert in_use(no_hr) == ("rtss", "quality")  # runs: a threshold pace would give rTSS, quality by pace
    assert in_use(no_hr, ("trimp", "hrtss", "rtss", "quality"), driving=True) == ("quality",)
    strength = no_hr.assign(is_run=False)
    assert in_use(strength) == () and in_use(no_hr.iloc[0:0]) == ()
    s = Settings()
    text = sentence(assumed(s, hr_profile(s), in_use(no_hr), hr=uses_hr(no_hr)))
    assert text == "Assumed: no threshold pace set, so no rTSS, and quality runs are not found by pace."
    with_hr = no_hr.assign(trimp=[40.0, nan], hrtss=[50.0, nan], load_method=["hrtss", "time"])
    assert uses_hr(with_hr) and in_use(with_hr, ("trimp", "hrtss"), driving=True) == ("hrtss",)
    assert "maximum HR" in sentence(assumed(s, hr_profile(s), in_use(with_hr), hr=True))
