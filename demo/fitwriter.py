"""Encode one planned activity as FIT bytes with garmin-fit-sdk's Encoder.

Reusable beyond the demo: `encode_cardio(act, interval_s=1, seed=...)` gives a 1-Hz file for the
benchmark (demo.fitstrength does the same for strength sessions), `interval_s=6` gives Garmin-like smart recording. No clock is read: every timestamp
comes from the plan, so the same plan and seed give the same bytes.
"""

from __future__ import annotations

import random
from datetime import datetime

from garmin_fit_sdk import Encoder, Profile

from demo.model import Cardio
from demo.routes import semicircles
from demo.stream import Stream, simulate_cardio

MESG = Profile["mesg_num"]
FIT_EPOCH = datetime(1989, 12, 31)
WEIGHT_KG = 58.0

# (garmin_product id, serial number, software version, writes enhanced_* record fields)
DEVICES: dict[str, tuple[int, int, float, bool]] = {
    "fr245": (3076, 3391234567, 12.30, False),
    "fr965": (4315, 3456789012, 19.18, True),
}
HRM_PRO = 3300
HRM_SERIAL = 1234567
SPORT_NAMES = {
    ("running", "generic"): "Run",
    ("running", "trail"): "Trail Run",
    ("running", "treadmill"): "Treadmill",
    ("cycling", "road"): "Bike",
    ("cycling", "indoor_cycling"): "Indoor Bike",
    ("training", "strength_training"): "Strength",
}


class CachingEncoder(Encoder):
    """The SDK's Encoder, remembering message definitions it has already built.

    The SDK builds a definition for every message by scanning the profile; a 1-Hz run repeats the
    same record layout thousands of times. The bytes are identical to the plain Encoder's (a test
    checks it); only the time differs.
    """

    def __init__(self) -> None:
        super().__init__()
        self._definition_cache: dict[tuple, object] = {}

    def _create_mesg_definition(self, mesg_num, mesg):
        shape = [mesg_num]
        for name, value in mesg.items():
            if value is None:
                continue
            if isinstance(value, list):
                shape.append((name, len(value)))
            elif isinstance(value, str):
                shape.append((name, len(value.encode("utf-8"))))
            else:
                shape.append(name)
        key = tuple(shape)
        found = self._definition_cache.get(key)
        if found is None:
            # A private method of the SDK's Encoder, which its stubs do not declare.
            found = super()._create_mesg_definition(mesg_num, mesg)  # type: ignore[misc]
            self._definition_cache[key] = found
        return found


def fit_time(utc: datetime) -> int:
    return int((utc - FIT_EPOCH).total_seconds())


def write_header(enc: Encoder, start: int, device: str, sport: str, sub_sport: str, hr_strap: bool) -> None:
    product, serial, software, _ = DEVICES[device]
    enc.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "garmin",
            "product": product,
            "serial_number": serial,
            "time_created": start,
        }
    )
    enc.write_mesg({"mesg_num": MESG["FILE_CREATOR"], "software_version": round(software * 100)})
    enc.write_mesg(
        {
            "mesg_num": MESG["EVENT"],
            "timestamp": start,
            "event": "timer",
            "event_type": "start",
            "event_group": 0,
        }
    )
    enc.write_mesg(
        {
            "mesg_num": MESG["DEVICE_INFO"],
            "timestamp": start,
            "device_index": "creator",
            "manufacturer": "garmin",
            "product": product,
            "serial_number": serial,
            "software_version": software,
            "source_type": "local",
        }
    )
    if hr_strap:
        enc.write_mesg(
            {
                "mesg_num": MESG["DEVICE_INFO"],
                "timestamp": start,
                "device_index": 1,
                "device_type": 120,
                "manufacturer": "garmin",
                "product": HRM_PRO,
                "serial_number": HRM_SERIAL,
                "source_type": "antplus",
            }
        )
    enc.write_mesg(
        {
            "mesg_num": MESG["SPORT"],
            "sport": sport,
            "sub_sport": sub_sport,
            "name": SPORT_NAMES[(sport, sub_sport)],
        }
    )


def write_activity(enc: Encoder, end: int, offset_s: int, timer_s: float) -> bytes:
    enc.write_mesg(
        {
            "mesg_num": MESG["ACTIVITY"],
            "timestamp": end,
            "total_timer_time": timer_s,
            "num_sessions": 1,
            "type": "manual",
            "event": "activity",
            "event_type": "stop",
            "local_timestamp": end + offset_s,
        }
    )
    return enc.close()


def mean_int(values: list[int]) -> int | None:
    return round(sum(values) / len(values)) if values else None


