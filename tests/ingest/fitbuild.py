"""Small FIT files built in the tests with garmin-fit-sdk's Encoder (the official writer)."""

from __future__ import annotations

import datetime as dt

from garmin_fit_sdk import Encoder, Profile

MESG = Profile["mesg_num"]
FIT_EPOCH = dt.datetime(1989, 12, 31)
INVALID = 0xFFFF


def fit_time(t: dt.datetime) -> int:
    return int((t - FIT_EPOCH).total_seconds())


def activity(
    start: dt.datetime,
    sessions: list[dict],
    sets: list[dict] | None = None,
    offset_s: int = 3600,
    records_every_s: int = 10,
) -> bytes:
    """A FIT activity: `sessions` are dicts with sport, sub_sport, offset_s (from start),
    duration_s and optional distance_m; `sets` are dicts with start_s (from start), duration_s,
    set_type, category, subtype, reps, weight_kg."""
    enc = Encoder()
    t0 = fit_time(start)
    enc.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "garmin",
            "product": 4315,
            "serial_number": 1,
            "time_created": t0,
        }
    )
    end = t0
    for s in sessions:
        s0 = t0 + s.get("offset_s", 0)
        dur = s["duration_s"]
        dist = s.get("distance_m")
        for t in range(0, dur + 1, records_every_s):
            rec = {"mesg_num": MESG["RECORD"], "timestamp": s0 + t, "heart_rate": 120 + t % 30}
            if dist:
                rec["distance"] = dist * t / dur
            enc.write_mesg(rec)
        end = max(end, s0 + dur)
    for i, st in enumerate(sets or []):
        mesg = {
            "mesg_num": MESG["SET"],
            "message_index": i,
            "start_time": t0 + st["start_s"],
            "timestamp": t0 + st["start_s"] + st["duration_s"],
            "duration": float(st["duration_s"]),
            "set_type": st.get("set_type", "active"),
        }
        if mesg["set_type"] == "active":
            mesg["category"] = [st.get("category", 65534), INVALID, INVALID]
            sub = st.get("subtype")
            mesg["category_subtype"] = [INVALID if sub is None else sub, INVALID, INVALID]
            mesg["repetitions"] = st.get("reps")
            mesg["weight"] = st.get("weight_kg")
        enc.write_mesg(mesg)
    for i, s in enumerate(sessions):
        s0 = t0 + s.get("offset_s", 0)
        mesg = {
            "mesg_num": MESG["SESSION"],
            "message_index": i,
            "timestamp": s0 + s["duration_s"],
            "start_time": s0,
            "total_elapsed_time": float(s["duration_s"]),
            "total_timer_time": float(s["duration_s"]),
            "sport": s["sport"],
            "sub_sport": s.get("sub_sport", "generic"),
            "event": "session",
            "event_type": "stop",
        }
        if s.get("distance_m"):
            mesg["total_distance"] = float(s["distance_m"])
        if s.get("rpe") is not None:
            mesg["workout_rpe"] = int(s["rpe"] * 10)  # Garmin stores RPE x 10
        enc.write_mesg(mesg)
    enc.write_mesg(
        {
            "mesg_num": MESG["ACTIVITY"],
            "timestamp": end,
            "num_sessions": len(sessions),
            "type": "manual",
            "event": "activity",
            "event_type": "stop",
            "local_timestamp": end + offset_s,
        }
    )
    return enc.close()


def category(name: str) -> int:
    return next(k for k, v in Profile["types"]["exercise_category"].items() if v == name)


def subtype(cat: str, name: str) -> int:
    return next(k for k, v in Profile["types"][f"{cat}_exercise_name"].items() if v == name)


def run(
    start: dt.datetime, distance_m: float = 10000.0, duration_s: int = 3000, offset_s: int = 3600
) -> bytes:
    return activity(
        start,
        [{"sport": "running", "duration_s": duration_s, "distance_m": distance_m}],
        offset_s=offset_s,
        records_every_s=30,
    )
