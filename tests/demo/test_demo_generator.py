"""The demo generator: deterministic, honest about its story, and sample_logs/ cannot drift from it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from garmin_fit_sdk import Encoder

from demo.__main__ import DEFAULT_EXPECTED, DEFAULT_OUT, main
from demo.checks import spike_ratios, validate
from demo.expected import expected_json
from demo.fitstrength import encode_strength
from demo.fitwriter import CachingEncoder, encode_cardio, file_name
from demo.generate import fit_jobs, render, text_files
from demo.model import Cardio, Segment
from demo.plan import make_plan

SAMPLE_LOGS = DEFAULT_OUT
STORY_DAYS = (
    "2025-07-26",
    "2025-07-29",
    "2025-09-19",
    "2025-10-07",
    "2025-10-09",
    "2025-10-19",
    "2025-11-06",
    "2026-04-19",
    "2026-08-18",
    "2026-10-04",
)


@pytest.fixture(scope="module")
def plan():
    return make_plan()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_generations_give_identical_bytes(tmp_path: Path) -> None:
    for name, jobs in (("a", "1"), ("b", "2")):  # two workers must write the same bytes as one
        assert main(["--out", str(tmp_path / name), "--years", "0.15", "--seed", "7", "--jobs", jobs]) == 0
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len([n for n in a if n.endswith(".fit")]) > 20
    assert a == b


def test_another_seed_gives_other_bytes() -> None:
    one = make_plan(seed=7, years=0.15)
    two = make_plan(seed=8, years=0.15)
    assert [r.distance_cm for r in one.runs] != [r.distance_cm for r in two.runs]


def test_sample_logs_equal_a_fresh_generation(plan) -> None:
    """Every file name, every text file and expected.json in full; FIT files by a sample (every 12th
    and the story's days), so that the test stays fast."""
    jobs = fit_jobs(plan, 6, 7)
    on_disk = sorted(p.name for p in (SAMPLE_LOGS / "garmin").glob("*"))
    assert on_disk == sorted(name.split("/")[1] for name in jobs)
    for name, data in text_files(plan, 6).items():
        assert (SAMPLE_LOGS / name).read_bytes() == data, name
    assert DEFAULT_EXPECTED.read_text(encoding="utf-8") == expected_json(plan)
    names = sorted(jobs)
    sample = set(names[::12]) | {n for n in names if n.split("/")[1][:10] in STORY_DAYS}
    assert len(sample) > 40
    fresh = render(plan, 6, 7, only=sample)
    for name in sorted(sample):
        assert (SAMPLE_LOGS / name).read_bytes() == fresh[name], f"{name} differs: run python -m demo"


def test_sample_logs_stay_under_10_mb() -> None:
    total = sum(p.stat().st_size for p in SAMPLE_LOGS.rglob("*") if p.is_file())
    assert 3_000_000 < total < 10_000_000


def test_caching_encoder_writes_the_sdk_encoders_bytes(plan) -> None:
    run = next(r for r in plan.runs if r.kind == "intervals")
    session = next(s for s in plan.strength if s.source == "garmin")
    assert encode_cardio(run, 6, "7", Encoder)[0] == encode_cardio(run, 6, "7", CachingEncoder)[0]
    assert encode_strength(session, 6, "7", Encoder) == encode_strength(session, 6, "7", CachingEncoder)


def test_one_hertz_recording_keeps_every_second() -> None:
    run = Cardio(
        datetime(2026, 1, 4, 8, 0),
        "Europe/Berlin",
        "running",
        "generic",
        "easy",
        (Segment(600, 600 * 300),),
        "tiergarten",
    )
    data, stream = encode_cardio(run, interval_s=1)
    assert stream.samples == list(range(601))
    assert len(data) > 600 * 20


def test_the_plan_tells_the_intended_story(plan) -> None:
    validate(plan)  # no unplanned spikes or rule breaks
    ratios = {run.local_date: (ratio, longest) for run, ratio, longest in spike_ratios(plan.runs)}
    ratio, longest = ratios[date(2025, 7, 26)]
    assert ratio > 1.5 and longest is not None
    achilles = plan.injuries[0]
    assert achilles.time_loss and (achilles.end_date - achilles.onset_date).days >= 7
    assert 2 <= (achilles.onset_date - date(2025, 7, 26)).days <= 5
    assert not [r for r in plan.runs if achilles.onset_date < r.local_date < achilles.end_date]


def test_expected_json_story(plan) -> None:
    e = json.loads(expected_json(plan))
    marathon, half = e["buildups"]
    assert marathon["race_date"] == "2026-04-19" and not marathon["kept"]
    zero = [date.fromisoformat(d) for d in marathon["zero_strength_weeks"]]
    runs_of_zero = max(
        sum(1 for k in range(n) if zero[i] + timedelta(weeks=k) in zero)
        for i in range(len(zero))
        for n in range(1, len(zero) + 1)
        if all(zero[i] + timedelta(weeks=k) in zero for k in range(n))
    )
    assert runs_of_zero >= 4
    assert half["race_date"] == "2026-10-04" and half["kept"] and half["zero_strength_weeks"] == []
    assert all(1 <= w["strength_sessions"] <= 2 for w in half["weeks"])
    assert {b["rule"] for b in e["rule_breaks"]} == {1, 2, 3}
    assert all(v > 0 for v in e["totals"]["strength_by_source"].values())
    assert e["spike"]["date"] == "2025-07-26" and e["spike"]["category"] == "moderate"
    assert len(e["runs_without_hr"]) >= 3
    assert any(x["tz"] == "America/New_York" and x["what"] == "run" for x in e["local_date_differs_from_utc"])
    assert sum(w["runs"] for w in e["weeks"]) == e["totals"]["runs"]
    assert len(e["weeks"]) == 78 and e["weeks"][0]["week_start"] == "2025-05-19"


def test_no_strength_session_is_in_two_sources(plan) -> None:
    starts = [(s.local_date, s.start_local.hour) for s in plan.strength]
    assert len(starts) == len(set(starts))
    days = {s.source: {x.local_date for x in plan.strength if x.source == s.source} for s in plan.strength}
    assert not (days["strong"] & days["hevy"]) and not (days["strong"] & days["garmin"])
    assert not (days["hevy"] & days["garmin"])


def test_file_names_are_local_start_times(plan) -> None:
    ny = next(r for r in plan.runs if r.tz == "America/New_York" and r.start_local.hour >= 20)
    assert file_name(ny.start_local) == "2025-10-07-20-45-00.fit"
    assert ny.start_utc.date() == date(2025, 10, 8)
