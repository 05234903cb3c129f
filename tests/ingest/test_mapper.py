"""The column mapper: sniffing an unknown CSV (encoding, delimiter, decimal comma, title lines),
suggesting which column is what, the date order, sport words, reading rows with a mapping, its
errors, and its JSON form. Real exports go through a mapping chosen on their own columns and must
give what their own readers give."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest import mapper, mapper_dates, mapper_suggest
from ingest.errors import IngestError
from ingest.formats import detect
from ingest.mapper import ColumnMapping
from ingest.parse import prepare
from ingest.textcsv import Table, decode, detect_encoding, read_table

# A runner's own German spreadsheet: title lines, semicolons, decimal commas, day-first dates.
GERMAN_LOG = (
    "Trainingstagebuch 2021\n"
    "Erstellt mit LibreOffice\n"
    "\n"
    "Datum;Uhrzeit;Sportart;Strecke (km);Dauer;Puls Ø;Puls max;Hm;Bemerkung\n"
    "13.04.21;07:15;Laufen;10,5;52:30;148;171;85;locker, Waden fest\n"
    "14.04.21;18:00;LaD;6,2;00:35:10;139;;;\n"
    "15.04.21;06:50;Rad;32,0;1:10:00;;;310;Pendeln\n"
    ";;;;;;;;\n"
    "16.04.21;;Course à pied;8;45;;;;\n"
)


def table_of(text: str, encoding: str = "utf-8"):
    data = text.encode(encoding)
    return data, read_table(decode(data))


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp1252", "cp1252"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_sniffing_encoding_delimiter_title_lines_and_decimal_comma(encoding, label):
    data = GERMAN_LOG.encode(encoding)
    assert detect_encoding(data) == label
    table = read_table(decode(data))
    assert table.delimiter == ";" and table.header_line == 4
    assert table.skipped == ["Trainingstagebuch 2021", "Erstellt mit LibreOffice"]
    assert table.header[3] == "Strecke (km)" and table.header[5] == "Puls Ø"
    assert mapper_suggest.sniff_decimal_comma(table)
    assert detect(table) is None  # no known format: the mapper's case


def test_suggestion_from_german_header_words():
    _, table = table_of(GERMAN_LOG)
    m = mapper_suggest.suggest(table)
    assert m.kind == "activities"
    assert m.columns == {
        "date": "Datum",
        "time": "Uhrzeit",
        "sport": "Sportart",
        "distance": "Strecke (km)",
        "duration": "Dauer",
        "avg_hr": "Puls Ø",
        "max_hr": "Puls max",
        "ascent": "Hm",
        "notes": "Bemerkung",
    }
    assert (m.date_order, m.distance_unit, m.decimal_comma) == ("dmy", "km", True)
    # Known words map themselves; a word nobody knows ('LaD') is the runner's to choose.
    assert m.sports == {"Laufen": "running", "LaD": "generic", "Rad": "cycling", "Course à pied": "running"}
    assert mapper_suggest.suggest(table, remembered={"LaD": "running"}).sports["LaD"] == "running"


def test_reading_the_german_log_with_the_runners_choices():
    _, table = table_of(GERMAN_LOG, "cp1252")
    m = mapper_suggest.suggest(table)
    m.name, m.sports["LaD"] = "Trainingstagebuch", "running"
    result = mapper.apply(table, m)
    assert result.format == "mapped_csv"
    run, lad, ride, french = (a.activity for a in result.activities)
    assert run["start_time_local"] == dt.datetime(2021, 4, 13, 7, 15) and run["local_date"] == dt.date(
        2021, 4, 13
    )
    assert (run["sport"], run["distance_m"], run["elapsed_s"]) == (
        "running",
        pytest.approx(10500),
        52 * 60 + 30,
    )
    assert (run["avg_hr"], run["max_hr"], run["ascent_m"], run["note"]) == (
        148,
        171,
        85,
        "locker, Waden fest",
    )
    assert (lad["sport"], lad["elapsed_s"], lad["max_hr"]) == ("running", 35 * 60 + 10, None)
    assert (ride["sport"], ride["distance_m"], ride["moving_s"]) == ("cycling", pytest.approx(32000), 4200)
    # No time: midnight of the day; a bare duration is minutes (the mapping's unit).
    assert french["start_time_local"] == dt.datetime(2021, 4, 16) and french["elapsed_s"] == 45 * 60
    assert "Trainingstagebuch" in result.message and "1 rows without a date" not in result.message


@pytest.mark.parametrize(
    ("values", "orders"),
    [
        (["13.04.2021", "01.05.2021"], ["dmy"]),
        (["04/13/2021", "05/01/2021"], ["mdy"]),
        (["01.02.2021", "03.04.2021"], ["dmy", "mdy"]),  # ambiguous, day-first habit first
        (["01/02/2021", "03/04/2021"], ["mdy", "dmy"]),  # slashes: month-first habit first
        (["2021-04-13", "2021/05/01 07:30"], ["ymd"]),
        (["13.04.21", None, ""], ["dmy"]),
        (["Jan 27, 2021", "15 Sep 2025, 07:48"], []),  # month names: no order to choose
    ],
)
def test_date_order_inference(values, orders):
    assert mapper_dates.date_orders(values) == orders


def test_two_digit_years_and_times():
    assert mapper_dates.read_date("31/12/99", "dmy") == dt.datetime(1999, 12, 31)
    assert mapper_dates.read_date("1.2.07 6:05 PM", "dmy") == dt.datetime(2007, 2, 1, 18, 5)
    assert mapper_dates.read_date("12/31/2020, 23:59:58", "mdy") == dt.datetime(2020, 12, 31, 23, 59, 58)
    assert mapper_dates.read_date("31.02.2021", "dmy") is None  # no such day
    assert mapper_dates.read_date("Jan 27, 2021, 1:57:47 PM", "dmy") == dt.datetime(2021, 1, 27, 13, 57, 47)


@given(
    st.dates(min_value=dt.date(1969, 1, 1), max_value=dt.date(2068, 12, 31)),
    st.sampled_from(["dmy", "mdy", "ymd"]),
    st.sampled_from([".", "/", "-"]),
    st.booleans(),
)
def test_any_date_written_in_an_order_reads_back(day, order, sep, short_year):
    y = f"{day.year % 100:02d}" if short_year and order != "ymd" else str(day.year)
    parts = {
        "dmy": [f"{day.day:02d}", f"{day.month:02d}", y],
        "mdy": [str(day.month), str(day.day), y],
        "ymd": [str(day.year), f"{day.month:02d}", f"{day.day:02d}"],
    }[order]
    text = sep.join(parts)
    assert mapper_dates.read_date(text, order) == dt.datetime.combine(day, dt.time())
    assert order in mapper_dates.date_orders([text])


STRENGTH_LOG = (
    "Datum,Einheit,Übung,Satz,Gewicht,Gewichtseinheit,Wdh\n"
    "2024-03-04,Beine,Kniebeuge,1,60,kg,8\n"
    "2024-03-04,Beine,Kniebeuge,2,60,kg,8\n"
    "2024-03-04,Beine,Ausfallschritt,W,,,12\n"
    "2024-03-06,Oberkörper,Bankdrücken,1,135,lbs,5\n"
)


def test_strength_log_with_a_unit_column():
    _, table = table_of(STRENGTH_LOG)
    m = mapper_suggest.suggest(table)
    assert m.kind == "strength"
    m.columns.update(weight_unit="Gewichtseinheit", workout="Einheit")
    assert (
        m.columns["exercise"] == "Übung" and m.columns["reps"] == "Wdh" and m.columns["weight"] == "Gewicht"
    )
    result = mapper.apply(table, m)
    legs, upper = result.strength_sessions
    assert (legs.session["name"], legs.session["local_date"], legs.session["app"]) == (
        "Beine",
        dt.date(2024, 3, 4),
        "csv",
    )
    assert list(legs.sets["reps"]) == [8, 8, 12] and list(legs.sets["set_type"]) == [
        "working",
        "working",
        "warmup",
    ]
    assert legs.sets["weight_kg"].iloc[0] == 60 and upper.sets["weight_kg"].iloc[0] == pytest.approx(
        61.235, abs=0.01
    )
    assert legs.session["start_time_local"] is None  # a date without a time


def test_clear_messages_for_bad_input():
    _, table = table_of(STRENGTH_LOG.replace("lbs", "stone"))
    m = mapper_suggest.suggest(table)
    m.columns.update(weight_unit="Gewichtseinheit")
    with pytest.raises(IngestError, match=r"line 5: the unit column 'Gewichtseinheit' holds 'stone'.*kg, lb"):
        mapper.apply(table, m)
    _, table = table_of(STRENGTH_LOG.replace("2024-03-06", "next week"))
    with pytest.raises(IngestError, match=r"line 5: the date column 'Datum' holds 'next week'.*Import page"):
        mapper.apply(table, mapper_suggest.suggest(table))
    _, table = table_of("Datum,Strecke\n,10\n,12\n")
    m = ColumnMapping("activities", "x", ["Datum", "Strecke"], {"date": "Datum", "distance": "Strecke"})
    with pytest.raises(IngestError, match=r"reads no row.*all 2 rows have an empty date column 'Datum'"):
        mapper.apply(table, m)
    m.columns = {"distance": "Strecke"}
    with pytest.raises(IngestError, match="choose the column that holds the date"):
        mapper.apply(table, m)


def test_json_round_trip_and_its_errors():
    _, table = table_of(GERMAN_LOG)
    m = mapper_suggest.suggest(table)
    m.name, m.sports["LaD"] = "Tagebuch", "running"
    back = mapper.from_json(mapper.to_json([m]))
    assert back == [m] and back[0].signature == mapper.signature(table.header)
    with pytest.raises(ValueError, match="not a JSON file"):
        mapper.from_json("{")
    bad = json.loads(mapper.to_json([m]))
    bad["runstrong_column_mappings"][0]["columns"]["date"] = "Nope"
    with pytest.raises(ValueError, match="mapping 1: the column 'Nope'"):
        mapper.from_json(json.dumps(bad))


def test_a_saved_mapping_is_found_by_the_header_or_by_its_own_way_of_reading():
    data, table = table_of(GERMAN_LOG)
    m = mapper_suggest.suggest(table)
    saved = {m.signature: json.dumps(m.to_dict())}
    r = prepare("log.csv", data, mappings=saved).result
    assert (r.status, r.format, len(r.activities)) == ("ok", "mapped_csv", 4)
    # A title line split like a header fools the detector; the runner said the header is on line 5,
    # and the file is found by reading it that way.
    data2 = ("Export;von;Max;am;2021\n" + GERMAN_LOG).encode()
    assert read_table(decode(data2)).header_line == 1
    m2 = mapper_suggest.suggest(read_table(decode(data2), header_line=5))
    m2.header_line = 5
    r = prepare("log2.csv", data2, mappings={m2.signature: json.dumps(m2.to_dict())}).result
    assert (r.status, len(r.activities)) == ("ok", 4), r.message
    unknown = prepare("log.csv", data).result
    assert (
        unknown.status == "failed" and "Import page" in unknown.message and "column mapper" in unknown.message
    )


@pytest.mark.realdata
def test_a_real_strava_export_through_a_mapping_reads_as_its_own_reader(realdata):
    data = (realdata / "csv_activities" / "stravainsights__activities.csv").read_bytes()
    own = prepare("activities.csv", data).result
    table = read_table(decode(data))
    header = [f"{h} " for h in table.header]  # another header: no known format, the mapper's
    table.header = header
    cols = {
        "date": "Activity Date ",
        "sport": "Activity Type ",
        "name": "Activity Name ",
        "distance": "Distance ",
        "duration": "Elapsed Time ",
        "avg_hr": "Average Heart Rate ",
    }
    m = ColumnMapping("activities", "strava", header, cols, duration_unit="s")
    m.sports = mapper_suggest.suggest_sports(mapper_suggest.column_values(table, "Activity Type "))
    mapped = mapper.apply(table, m)
    assert len(mapped.activities) == len(own.activities) == 112
    for a, b in zip(mapped.activities, own.activities, strict=True):
        a, b = a.activity, b.activity
        assert a["start_time_local"] == b["start_time_local"]
        assert (a["sport"], a["elapsed_s"], a["name"]) == (b["sport"], b["elapsed_s"], b["name"])
        if b["distance_m"]:
            assert a["distance_m"] == pytest.approx(b["distance_m"], abs=10)  # km to 2 decimals, cut
        assert a["avg_hr"] == b["avg_hr"] or (a["avg_hr"] is None and b["avg_hr"] is None)


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["strongstats__sample_strong.csv", "harrig12__strong.csv"])
def test_a_real_strong_log_through_a_mapping_reads_as_its_own_reader(realdata, name):
    data = (realdata / "csv_strength" / name).read_bytes()
    own = prepare(name, data).result
    table = read_table(decode(data))
    m = mapper_suggest.suggest(table, kind="strength")
    assert m.columns["exercise"] == "Exercise Name" and m.columns["weight"] == "Weight"
    assert m.columns["workout"] == "Workout Name" and m.columns["reps"] == "Reps"
    mapped = mapper.apply(table, m)
    assert len(mapped.strength_sessions) == len(own.strength_sessions)
    for a, b in zip(mapped.strength_sessions, own.strength_sessions, strict=True):
        assert a.session["local_date"] == b.session["local_date"] and a.session["name"] == b.session["name"]
        assert list(a.sets["exercise"]) == list(b.sets["exercise"])
        assert a.sets["weight_kg"].fillna(-1).tolist() == b.sets["weight_kg"].fillna(-1).tolist()
        assert a.sets["reps"].fillna(-1).tolist() == b.sets["reps"].fillna(-1).tolist()


# Cells of letters, digits and signs (a cell made only of another delimiter's characters can make a
# one-row file truly ambiguous).
_word = st.text(
    st.characters(
        codec="cp1252", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"), exclude_characters='",;|'
    ),
    min_size=1,
    max_size=8,
)


@given(
    header=st.lists(_word, min_size=2, max_size=7, unique_by=str.lower),
    data=st.data(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"]),
    titles=st.lists(
        st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=20), max_size=2
    ),
)
def test_any_table_with_title_lines_reads_back(header, data, delimiter, encoding, titles):
    import csv
    import io

    rows = data.draw(
        st.lists(st.lists(_word, min_size=len(header), max_size=len(header)), min_size=1, max_size=5)
    )
    buf = io.StringIO()
    for t in titles:
        buf.write(t + "\n\n")
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    table = read_table(decode(buf.getvalue().encode(encoding)))
    assert (table.header, table.rows, table.delimiter) == (header, rows, delimiter)
    assert table.skipped == titles


def test_glued_units_hour_minute_durations_and_offsets():
    text = (
        "When,What,How far,How long\n"
        "2021-04-13T07:30:00+02:00,Run,6.2 mi,0:45\n"
        "2021-04-14T18:00:00Z,Run,10 km,1:05\n"
        "2021-04-15 06:00,Walk,800m,2:30\n"
    )
    _, table = table_of(text)
    m = mapper_suggest.suggest(table)
    assert m.columns["distance"] == "How far" and m.columns["duration"] == "How long"
    assert m.clock == "h:mm"  # 0:45, 1:05, 2:30: hours and minutes of a runner's log
    a, b, c = (x.activity for x in mapper.apply(table, m).activities)
    assert a["distance_m"] == pytest.approx(6.2 * 1609.344) and a["elapsed_s"] == 45 * 60
    assert a["start_time_local"] == dt.datetime(2021, 4, 13, 7, 30) and a["utc_offset_s"] == 7200
    assert a["start_time_utc"] == dt.datetime(2021, 4, 13, 5, 30)
    assert b["distance_m"] == 10000 and b["elapsed_s"] == 3900 and b["utc_offset_s"] == 0
    assert c["distance_m"] == 800 and c["local_time_basis"] == "csv_local" and c["utc_offset_s"] is None
    m.clock = "mm:ss"
    assert mapper.apply(table, m).activities[0].activity["elapsed_s"] == 45
    _, bad = table_of(text.replace("6.2 mi", "6.2 furlongs"))
    with pytest.raises(IngestError, match=r"line 2: the column 'How far' holds '6.2 furlongs'.*km, mi, m"):
        mapper.apply(bad, m)
    assert mapper_dates.clock_of(["52:30", "35:10"]) == "mm:ss"


_cell = st.one_of(
    st.sampled_from(
        [
            "",
            "--",
            "13.04.21",
            "2021-04-13 07:30",
            "4/13/2021",
            "31.02.2021",
            "Laufen",
            "10,5",
            "6.2 mi",
            "20kg",
            "1:05",
            "52:30",
            "99:99",
            "1e999",
            "0",
            "-3",
            "kg",
            "stone",
            "12 furlongs",
            "7:30 PM",
        ]
    ),
    st.text(max_size=12),
)


@given(
    rows=st.lists(st.lists(_cell, min_size=6, max_size=6), min_size=1, max_size=6),
    kind=st.sampled_from(["activities", "strength"]),
)
def test_any_cells_read_or_fail_with_a_message(rows, kind):
    header = ["Datum", "Sport", "Strecke", "Dauer", "Einheit", "Wdh"]
    table = Table(header, rows, ",")
    cols = {
        "activities": {
            "date": "Datum",
            "sport": "Sport",
            "distance": "Strecke",
            "duration": "Dauer",
            "distance_unit": "Einheit",
            "rpe": "Wdh",
        },
        "strength": {
            "date": "Datum",
            "exercise": "Sport",
            "weight": "Strecke",
            "duration": "Dauer",
            "weight_unit": "Einheit",
            "reps": "Wdh",
        },
    }[kind]
    for clock in ("mm:ss", "h:mm"):
        m = ColumnMapping(kind, "fuzz", header, cols, "dmy", decimal_comma=True, clock=clock)
        try:
            result = mapper.apply(table, m)
        except IngestError as exc:
            assert str(exc)
        else:
            assert result.activities or result.strength_sessions


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_found_when_most_letters_are_not_latin(codec):
    # Zero bytes only in the digits, commas and line ends: 6 of 9 high bytes, below the 70 % that
    # mostly-ASCII text shows.
    text = "0,Œ\n0,ŒŒ\n"
    assert detect_encoding(text.encode(codec)) == codec
    assert read_table(decode(text.encode(codec))).rows == [["0", "ŒŒ"]]
    # Cyrillic column names, separators and digits only in ASCII.
    cyrillic = "Дата;Дистанция;Пульс\n2024-05-01;10,5;148\n"
    assert detect_encoding(cyrillic.encode(codec)) == codec


def test_utf8_with_a_stray_zero_byte_is_still_utf8():
    assert detect_encoding("Datum,Höhe\n2024-05-01,10 m\n".encode() + b"\x00") == "utf-8"
