"""The coaching articles' scheduling rules (docs/rules.md), each with its source.

Rules by policy (the rule list below, ``RULES``, is the one the pages show):

| rule | easy-day strength (default) | hard-day strength |
|------|-----------------------------|-------------------|
| 1 no heavy lower-body session in the 24 h before a key run | checked | checked |
| 2 no strength session on the same day as a long run | checked | not checked: that school puts strength on hard days |
| 3 on a day with both, run first, then lift | checked | checked |
| 4 placement | strength on easy-run days or the day after a hard run: a session on a quality-run or race day breaks it (upper-body/core-only sessions exempt) | strength within 3 h after a hard (key) run: a session on a day without one, or more than 3 h after it, breaks it |

The hours come from Settings (``heavy_before_key_s``, ``hard_day_within_s``). Times are the
runner's wall clock (start_time_local, else start_time_utc). A strength session whose time of day
is unknown (no time, or a bare date at midnight) is checked by date only: rule 1 then flags a
heavy session on the day before a key run, and rule 3 cannot be checked.

Each break says how it was found (``basis``, in words in ``BASIS_LABELS``): by the start times,
by the day because the rule is about days (rules 2 and 4, and the hard-day school's rule on a day
without a hard run), or by the day only because the session or the run has no start time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis._frames import DAY, num
from analysis.articles import ARTICLES, cite
from analysis.settings import Settings


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:g} h"


@dataclass(frozen=True)
class Rule:
    """One scheduling rule: ``key`` tells the two rule 4s apart (-4 is the hard-day school's)."""

    key: int
    text: str  # may name {before} (heavy_before_key_s) and {within} (hard_day_within_s)
    articles: tuple[str, ...]
    papers: str = ""
    short: str = ""  # the rule in a few words: a legend's or a table cell's name for it

    @property
    def name(self) -> str:
        """'rule 1: no heavy legs before a key run': a rule is never a bare number on screen."""
        return f"rule {self.number}: {self.short}"

    @property
    def number(self) -> int:
        return abs(self.key)

    def label(self, s: Settings) -> str:
        return self.text.format(before=_hours(s.heavy_before_key_s), within=_hours(s.hard_day_within_s))

    def source(self) -> str:
        """The articles by title and author, then the papers."""
        return "; ".join(x for x in (cite(*self.articles), self.papers) if x)

    def short_source(self) -> str:
        """The articles by author (or site), for a table cell."""
        return "; ".join(x for x in ([ARTICLES[k].short() for k in self.articles] + [self.papers]) if x)


RULES: dict[int, Rule] = {
    1: Rule(
        1,
        "No heavy lower-body strength in the {before} before a key run",
        ("run_smarter",),
        "Doma & Deakin 2013",
        "no heavy legs before a key run",
    ),
    2: Rule(
        2,
        "No strength session on the same day as a long run",
        ("revel",),
        short="no lifting on a long-run day",
    ),
    3: Rule(
        3,
        "On a day with both, run first, then lift",
        ("revel",),
        "Doma & Deakin 2013",
        "run first, then lift",
    ),
    4: Rule(
        4,
        "Strength on easy-run days or the day after a hard run",
        ("fitzgerald", "revel", "run_smarter"),
        short="lift on easy days",
    ),
    -4: Rule(
        -4,
        "Strength within {within} after a hard session (keep hard days hard)",
        ("middle_age_marathoner",),
        short="lift right after a hard session",
    ),
}


@dataclass(frozen=True)
class Policy:
    """A school of strength scheduling: its name, its idea in a line, the rules it checks."""

    name: str
    idea: str  # may name {within}
    articles: tuple[str, ...]
    rules: tuple[int, ...]
    not_checked: str = ""  # a rule of the other school this one leaves out, and why

    def label(self, s: Settings) -> str:
        return f"{self.name}: {self.idea.format(within=_hours(s.hard_day_within_s))}"


POLICY_INFO: dict[str, Policy] = {
    "easy-day": Policy(
        "Easy-day strength",
        "lift on easy-run days or the day after a hard run",
        ("fitzgerald", "revel", "run_smarter"),
        (1, 2, 3, 4),
    ),
    "hard-day": Policy(
        "Hard-day strength",
        "keep hard days hard, lift within {within} after the hard session",
        ("middle_age_marathoner",),
        (1, 3, -4),
        f"The rule “{RULES[2].short}” belongs to the easy-day school and is not checked.",
    ),
}


def rule_of(number: int, policy: str) -> Rule:
    """The rule a break's number stands for under ``policy`` (4 is the hard-day school's -4 there)."""
    return RULES[-4 if abs(number) == 4 and policy == "hard-day" else abs(number)]


def rules_for(policy: str) -> list[Rule]:
    """The rules checked under ``policy``, in their order."""
    return [RULES[k] for k in POLICY_INFO[policy].rules]


def rule_names(policy: str) -> dict[int, str]:
    """Each rule number checked under ``policy`` (the ``rule`` column) by its name."""
    return {r.number: r.name for r in rules_for(policy)}


def rule_notes(policy: str) -> list[str]:
    """What the rule list alone does not say: what is exempt, what is not checked, unknown times."""
    notes = [
        f"Upper-body and core sessions may go on any day: the rule “{RULES[1].short}” looks only at heavy "
        "lower-body sessions"
        + (f", and “{RULES[4].short}” leaves them out" if policy == "easy-day" else "")
        + f" ({ARTICLES['run_smarter'].short()}).",
        "A session whose time of day is unknown is checked by date only.",
    ]
    if POLICY_INFO[policy].not_checked:
        notes.insert(0, POLICY_INFO[policy].not_checked)
    return notes


#: How a break was found (the ``basis`` column), in words.
BASIS_LABELS = {
    "time": "both start times",
    "day": "the day (a rule about days)",
    "no_time_strength": "the day only: the session has no start time",
    "no_time_run": "the day only: the run has no start time",
    "no_time_both": "the day only: neither has a start time",
}
COLUMNS = [
    "rule",
    "name",
    "label",
    "date",
    "session_id",
    "activity_id",
    "detail",
    "basis",
    "source",
    "policy",
]
H = np.timedelta64(1, "h")


def _clock(df: pd.DataFrame) -> pd.Series:
    local = pd.to_datetime(df.get("start_time_local"), errors="coerce")
    utc = pd.to_datetime(df.get("start_time_utc"), errors="coerce")
    t = local if local is not None else utc
    if local is not None and utc is not None:
        t = local.fillna(utc)
    return t.astype("datetime64[ns]")


def _strength_clock(s: pd.DataFrame) -> pd.Series:
    t = _clock(s)
    bare = (t == t.dt.normalize()) & pd.to_datetime(s.get("start_time_utc"), errors="coerce").isna()
    return t.where(~bare)


def _pairs(strength: pd.DataFrame, runs: pd.DataFrame, offset_days: int) -> pd.DataFrame:
    """Strength sessions joined to the runs on local_date + offset_days."""
    s = strength.assign(_day=strength["local_date"] + offset_days * DAY)
    r = runs.rename(columns={"local_date": "_day", "activity_id": "activity_id_run"})
    return s.merge(r, on="_day", how="inner")


def _basis(t_strength: pd.Series, t_run: pd.Series) -> np.ndarray:
    """How rule 1 was checked for each pair: by both start times, or by the day, saying which lacks one."""
    s_known, r_known = t_strength.notna().to_numpy(), t_run.notna().to_numpy()
    return np.select(
        [s_known & r_known, ~s_known & ~r_known, ~s_known],
        ["time", "no_time_both", "no_time_strength"],
        default="no_time_run",
    ).astype(object)


def _rows(df: pd.DataFrame, rule: int, detail: pd.Series, basis, s: Settings) -> pd.DataFrame:
    label, source = RULES[rule].label(s), RULES[rule].short_source()
    return pd.DataFrame(
        {
            "rule": abs(rule),
            "name": RULES[rule].name,
            "label": label,
            "date": df["local_date"].to_numpy(),
            "session_id": df["session_id"].to_numpy(),
            "activity_id": df["activity_id_run"].to_numpy() if "activity_id_run" in df else pd.NA,
            "detail": np.asarray(detail, dtype=object),
            "basis": basis if isinstance(basis, str) else np.asarray(basis, dtype=object),
            "source": source,
            "policy": s.policy,
        }
    )


def schedule_violations(
    strength: pd.DataFrame, runs: pd.DataFrame, settings: Settings | None = None
) -> pd.DataFrame:
    """Every rule violation under the chosen policy, one row per (rule, session, run).

    strength: analysis.strength.strength_sessions_summary rows (counted sessions are checked).
    runs: analysis.keyruns.key_runs output. Columns: rule (1-4), label, date, session_id,
    activity_id (the run involved, NA for rule 4 under hard-day with no key run that day), detail,
    basis (a BASIS_LABELS key), source, policy. Sorted by date, rule.
    """
    s_cfg = settings or Settings()
    policy = s_cfg.policy
    if strength is None or len(strength) == 0 or runs is None:
        return pd.DataFrame(columns=COLUMNS)
    counted = strength[strength["counted"].astype(bool)].reset_index(drop=True)
    st = pd.DataFrame(
        {
            "session_id": counted["session_id"],
            "local_date": pd.to_datetime(counted["local_date"]).astype("datetime64[ns]"),
            "t_s": _strength_clock(counted),
            "heavy_lower": counted["heavy_lower"].astype(bool),
            "upper_core_only": counted["upper_core_only"].astype(bool),
            "_row": np.arange(len(counted)),
        }
    )
    dur = num(runs, "elapsed_s").fillna(num(runs, "moving_s")).fillna(0.0)
    t_r = _clock(runs)
    r = pd.DataFrame(
        {
            "activity_id": runs["activity_id"],
            "local_date": pd.to_datetime(runs["local_date"]).astype("datetime64[ns]"),
            "t_r": t_r,
            "t_end": t_r + pd.to_timedelta(dur, unit="s"),
            "key": runs["is_long"] | runs["is_quality"] | runs["is_race"],
            "is_long": runs["is_long"].astype(bool),
            "is_quality": runs["is_quality"].astype(bool),
            "is_race": runs["is_race"].astype(bool),
        }
    )
    out = []

    # Rule 1: heavy lower body in the 24 h before a key run.
    heavy = st[st["heavy_lower"]]
    for off in (0, 1):
        p = _pairs(heavy, r[r["key"]], off)
        gap = (p["t_r"] - p["t_s"]) / H
        by_time = p["t_s"].notna() & p["t_r"].notna()
        hit = (by_time & (gap > 0) & (gap <= s_cfg.heavy_before_key_s / 3600.0)) | (~by_time & (off == 1))
        p, gap, by_time = p[hit], gap[hit], by_time[hit]
        detail = np.where(
            by_time,
            gap.round(1).astype(str) + " h before a key run",
            "heavy lower-body session the day before a key run",
        )
        out.append(_rows(p, 1, detail, _basis(p["t_s"], p["t_r"]), s_cfg))

    same_day = _pairs(st, r, 0)
    checked = POLICY_INFO[policy].rules
    if 2 in checked:
        p = same_day[same_day["is_long"]]
        out.append(_rows(p, 2, np.full(len(p), "strength on a long-run day"), "day", s_cfg))

    # Rule 3: lift before the run on the same day.
    known = same_day["t_s"].notna() & same_day["t_r"].notna()
    p = same_day[known & (same_day["t_s"] < same_day["t_r"])]
    out.append(_rows(p, 3, np.full(len(p), "strength before the run"), "time", s_cfg))

    if 4 in checked:
        hard = same_day[(same_day["is_quality"] | same_day["is_race"]) & ~same_day["is_long"]]
        p = hard[~hard["upper_core_only"].astype(bool)]
        out.append(_rows(p, 4, np.full(len(p), "strength on a hard-run day"), "day", s_cfg))
    if -4 in checked:
        key = same_day[same_day["key"]]
        after = (key["t_s"] - key["t_end"]) / H
        within = (after >= 0) & (after <= s_cfg.hard_day_within_s / 3600.0)
        ok = within | key["t_s"].isna() | key["t_end"].isna()
        bad = st[~st["_row"].isin(set(key.loc[ok, "_row"]))]
        with_key = bad["_row"].isin(set(key["_row"])).to_numpy()
        detail = np.where(
            with_key,
            f"not within {_hours(s_cfg.hard_day_within_s)} after the hard run",
            "strength on a day without a hard run",
        )
        out.append(_rows(bad, -4, detail, np.where(with_key, "time", "day"), s_cfg))
    res = pd.concat([o for o in out if len(o)], ignore_index=True) if any(len(o) for o in out) else None
    if res is None:
        return pd.DataFrame(columns=COLUMNS)
    return res.sort_values(["date", "rule", "session_id"], kind="stable").reset_index(drop=True)
