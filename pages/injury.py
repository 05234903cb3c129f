"""Injury signal: do my injuries follow my volume spikes? Told honestly (docs/injury-signal.md)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import (
    CATEGORIES,
    NOT_ENOUGH_HISTORY,
    OTHER_VIEW,
    POPULATION_HR,
    SOURCES,
    SPIKE_LEVELS,
    WORDING,
    category_labels,
    help_text,
    spike_words,
    units,
)
from analysis import SOURCE as SPIKE_SOURCE
from ui import charts, data, filters, fmt, injury_notes, page, palette, whole_log

span, s = page.require_data("Injury signal", "Do my injuries follow my volume spikes?")
u = s.units_distance
# The signal is over the whole log, whatever the range: the results are as of today, the range
# only chooses the runs drawn.
now = whole_log.today()
res = data.results(now)
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])
runs = filters.clip(res.runs, "local_date", span)
signal = res.injury_signal
injuries = res.injury_windows
window_days = s.injury_window_days
LEVELS = category_labels(s.spike_bounds)
DAY_EXPOSURES = injury_notes.day_exposure_names(s)
EXPOSURE_NAMES = {"spike": "the run's spike", **DAY_EXPOSURES}

# --- Every run, its spike, and the injuries -------------------------------------------------------
st.subheader("Distance per run, spikes coloured", help=help_text("spike_ratio", s))
if runs.empty:
    where = ""
    if len(res.runs):
        run_days = pd.to_datetime(res.runs["local_date"])
        where = f" Your runs: {fmt.span_text(run_days.min(), run_days.max())}."
    st.info(f"No run in this range.{where} The counts below are over your whole log.", icon=":material/info:")
    if where:
        filters.show_runs_button(filters.span(), key="injury_show_runs")
else:
    fig = go.Figure()
    race = runs["is_race"].astype("boolean").fillna(False).astype(bool)
    lookback = f" the longest of the {s.spike_lookback_days} days before"
    for cat in (*CATEGORIES, "race"):
        r = runs[race] if cat == "race" else runs[(runs["spike_category"] == cat) & ~race]
        if r.empty:
            continue
        short = r["spike_category"] == NOT_ENOUGH_HISTORY
        ratio = r["spike_ratio"].map(lambda x: "no run in the days before" if pd.isna(x) else f"{x:.2f} x")
        ratio = ratio.where(
            ~short, f"less than {s.spike_lookback_days} days of log before it: not enough history"
        )
        prev = units.distance(r["prev_longest_m"], u).map(
            lambda x: "" if pd.isna(x) else f" ({x:.1f} {units.distance_label(u)})"
        )
        told = (ratio + lookback + prev).where(r["spike_ratio"].notna(), ratio)
        if cat == "race":
            # A race is run to be long: drawn as the race, it stays in the counts below by its spike.
            counted = ", counted below as a " + r["spike_category"].fillna("return to running") + " run"
            told = told + counted.where(~short, ", not counted below")
            marker = {"color": charts.RUN_TYPES["race"], "size": 14, "symbol": "star"}
        else:
            size = 7 if cat in ("reference", "return to running", NOT_ENOUGH_HISTORY) else 12
            # A run without enough history is drawn faint but outlined, so that it is seen and not read
            # as a judged run.
            edge = {"width": 1, "color": charts.SPIKES["reference"]} if cat == NOT_ENOUGH_HISTORY else None
            marker = {
                "color": charts.SPIKES[cat],
                "size": size,
                "line": edge or {"width": 0.5, "color": "white"},
            }
        fig.add_scatter(
            x=r["local_date"],
            y=units.distance(r["distance_m"], u),
            mode="markers",
            name=cat,
            marker=marker,
            customdata=told.to_numpy(),
            hovertemplate="%{x|%a %d %b %Y}: %{y:.1f} "
            + units.distance_label(u)
            + "<br>%{customdata}<extra>"
            + cat
            + "</extra>",
        )
    charts.layout(fig, height=420, yaxis_title=f"distance ({units.distance_label(u)})", hovermode="closest")
    charts.shade_context(fig, res.buildups, injuries, lo, hi)
    charts.show(fig, key="spike_chart")
    st.caption(
        f"Each dot is a run. Spike = its distance / the longest run of the {s.spike_lookback_days} days before: "
        + "; ".join(LEVELS[k] for k in ("reference", "small", "moderate", "large"))
        + f" ({SPIKE_SOURCE}). "
        + ("Stars: races. " if race.any() else "")
        + (
            f"Runs in the first {s.spike_lookback_days} days of your log: not enough history (the longest run "
            "of the days before them is not known), so not flagged and not counted. "
            if (runs["spike_category"] == NOT_ENOUGH_HISTORY).any()
            else ""
        )
        + charts.context_legend(res.buildups, injuries, lo, hi)
    )

# --- The runner's own counts ------------------------------------------------------------------------------
st.subheader(
    f"Your log: runs followed by an injury within {window_days} days",
    help="How often a run (or a day) was followed by an injury, in one group against another: a ratio of 1 "
    "means no difference. 'How these counts are made', below the tables, says it step by step.",
)
n = signal["injuries"]
first = res.daily["date"].iloc[0] if len(res.daily) else None
whole = f"Your whole log ({fmt.span_text(first, now)}), whatever the range: " if first is not None else ""
if n["logged"] == 0:
    st.info(
        "No injuries logged yet. Add them on the Settings page (Injury log), or upload an injuries CSV: "
        "until then no run can be followed by an injury.",
        icon=":material/healing:",
    )
else:
    left_out = n["logged"] - n["included"]
    as_injuries = "an injury" if n["counted"] == 1 else "injuries"
    st.markdown(
        whole + f"**{fmt.plural(n['logged'], 'injury')} logged**, {n['counted']} counted as {as_injuries} "
        f"(running stopped or restricted {s.injury_counted_min_days}+ days, or a medical visit; Yamato 2015)"
        + (f", {fmt.plural(left_out, 'shorter niggle')} left out" if left_out else "")
        + (", niggles included (the setting says so)" if s.injury_include_niggles else "")
        + (f"; {n['ongoing']} ongoing" if n["ongoing"] else "")
        + "."
    )
windows = [window_days, *signal["definition"]["sensitivity_windows_days"]]
window = st.segmented_control(
    "Injury within",
    windows,
    default=windows[0],
    required=True,
    key="injury_window",
    format_func=lambda w: f"{w} days" + (" (main)" if w == windows[0] else " (check)"),
    help=f"A run or day counts as followed by an injury when an injury began on that day or within the "
    f"days after it: {window_days} days is the main window; the longer ones only check that the picture "
    "holds.",
)
rows = {(r["exposure"], r["level"]): r for r in signal["results"] if r["window_days"] == window}
after = f"followed by an injury within {window} days"


def rr_text(r: dict) -> str:
    if r["risk_ratio"] is None:
        return (
            "too few injuries for a ratio" if r["reason"] and "fewer" in r["reason"] else (r["reason"] or "–")
        )
    return f"{r['risk_ratio']:.2f} ({r['ci_low']:.2f}-{r['ci_high']:.2f})" + (" *" if r["corrected"] else "")


spike_rows = [rows[("spike", lvl)] for lvl in SPIKE_LEVELS if ("spike", lvl) in rows]
if spike_rows:
    ref = spike_rows[0]
    runs_table = pd.DataFrame(
        [
            {
                "runs": LEVELS["reference"],
                "runs ": ref["c"] + ref["d"],
                after: ref["c"],
                "injuries after them": ref["unexposed_injuries"],
                "risk ratio against reference runs (likely range)": "1 (the reference)",
            }
        ]
        + [
            {
                "runs": LEVELS[r["level"]],
                "runs ": r["a"] + r["b"],
                after: r["a"],
                "injuries after them": r["exposed_injuries"],
                "risk ratio against reference runs (likely range)": rr_text(r),
            }
            for r in spike_rows
        ]
    ).set_index("runs")
    runs_table.index.name = "the run"
    runs_table = runs_table.rename(columns={"runs ": "runs"})
    st.markdown("**Runs, by their spike**")
    st.table(runs_table)
day_rows = [
    (k, rows[(k, col)])
    for k, col in (("progression", "progression_high"), ("acwr", "acwr_high"), ("strength", "strength_low"))
    if (k, col) in rows
]
if day_rows:
    days_table = pd.DataFrame(
        [
            {
                "the day": DAY_EXPOSURES[k],
                "days with it": r["a"] + r["b"],
                f"of them {after}": r["a"],
                "days without it": r["c"] + r["d"],
                f"of those {after}": r["c"],
                "injuries after days with it / without": f"{r['exposed_injuries']} / {r['unexposed_injuries']}",
                "risk ratio (likely range)": rr_text(r),
            }
            for k, r in day_rows
        ]
    ).set_index("the day")
    st.markdown("**Days, by the training before them**")
    st.table(days_table)
left_out = injury_notes.left_out_note(spike_rows, day_rows, window, s)
if left_out:
    st.caption(left_out)
st.info(WORDING, icon=":material/balance:")
with st.expander("How these counts are made"):
    st.markdown(
        f"- A run (or a day) is *{after}* when an injury that counts began on that day or in the {window} days "
        "after it. Runs count once each; injuries are counted apart, in their own column.\n"
        f"- Left out: the days from an injury's onset until {s.injury_after_return_days} days after the return to "
        f"running (nobody is at risk of a new injury then), and the last {window} days before today, whose "
        "outcome is not known yet.\n"
        "- The risk ratio is the share of runs (or days) followed by an injury in one group divided by the same "
        "share in the other: 1 means no difference. The range in brackets is where the true ratio likely lies (its 95 % confidence interval).\n"
        f"- With fewer than {s.injury_min_injuries} injuries in a group, only the counts are shown: a ratio from "
        "so few injuries would be noise.\n"
        "- A ratio marked * had a group with no injury at all (or nothing but injuries): half a run is added to "
        "each of the four counts so that a ratio can be formed.\n"
        + "".join(
            f"- {EXPOSURE_NAMES[k]}: {SOURCES[k]}.\n" for k in ("spike", "progression", "acwr", "strength")
        )
    )

# --- Population evidence --------------------------------------------------------------------------------
st.subheader("For comparison: what population studies found")
left, right = st.columns([3, 2])
with left:
    fig = go.Figure()
    cats = list(POPULATION_HR)
    pop = [POPULATION_HR[c] for c in cats]
    fig.add_scatter(
        x=[p[0] for p in pop],
        y=cats,
        mode="markers",
        name="Frandsen et al. 2025 (hazard ratio)",
        marker={"size": 12, "color": [charts.SPIKES[c] for c in cats], "symbol": "square"},
        customdata=[[p[1], p[2]] for p in pop],
        hovertemplate="%{y} spike: hazard ratio %{x:.2f} (likely range %{customdata[0]:.2f}-%{customdata[1]:.2f}), "
        "5,205 runners<extra></extra>",
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [p[2] - p[0] for p in pop],
            "arrayminus": [p[0] - p[1] for p in pop],
            "color": charts.INK,
        },
    )
    own = {
        r["level"]: r for r in signal["results"] if r["exposure"] == "spike" and r["window_days"] == window
    }
    mine = [(c, own[c]) for c in cats if c in own and own[c]["risk_ratio"] is not None]
    if mine:
        fig.add_scatter(
            x=[r["risk_ratio"] for _, r in mine],
            y=[c for c, _ in mine],
            mode="markers",
            name="your log (risk ratio, likely range)",
            marker={"size": 11, "color": charts.INK, "symbol": "diamond"},
            customdata=[[r["ci_low"], r["ci_high"]] for _, r in mine],
            hovertemplate="%{y} spike, your log: risk ratio %{x:.2f} (likely range %{customdata[0]:.2f}-"
            "%{customdata[1]:.2f})<extra></extra>",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [r["ci_high"] - r["risk_ratio"] for _, r in mine],
                "arrayminus": [r["risk_ratio"] - r["ci_low"] for _, r in mine],
            },
        )
    fig.add_vline(x=1, line_dash="dash", line_color=palette.MUTED)
    charts.layout(
        fig, height=260, xaxis_title="ratio against reference runs (1 = no difference)", hovermode="closest"
    )
    fig.update_xaxes(type="log")
    fig.update_yaxes(autorange="reversed")
    charts.show(fig, key="population")
    st.caption(
        f"{SPIKE_SOURCE}: 5,205 runners, 588,071 sessions. The same study found no useful signal in "
        "the weekly acute:chronic ratio or week-to-week change for runners."
        + ("" if mine else " Your log has too few injuries for a ratio: compare its counts above instead.")
    )
with right:
    st.markdown("**Another view**")
    st.markdown(OTHER_VIEW)
    st.markdown(
        "The coaching articles this dashboard follows (named under 'How these counts are made') say "
        "strength work prevents injuries; this survey "
        "linked injuries to training volume instead. The strength row of your own counts above is your "
        "log's side of that question."
    )

# --- Each injury and its window ----------------------------------------------------------------------------
st.subheader("Each injury and the days before it")
if injuries.empty:
    st.caption("No injuries logged.")
else:
    w = injuries.iloc[::-1]
    view = pd.DataFrame(
        {
            "onset": pd.to_datetime(w["onset"]).dt.strftime("%d %b %Y"),
            "back to running": pd.to_datetime(w["end"])
            .dt.strftime("%d %b %Y")
            .where(~w["ongoing"].astype(bool), "ongoing"),
            "days": [
                fmt.plural(int(d), "day") + (" so far" if o else "")
                for d, o in zip(w["days"], w["ongoing"], strict=True)
            ],
            "body area": w["body_area"].fillna("–"),
            "severity": w["severity"].fillna("–"),
            "counted as": [
                ("injury: " if c else "niggle: ") + r for c, r in zip(w["counted"], w["reason"], strict=True)
            ],
            f"runs in the {window_days} days before": w["runs_in_window"],
            "biggest spike": [
                spike_words(c, x) for c, x in zip(w["top_spike_category"], w["top_spike_ratio"], strict=True)
            ],
            f"days of progression above {fmt.pct(s.progression_threshold)}": w["progression_high_days"],
            "strength below target": w["strength_low_at_onset"].map({1.0: "yes", 0.0: "no"}).fillna("–"),
        }
    )
    st.table(view.set_index("onset"))
    st.caption(injury_notes.windows_note(injuries, s))
