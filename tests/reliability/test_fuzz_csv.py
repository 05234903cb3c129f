"""CSVs nobody planned for (Hypothesis): random headers, real headers with columns missing, values
of the wrong type, odd encodings (UTF-8 with BOM, Latin-1, UTF-16, UTF-16 without BOM), empty
files. Whatever comes in: no parser crash, a message for anything not ok, and what is written
lands whole."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from athletes import only_athlete
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_checks import examples, fixed_seed, result_problems, store_problems

from ingest.formats import CSV_FORMATS
from ingest.pipeline import commit, ingest_uploads, prepare
from store.db import connect

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "ingest" / "templates"
# The demo athlete's app exports and injury log (real formats, written by `python -m demo`) and the
# project's templates: the exports any clone reads; the corpus adds other people's.
SAMPLE_CSVS = [ROOT / "sample_logs" / n for n in ("strong.csv", "hevy_workouts.csv", "injuries.csv")]
SOURCES = ["sample_logs", pytest.param("realdata", marks=pytest.mark.realdata)]
REAL_CSVS = [
    "csv_activities/stravainsights__activities.csv",
    "csv_activities/stravainsights__manual_activities.csv",
    "csv_strength/harrig12__strong.csv",
    "csv_strength/strongstats__sample_strong.csv",
    "csv_strength/strongstats__sample_strong_legacy.csv",
]
# The columns the readers look for, plus real headers' others: random headers are drawn from these.
KNOWN = sorted(
    {name for f in CSV_FORMATS for group in f.needs for name in group}
    | {
        "Workout Name",
        "Duration",
        "Weight",
        "Reps",
        "RPE",
        "Seconds",
        "Weight Unit",
        "Distance",
        "Time",
        "title",
        "end_time",
        "set_type",
        "weight_kg",
        "weight_lbs",
        "reps",
        "duration_seconds",
        "rpe",
        "Activity Name",
        "Elapsed Time",
        "Moving Time",
        "Filename",
        "Average Heart Rate",
        "Calories",
        "time",
        "sport",
        "name",
        "duration_min",
        "avg_hr",
        "race",
        "session_name",
        "end_date",
        "severity",
        "note",
        "time_loss",
        "Avg HR",
        "Title",
        "Workout #",
        "Perceived Exertion",
    }
)
SHAPES = [list(f.needs) for f in CSV_FORMATS]

DATES = st.sampled_from([
    "2024-05-01", "2024-05-01 07:30:00", "2024-05-01T07:30:00Z", "2024-05-01T07:30:00+14:00",
    "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01", "9999-12-31 23:59",
    "May 1, 2024, 7:30:00 AM", "Oct 30, 2023, 00:00:00 PM", "15 Sep 2025, 07:48", "01.05.2024 07:30",
    "02/30/2024", "2024-13-45", "yesterday", "31.12.1899", "1 Mär 2024, 07:00",
])  # fmt: skip
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["1e999", "-1e999", "1,234.5", "1.234,5", "62,5", "12.3km", "--", "n/a", "0", "-0",
                     "1h 5m", "23:43", "1:02:03", "45:12,3", "99:99:99", "::", "1e-320", "\u00a0"]),
)  # fmt: skip
CELLS = st.one_of(
    DATES, NUMBERS, st.text(max_size=30),
    st.sampled_from(["", "Run", "Ride", "Swim", "warmup", "normal", "failure", "dropset", "W", "D", "Rest Timer",
                     "lbs", "kg", "true", "ja", "severe", "knee", "Squat (Barbell)", '<img src=x onerror=alert(1)>',
                     "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"]),
)  # fmt: skip


def headers():
    real = (
        st.sampled_from(SHAPES)
        .flatmap(lambda groups: st.tuples(*[st.sampled_from(g) for g in groups]).map(list))
        .flatmap(lambda cols: st.lists(st.sampled_from(KNOWN), max_size=6).map(lambda more: cols + more))
    )
    dropped = real.flatmap(
        lambda cols: st.sets(st.sampled_from(cols)).map(lambda gone: [c for c in cols if c not in gone])
    )
    random_ = st.lists(st.one_of(st.sampled_from(KNOWN), st.text(max_size=12)), min_size=1, max_size=10)
    return st.one_of(real, dropped, random_).flatmap(st.permutations)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(headers())
    # Each column mostly gets values of its kind (a date under a date column), so rows get past
    # the first check and reach the code behind it; sometimes anything at all.
    kinds = [DATES if any(w in str(h).lower() for w in ("date", "time")) else NUMBERS for h in header]
    row = st.tuples(*[st.one_of(kind, kind, CELLS) for kind in kinds]).map(list)
    ragged = st.lists(CELLS, min_size=max(0, len(header) - 2), max_size=len(header) + 2)
    rows = draw(st.lists(st.one_of(row, row, row, ragged), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buf = io.StringIO()
    writer = csv.writer(
        buf,
        delimiter=delimiter,
        lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
    )
    writer.writerow(header)
    writer.writerows(rows)
    return encode(buf.getvalue(), draw(st.sampled_from(ENCODINGS)))


ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be"]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    con = connect(tmp_path_factory.mktemp("csvfuzz") / "fuzz.duckdb")
    yield con
    assert not store_problems(con)
    con.close()


@pytest.mark.fuzz
@settings(
    max_examples=examples(300),
    deadline=None,
    derandomize=fixed_seed(),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=csv_files())
def test_a_random_csv_never_crashes_and_lands_whole(data, store):
    prepared = prepare("export.csv", data)
    assert not result_problems(prepared), (data[:300], prepared.result.message)
    written = commit(store, only_athlete(store), prepared)
    assert written.file_name == "export.csv" and written.status in (
        "ok",
        "partial",
        "failed",
        "skipped",
        "duplicate",
    )
    if written.status not in ("ok",):
        assert written.message
    assert not store_problems(store)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\r\n\r\n",
        b" , , \n",
        b"\x00\x00",
        "Date,Exercise Name,Set Order\n".encode("utf-16"),
        b"date,distance_km\n",
    ],
)
def test_an_empty_csv_fails_with_its_name_and_a_reason(data, db, raw_dir):
    (r,) = ingest_uploads(db, [("empty.csv", data)], raw_dir)
    assert r.file_name == "empty.csv" and r.status == "failed", r
    assert r.message and "unexpected error" not in r.message
    assert not store_problems(db)


def _rows(result):
    """The rows a result brings, NaN as None (NaN equals nothing, itself included)."""
    acts = [{k: v for k, v in a.activity.items()} for a in result.activities]
    sets = [
        s.sets.astype(object).where(s.sets.notna(), None).to_dict("records") for s in result.strength_sessions
    ]
    return acts, sets, [s.session for s in result.strength_sessions]


def _exports(request, source: str, templates: bool = True) -> list[Path]:
    """The source's exports; `templates`: the project's templates (a header only) too."""
    if source == "sample_logs":
        return [*SAMPLE_CSVS, *(sorted(TEMPLATES.glob("*.csv")) if templates else [])]
    return [request.getfixturevalue("realdata") / f for f in REAL_CSVS]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_a_real_export_reads_the_same_in_any_encoding(request, source, encoding):
    for path in _exports(request, source):
        text = path.read_bytes().decode("utf-8")
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # a file with characters Latin-1 lacks cannot be written in it
        plain, other = prepare(path.name, text.encode("utf-8")).result, prepare(path.name, data).result
        assert (other.status, other.format) == (plain.status, plain.format), (path.name, other.message)
        assert _rows(other) == _rows(plain), path.name


@pytest.mark.parametrize("source", SOURCES)
def test_utf16_without_a_byte_order_mark_reads_the_same(request, source):
    # Windows tools write UTF-16 without a byte-order mark: every other byte is zero.
    path = _exports(request, source)[0]
    plain = prepare(path.name, path.read_bytes()).result
    assert plain.status == "ok" and (plain.activities or plain.strength_sessions), plain.message
    for encoding in ("utf-16-le", "utf-16-be"):
        r = prepare(path.name, path.read_text(encoding="utf-8").encode(encoding)).result
        assert (r.status, r.format) == (plain.status, plain.format), r.message
        assert _rows(r) == _rows(plain)


@pytest.mark.fuzz
@pytest.mark.parametrize("source", SOURCES)
@settings(
    max_examples=examples(60),
    deadline=None,
    derandomize=fixed_seed(),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pick=st.data())
def test_a_real_export_with_columns_missing_or_values_garbled(request, source, pick):
    path = pick.draw(st.sampled_from(_exports(request, source, templates=False)))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    keep = pick.draw(st.lists(st.sampled_from(range(len(header))), unique=True, min_size=1).map(sorted))
    garble = pick.draw(
        st.dictionaries(st.integers(1, len(rows) - 1), st.tuples(st.integers(0, 200), CELLS), max_size=5)
    )
    for line, (col, value) in garble.items():
        if rows[line]:
            rows[line][col % len(rows[line])] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[r[i] for i in keep if i < len(r)] for r in rows])
    prepared = prepare(
        path.name, buf.getvalue().encode(pick.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])))
    )
    assert not result_problems(prepared), (path.name, [header[i] for i in keep], prepared.result.message)


def test_a_csv_of_millions_of_lines_is_refused_not_ground_through():
    # 34 MB of activity lines: reading them would hold the importer for hours.
    data = b"Activity Date,Activity Type,Distance\n" + b"2024-01-01,Run,5\n" * 2_000_000
    r = prepare("huge.csv", data).result
    assert r.status == "failed" and "split it" in r.message and not r.activities
