"""The weekly report: one athlete's week as one self-contained HTML file (docs/rules.md, several
athletes).

The facts come from analysis.week_facts; the charts are the dashboard's own (the Overview's weekly
chart, the Load page's fitness chart), with plotly.js inlined once, so that the file opens with no
network: no script, font, style or image is fetched from anywhere. The words and units are the
pages': metric names from the registry, rules and spikes by their names, the coaching articles by
title and author. Missing stays missing: a dash or a sentence, never 0.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analysis import (
    ACWR_CAVEAT,
    ACWR_EXPLAINED,
    LOAD_METHOD_LABELS,
    METRICS,
    POLICY_INFO,
    SOURCE,
    Results,
    Settings,
    acwr_label,
    cite,
    load_label,
    recent_weeks,
    runs_between,
    units,
    week_facts,
    week_of,
)
from store import read
from ui import charts, fmt, load_parts, overview_parts, palette

DASH = "–"
#: Weeks the weekly chart shows, up to the report's week (as the Overview).
WEEKS_SHOWN = 9
#: The targets' articles ("reduce it, don't remove it"), as the Strength page cites them.
TARGET_ARTICLES = ("middle_age_marathoner", "run_smarter")

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: %(ink)s;
       max-width: 1100px; margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid %(grid)s; padding-bottom: 0.2em; }
.sub { color: %(muted)s; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.94em; }
th, td { text-align: left; padding: 0.3em 0.8em 0.3em 0; border-bottom: 1px solid %(grid)s;
         vertical-align: top; }
th { font-weight: 600; }
.note { color: %(muted)s; font-size: 0.9em; }
.box { border: 1px solid %(grid)s; border-radius: 6px; padding: 0.6em 1em; margin: 0.8em 0; }
.warn { border-color: %(warn)s; }
.figure { margin: 0.5em 0 0.2em; }
"""


def _e(text: object) -> str:
    """A value as HTML text: escaped; a missing one as a dash."""
    if fmt.missing(text) or text is pd.NaT or text == "":
        return DASH
    return html.escape(str(text))


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _p(text: str, cls: str = "") -> str:
    """A paragraph of text (escaped here: the text may hold names the runner typed)."""
    return f'<p class="{cls}">{html.escape(text)}</p>' if cls else f"<p>{html.escape(text)}</p>"


def _figure(fig: go.Figure, name: str) -> str:
    """A figure's div and its drawing call, without plotly.js (inlined once in the head)."""
    return (
        '<div class="figure">'
        + fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"fig-{name}", config=charts.CONFIG)
        + "</div>"
    )


def _num(x: float | None, digits: int = 1, signed: bool = False) -> str:
    if x is None or fmt.missing(x):
        return DASH
    r = round(float(x), digits) + 0.0  # never '-0.0'
    return f"{r:+.{digits}f}" if signed and r else f"{r:.{digits}f}"


def file_name(athlete: str, week_start: dt.date) -> str:
    """'runstrong-week-2026-01-05-Anna_K.html': the week and the athlete, safe as a file name."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", athlete).strip("._") or "athlete"
    return f"runstrong-week-{week_start.isoformat()}-{safe}.html"


def _where(f: dict) -> str:
    """Where the log's training lies, for a week that holds none."""
    d = f["data"]
    if d["first"] is None:
        return "The log holds no training yet: import watch files or app exports first."
    parts = [f"The log holds training from {fmt.day(d['first'])} to {fmt.day(d['last'])}"]
    if d["before"] is not None:
        parts.append(f"the latest day before this week is {fmt.day(d['before'])}")
    if d["after"] is not None:
        parts.append(f"the next day after it is {fmt.day(d['after'])}")
    return "; ".join(parts) + "."


