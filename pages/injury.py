"""Injury signal: do my injuries follow my volume spikes? Told honestly (DOMAIN.md section 8)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import units
from analysis.metrics import help_text
from analysis.riskratio import CONFOUNDERS, OTHER_VIEW, WORDING
from analysis.spikes import CATEGORIES, POPULATION_HR
from analysis.spikes import SOURCE as SPIKE_SOURCE
from ui import charts, data, filters, fmt, page

span, s = page.require_data("Injury signal", "Do my injuries follow my volume spikes?")
u = s.units_distance
res = data.results(span[1])
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])
runs = filters.clip(res.runs, "local_date", span)
signal = res.injury_signal
injuries = res.injury_windows

# --- Every run, its spike, and the injuries -------------------------------------------------------
st.subheader("Distance per run, spikes coloured", help=help_text("spike_ratio"))
fig = go.Figure()
for cat in CATEGORIES:
    r = runs[runs["spike_category"] == cat]
    if r.empty:
        continue
    size = 7 if cat in ("reference", "return to running") else 12
    fig.add_scatter(
        x=r["local_date"], y=units.distance(r["distance_m"], u), mode="markers", name=cat,
        marker={"color": charts.SPIKES[cat], "size": size, "line": {"width": 0.5, "color": "white"}},
        customdata=r[["spike_ratio", "prev_longest_m"]].assign(prev=units.distance(r["prev_longest_m"], u))[
            ["spike_ratio", "prev"]].to_numpy(),
        hovertemplate="%{x|%a %d %b %Y}: %{y:.1f} " + units.distance_label(u)
        + "<br>%{customdata[0]:.2f} x the longest of the 30 days before (%{customdata[1]:.1f})<extra>" + cat + "</extra>",
    )  # fmt: skip
charts.layout(fig, height=420, yaxis_title=units.distance_label(u), hovermode="closest")
charts.shade_context(fig, res.buildups, injuries, lo, hi)
charts.show(fig, key="spike_chart")
st.caption(
    "Each dot is a run. Spike = its distance / the longest run of the 30 days before: up to 1.10 reference, "
    "1.10-1.30 small, 1.30-2.00 moderate, above 2.00 large (Frandsen et al. 2025). " + charts.context_legend()
)

# --- The runner's own 2x2 ------------------------------------------------------------------------------
st.subheader("Your log: injuries after each exposure", help=help_text("risk_ratio"))
n = signal["injuries"]
if n["logged"] == 0:
    st.info("No injuries logged yet. Add them on the Settings page (Injury log), or upload an injuries CSV: "
            "the counts below stay at zero until then.")  # fmt: skip
else:
    st.caption(
        f"Over your whole log (not only the sidebar's range): {fmt.plural(n['logged'], 'injury')} logged, {n['counted']} counted ({signal['definition']['counted_injury']}), "
        f"{n['niggles_excluded']} shorter niggle(s) left out"
        + (" (included: the setting says so)" if signal["definition"]["niggles_included"] else "")
        + f", {n['ongoing']} ongoing."
    )
windows = [signal["definition"]["primary_window_days"], *signal["definition"]["sensitivity_windows_days"]]
window = st.segmented_control(
    "Window before onset", windows, default=windows[0], required=True, key="injury_window",
    format_func=lambda w: f"{w} days" + (" (primary)" if w == windows[0] else " (sensitivity)"),
    help="An injury is attributed to the exposures of the days before its onset (7 primary; 14 and 28 "
    "as sensitivity only). The injured period and the 28 days after return are not at risk.",
)  # fmt: skip
rows = [r for r in signal["results"] if r["window_days"] == window]
LABELS = {"spike": "run's spike", "progression": "2-week progression > 30 %", "acwr": "ACWR above reference",
          "strength": "strength below target (4 weeks)"}  # fmt: skip


def rr_text(r: dict) -> str:
    if r["risk_ratio"] is None:
        return "counts only"
    return f"{r['risk_ratio']:.2f} ({r['ci_low']:.2f}-{r['ci_high']:.2f})" + (" *" if r["corrected"] else "")


table = pd.DataFrame({
    "exposure": [LABELS[r["exposure"]] + ("" if r["exposure"] != "spike" else f": {r['level']}") for r in rows],
    "unit": [r["unit"] for r in rows],
    "exposed, injury after": [r["a"] for r in rows],
    "exposed, none": [r["b"] for r in rows],
    "unexposed, injury after": [r["c"] for r in rows],
    "unexposed, none": [r["d"] for r in rows],
    "injuries (exposed / not)": [f"{r['exposed_injuries']} / {r['unexposed_injuries']}" for r in rows],
    "risk ratio (95 % CI)": [rr_text(r) for r in rows],
    "why no ratio": [r["reason"] or "" for r in rows],
    "source": [r["source"] for r in rows],
})  # fmt: skip
st.dataframe(table, hide_index=True, width="stretch")
st.caption(
    "Cells of the 2x2: units (runs or days) exposed or not, followed by an injury within the window or not. "
    "Spike rows compare each category with reference runs. * 0.5 added to every cell (one was 0). "
    f"Fewer than {signal['definition']['min_injuries_per_group']} injuries in a group: counts only."
)
st.info(WORDING + " Confounders to keep in mind: " + ", ".join(CONFOUNDERS) + ".", icon=":material/balance:")

# --- Population evidence --------------------------------------------------------------------------------
st.subheader("For comparison: what population studies found")
left, right = st.columns([3, 2])
with left:
    fig = go.Figure()
    cats = list(POPULATION_HR)
    pop = [POPULATION_HR[c] for c in cats]
    fig.add_scatter(x=[p[0] for p in pop], y=cats, mode="markers", name="Frandsen et al. 2025 (hazard ratio)",
                    marker={"size": 12, "color": [charts.SPIKES[c] for c in cats], "symbol": "square"},
                    error_x={"type": "data", "symmetric": False, "array": [p[2] - p[0] for p in pop],
                             "arrayminus": [p[0] - p[1] for p in pop], "color": charts.INK})  # fmt: skip
    own = {
        r["level"]: r for r in signal["results"] if r["exposure"] == "spike" and r["window_days"] == window
    }
    mine = [(c, own[c]) for c in cats if c in own and own[c]["risk_ratio"] is not None]
    if mine:
        fig.add_scatter(x=[r["risk_ratio"] for _, r in mine], y=[c for c, _ in mine], mode="markers",
                        name="your log (risk ratio)", marker={"size": 11, "color": charts.INK, "symbol": "diamond"},
                        error_x={"type": "data", "symmetric": False,
                                 "array": [r["ci_high"] - r["risk_ratio"] for _, r in mine],
                                 "arrayminus": [r["risk_ratio"] - r["ci_low"] for _, r in mine]})  # fmt: skip
    fig.add_vline(x=1, line_dash="dash", line_color="#9aa5b1")
    charts.layout(
        fig, height=260, xaxis_title="ratio against reference runs (1 = no difference)", hovermode="closest"
    )
    fig.update_xaxes(type="log")
    fig.update_yaxes(autorange="reversed")
    charts.show(fig, key="population")
    st.caption(f"{SPIKE_SOURCE}: 5,205 runners, 588,071 sessions. The same study found no useful signal in "
               "weekly ACWR or week-to-week change for runners."
               + ("" if mine else " Your log has too few injuries for a ratio: compare its counts above instead."))  # fmt: skip
with right:
    st.markdown("**Another view**")
    st.markdown(OTHER_VIEW)
    st.markdown(
        "The seed articles claim strength work prevents injuries; this survey linked injuries to training "
        "volume instead. Your own log's strength row above is the runner's side of that question."
    )

# --- Each injury and its window ----------------------------------------------------------------------------
st.subheader("Each injury and the days before it")
if injuries.empty:
    st.caption("No injuries logged.")
else:
    w = injuries
    view = pd.DataFrame({
        "onset": pd.to_datetime(w["onset"]).dt.date,
        "back to running": pd.to_datetime(w["end"]).dt.date,
        "days": w["days"],
        "body area": w["body_area"],
        "severity": w["severity"],
        "counted": w["counted"],
        f"runs in the {s.injury_window_days} days before": w["runs_in_window"],
        "biggest spike": w["top_spike_category"],
        "its ratio": w["top_spike_ratio"],
        "days of progression > 30 %": w["progression_high_days"],
        "strength below target": w["strength_low_at_onset"].map({1.0: "yes", 0.0: "no"}),
    })  # fmt: skip
    st.dataframe(view.iloc[::-1], hide_index=True, width="stretch",
                 column_config={"its ratio": st.column_config.NumberColumn(format="%.2f")})  # fmt: skip