def _summary(st: Stream, a: int, b: int, act: Cardio, alts: dict[int, float], kcal: float) -> dict:
    """Lap or session fields over timer seconds (a, b]."""
    dist = st.dist_m[b] - st.dist_m[a]
    timer = b - a
    fields: dict = {
        "total_elapsed_time": float(st.wall_s[b] - st.wall_s[a]),
        "total_timer_time": float(timer),
        "total_distance": dist,
        "avg_speed": dist / timer,
        "max_speed": max(st.speed[a + 1 : b + 1]),
        "total_calories": round(kcal),
    }
    fields["enhanced_avg_speed"] = fields["avg_speed"]
    fields["enhanced_max_speed"] = fields["max_speed"]
    if st.hr is not None:
        fields["avg_heart_rate"] = mean_int(st.hr[a + 1 : b + 1])
        fields["max_heart_rate"] = max(st.hr[a + 1 : b + 1])
    if st.cad is not None:
        fields["avg_cadence"] = mean_int(st.cad[a + 1 : b + 1])
        fields["max_cadence"] = max(st.cad[a + 1 : b + 1])
    up = down = 0.0
    prev = None
    for t in st.samples:
        if prev is not None and a < t <= b:
            diff = alts[t] - alts[prev]
            up += max(0.0, diff)
            down += max(0.0, -diff)
        prev = t
    if st.pos is not None:
        fields["total_ascent"] = round(up)
        fields["total_descent"] = round(down)
        fields["start_position_lat"] = semicircles(st.pos[a][0])
        fields["start_position_long"] = semicircles(st.pos[a][1])
    return fields


def encode_cardio(
    act: Cardio, interval_s: int = 6, seed: str = "7", encoder: type[Encoder] = CachingEncoder
) -> tuple[bytes, Stream]:
    """One run or ride as FIT bytes, with the simulated stream (for checks)."""
    rng = random.Random(f"{seed}:{act.key}")
    st = simulate_cardio(act, interval_s, rng)
    start = fit_time(act.start_utc)
    enhanced = DEVICES[act.device][3]
    speed_key, alt_key = ("enhanced_speed", "enhanced_altitude") if enhanced else ("speed", "altitude")
    enc = encoder()
    write_header(enc, start, act.device, act.sport, act.sub_sport, act.has_hr)

    alts = {t: round(st.alt[t] * 5) / 5 for t in st.samples} if st.alt is not None else {}
    total_kcal = _calories(act)
    pause_at = {at: length for at, length in act.pauses}
    lap_i = 0
    lap_start = 0
    for t in st.samples:
        ts = start + st.wall_s[t]
        rec: dict = {"mesg_num": MESG["RECORD"], "timestamp": ts}
        if st.pos is not None:
            rec["position_lat"] = semicircles(st.pos[t][0])
            rec["position_long"] = semicircles(st.pos[t][1])
        rec["distance"] = st.dist_m[t]
        rec[speed_key] = st.speed[t]
        if st.alt is not None:
            rec[alt_key] = alts[t]
        if st.hr is not None:
            rec["heart_rate"] = st.hr[t]
        if st.cad is not None:
            rec["cadence"] = st.cad[t]
        enc.write_mesg(rec)
        if t in pause_at:  # the runner stops the timer (a drink, a red light)
            enc.write_mesg(
                {
                    "mesg_num": MESG["EVENT"],
                    "timestamp": ts,
                    "event": "timer",
                    "event_type": "stop_all",
                    "event_group": 0,
                }
            )
            enc.write_mesg(
                {
                    "mesg_num": MESG["EVENT"],
                    "timestamp": ts + pause_at[t],
                    "event": "timer",
                    "event_type": "start",
                    "event_group": 0,
                }
            )
        if lap_i < len(st.lap_ends) and t == st.lap_ends[lap_i]:
            end = st.lap_ends[lap_i]
            share = (st.dist_m[end] - st.dist_m[lap_start]) / st.dist_m[-1] if st.dist_m[-1] else 0
            lap = _summary(st, lap_start, end, act, alts, total_kcal * share)
            intensity, trigger = st.lap_kinds[lap_i]
            lap.update(
                {
                    "mesg_num": MESG["LAP"],
                    "message_index": lap_i,
                    "timestamp": ts,
                    "start_time": start + st.wall_s[lap_start],
                    "event": "lap",
                    "event_type": "stop",
                    "intensity": intensity,
                    "lap_trigger": trigger,
                    "sport": act.sport,
                    "sub_sport": act.sub_sport,
                }
            )
            if st.pos is not None:
                lap["end_position_lat"] = semicircles(st.pos[end][0])
                lap["end_position_long"] = semicircles(st.pos[end][1])
            enc.write_mesg(lap)
            lap_i += 1
            lap_start = end
    T = act.timer_s
    end_ts = start + st.wall_s[T]
    enc.write_mesg(
        {
            "mesg_num": MESG["EVENT"],
            "timestamp": end_ts,
            "event": "timer",
            "event_type": "stop_all",
            "event_group": 0,
        }
    )
    sess = _summary(st, 0, T, act, alts, total_kcal)
    sess.update(
        {
            "mesg_num": MESG["SESSION"],
            "message_index": 0,
            "timestamp": end_ts,
            "start_time": start,
            "sport": act.sport,
            "sub_sport": act.sub_sport,
            "event": "session",
            "event_type": "stop",
            "trigger": "activity_end",
            "first_lap_index": 0,
            "num_laps": len(st.lap_ends),
            "sport_profile_name": SPORT_NAMES[(act.sport, act.sub_sport)],
        }
    )
    enc.write_mesg(sess)
    return write_activity(enc, end_ts, act.utc_offset_s, float(T)), st


def _calories(act: Cardio) -> float:
    if act.sport == "cycling":
        return act.timer_s / 60.0 * 9.0
    return act.distance_cm / 100_000.0 * 0.95 * WEIGHT_KG


def file_name(start_local: datetime) -> str:
    """Garmin's own naming: the local start time."""
    return f"{start_local:%Y-%m-%d-%H-%M-%S}.fit"