def _running(f: dict, u: str) -> str:
    r = f["running"]
    n = r["prev4_weeks"]
    mean = f"{n}-week mean" if n and r["prev4_mean_distance_m"] is not None else None
    rows: list[list[object]] = []
    if r["runs"]:
        change = None if r["distance_change"] is None or mean is None else f"{r['distance_change']:+.0%}"
        rows.append(
            [
                f"Running distance ({units.distance_label(u)})",
                f"{units.distance(r['distance_m'], u):.1f}",
                fmt.dist(r["prev4_mean_distance_m"], u) if mean else None,
                change,
            ]
        )
        rows.append(["Running time", fmt.duration(r["time_s"]), fmt.duration(r["prev4_mean_time_s"]), None])
        rows.append(["Runs", r["runs"], _num(r["prev4_mean_runs"]) if mean else None, None])
        rows.append(["Longest run", fmt.dist(r["longest_m"], u), None, None])
    elif mean and r["prev4_mean_distance_m"]:
        rows.append(["Running this week", "no run", fmt.dist(r["prev4_mean_distance_m"], u), None])
    else:  # no run in the week nor in the weeks before: not a table of zeros
        before = f" nor in the {fmt.plural(n, 'week')} before it" if n else ""
        return _p(f"No run in this week{before}.")
    out = _table(["", "this week", mean or "the weeks before", "change"], rows)
    if not mean:
        out += _p("This is the log's first week: there is no week before it to compare with.", "note")
    return out


def _load_table(f: dict, s: Any, u: str) -> str:
    ld = f["load"]
    end, before = ld["end"], ld["before"]
    if not ld["recent"]:
        return _p(f"Form and fitness: no training load in the {s.ctl_days} days up to {fmt.day(f['last'])}.")
    k = units.distance(1000.0, u) if s.load_method == "distance" else 1.0
    name = load_label(s.load_method, u)
    total = None if ld["total"] is None else ld["total"] * k

    def val(key: str, x: dict | None, signed: bool = False) -> str:
        v = None if x is None or x.get(key) is None else x[key] * k
        return _num(v, 1, signed)

    rows: list[list[object]] = [
        [
            f"{METRICS['load'].label}, week total" + ("" if name == "load" else f" ({name})"),
            _num(total, 0),
            None,
        ],
        [METRICS["ctl"].label, val("ctl", end), val("ctl", before)],
        [METRICS["atl"].label, val("atl", end), val("atl", before)],
        [
            METRICS["tsb"].label,
            val("tsb", end, True) + (f" ({end['tsb_band']})" if end and end.get("tsb_band") else ""),
            val("tsb", before, True),
        ],
        [
            f"Acute:chronic ratio ({acwr_label(ld['acwr_method'], s)})",
            _num(ld["acwr"], 2) if ld["acwr"] is not None else "not enough history",
            _num(before["acwr"], 2) if before and before.get("acwr") is not None else None,
        ],
    ]
    last = fmt.day(f["last"])
    day_before = fmt.day(pd.Timestamp(f["week_start"]) - pd.Timedelta(days=1))
    out = _table(["", f"on {last}", f"on {day_before}"], rows)
    note = (
        f"Load: {LOAD_METHOD_LABELS.get(s.load_method, s.load_method)}. Fitness, fatigue and form in {name} per day. "
        + (f"The ratio is above {s.acwr_danger:g} (Hulin 2016). " if ld["acwr_high"] else "")
        + ACWR_CAVEAT
    )
    if end and end.get("ctl_warmup"):
        note += f" Fitness is still climbing from zero: the first {s.ctl_days} days of the log read low."
    return out + _p(note, "note")


def _fitness(res: Results, f: dict, u: str) -> str:
    window = f["load"]["window"]
    if len(window) == 0 or not (window["load"].fillna(0) > 0).any():
        return _p("No training load in the weeks around this one: there is no fitness chart to draw.", "note")
    s = res.settings
    fig = load_parts.fitness_figure(window, s, u)
    lo, hi = pd.Timestamp(window["date"].min()), pd.Timestamp(window["date"].max())
    charts.shade_context(fig, res.buildups, res.injury_windows, lo, hi)
    _frame_week(fig, f)
    caption = (
        f"The week of the report framed (dotted), with {fmt.plural(int((pd.Timestamp(f['week_start']) - lo).days), 'day')} "
        f"before it. {load_parts.form_bands_caption(s, u)} "
        + charts.context_legend(res.buildups, res.injury_windows, lo, hi)
    )
    return _figure(fig, "fitness") + _p(caption.strip(), "note")


