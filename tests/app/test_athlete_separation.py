"""Two athletes in one database never meet: every page, with every tab and expander AppTest draws,
and every export of one athlete holds nothing of the other's (tests/athlete_pair.py marks
everything each brings). The scan reads every element a page drew as Streamlit sends it (text,
tables, chart data, widget labels and options); it must find the athlete's own marker where their
names are shown, so that a scan that saw nothing cannot pass. Both athletes' pages run in one
process, as a server's sessions do: a cache keyed without the athlete would serve one's data to the
other, and the scan would find it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest
from app_helpers import APP, PAGES
from athlete_pair import PAIR
from streamlit.testing.v1 import AppTest

# The Roster is about every athlete at once, by design: the one page left out.
SEPARATE_PAGES = [p for p in PAGES if p != "pages/roster.py"]
# Pages that show names the files brought (activity, workout, exercise, race names, notes): the
# athlete's own marker must be found there.
SHOWS_NAMES = ("pages/activities.py", "pages/plan.py", "pages/settings.py", "pages/strength.py")


@pytest.fixture()
def pair(athlete_pair):
    return athlete_pair


def _walk(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _walk(child)


def drawn(at: AppTest) -> bytes:
    """Everything the run drew, as the bytes Streamlit sends the browser (lower case): markdown,
    captions, alerts, metrics, tab and expander labels, widget labels, options and values, chart
    figures and tables (Arrow bytes, whose strings are plain UTF-8)."""
    protos = (getattr(n, "proto", None) for n in _walk(at._tree))
    return b"\n".join(p.SerializeToString() for p in protos if hasattr(p, "SerializeToString")).lower()


def opened(pair, name: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["athlete_id"] = pair.ids[name]
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("name", list(PAIR))
def test_no_page_of_one_athlete_shows_the_other(pair, use_db, name):
    use_db(pair.path)
    own, other = pair.marker(name).encode(), pair.marker(pair.other(name)).encode()
    seen_own = []
    for page in SEPARATE_PAGES:
        at = opened(pair, name, page)
        text = drawn(at)
        assert other not in text, (page, text[max(0, text.find(other) - 300) : text.find(other) + 100])
        if own in text:
            seen_own.append(page)
    assert set(SHOWS_NAMES) <= set(seen_own), seen_own


def _zip_texts(blob: bytes) -> dict[str, bytes]:
    """Each member of an export zip as text bytes (Parquet read back, as its strings may be compressed)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for member in z.namelist():
            raw = z.read(member)
            if member.endswith(".parquet"):
                raw = pd.read_parquet(io.BytesIO(raw)).to_csv(index=False).encode()
            out[member] = raw.lower()
    return out


@pytest.mark.parametrize("name", list(PAIR))
def test_the_settings_zip_of_one_athlete_holds_nothing_of_the_other(pair, name):
    from analysis import Settings, compute_all
    from store import connect, read
    from ui import export

    con = connect(pair.export_path, read_only=True)
    try:
        aid = pair.ids[name]
        s = Settings.from_dict(read.settings(con, aid))
        res = compute_all(
            read.activities(con, aid),
            read.hr_seconds(con, aid),
            read.laps(con, aid),
            read.strength_sessions(con, aid),
            read.strength_sets(con, aid),
            read.injuries(con, aid),
            s,
            pair.today,
            read.pace_seconds(con, aid),
        )
        members = _zip_texts(export.zip_bytes(con, aid, res))
    finally:
        con.close()
    own, other = pair.marker(name).encode(), pair.marker(pair.other(name)).encode()
    assert [m for m, text in members.items() if other in text] == []
    for table in (
        "tables/sources.csv",
        "tables/activities.csv",
        "tables/injuries.csv",
        "tables/planned_sessions.csv",
    ):
        assert own in members[table], table


@pytest.mark.parametrize("name", list(PAIR))
def test_the_command_line_export_of_one_athlete_holds_nothing_of_the_other(pair, name, tmp_path):
    from cli import export as cli_export
    from store import connect, read

    out = tmp_path / "out"
    assert cli_export.main(["--db", str(pair.export_path), "--athlete", name, "--out", str(out)]) == 0
    files = {p.name: p.read_bytes().lower() for p in out.iterdir()}
    other = pair.marker(pair.other(name)).encode()
    assert [f for f, text in files.items() if other in text] == []
    # The export names no activity by name: its runs are told by their ids.
    con = connect(pair.export_path, read_only=True)
    try:
        ids = {n: set(read.activities(con, i)["activity_id"].astype(int)) for n, i in pair.ids.items()}
    finally:
        con.close()
    runs = set(pd.read_csv(out / "runs.csv")["activity_id"].astype(int))
    assert runs and runs <= ids[name] and not runs & ids[pair.other(name)]


@pytest.mark.parametrize("name", list(PAIR))
def test_the_weekly_report_of_one_athlete_holds_nothing_of_the_other(pair, name, tmp_path):
    from cli import report as cli_report

    out = tmp_path / "report"
    week = pair.today - dt.timedelta(days=7)
    argv = ["--db", str(pair.export_path), "--athlete", name, "--week", week.isoformat(), "--out", str(out)]
    assert cli_report.main([*argv, "--today", pair.today.isoformat()]) == 0
    pages = [p.read_bytes() for p in out.rglob("*.html")]
    assert len(pages) == 1
    html = pages[0].lower()
    assert name.lower().encode() in html and pair.marker(name).encode() in html  # theirs: name, race
    assert pair.marker(pair.other(name)).encode() not in html
