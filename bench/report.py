"""results.json and BENCHMARKS.md from one run's figures.

BENCHMARKS.md keeps everything above the `<!-- runs -->` line as written (the method and the
findings, edited by hand) and inserts each new run right below that line, above the earlier runs,
so that a regression shows as a worse row under a better one.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.run import TARGETS

MARKER = "<!-- runs: `make bench` inserts each new run below this line, newest first -->"

INTRO = """# Benchmarks

`make bench` measures Runstrong against the floor on a generated ten-year athlete (`make bench
YEARS=1` is the quick check, a few minutes). The athlete, its FIT files recorded at 1 Hz, is the demo
athlete's plan over the chosen number of years (bench/athlete.py), cached in bench/cache/.

- **Floor**: fitparse with its defaults decoding every FIT file (every message, `get_values()` on
  each), nothing else, one process. Samples are `record` messages.
- **Ingest**: `ingest.pipeline.ingest_paths` on the whole export into a new DuckDB file (parse,
  normalise, keep the raw bytes, write, checkpoint), with 1 worker and with all cores.
- **Re-import**: the same export offered again to the 1-worker database: every file a duplicate.
- **Pages**: each page of app.py's `st.Page` list through AppTest in a fresh process: cold is the
  first run (connection, reads, analysis, lazy imports), warm the second.
- **Analysis**: `analysis.compute.compute_all` on the frames the pages read (median of 3).
- **Roster**: 30 athletes of two years each (at most the run's years; three generated athletes,
  records every 10 s, imported in turn under 30 names), the Roster page through AppTest in a fresh
  process, cold and warm (`python -m bench.roster_page` runs it alone).
- **Memory**: each phase runs in its own process. Ingest: the largest sum of resident memory
  over the importing process and its workers (sampled every 0.2 s) and the kernel's peak.
  App: the kernel's peak for one process running every page twice through AppTest.
- **For the record**: garmin-fit-sdk and fitdecode with their defaults, on every k-th file, beside
  the floor's time for the same files.