def _frame_week(fig: go.Figure, f: dict) -> None:
    """Frame the report's week over every panel (its days are shaded by the context already)."""
    fig.add_shape(
        type="rect",
        xref="x",
        yref="paper",
        x0=pd.Timestamp(f["week_start"]),
        x1=pd.Timestamp(f["last"]) + pd.Timedelta(days=1),
        y0=0,
        y1=1,
        line={"color": charts.INK, "width": 1.5, "dash": "dot"},
        layer="above",
    )


def _acwr(res: Results, f: dict, u: str) -> str:
    """The ratio the injury counts use, around the week, with the Load page's chart."""
    s = res.settings
    window = f["load"]["window"]
    column = f"acwr_{f['load']['acwr_method']}"
    if len(window) == 0 or not window[column].notna().any():
        return ""  # the table says 'not enough history'
    fig = load_parts.acwr_figure(window, f["load"]["acwr_method"], s, u, s.acwr_show_reference)
    lo, hi = pd.Timestamp(window["date"].min()), pd.Timestamp(window["date"].max())
    charts.shade_context(fig, res.buildups, res.injury_windows, lo, hi, label=False)
    _frame_week(fig, f)
    text = ACWR_EXPLAINED.format(acute=s.acwr_acute_days, chronic=s.acwr_chronic_days)
    return _figure(fig, "acwr") + _p(f"{text} The week of the report framed (dotted).", "note")


def _strength(res: Results, f: dict) -> str:
    st = f["strength"]
    s = res.settings
    out = []
    if st["target_min"] is None:
        out.append(_p(f"{fmt.plural(st['sessions'], 'strength session')}; no target for this week."))
    else:
        band = f"{st['target_min']}-{int(st['target_max'])}"
        state = (
            "on target"
            if st["on_target"]
            else (
                f"{fmt.plural(st['still_needed'], 'session')} short of it"
                if f["state"] == "past"
                else f"{fmt.plural(st['still_needed'], 'more session')} to reach it"
            )
        )
        out.append(
            f'<div class="box{"" if st["on_target"] else " warn"}"><b>'
            + html.escape(
                f"{fmt.plural(st['sessions'], 'strength session')}, target {band} a week ({st['phase']})"
            )
            + f"</b>: {html.escape(state)}.</div>"
        )
    b = st["buildup"]
    if b is not None:
        out.append(
            _p(
                f"Build-up for {b['name']} ({fmt.day(b['race_day'])}): week {b['week_number']} of {b['weeks']}. "
                f"Strength so far: {b['weeks_on_target']} of {fmt.plural(b['weeks_so_far'], 'week')} on target"
                + (f", {fmt.plural(b['zero_weeks'], 'week')} without any." if b["zero_weeks"] else ".")
            )
        )
    rows = st["rows"]
    if len(rows):
        out.append(
            _table(
                ["day", "session", "working sets", "duration"],
                (
                    [
                        fmt.day(r.local_date),
                        r.name,
                        int(r.working_sets) if r.working_sets else None,
                        fmt.duration(r.duration_s),
                    ]
                    for r in rows.itertuples()
                ),
            )
        )
    lo, hi = s.strength_target_base
    b_lo, b_hi = s.strength_target_buildup
    out.append(
        _p(
            f"Targets: {lo}-{hi} sessions a week off-season or in base, {b_lo}-{b_hi} in a race build-up, never 0 "
            f"({cite(*TARGET_ARTICLES)}).",
            "note",
        )
    )
    return "".join(out)


def _breaks(res: Results, f: dict) -> str:
    v = f["breaks"]
    policy = POLICY_INFO[res.settings.policy]
    follows = _p(f"{policy.label(res.settings)}. This policy follows {cite(*policy.articles)}.", "note")
    if len(f["strength"]["rows"]) == 0 or f["running"]["runs"] == 0:
        return (
            _p(
                "Nothing to check: the rules weigh strength sessions against runs, and this week holds "
                + ("no strength session." if len(f["strength"]["rows"]) == 0 else "no run.")
            )
            + follows
        )
    if len(v) == 0:
        return _p("No rule broken this week under this policy.") + follows
    table = _table(
        ["day", "rule", "guidance", "what happened", "checked by", "source"],
        ([fmt.day(r.date), r.rule, r.guidance, r.what, r.basis, r.source] for r in v.itertuples()),
    )
    return table + follows


