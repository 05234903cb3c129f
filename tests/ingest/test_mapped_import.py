"""A CSV no format reads, through the whole import: it fails naming the Import page's mapper; once
a mapping is saved it goes in (same transaction, raw store and duplicate rule as every format), the
next file with that header too, `python -m ingest` says which mapping it used, mappings export and
import as JSON, and a rebuild replays the mapped file with the mapping carried over."""

from __future__ import annotations

import json

import pytest
from athletes import only_athlete

from ingest import mapper, mapper_suggest, mappings
from ingest.__main__ import main
from ingest.pipeline import ingest_bytes
from ingest.rebuild import rebuild
from ingest.textcsv import decode, read_table
from store import athletes, read
from store.db import connect

LOG = (
    "Mein Lauftagebuch\n\n"
    "Datum;Sportart;Strecke (km);Dauer;Puls Ø;Bemerkung\n"
    "13.04.21;Laufen;10,5;52:30;148;locker\n"
    "14.04.21;LaD;6,2;35:10;139;\n"
)
LOG_2 = LOG.split("13.04.21")[0] + "20.04.21;Laufen;12,0;61:00;150;lang\n"


def _mapping(data: bytes) -> mapper.ColumnMapping:
    m = mapper_suggest.suggest(read_table(decode(data)))
    m.name, m.sports["LaD"] = "Lauftagebuch", "running"
    return m


def test_unknown_then_mapped_then_reused_then_duplicate(tmp_path):
    con = connect(tmp_path / "db.duckdb")
    raw = tmp_path / "raw"
    data = LOG.encode("cp1252")
    (r,) = ingest_bytes(con, "log.csv", data, raw)
    assert r.status == "failed" and "Import page" in r.message and "column mapper" in r.message
    mappings.save(con, athletes.choose(con), _mapping(data))
    (r,) = ingest_bytes(con, "log.csv", data, raw)
    assert (r.status, r.format, r.activities) == ("ok", "mapped_csv", 2), r.message
    assert "read with the column mapping 'Lauftagebuch'" in r.message
    acts = read.activities(con, only_athlete(con)).sort_values("start_time_local")
    assert (
        list(acts["sport"]) == ["running", "running"]
        and acts["note"].iloc[0] == "locker"
        and acts["note"].isna().iloc[1]
    )
    assert (
        read.table_counts(con, only_athlete(con))["sources"] == 1
    )  # the failed attempt gave way to the good one
    (r2,) = ingest_bytes(con, "log2.csv", LOG_2.encode("cp1252"), raw)  # same header: same mapping
    assert (r2.status, r2.activities) == ("ok", 1)
    (again,) = ingest_bytes(con, "copy.csv", data, raw)
    assert again.status == "duplicate"
    # The same runs in another file with another header are merged by the duplicate rule.
    (same,) = ingest_bytes(
        con, "runs.csv", b"date,sport,distance_km,duration_min\n2021-04-13,run,10.5,52.5\n", raw
    )
    assert (same.status, same.merged) == ("duplicate", 1)
    before = (
        read.activities(con, only_athlete(con))
        .drop(columns=["activity_id", "source_id"])
        .sort_values("start_time_local")
    )
    con.close()

    done = rebuild(tmp_path / "db.duckdb", raw)
    assert {r.status for r in done.results} <= {"ok", "duplicate"}, [r.message for r in done.results]
    con = connect(tmp_path / "db.duckdb")
    after = (
        read.activities(con, only_athlete(con))
        .drop(columns=["activity_id", "source_id"])
        .sort_values("start_time_local")
    )
    assert after.reset_index(drop=True).equals(before.reset_index(drop=True))
    assert [m.name for m in mappings.saved(con, only_athlete(con))] == ["Lauftagebuch"]
    con.close()


def test_mappings_export_and_import_as_json(tmp_path):
    con = connect(tmp_path / "a.duckdb")
    m = _mapping(LOG.encode())
    me = athletes.choose(con)
    mappings.save(con, me, m)
    text = mappings.export_json(con, me)
    # Mappings are each athlete's own: another athlete of the same install takes them from the JSON.
    coached = athletes.ensure(con, "Coached")
    assert mappings.saved(con, coached) == []
    assert [x.signature for x in mappings.import_json(con, coached, text)] == [m.signature]
    other = connect(tmp_path / "b.duckdb")
    you = athletes.choose(other)
    assert [x.signature for x in mappings.import_json(other, you, text)] == [m.signature]
    assert mappings.saved(other, you) == [m]
    with pytest.raises(ValueError, match="mapping 1"):
        mappings.import_json(other, you, json.dumps([{"header": ["a"], "kind": "laps"}]))
    mappings.delete(other, you, m.signature)
    assert mappings.saved(other, you) == []
    assert mappings.saved(con, coached) == [m] and mappings.saved(con, me) == [m]
    mappings.delete(con, me, m.signature)
    assert mappings.saved(con, me) == [] and mappings.saved(con, coached) == [m]


def test_the_command_line_says_which_mapping_it_used(tmp_path, capsys):
    db, raw = tmp_path / "db.duckdb", tmp_path / "raw"
    log, odd = tmp_path / "log.csv", tmp_path / "odd.csv"
    log.write_bytes(LOG.encode("utf-8-sig"))
    odd.write_text("Wann,Was\n2021-01-01,Laufen\n")
    assert main(["--db", str(db), "--raw", str(raw), str(log)]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "log.csv" in out and "Import page" in out
    con = connect(db)
    mappings.save(con, athletes.choose(con), _mapping(LOG.encode()))
    con.close()
    assert main(["--db", str(db), "--raw", str(raw), str(log), str(odd)]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "log.csv" in x)
    assert line.startswith("OK") and "2 activities" in line and "column mapping 'Lauftagebuch'" in line
    odd_line = next(x for x in out.splitlines() if "odd.csv" in x)
    assert odd_line.startswith("FAILED") and "Wann, Was" in odd_line and "Import page" in odd_line


def test_the_command_line_imports_and_exports_mappings(tmp_path, capsys):
    db, raw = tmp_path / "db.duckdb", tmp_path / "raw"
    con = connect(tmp_path / "elsewhere.duckdb")
    mappings.save(con, athletes.choose(con), _mapping(LOG.encode()))
    (tmp_path / "maps.json").write_text(mappings.export_json(con, only_athlete(con)))
    con.close()
    log = tmp_path / "log.csv"
    log.write_bytes(LOG.encode())
    args = ["--db", str(db), "--raw", str(raw), "--import-mappings", str(tmp_path / "maps.json"), str(log)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1 column mapping saved" in out and "Lauftagebuch" in out and "2 activities" in out
    assert main(["--db", str(db), "--export-mappings", str(tmp_path / "out.json")]) == 0
    assert [m.name for m in mappings.from_json((tmp_path / "out.json").read_text())] == ["Lauftagebuch"]
    (tmp_path / "bad.json").write_text("{")
    assert main(["--db", str(db), "--import-mappings", str(tmp_path / "bad.json")]) == 2
    assert "not a JSON file" in capsys.readouterr().err


def test_worker_processes_read_with_the_saved_mappings(tmp_path):
    from ingest.pipeline import ingest_paths

    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "a.csv").write_bytes(LOG.encode())
    (folder / "b.csv").write_bytes(LOG_2.encode())
    con = connect(tmp_path / "db.duckdb")
    mappings.save(con, athletes.choose(con), _mapping(LOG.encode()))
    results = ingest_paths(con, [folder], tmp_path / "raw", workers=2)
    assert [(r.status, r.activities) for r in results] == [("ok", 2), ("ok", 1)]
    con.close()
