"""The Schedule check page on athletes who are not the demo (strength only, runs only) and on the
demo: nothing missing shown as None/nan, no internal words, an empty check said in words, the
rules and hours read from analysis.schedule and Settings."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from app_helpers import open_app
from athletes import ATHLETE_PARAMS, only_athlete

from analysis.articles import ARTICLES
from analysis.schedule import BASIS_LABELS, POLICY_INFO, RULES, rule_names
from analysis.settings import Settings
from store import settings_write
from store.db import connect

DEMO_SPAN = (dt.date(2025, 5, 19), dt.date(2026, 3, 11))
FORBIDDEN = re.compile(r"\b(None|nan|NaN|NaT|seeds?\s+0\d\d)\b|\w\.md\b|\bseed\b")


def page_text(at) -> str:
    """Everything the page shows as text: markdown, captions, alerts, metrics, tables, options."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "success", "warning", "error", "subheader")
        for e in at.get(kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for frame in [d.value for d in at.dataframe] + [t.value for t in at.table]:
        parts += [str(c) for c in frame.columns] + [str(x) for x in frame.astype(str).to_numpy().ravel()]
    for r in at.radio:
        parts += [str(o) for o in r.options]
    for sb in at.selectbox:
        parts += [str(o) for o in sb.options]
    return "\n".join(parts).replace("\\", "")  # markdown escapes


def under(shown_page, athlete: str, policy: str):
    """The page of a test athlete with its default range, under `policy` (chosen on the page's
    radio unless it is the default, the easy-day school), shared (conftest.py shown_page)."""
    if policy == "easy-day":
        return shown_page(athlete, "pages/schedule.py")
    return shown_page(athlete, "pages/schedule.py", schedule_policy=policy)


def clean(at) -> str:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    text = page_text(at)
    bad = FORBIDDEN.findall(text)
    assert not bad, (bad, text)
    return text


@pytest.mark.parametrize("athlete", ATHLETE_PARAMS)
@pytest.mark.parametrize("policy", list(POLICY_INFO))
def test_every_athlete_sees_no_missing_value_nor_internal_word(shown_page, athlete, policy):
    clean(under(shown_page, athlete, policy))


def test_a_strength_only_athlete_is_told_there_is_nothing_to_check(shown_page):
    at = under(shown_page, "strength_only", "easy-day")
    text = clean(at)
    assert "No runs in this range" in text and "There is no run before it" in text
    assert not at.get("plotly_chart") and not at.metric, "no chart or zero counts when nothing is checked"
    assert at.table, "the week view still lays out the strength days"


def test_a_runs_only_athlete_is_told_there_is_nothing_to_check(shown_page):
    at = under(shown_page, "old_runs", "easy-day")
    text = clean(at)
    assert "No strength sessions in this range" in text and "There is no strength session before it" in text
    assert not at.get("plotly_chart") and not at.metric


@pytest.mark.parametrize("policy", list(POLICY_INFO))
def test_the_demo_cites_articles_by_title_and_rules_from_the_one_list(demo_db, use_db, policy):
    use_db(demo_db)
    at = open_app("pages/schedule.py", span=DEMO_SPAN)
    if policy != "easy-day":
        at.radio(key="schedule_policy").set_value(policy).run()
    text = clean(at)
    s = Settings()
    for key in POLICY_INFO[policy].rules:
        assert RULES[key].label(s) in text
    assert ARTICLES["run_smarter"].title in text  # the sample week's article, by title
    assert "Assumed: threshold HR" in text  # quality runs: the demo sets its threshold pace, not its HR
    assert "threshold pace" not in text
    assert all(ARTICLES[k].title in text for k in POLICY_INFO[policy].articles)
    breaks = at.dataframe[0].value
    assert set(breaks["rule"]) <= {RULES[k].name for k in POLICY_INFO[policy].rules}
    assert breaks["guidance"].notna().all() and set(breaks["checked by"]) <= set(BASIS_LABELS.values())


@pytest.mark.parametrize("policy", list(POLICY_INFO))
def test_rules_read_as_words_and_checked_by_says_what_was_used(shown_page, policy):
    """injured_racing lifts on its quality-run days: each break names its rule and how it was checked,
    in the table, the chart's legend and the week laid out day by day; no bare rule number."""
    at = under(shown_page, "injured_racing", policy)
    text = clean(at)
    names = rule_names(policy)
    breaks = at.dataframe[0].value
    assert len(breaks) and set(breaks["rule"]) <= set(names.values())
    assert set(breaks["checked by"]) <= set(BASIS_LABELS.values())
    if policy == "easy-day":  # strength on a quality-run day: a rule about days, said so
        # (The log's first days may break another rule: its first calendar week is partial, so a
        # tempo run there can be that week's long run, depending on the weekday of the date.)
        quality_days = breaks[breaks["rule"] == RULES[4].name]
        assert len(quality_days) >= 8 and set(quality_days["checked by"]) == {BASIS_LABELS["day"]}
    legend = {t["name"] for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    assert legend == set(breaks["rule"])
    assert not re.search(r"^\d+$", text, re.M), "a rule is named, never a bare number"
    cells = [c for c in at.table[0].value["rule breaks"] if c.strip()]
    assert all(n in names.values() for c in cells for n in c.split("; "))


def test_the_hours_in_the_rules_follow_settings(demo_db, use_db, tmp_path):
    db = use_db(tmp_path / "demo.duckdb")
    shutil.copy(demo_db, db)
    con = connect(db)
    settings_write.save_settings(
        con, only_athlete(con), {"heavy_before_key_s": 36 * 3600, "hard_day_within_s": 2 * 3600}
    )
    con.close()
    from ui import data

    data.connection.clear()
    at = open_app("pages/schedule.py", span=DEMO_SPAN)
    text = clean(at)
    assert "in the 36 h before a key run" in text and "24 h" not in text
    at.radio(key="schedule_policy").set_value("hard-day").run()
    text = clean(at)
    assert "within 2 h after" in text and "3 h" not in text
