"""Planned against done (docs/rules.md, planning ahead): once a day is past, each planned session is
matched to a done one of the same kind on the same day or the day after; a run counts when its
distance is 50-150 % of the planned one (its duration, when the plan gave no distance). Status:
done, partly done (50-90 %), missed; done sessions of a planned week that no plan matched are
unplanned. Per week: the share of planned sessions done, for runs and for strength apart."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import DAY, as_day, num, to_ts, week_start_of

DONE, PARTLY, MISSED, UNPLANNED = "done", "partly done", "missed", "unplanned"
STATUSES = (DONE, PARTLY, MISSED, UNPLANNED)
#: A done run within this share of the planned distance (or duration) is the planned run.
MATCH_SHARE = (0.5, 1.5)
#: Below this share it was only partly done.
PARTLY_BELOW = 0.9
MATCH_COLUMNS = ["plan_id", "planned_date", "kind", "status", "done_id", "done_date", "share"]


def _done(runs: pd.DataFrame, strength: pd.DataFrame, t: pd.Timestamp) -> pd.DataFrame:
    """Done runs and counted strength sessions up to today: kind, id, day, distance_m, duration_s."""
    parts = []
    if len(runs):
        r = runs[as_day(runs["local_date"]) <= t]
        parts.append(
            pd.DataFrame(
                {
                    "kind": "run",
                    "id": r["activity_id"].to_numpy(),
                    "day": as_day(r["local_date"]).to_numpy(),
                    "distance_m": num(r, "distance_m").to_numpy(),
                    "duration_s": num(r, "moving_s").fillna(num(r, "elapsed_s")).to_numpy(),
                }
            )
        )
    if len(strength):
        st = strength[strength["counted"].astype(bool) & (as_day(strength["local_date"]) <= t)]
        parts.append(
            pd.DataFrame(
                {
                    "kind": "strength",
                    "id": st["session_id"].to_numpy(),
                    "day": as_day(st["local_date"]).to_numpy(),
                    "distance_m": np.nan,
                    "duration_s": num(st, "duration_s").to_numpy(),
                }
            )
        )
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["kind", "id", "day", "distance_m", "duration_s"])
    return pd.concat(parts, ignore_index=True)


def _share(plan_row, done_row) -> float:
    """The done run's distance over the planned one (durations when the plan gave no distance)."""
    for col in ("distance_m", "duration_s"):
        p, d = plan_row.get(col), done_row.get(col)
        if p is not None and pd.notna(p) and p > 0:
            return float(d) / float(p) if d is not None and pd.notna(d) else float("nan")
    return float("nan")