def _spikes(res: Results, f: dict, u: str) -> str:
    s = res.settings
    sp = f["spikes"]
    out = []
    if len(sp):
        out.append(
            _table(
                ["day", "run", "distance", f"longest of the {s.spike_lookback_days} days before", "spike"],
                (
                    [
                        fmt.day(r.date),
                        r.name,
                        fmt.dist(r.distance_m, u),
                        fmt.dist(r.prev_longest_m, u),
                        r.words,
                    ]
                    for r in sp.itertuples()
                ),
            )
        )
    elif f["running"]["runs"]:
        races = sum(r["over_spike_bound"] for r in f["races"])
        out.append(
            _p(
                f"No spike this week: no run{' but a race' if races == 1 else ' but races' if races else ''} was "
                f"more than {s.spike_bounds[0]:g} x the longest of the {s.spike_lookback_days} days before it."
            )
        )
    else:
        out.append(_p("No run this week, so no spike."))
    if f["first_weeks"]:
        out.append(
            _p(
                f"{fmt.plural(f['first_weeks'], 'run')} of this week lie in the log's first {s.spike_lookback_days} "
                "days: not enough history to judge a spike.",
                "note",
            )
        )
    for r in f["races"]:
        name = r["name"] or "A race"
        out.append(
            _p(
                f"Race: {name}, {fmt.day(r['date'])} (a race is run to be long: shown as the race, not as a spike)."
            )
        )
    out.append(
        _p(
            f"A run's spike: its distance / the longest run of the {s.spike_lookback_days} days before ({SOURCE}).",
            "note",
        )
    )
    return "".join(out)


def _injuries(f: dict) -> str:
    j = f["injuries"]
    if len(j) == 0:
        return _p("No injury logged in this week.")
    rows = []
    for r in j.itertuples():
        back = "ongoing" if r.ongoing else fmt.day(r.end)
        days = fmt.plural(int(r.days), "day") + (" so far" if r.ongoing else "")
        counted = ("injury: " if r.counted else "niggle: ") + str(r.reason)
        rows.append([fmt.day(r.onset), back, days, r.body_area, r.severity, counted])
    return _table(["onset", "back to running", "days", "body area", "severity", "counted as"], rows)


def _days(f: dict, u: str) -> str:
    view = f["days"]
    rows = []
    for date, g in view.groupby("date", sort=True):
        entries = "; ".join(fmt.day_entry(r, u) for r in g.itertuples())
        rows.append([fmt.day(date), entries])
    return _table(["day", "sessions"], rows)


def report(res: Results, day: dt.date, athlete: str) -> str:
    """The HTML report of the week holding ``day``, for ``athlete`` (a name), from Results computed
    as of the runner's today over the whole log."""
    f = week_facts(res, day)
    s = res.settings
    u = s.units_distance
    start, end = f["week_start"], f["week_end"]
    title = f"{athlete}: the week from {fmt.day(start)}"
    parts = [f"<h1>{html.escape(title)}</h1>"]
    span = f"{fmt.day(start)} to {fmt.day(end)}"
    if f["state"] == "current":
        span += f", so far ({fmt.plural(f['days_so_far'], 'day')} of 7, as of {fmt.day(f['as_of'])})"
    phase = f.get("phase", {}).get("phase")
    parts.append(_p(span + (f". Phase: {phase}." if phase else "."), "sub"))
    if f["state"] == "future":
        parts.append(_p(f"This week has not begun: the log is as of {fmt.day(f['as_of'])}. " + _where(f)))
    elif not f["has_data"]:
        parts.append(
            f'<div class="box warn">{html.escape("No run, strength session or other activity in this week. " + _where(f))}</div>'
        )
    if f["state"] != "future":
        parts.append("<h2>Load</h2>")
        parts.append(_running(f, u))
        weeks = recent_weeks(res.weekly, f["last"], WEEKS_SHOWN, s.week_start)
        if runs_between(res.runs, weeks["week_start"].iloc[0].date(), f["last"]):
            fig = overview_parts.weekly_figure(weeks, f["running"], u, s.week_start)
            parts.append(_figure(fig, "weekly"))
            parts.append(_p(overview_parts.weekly_caption(so_far=f["state"] == "current"), "note"))
        parts.append(_load_table(f, s, u))
        if f["load"]["recent"]:  # else the table's sentence says there is no load to draw
            parts.append(_fitness(res, f, u))
            parts.append(_acwr(res, f, u))
        parts.append("<h2>Strength against the target</h2>")
        parts.append(_strength(res, f))
        parts.append("<h2>Schedule check: rule breaks</h2>")
        parts.append(_breaks(res, f))
        parts.append("<h2>Spikes</h2>")
        parts.append(_spikes(res, f, u))
        parts.append("<h2>Injuries</h2>")
        parts.append(_injuries(f))
        parts.append("<h2>The week, day by day</h2>")
        parts.append(_days(f, u))
        parts.append(_p(f"Distances in {units.distance_label(u)}.", "note"))
    style = STYLE % {
        "ink": charts.INK,
        "grid": charts.GRID,
        "muted": palette.MUTED,
        "warn": palette.WARNING.hex,
    }
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{style}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body>{''.join(parts)}"
        f'<p class="note">Made by Runstrong on {fmt.day(f["as_of"])}: guidance from the coaching articles '
        "and studies named beside each part, not a diagnosis.</p></body></html>"
    )


