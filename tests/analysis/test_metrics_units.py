"""The metric registry is complete and sourced; unit conversions are exact."""

import math

import numpy as np
import pytest

from analysis import metrics, units
from analysis.settings import Settings

REQUIRED = [
    "srpe", "trimp", "hrtss", "rtss", "time", "distance", "load", "ctl", "atl", "tsb", "ramp",
    "acwr_uncoupled", "acwr_coupled", "acwr_ewma", "acwr_percentile", "monotony", "strain",
    "week_change", "progression", "spike_ratio", "long_run", "quality_run", "buildup",
    "strength_sessions", "buildup_verdict", "heavy_lower", "balance", "volume_load", "e1rm", "risk_ratio",
]  # fmt: skip


def test_every_metric_is_registered_with_a_label_unit_description():
    assert set(REQUIRED) <= set(metrics.METRICS)
    for m in metrics.METRICS.values():
        assert m.label and m.description and m.id == m.id.strip()


def test_every_threshold_names_its_source_and_an_existing_setting():
    fields = set(Settings.__dataclass_fields__)
    for m in metrics.METRICS.values():
        for t in m.thresholds:
            assert t.source, (m.id, t)
            assert t.setting is None or t.setting in fields, (m.id, t.setting)


def test_sources_follow_domain():
    assert "Frandsen et al. 2025" in metrics.get("spike_ratio").source
    assert "Foster 1998" in metrics.get("monotony").source
    assert "Nielsen et al. 2014" in metrics.get("progression").source
    assert "Williams et al. 2017" in metrics.get("acwr_ewma").source
    assert "contested" in metrics.get("acwr_coupled").description
    text = metrics.help_text("monotony")
    assert "warn above: 1.5" in text and "Source: Foster 1998" in text


def test_distance_weight_and_pace_conversions():
    assert units.distance(1609.344, "mi") == pytest.approx(1.0)
    assert units.distance(np.array([5000.0, np.nan]), "km")[0] == 5.0
    assert math.isnan(units.distance(np.array([np.nan]), "km")[0])
    assert units.to_metres(26.2188, "mi") == pytest.approx(42195.0, abs=1)
    assert units.weight(100.0, "lb") == pytest.approx(220.462, abs=1e-3)
    assert units.to_kg(units.weight(80.0, "lb"), "lb") == pytest.approx(80.0)
    assert units.elevation(304.8, "mi") == pytest.approx(1000.0) and units.elevation_label("mi") == "ft"
    assert units.pace_s(1000 / 240, "km") == pytest.approx(240.0)
    assert units.pace_s(1000 / 240, "mi") == pytest.approx(240 * 1.609344)
    assert math.isnan(units.pace_s(0.0))
    assert units.format_pace(245.4) == "4:05 /km" and units.format_pace(float("nan")) == ""
    assert units.parse_pace("4:05") == 245 and units.speed_from_pace(250, "km") == 4.0
    assert units.format_duration(3723) == "1:02:03" and units.format_duration(65) == "1:05"
    with pytest.raises(ValueError):
        units.distance(1.0, "furlong")
    with pytest.raises(ValueError):
        units.parse_pace("4.05")


def test_help_texts_say_the_runners_own_thresholds_not_the_defaults():
    import dataclasses

    mine = dataclasses.replace(
        Settings(),
        long_run_share=0.3,
        long_run_min_s=100 * 60.0,
        buildup_weeks={"marathon": 18, "half": 12, "10k": 10, "5k": 8},
        quality_min_s=15 * 60.0,
        strength_min_session_s=20 * 60.0,
        spike_bounds=(1.2, 1.4, 2.0),
        acwr_chronic_days=35,
    )
    defaults = {m: metrics.help_text(m) for m in metrics.METRICS}
    assert "25 %" in defaults["long_run"] and "90 min" in defaults["long_run"]
    assert "marathon 16 weeks" in defaults["buildup"]
    own = {m: metrics.help_text(m, mine) for m in metrics.METRICS}
    assert "30 %" in own["long_run"] and "100 min" in own["long_run"] and "25 %" not in own["long_run"]
    assert "marathon 18 weeks" in own["buildup"] and "16 weeks" not in own["buildup"]
    assert "15 min" in own["quality_run"] and "20+ minutes" in own["strength_sessions"]
    assert "1.20-1.40 small" in own["spike_ratio"]
    assert "days 8-35 before" in own["acwr_uncoupled"]
    assert metrics.acwr_label("uncoupled", mine) == "last 7 days vs the 28 days before"
    # No label a runner reads names the method by its literature's jargon.
    assert not any(
        w in metrics.acwr_label(m) for m in metrics.ACWR_LABELS for w in ("coupled", "EWMA", "ACWR")
    )