Ratios compare figures of one run; absolute times move with the machine's load (the load average
is in each run's header). Single-process ratios (ingest with 1 worker against the floor, the other
decoders) are judged on CPU time, which the neighbours on a shared machine hardly move; the
speed-up of all cores can only be judged on the wall clock, so it needs a quiet machine.
"""


def _fmt_int(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.0f}"


def _fmt_s(x: float | None) -> str:
    return "n/a" if x is None else (f"{x:.3f} s" if x < 1 else f"{x:.2f} s")


def _ok(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "**missed**")


def _num(x: float) -> str:
    """A target as written: 5, 1.6, 2,000."""
    return f"{x:,g}" if x != int(x) else f"{int(x):,}"


def target_texts(targets: dict[str, float] = TARGETS) -> dict[str, str]:
    """The target column's text of each row, from bench.run.TARGETS (the verdicts' own numbers)."""
    pages = f"< {_num(targets['page_cold_s'])} s / < {_num(targets['page_warm_s'])} s"
    return {
        "ingest_1w": f"≥ {_num(targets['ingest_1w_vs_floor'])}× floor",
        "ingest_all": f"≥ {_num(targets['ingest_all_vs_1w'])}× 1 worker",
        "reimport": f"≥ {_num(targets['reimport_files_per_s'])} files/s",
        "pages": pages,
        "page_cold": f"< {_num(targets['page_cold_s'])} s",
        "analysis": f"< {_num(targets['analysis_s'])} s",
        "ingest_rss": f"< {_num(targets['ingest_rss_mb'])} MB",
        "app_rss": f"< {_num(targets['app_rss_mb'])} MB",
    }


def run_section(r: dict) -> str:
    m, t, x = r["machine"], r["targets"], r["details"]
    want = target_texts()
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    lines = [
        f"## {r['date']}: {r['years']:g} year{'s' if r['years'] != 1 else ''}, "
        f"{x['fit_files']:,} FIT files, {x['samples'] / 1e6:.2f} M samples",
        "",
        f"{m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, {m['platform']}; "
        f"{libs}. Commit {m['commit']}. Load average {x['load_before']:.1f} before, {x['load_after']:.1f} after.",
        "",
        f"Export: {x['export_files']:,} files ({x['runs']:,} runs, {x['rides']:,} rides, "
        f"{x['strength_sessions']:,} strength sessions: {x['strength_by_source']}; {x['injuries']} injuries), "
        f"{x['fit_bytes'] / 1e6:.0f} MB of FIT. Ingest statuses: {x['ingest_status']}.",
        "",
        "| measure | figure | target | |",
        "|---|---|---|---|",
        f"| floor: fitparse defaults, 1 process | {_fmt_int(r['floor_samples_per_s'])} samples/s "
        f"({_fmt_s(x['floor_wall_s'])}) | | |",
    ]
    lines.append(
        f"| ingest, 1 worker | {_fmt_int(r['ingest_1w_samples_per_s'])} samples/s ({_fmt_s(x['ingest_1w_wall_s'])}): "
        f"**{x['ingest_1w_vs_floor_cpu']:.2f}× floor** by CPU time, {x['ingest_1w_vs_floor']:.2f}× by the wall clock "
        f"| {want['ingest_1w']} | {_ok(t['ingest_1w'])} |"
    )
    if parts := x.get("ingest_1w_parts_cpu_ms_per_file"):
        named = ", ".join(f"{part.replace('_', ' ')} {ms:.2f}" for part, ms in parts.items())
        cpu_ms = 1000 * x["ingest_1w_cpu_s"] / max(x["export_files"], 1)
        lines.append(f"| ingest, 1 worker, CPU ms per file | {cpu_ms:.1f} in all; {named} | | |")
    if r["ingest_all_samples_per_s"] is None:
        lines.append(
            f"| ingest, {r['workers']} workers | not measured: {x.get('ingest_all_skipped')} | "
            f"{want['ingest_all']} | |"
        )
    else:
        lines.append(
            f"| ingest, {r['workers']} workers | {_fmt_int(r['ingest_all_samples_per_s'])} samples/s "
            f"({_fmt_s(x['ingest_all_wall_s'])}), {x['ingest_all_vs_1w']:.2f}× 1 worker | {want['ingest_all']} | "
            f"{_ok(t['ingest_all'])} |"
        )
    lines.append(
        f"| re-import (every file a duplicate) | {_fmt_int(r['reimport_files_per_s'])} files/s | "
        f"{want['reimport']} | {_ok(t['reimport'])} |"
    )
    for page, cold in r["pages_cold_s"].items():
        title = x["page_titles"].get(page, page)
        warm = r["pages_warm_s"][page]
        lines.append(
            f"| page {title} ({page}), cold / warm | {_fmt_s(cold)} / {_fmt_s(warm)} | "
            f"{want['pages']} | {_ok(t['pages'][page])} |"
        )
    if "plan_page" in r:
        pp = r["plan_page"]
        lines.append(
            f"| page Plan with a {pp['weeks']}-week plan ahead ({pp['sessions']} sessions), cold / warm / "
            f"another week | {_fmt_s(pp['cold_s'])} / {_fmt_s(pp['warm_s'])} / {_fmt_s(pp['other_week_s'])} "
            f"(CPU {_fmt_s(pp['details'].get('cold_cpu_s'))} / {_fmt_s(pp['details'].get('warm_cpu_s'))}) | "
            f"{want['pages']} | {_ok(t.get('plan_page'))} |"
        )
    if "roster_page" in r:
        ro = r["roster_page"]
        lines.append(
            f"| page Roster, {ro['athletes']} athletes of {ro['years']:g} years, cold / warm (each row kept "
            f"from an earlier start) | {_fmt_s(ro['cold_s'])} / {_fmt_s(ro['warm_s'])} | {want['pages']} | "
            f"{_ok(t.get('roster_page'))} |"
        )
        if "first_cold_s" in ro:
            lines.append(
                f"| page Roster, first showing with nothing kept (every athlete computed) / after one "
                f"athlete's new data | {_fmt_s(ro['first_cold_s'])} / {_fmt_s(ro.get('one_changed_s'))} | "
                f"{want['page_cold']} | {_ok(ro.get('first_met'))} |"
            )
    lines += [
        f"| analysis: compute_all (store reads: {_fmt_s(x['read_s'])}) | {_fmt_s(r['analysis_s'])} | "
        f"{want['analysis']} | {_ok(t['analysis'])} |",
        f"| peak memory, ingest (1 worker / {r['workers']} workers) | {_fmt_int(x['ingest_1w_rss_mb'])} MB / "
        f"{_fmt_int(x.get('ingest_all_rss_mb'))} MB | {want['ingest_rss']} | {_ok(t['ingest_rss'])} |",
        f"| peak memory, app (all pages twice, AppTest) | {_fmt_int(r['app_peak_rss_mb'])} MB | {want['app_rss']} | "
        f"{_ok(t['app_rss'])} |",
        f"| database size | {r['db_bytes_per_sample']:.1f} bytes/sample ({x['db_bytes'] / 1e6:.0f} MB) | | |",
    ]
    for name, rec in x["record"].items():
        lines.append(
            f"| for the record: {name} defaults | {_fmt_int(rec['samples_per_s'])} samples/s: "
            f"{rec['vs_floor_cpu']:.2f}× floor by CPU time ({rec['vs_floor']:.2f}× by the wall clock), "
            f"on the same {rec['files']:,} files | | |"
        )
    return "\n".join(lines) + "\n"


def write_markdown(path: Path, result: dict) -> None:
    old = path.read_text() if path.exists() else ""
    if MARKER in old:
        head, runs = old.split(MARKER, 1)
    else:
        head, runs = INTRO, ""
    runs = runs.lstrip("\n")
    text = head.rstrip("\n") + "\n\n" + MARKER + "\n\n" + run_section(result) + ("\n" + runs if runs else "")
    path.write_text(text)


def write_entry(path: Path, name: str, entry: dict) -> None:
    """Set results.json's entry ``name`` (a page measured alone), the others as they were."""
    result = json.loads(path.read_text()) if path.exists() else {}
    result[name] = entry
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote the {name} entry of {path}")


#: Entries a run may leave out (measured alone by their own command): kept from the file's last run.
KEPT_ENTRIES = ("roster_page",)


def write_json(path: Path, result: dict) -> None:
    """Write ``result``; an entry it does not measure this time (KEPT_ENTRIES) stays as it was."""
    before = json.loads(path.read_text()) if path.exists() else {}
    kept = {k: before[k] for k in KEPT_ENTRIES if k in before and k not in result}
    path.write_text(json.dumps({**result, **kept}, indent=1, sort_keys=False) + "\n")