# --- The dashboard's downloads: one athlete's report, or every athlete's in one zip ---------------


def _athlete(athlete_id: int) -> tuple[str, Settings]:
    """An athlete's name and whole settings (their week start and units)."""
    from ui import data  # here, not above: the command line draws reports without the dashboard

    listing = data.athletes()
    named = listing.loc[listing["athlete_id"] == athlete_id, "name"]
    return (str(named.iloc[0]) if len(named) else "athlete"), Settings.from_dict(
        read.settings(data.con(), athlete_id)
    )


def week_report(athlete_id: int, week: dt.date, today: dt.date | None = None) -> str:
    """One athlete's report of the week holding ``week``, as of ``today`` (default: today on this
    computer), in their own units: the dashboard's download."""
    from ui import data

    name, _ = _athlete(athlete_id)
    return report(data.results_for(athlete_id, today or dt.date.today()), week, name)


def week_report_name(athlete_id: int, week: dt.date) -> str:
    """The file name of week_report's download (file_name: the athlete, their week's first day)."""
    name, s = _athlete(athlete_id)
    return file_name(name, week_of(week, s.week_start))


def week_report_later(athlete_id: int, week: dt.date) -> Callable[[], str]:
    """week_report made when called, for a download button's ``data`` (Streamlit calls it on a
    thread of its own, without the page's session): the name and the connection are taken now, the
    reads, the metrics and the drawing happen then."""
    from ui import data

    name, _ = _athlete(athlete_id)
    con = data.con()
    return lambda: report(data.computed(con, athlete_id, dt.date.today()), week, name)


def _zip(listing: pd.DataFrame, week: dt.date, results_of: Callable[[int], Results]) -> bytes:
    out = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for a in listing.itertuples():
            res = results_of(int(a.athlete_id))
            name = file_name(str(a.name), week_of(week, res.settings.week_start))
            if name in used:  # two names alike as file names: told apart by the athlete's id
                name = name.removesuffix(".html") + f"-{int(a.athlete_id)}.html"
            used.add(name)
            z.writestr(name, report(res, week, str(a.name)))
    return out.getvalue()


def reports_zip(week: dt.date, today: dt.date | None = None) -> bytes:
    """Every athlete's report of the week holding ``week`` in one zip, a file each (file_name; each
    athlete's week begins on their own week start)."""
    from ui import data

    day = today or dt.date.today()
    return _zip(data.athletes(), week, lambda a: data.results_for(a, day))


def reports_zip_later(week: dt.date) -> Callable[[], bytes]:
    """reports_zip made when called (a download button's ``data``: see week_report_later)."""
    from ui import data

    listing, con = data.athletes(), data.con()
    return lambda: _zip(listing, week, lambda a: data.computed(con, a, dt.date.today()))
