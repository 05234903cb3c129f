"""Nobody's strings run as code: activity names, session names, exercise names, injury notes and
file names reach the page as text (never HTML, never Markdown that loads an image or a link), and
the CSV export neutralises cells a spreadsheet would run as a formula."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from athletes import only_athlete
from google.protobuf.message import Message
from reliability_checks import store_problems
from streamlit.testing.v1 import AppTest

import config
from analysis.export import FORMULA_START
from ingest.pipeline import ingest_uploads
from store.db import connect
from ui import data, export

HTML = "<img src=x onerror=alert(1)>"
MD = "![pixel](http://tracker.invalid/p.png)[click](javascript:alert(1))"
SHORT_MD = "![p](http://t.invalid/p.png)"  # fits the progress line's last 60 characters
FORMULA = '=HYPERLINK("http://evil.invalid","open")'
PAGES = [
    "pages/overview.py",
    "pages/load.py",
    "pages/strength.py",
    "pages/injury.py",
    "pages/activities.py",
    "pages/schedule.py",
    "pages/settings.py",
    "pages/upload.py",
]
UNSAFE_CALLS = {"html", "components.html", "components.v1.html", "iframe", "components.iframe"}


# --- the code: no raw HTML with anything but constants ------------------------------------------


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def _dotted(func: ast.expr) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def _module_string_constants(tree: ast.Module) -> set[str]:
    """Names bound once, at module level, to a string literal (a fixed script or snippet): passing
    one is passing the literal, not HTML built from data."""
    bound: dict[str, int] = {}
    literal: set[str] = set()
    for node in ast.walk(tree):
        for target in [*getattr(node, "targets", []), getattr(node, "target", None)]:
            if isinstance(target, ast.Name):
                bound[target.id] = bound.get(target.id, 0) + 1
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            literal.add(node.targets[0].id)
    return {name for name in literal if bound.get(name) == 1}


def test_no_page_renders_raw_html_built_from_data():
    files = [
        config.ROOT / "app.py",
        *sorted((config.ROOT / "pages").glob("*.py")),
        *sorted((config.ROOT / "ui").glob("*.py")),
    ]
    offending = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        fixed = _module_string_constants(tree)
        for call in _calls(tree):
            name = _dotted(call.func)
            unsafe_kw = any(
                k.arg == "unsafe_allow_html"
                and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                for k in call.keywords
            )
            raw = any(name == u or name.endswith("." + u) for u in UNSAFE_CALLS) and name.split(".")[0] in (
                "st",
                "components",
            )
            literal = [
                isinstance(a, ast.Constant) or (isinstance(a, ast.Name) and a.id in fixed) for a in call.args
            ]
            if (unsafe_kw or raw) and not all(literal):
                offending.append(f"{path.relative_to(config.ROOT)}:{call.lineno} {name}")
    assert not offending


# --- the pages: a hostile log shown everywhere ---------------------------------------------------


def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode()


def _hostile_store(path: Path) -> None:
    today = dt.date.today()
    day = [(today - dt.timedelta(days=n)).isoformat() for n in range(40)]
    runs = [["date", "time", "sport", "name", "distance_km", "duration_min", "avg_hr", "max_hr", "rpe"]]
    runs += [[day[n], "07:00", "run", f"Easy {n}", 8, 45, 140, 160, 4] for n in range(3, 40, 2)]
    runs += [
        [day[2], "07:00", "run", HTML, 10, 50, 150, 170, 6],
        [day[4], "18:00", "run", MD, 6, 32, 145, 165, 5],
        [day[6], "18:00", "run", FORMULA, 5, 30, 140, 160, 5],
    ]
    sets = [["date", "time", "session_name", "exercise", "set_type", "reps", "weight_kg"]]
    for n in (1, 8, 15):
        sets += [
            [day[n], "18:00", MD, HTML, "working", 8, 40],
            [day[n], "18:00", MD, MD, "working", 8, 30],
            [day[n], "18:00", MD, "+" + FORMULA, "working", 5, 20],
            [day[n], "18:00", MD, "Squat", "working", 5, 60],
        ]
    injuries = [
        ["onset_date", "end_date", "body_area", "severity", "time_loss", "medical_visit", "note"],
        [day[20], day[12], HTML, "minor", "true", "false", MD],
        [day[30], day[25], MD, "niggle", "false", "false", "@SUM(1+1)"],
    ]
    con = connect(path)
    results = ingest_uploads(
        con,
        [
            ("runs.csv", _csv(runs)),
            ("strength.csv", _csv(sets)),
            ("injuries.csv", _csv(injuries)),
            (f"{HTML}.csv", b"not,a,known\nformat,at,all\n"),
        ],
        path.parent / "raw",
    )
    assert [r.status for r in results] == ["ok", "ok", "ok", "failed"], [
        (r.file_name, r.message) for r in results
    ]
    assert not store_problems(con)
    con.close()


def _strings(msg: Message, path: str = ""):
    """(field path, text) of every string field in a protobuf message, nested ones included."""
    for field, value in msg.ListFields():
        values = (
            [value] if isinstance(value, str | bytes | Message) or not hasattr(value, "__iter__") else value
        )
        for v in values:
            if isinstance(v, Message):
                yield from _strings(v, f"{path}.{field.name}")
            elif isinstance(v, str):
                yield f"{path}.{field.name}", v


def _json_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _json_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _json_strings(v)


# Element types whose text is shown literally (no Markdown, no HTML).
LITERAL = {"text", "code", "arrow_data_frame", "arrow_table", "dataframe", "json", "exception"}
# Fields holding option values (plain text in the widget), not labels.
OPTION_FIELDS = {
    "options",
    "default",
    "value",
    "raw_value",
    "string_value",
    "string_array_value",
    "formatted_options",
    "id",
    "form_id",
    "page_script_hash",
    "query_string",
    "data",
    "default_value",
}


def unsafe_spots(at: AppTest) -> list[str]:
    found = []
    for node in at._tree:
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "")
        if not isinstance(proto, Message) or kind in LITERAL:
            continue
        allow_html = bool(getattr(proto, "allow_html", False))
        for where, text in _strings(proto):
            if kind == "plotly_chart" and where.endswith("spec"):
                text = " ".join(_json_strings(json.loads(text)))  # the JSON writes '<' as \\u003c
            if HTML not in text and MD not in text and "<img" not in text:
                continue
            last = where.rsplit(".", 1)[-1]
            if kind == "plotly_chart":
                if "<img" in text:  # plotly reads some tags in labels: names must arrive escaped
                    found.append(f"plotly {where}: unescaped HTML")
            elif kind == "html":
                found.append(f"st.html {where}")
            elif last in OPTION_FIELDS:
                continue
            elif MD in text:
                found.append(f"{kind} {where}: Markdown image/link from data: {text[:80]!r}")
            elif HTML in text and allow_html:
                found.append(f"{kind} {where}: HTML allowed")
    return found


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    _hostile_store(path)
    return path


@pytest.mark.parametrize("page", PAGES)
def test_hostile_names_appear_as_text_on_every_page(hostile_db, page, monkeypatch):
    monkeypatch.setenv("RUNSTRONG_DB", str(hostile_db))
    monkeypatch.setenv("RUNSTRONG_RAW", str(hostile_db.parent / "raw"))
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=120).run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    assert not unsafe_spots(at)


def test_a_hostile_run_and_session_in_the_activity_detail(hostile_db, monkeypatch):
    monkeypatch.setenv("RUNSTRONG_DB", str(hostile_db))
    monkeypatch.setenv("RUNSTRONG_RAW", str(hostile_db.parent / "raw"))
    con = data.connection(str(hostile_db))  # the app's own connection in this process holds the file
    (run_id,) = con.execute("SELECT activity_id FROM activities WHERE name = ?", [HTML]).fetchone()
    (md_id,) = con.execute("SELECT activity_id FROM activities WHERE name = ?", [MD]).fetchone()
    (session_id,) = con.execute("SELECT max(session_id) FROM strength_sessions").fetchone()
    for key in (f"a{run_id}", f"a{md_id}", f"s{session_id}"):
        at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=120).run()
        at.query_params["activity"] = key
        at.switch_page("pages/activities.py").run()
        assert not at.exception, (key, at.exception)
        assert not unsafe_spots(at), key
        heading = " ".join(n.value for n in at._tree if getattr(n, "type", "") == "subheader")
        tables = " ".join(n.value.to_csv() for n in at._tree if getattr(n, "type", "") == "dataframe")
        if key == f"a{run_id}":
            assert "\\<img src=x onerror" in heading  # escaped: shown as text
        elif key == f"a{md_id}":
            assert "\\!\\[pixel\\]" in heading  # escaped: no image, no link
        else:
            assert HTML in tables and MD in tables  # the sets table: exercise names as data


# --- the export: no formulas --------------------------------------------------------------------


def test_the_csv_export_neutralises_formulas(hostile_db):
    con = data.connection(str(hostile_db))
    zipped = export.zip_bytes(con, only_athlete(con), None)
    risky, seen = [], set()
    with zipfile.ZipFile(io.BytesIO(zipped)) as z:
        for name in z.namelist():
            if not name.endswith(".csv"):
                continue
            for row in csv.reader(io.StringIO(z.read(name).decode("utf-8"))):
                for cell in row:
                    seen.add(cell)
                    if cell.startswith(FORMULA_START) and not _is_number(cell):
                        risky.append((name, cell))
    assert not risky
    assert f"'{FORMULA}" in seen and f"'+{FORMULA}" in seen and "'@SUM(1+1)" in seen


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_the_import_progress_shows_archive_member_names_as_text(tmp_path, monkeypatch):
    """A zip's member names are the archive's author's, not the runner's: the progress line that
    names each member must not render them as Markdown (an image there loads from anywhere)."""
    import streamlit

    shown: list[str] = []

    class Bar:
        def progress(self, value, text=None):
            shown.append(text or "")

        def empty(self):
            pass

    def progress(value, text=None):
        shown.append(text or "")
        return Bar()

    monkeypatch.setattr(streamlit, "progress", progress)
    monkeypatch.setenv("RUNSTRONG_DB", str(tmp_path / "db.duckdb"))
    monkeypatch.setenv("RUNSTRONG_RAW", str(tmp_path / "raw"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"runs/{SHORT_MD}.csv", _csv([["date", "distance_km"], ["2025-01-01", 5]]))
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("export.zip", buf.getvalue(), "application/zip"))
    next(b for b in at.button if b.label == "Import files").click().run()
    assert not at.exception, at.exception
    named = [t for t in shown if "invalid" in t]
    assert named, shown
    assert not [t for t in named if SHORT_MD in t], named
