"""The Strength and Injury signal pages on the demo athlete: the build-up verdicts and the injury
signal are over the whole log, whatever the sidebar's range; nothing missing reads as None or nan;
the injury counts say what they count, in plain words."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from app_helpers import open_app
from athletes import ATHLETE_PARAMS, only_athlete

# The day the tests take as today: after the demo's last race (Köln, 2026-10-04).
TODAY = dt.date(2026, 12, 7)
BAD = re.compile(r"\b(None|nan|NaN|NaT)\b|seeds? \d|\w\.md\b|exposed|unexposed")


@pytest.fixture()
def clock(monkeypatch):
    monkeypatch.setattr("ui.whole_log.clock", lambda: TODAY)


def no_errors(at) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def texts(at) -> list[str]:
    """Every text the page shows: markdown, captions, alerts, metrics, and table cells."""
    out = [e.value for kind in ("markdown", "caption", "info", "warning", "subheader") for e in at.get(kind)]
    out += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    for t in [*at.dataframe, *at.table]:
        df = t.value
        out += [str(c) for c in df.columns] + [str(i) for i in df.index]
        out += [str(v) for v in df.astype(str).to_numpy().ravel()]
    return out


def verdict_table(at):
    return next(d.value for d in at.dataframe if "verdict" in d.value.columns).set_index("build-up")


@pytest.mark.parametrize(
    "span",
    [(dt.date(2025, 12, 1), dt.date(2026, 3, 11)), (dt.date(2026, 1, 1), dt.date(2026, 6, 30))],
    ids=["range ends inside the build-up", "range ends after the race"],
)
def test_the_verdict_is_over_the_whole_build_up_whatever_the_range(demo_db, use_db, clock, span):
    use_db(demo_db)
    at = open_app("pages/strength.py", span=span)
    no_errors(at)
    ham = verdict_table(at).loc["Hamburg Marathon"]
    # The demo drops strength in February: 7 of the 16 build-up weeks on target (as the demo's
    # demo/expected.json records from its plan), whatever day the range ends on.
    assert ham["verdict"] == "not kept" and ham["weeks on target"] == "7 of 16" and ham["share"] == "44 %"
    assert at.get("plotly_chart"), "the verdicts are drawn"
    # The latest build-up (Köln, October 2026) lies after both ranges: it is shown, and said so.
    assert any("Köln Halbmarathon" in c.value and "after the range" in c.value for c in at.caption)
    bad = [t for t in texts(at) if BAD.search(t)]
    assert not bad, bad


def test_a_range_without_a_build_up_shows_the_latest_and_where_it_is(demo_db, use_db, clock):
    use_db(demo_db)
    at = open_app("pages/strength.py", span=(dt.date(2025, 6, 2), dt.date(2025, 9, 28)))
    no_errors(at)
    note = next(c.value for c in at.caption if "lies" in c.value)
    assert "Köln Halbmarathon" in note and "after the range" in note and "2026" in note
    gap = next(m for m in at.metric if m.label == "Longest gap in the range")
    # The gap's days carry their years and lie inside the range.
    days = re.findall(r"\d{2} \w{3} \d{4}", gap.delta)
    assert len(days) == 2, gap.delta  # a gap in the past: both its days
    first, last = (dt.datetime.strptime(d, "%d %b %Y").date() for d in days)
    assert dt.date(2025, 6, 2) <= first <= last <= dt.date(2025, 9, 28)
    assert int(gap.value.split()[0]) == (last - first).days + 1
    for m in at.metric[:2]:
        assert re.fullmatch(r"\d{1,3} %", m.value), m.value  # rounded, with a space


@pytest.mark.realdata
def test_a_log_without_strength_says_so(use_db, tmp_path, realdata, clock):
    from ingest.pipeline import ingest_paths
    from store.db import connect

    db = use_db(tmp_path / "runs.duckdb")
    con = connect(db)
    ingest_paths(con, [realdata / "fit_run" / "sportslib__6782987395.fit"], tmp_path / "raw")
    con.close()
    at = open_app("pages/strength.py")
    no_errors(at)
    assert any("No strength sessions yet" in i.value for i in at.info)
    assert not any("No training yet" in i.value for i in at.info), "the runs are training"
    at = open_app("pages/injury.py")
    no_errors(at)
    assert any("No injuries logged yet" in i.value for i in at.info)


def injury_counts(at) -> str:
    return next(m.value for m in at.markdown if "injuries logged" in m.value or "injury logged" in m.value)


def test_the_injury_signal_is_over_the_whole_log_in_plain_words(demo_db, use_db, clock):
    use_db(demo_db)
    at = open_app("pages/injury.py", span=(dt.date(2025, 6, 2), dt.date(2025, 9, 28)))
    no_errors(at)
    early = injury_counts(at)
    runs = at.table[0].value
    at2 = open_app("pages/injury.py", span=(dt.date(2026, 5, 1), dt.date(2026, 11, 15)))
    no_errors(at2)
    assert injury_counts(at2) == early, "the whole log does not change with the range"
    assert at2.table[0].value.equals(runs)
    # The demo's log: 5 injuries, 2 of them counted (the Achilles with a physio visit, 19 days; the
    # plantar fascia, 10 days restricted), 3 niggles.
    assert "**5 injuries logged**, 2 counted as injuries" in early and "3 shorter niggles left out" in early
    assert "followed by an injury within 7 days" in runs.columns
    assert "injuries after them" in runs.columns and "runs" in runs.columns
    days = at.table[1].value
    assert "days with it" in days.columns
    # The confounders once, on the page.
    shown = " ".join(texts(at))
    assert shown.count("illness") == 1 and shown.count("reverse causation") == 1
    bad = [t for t in texts(at) if BAD.search(t)]
    assert not bad, bad


def test_an_ongoing_injury_with_time_loss_counts_from_onset_to_today(demo_db, use_db, tmp_path, clock):
    from store import edits
    from store.db import connect
    from ui import data

    db = use_db(tmp_path / "demo-injured.duckdb")
    shutil.copy(demo_db, db)
    con = connect(db)
    edits.add_injury(
        con,
        only_athlete(con),
        {
            "onset_date": dt.date(2026, 12, 1),
            "end_date": None,
            "body_area": "right knee",
            "severity": "moderate",
            "time_loss": True,
            "medical_visit": False,
        },
    )
    con.close()
    data.connection.clear()
    # A range that ends 2 days after the onset: the injury counts all the same, its 7th day of
    # restricted running being today (1 to 7 December).
    at = open_app("pages/injury.py", span=(dt.date(2026, 6, 1), dt.date(2026, 12, 3)))
    no_errors(at)
    counts = injury_counts(at)
    assert "**6 injuries logged**, 3 counted as injuries" in counts and "1 ongoing" in counts
    each = at.table[-1].value
    knee = each[each["body area"] == "right knee"].iloc[0]
    assert knee["back to running"] == "ongoing" and knee["days"] == "7 days so far"
    assert knee["counted as"].startswith("injury: running stopped or restricted 7+ days")


@pytest.mark.parametrize(
    ("end", "shown"),
    [(dt.date(2026, 4, 19), True), (dt.date(2026, 5, 17), True), (dt.date(2026, 5, 18), False)],
)
def test_overview_sums_up_the_build_up_for_four_weeks_after_the_race(demo_db, use_db, end, shown):
    use_db(demo_db)
    at = open_app("pages/overview.py", span=(dt.date(2025, 12, 1), end))
    no_errors(at)
    recap = [w.value for w in at.warning if w.value.startswith("**After Hamburg Marathon**")]
    if not shown:
        assert not recap
        return
    assert len(recap) == 1
    assert "**not kept: 7 of 16 weeks on target (44 %)**, 9 weeks without any session." in recap[0]


@pytest.mark.parametrize("page", ["pages/strength.py", "pages/injury.py"])
@pytest.mark.parametrize("athlete", ATHLETE_PARAMS)
def test_strength_and_injury_pages_read_right_on_every_athlete(shown_page, athlete, page):
    """The default range of every test athlete: no exception, nothing missing read as None or nan,
    no internal word."""
    at = shown_page(athlete, page)
    no_errors(at)
    bad = [t for t in texts(at) if BAD.search(t)]
    assert not bad, bad