def match(planned: pd.DataFrame, runs: pd.DataFrame, strength: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Each planned session up to today with its status and the done session it matched
    (MATCH_COLUMNS; ``share`` the done run's share of the planned distance or duration)."""
    t = to_ts(today)
    if planned is None or len(planned) == 0:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    p = planned[as_day(planned["planned_date"]) <= t].copy()
    p["planned_date"] = as_day(p["planned_date"])
    p = p.sort_values(["planned_date", "plan_id"])
    done = _done(runs, strength, t)
    used: set[tuple[str, object]] = set()
    rows = []
    for r in p.to_dict("records"):
        day = r["planned_date"]
        cands = done[(done["kind"] == r["kind"]) & done["day"].isin([day, day + DAY])]
        best, best_share = None, float("nan")
        for c in cands.sort_values("day").to_dict("records"):
            if (c["kind"], c["id"]) in used:
                continue
            share = _share(r, c) if r["kind"] == "run" else 1.0
            if r["kind"] == "run" and not (pd.isna(share) or MATCH_SHARE[0] <= share <= MATCH_SHARE[1]):
                continue
            # The same day first, then the share closest to the plan.
            if (
                best is None
                or (c["day"] == day and best["day"] != day)
                or (
                    c["day"] == best["day"]
                    and abs((share if pd.notna(share) else 1) - 1)
                    < abs((best_share if pd.notna(best_share) else 1) - 1)
                )
            ):
                best, best_share = c, share
        if best is None:
            rows.append((r["plan_id"], day, r["kind"], MISSED, None, pd.NaT, np.nan))
            continue
        used.add((best["kind"], best["id"]))
        status = PARTLY if pd.notna(best_share) and best_share < PARTLY_BELOW else DONE
        rows.append((r["plan_id"], day, r["kind"], status, best["id"], best["day"], best_share))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def unplanned(
    matched: pd.DataFrame, runs: pd.DataFrame, strength: pd.DataFrame, week_start: dt.date, today: dt.date
) -> pd.DataFrame:
    """The done sessions of the week from ``week_start`` (up to today) that no plan matched."""
    start, t = to_ts(week_start), to_ts(today)
    done = _done(runs, strength, t)
    done = done[done["day"].between(start, start + 6 * DAY)]
    taken = set(zip(matched["kind"], matched["done_id"], strict=True)) if len(matched) else set()
    keep = np.array([(k, i) not in taken for k, i in zip(done["kind"], done["id"], strict=True)], dtype=bool)
    return done[keep].reset_index(drop=True)  # a boolean array: an empty list would select columns


def week_compliance(
    week_start: dt.date, planned: pd.DataFrame, runs: pd.DataFrame, strength: pd.DataFrame, today: dt.date
) -> dict | None:
    """Per kind ('run', 'strength'): planned (up to today), done, partly, missed, unplanned, share
    (done or partly done over planned; None without a plan); None for a week with no planned day
    up to today."""
    start, t = to_ts(week_start), to_ts(today)
    if planned is None or len(planned) == 0:
        return None
    days = as_day(planned["planned_date"])
    in_week = planned[days.between(start, min(start + 6 * DAY, t))]
    if len(in_week) == 0:
        return None
    m = match(in_week, runs, strength, today)
    extra = unplanned(m, runs, strength, week_start, today)
    out: dict = {}
    for kind in ("run", "strength"):
        k = m[m["kind"] == kind]
        n = len(k)
        done, partly = int((k["status"] == DONE).sum()), int((k["status"] == PARTLY).sum())
        out[kind] = {
            "planned": n,
            "done": done,
            "partly": partly,
            "missed": int((k["status"] == MISSED).sum()),
            "unplanned": int((extra["kind"] == kind).sum()),
            "share": (done + partly) / n if n else None,
        }
    return out


def strength_weeks(planned: pd.DataFrame, matched: pd.DataFrame, week_start: int = 0) -> pd.DataFrame:
    """Per week holding planned strength sessions (for the build-up verdict): week_start, planned
    (every planned strength session of the week), due (those up to today) and done (of the due
    ones, done or partly done; NaN for a week with none due yet). ``matched`` is match()'s frame."""
    cols = ["week_start", "planned", "due", "done"]
    if planned is None or len(planned) == 0:
        return pd.DataFrame(columns=cols)
    p = planned[planned["kind"] == "strength"]
    if len(p) == 0:
        return pd.DataFrame(columns=cols)
    weeks = week_start_of(as_day(p["planned_date"]), week_start)
    out = weeks.value_counts().rename("planned").rename_axis("week_start").to_frame()
    m = matched[matched["kind"] == "strength"] if len(matched) else matched
    if len(m):
        mw = week_start_of(as_day(m["planned_date"]), week_start)
        out["due"] = mw.value_counts().reindex(out.index).fillna(0).astype(int)
        done = mw[m["status"].isin([DONE, PARTLY]).to_numpy()].value_counts()
        out["done"] = done.reindex(out.index).fillna(0).astype(float)
    else:
        out["due"] = 0
        out["done"] = np.nan
    out.loc[out["due"] == 0, "done"] = np.nan  # a week still ahead: nothing to say done or not
    return out.sort_index().reset_index()[cols]
