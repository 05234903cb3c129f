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
    assert "no threshold pace set: no rTSS, quality runs not found by pace" in text


def test_only_what_a_metric_uses_and_only_when_unset():
    s = Settings(sex="female", hr_rest=50.0)
    acts = pd.DataFrame({"max_hr": [181.0, 250.0]})  # 250: not a plausible maximum
    p = hr_profile(s, acts)
    assert [a.text for a in assumed(s, p, ["trimp"])] == ["maximum HR 181 bpm (the highest in your log)"]
    assert [a.setting for a in assumed(s, p, ["rtss"])] == ["threshold_pace_s_per_km"]
    assert "quality" not in assumed(s, p, ["rtss"])[0].text
    full = Settings(sex="male", hr_rest=50, hr_max=190, threshold_hr=170, threshold_pace_s_per_km=270)
    assert assumed(full, hr_profile(full)) == [] and sentence([]) == ""
