"""The weekly report's HTML (ui.report_html) on the test athletes: self-contained (plotly.js inlined
once, no http(s) reference in a src or href, no external font, style or image), holding the week's
figures, and written in the pages' words: nothing missing as None, nan or NaT, no internal words.
Then `python -m analysis report` (and `python -m cli report`) end to end on a database file."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs
from test_athletes_text import BAD_WORDS

import config
from analysis import week_of
from cli.report import main
from demo.athletes import injured_race_day
from store import connect
from ui import report_html

TODAY = dt.date.today()
OUTSIDE = re.compile(r"<(?:link|img|iframe|object|embed)\b|@import|url\(", re.I)


class Attributes(HTMLParser):
    """Every tag and attribute of the document (a script's text is its text, not the document's:
    plotly.js holds URLs in strings that it never fetches with the report's configuration)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def outside_references(page: str) -> list[str]:
    """src and href attributes that reach out of the file (http, https or protocol-relative)."""
    parser = Attributes()
    parser.feed(page)
    return [
        f"<{tag} {k}={v}>"
        for tag, attrs in parser.tags
        for k, v in attrs.items()
        if k in ("src", "href") and v and re.match(r"\s*(https?:)?//", v, re.I)
    ]


FIGURE = re.compile(r'Plotly\.newPlot\(\s*"(fig-[a-z]+)"')


def visible(page: str) -> str:
    """The text a reader sees: scripts, styles and tags left out."""
    page = re.sub(r"<(script|style|title)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def bad_words(page: str) -> list[str]:
    text = visible(page)
    return [
        f"{what}: {m.group(0)!r} in …{text[max(m.start() - 60, 0) : m.end() + 20]}…"
        for what, pattern in BAD_WORDS
        for m in pattern.finditer(text)
    ]


def weeks_of(name: str, res) -> list[dt.date]:
    """The weeks worth a report for each athlete: the latest with data, and the special ones."""
    days = pd.to_datetime(pd.concat([res.loads["local_date"], res.strength_sessions["local_date"]]))
    weeks = [days.max().date(), days.min().date(), days.min().date() - dt.timedelta(days=21)]
    if name == "demo":
        weeks += [dt.date(2026, 3, 10), pd.Timestamp(res.violations["date"].iloc[0]).date()]
    if name == "injured_racing":
        weeks.append(injured_race_day(TODAY))
    return weeks


def test_the_report_is_self_contained_and_holds_its_figures(results_today):
    res = results_today("demo")
    page = report_html.report(res, dt.date(2026, 3, 12), "Anna K.")
    assert not outside_references(page)
    # No font, style sheet or image from anywhere.
    assert not OUTSIDE.findall(re.sub(r"<script\b.*?</script>", "", page, flags=re.S))
    assert page.count(get_plotlyjs()) == 1  # plotly.js inlined once, not once per chart
    assert FIGURE.findall(page) == ["fig-weekly", "fig-fitness", "fig-acwr"]
    text = visible(page)
    assert "Anna K.: the week from Mon 09 Mar 2026" in text
    for words in (
        "Fitness (CTL)",
        "Form (TSB)",
        "Acute:chronic ratio (last 7 days vs the 21 days before)",
        "right calf",
        "Strength against the target",
        "target 1-2 a week (build-up)",
    ):
        assert words in text, words
    # The articles by title and author, as the pages cite them.
    assert '"Strength training for runners" (Middle Age Marathoner)' in text
    assert not bad_words(page)


@pytest.mark.parametrize("name", ["demo", "injured_racing", "strength_only", "newcomer"])
def test_every_week_reads_in_the_pages_words(results_today, name):
    res = results_today(name)
    for week in weeks_of(name, res):
        page = report_html.report(res, week, name)
        assert not bad_words(page), (name, week, bad_words(page))
        assert not outside_references(page)
        text = visible(page)
        if name == "strength_only":  # no running at all: said, not a table of zeros
            assert "No run in this week" in text and "Running distance" not in text
            assert "no training load in the 42 days up to" in text and "Fitness (CTL)" not in text
            assert "fig-fitness" not in page and "fig-weekly" not in page


def test_a_week_without_data_says_so_and_where_the_data_is(results_today):
    res = results_today("newcomer")
    first = pd.Timestamp(res.runs["local_date"].min()).date()
    text = visible(report_html.report(res, first - dt.timedelta(days=30), "newcomer"))
    assert "No run, strength session or other activity in this week." in text
    assert f"The log holds training from {first:%a %d %b %Y}" in text
    assert f"the next day after it is {first:%a %d %b %Y}" in text
    ahead = visible(report_html.report(res, TODAY + dt.timedelta(days=14), "newcomer"))
    assert "This week has not begun" in ahead and "Load" not in ahead


def test_the_injured_racers_race_week(results_today):
    res = results_today("injured_racing")
    race_day = injured_race_day(TODAY)
    text = visible(report_html.report(res, race_day, "injured_racing"))
    assert "Race: Stadtlauf Halbmarathon" in text and "ongoing" in text and "right calf" in text


def test_file_name_is_safe():
    assert (
        report_html.file_name("Anna K./../x", dt.date(2026, 1, 5))
        == "runstrong-week-2026-01-05-Anna_K._.._x.html"
    )
    assert report_html.file_name("..", dt.date(2026, 1, 5)) == "runstrong-week-2026-01-05-athlete.html"


def test_the_command_line_writes_the_report(athlete_db, tmp_path, capsys):
    # A copy: the command line opens the file read-only, which DuckDB refuses while this process
    # holds it open for writing since an earlier page test.
    db = tmp_path / "db.duckdb"
    shutil.copyfile(athlete_db("injured_racing"), db)
    out = tmp_path / "reports"
    assert main(["--db", str(db), "--week", TODAY.isoformat(), "--out", str(out)]) == 0
    files = list(out.glob("*.html"))
    assert len(files) == 1 and "wrote" in capsys.readouterr().out
    page = files[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and not outside_references(page)
    # A week that has not begun, and a database that is not there: refused, said, nothing written.
    later = (TODAY + dt.timedelta(days=21)).isoformat()
    assert main(["--db", str(db), "--week", later, "--out", str(tmp_path / "none")]) == 2
    assert "has not begun" in capsys.readouterr().err and not (tmp_path / "none").exists()
    assert main(["--db", str(tmp_path / "missing.duckdb"), "--week", later, "--out", str(out)]) == 2
    assert "no database at" in capsys.readouterr().err


@pytest.fixture(scope="module")
def two_athletes(tmp_path_factory) -> Path:
    """One database, two athletes: the injured racer as "Anna K." and the newcomer as "Ben"."""
    from athletes import athlete_paths

    from ingest.pipeline import ingest_paths
    from store import athletes

    folder = tmp_path_factory.mktemp("two-athletes")
    path = folder / "coach.duckdb"
    con = connect(path)
    try:
        for name, who in (("Anna K.", "injured_racing"), ("Ben", "newcomer")):
            files = athlete_paths(who, folder / who, TODAY, None)
            done = ingest_paths(con, files, folder / "raw", workers=1, athlete=athletes.ensure(con, name))
            assert not [r for r in done if r.status == "failed"]
    finally:
        con.close()
    return path


def test_the_command_line_reports_the_athlete_named(two_athletes, tmp_path, capsys):
    out = tmp_path / "out"
    day = TODAY.isoformat()
    assert main(["--db", str(two_athletes), "--week", day, "--out", str(out)]) == 2
    assert "Anna K." in capsys.readouterr().err  # several athletes: refused, naming them
    assert main(["--db", str(two_athletes), "--week", day, "--out", str(out), "--athlete", "Cy"]) == 2
    assert main(["--db", str(two_athletes), "--week", day, "--out", str(out), "--athlete", "Anna K."]) == 0
    # The dispatcher, as a coach types it, in a process of its own; both spellings write the same file.
    week = week_of(TODAY, 0)
    for spelling, folder in (("analysis", out), ("cli", tmp_path / "cli")):
        command = [sys.executable, "-m", spelling, "report", "--db", str(two_athletes), "--week", day]
        done = subprocess.run(
            [*command, "--out", str(folder), "--athlete", "Ben"],
            capture_output=True,
            text=True,
            cwd=config.ROOT,
        )
        assert done.returncode == 0 and "wrote" in done.stdout, done.stderr
    name = f"runstrong-week-{week}-Ben.html"
    assert (out / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    anna = visible((out / f"runstrong-week-{week}-Anna_K.html").read_text(encoding="utf-8"))
    ben = visible((out / f"runstrong-week-{week}-Ben.html").read_text(encoding="utf-8"))
    assert "Anna K.: the week" in anna and "right calf" in anna
    assert "Ben: the week" in ben and "right calf" not in ben and "Stadtlauf" not in ben


DOWNLOADS = """
import datetime as dt
import io
import zipfile

import streamlit as st

from ui import report_html

week = dt.date.fromisoformat("{week}")
files = zipfile.ZipFile(io.BytesIO(report_html.reports_zip(week)))
st.session_state["zip"] = {{n: files.read(n).decode() for n in files.namelist()}}
st.session_state["one"] = {{
    a: (report_html.week_report_name(a, week), report_html.week_report(a, week)) for a in (1, 2)
}}
# What a download button's data makes when clicked (on a thread of its own, without the session).
later = zipfile.ZipFile(io.BytesIO(report_html.reports_zip_later(week)()))
st.session_state["zip_later"] = {{n: later.read(n).decode() for n in later.namelist()}}
st.session_state["one_later"] = {{a: report_html.week_report_later(a, week)() for a in (1, 2)}}
"""


def test_the_dashboards_downloads_are_the_command_lines_reports(two_athletes, use_db, tmp_path):
    """Every athlete's report in one zip, and one athlete's, as the dashboard makes them (the chosen
    athlete's from the cache, the other's computed aside): the same files as the command line's."""
    from streamlit.testing.v1 import AppTest

    app_db = tmp_path / "app.duckdb"  # the app's own file: its connection writes, the command line reads
    shutil.copy(two_athletes, app_db)
    use_db(app_db)
    at = AppTest.from_string(DOWNLOADS.format(week=TODAY.isoformat()), default_timeout=120).run()
    assert not at.exception
    out = tmp_path / "cli"
    for name in ("Anna K.", "Ben"):
        day = TODAY.isoformat()
        assert main(["--db", str(two_athletes), "--week", day, "--out", str(out), "--athlete", name]) == 0
    cli = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    assert at.session_state["zip"] == cli
    one = dict(at.session_state["one"].values())
    assert one == cli
    assert at.session_state["zip_later"] == cli
    assert sorted(at.session_state["one_later"].values()) == sorted(cli.values())


def test_the_roster_download_buttons(two_athletes, use_db, tmp_path):
    """The week, the athlete and two buttons whose files are made when clicked (deferred)."""
    from streamlit.testing.v1 import AppTest

    app_db = tmp_path / "app.duckdb"
    shutil.copy(two_athletes, app_db)
    use_db(app_db)
    script = "import datetime as dt\nfrom ui import data, report_download\n"
    script += f"report_download.roster_reports(data.athletes(), dt.date.fromisoformat('{TODAY}'))\n"
    at = AppTest.from_string(script, default_timeout=60).run()
    assert not at.exception
    assert at.selectbox(key="roster_report_athlete").options == ["Anna K.", "Ben"]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Anna K.'s report", "Every athlete's report (2 files, zip)"]
    assert all(b.proto.deferred_file_id for b in buttons)  # made on the click, not on every run
    at.selectbox(key="roster_report_athlete").set_value(2).run()
    assert at.get("download_button")[0].proto.label == "Ben's report"


def test_the_overview_offers_the_chosen_athletes_report(demo_db, use_db):
    """The Overview's download (the Roster page, for a coach, offers every athlete's): the weeks with
    data, the latest first, and a button whose file is made when clicked, named by the week."""
    from app_helpers import open_app

    use_db(demo_db)
    at = open_app()
    assert not at.exception
    week = at.selectbox(key="overview_report_week")
    assert week.label == "Weekly report, the week from"
    assert week.options[0] == "Mon 09 Nov 2026" and week.value == dt.date(2026, 11, 9)  # the latest first
    (button,) = at.get("download_button")
    assert button.proto.label == "Download the report" and button.proto.deferred_file_id


def test_the_roster_page_offers_every_athletes_report(two_athletes, use_db, tmp_path):
    """On the Roster page (a coach's install): the week from the page's As of day, one athlete's
    report and every athlete's zip."""
    from app_helpers import open_app

    from ui.page import ROSTER

    app_db = tmp_path / "app.duckdb"
    shutil.copy(two_athletes, app_db)
    use_db(app_db)
    at = open_app()
    at.switch_page(ROSTER).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key="roster_report_week").value == at.date_input(key="roster_day").value
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Anna K.'s report", "Every athlete's report (2 files, zip)"]
