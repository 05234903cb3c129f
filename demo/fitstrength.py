"""Encode one strength session as a FIT strength activity (sport training, sub_sport
strength_training): heart-rate records, then alternating active and rest `set` messages whose
category and category_subtype are arrays of FIT profile ids, as Garmin watches write them.
"""

from __future__ import annotations

import random

from garmin_fit_sdk import Encoder

from demo.exercises import INVALID_UINT16, fit_ids
from demo.fitwriter import MESG, CachingEncoder, fit_time, mean_int, write_activity, write_header
from demo.model import StrengthSession, to_utc, utc_offset_s
from demo.stream import simulate_strength


def encode_strength(
    sess: StrengthSession, interval_s: int = 6, seed: str = "7", encoder: type[Encoder] = CachingEncoder
) -> bytes:
    """A watch strength activity: heart-rate records, then active and rest `set` messages."""
    rng = random.Random(f"{seed}:{sess.key}")
    st = simulate_strength(sess, interval_s, rng)
    hr = st.hr
    if hr is None:
        raise ValueError("a simulated strength session always has heart rate")
    start_utc = to_utc(sess.start_local, sess.tz)
    start = fit_time(start_utc)
    enc = encoder()
    write_header(enc, start, sess.device, "training", "strength_training", False)
    for t in st.samples:
        enc.write_mesg({"mesg_num": MESG["RECORD"], "timestamp": start + t, "heart_rate": hr[t]})
    T = sess.duration_s
    enc.write_mesg(
        {
            "mesg_num": MESG["EVENT"],
            "timestamp": start + T,
            "event": "timer",
            "event_type": "stop_all",
            "event_group": 0,
        }
    )
    index = 0
    working = [s for s in sess.sets if not s.warmup]
    for i, s in enumerate(working):
        category, subtype = fit_ids(s.exercise)
        set_start = start + s.start_offset_s
        enc.write_mesg(
            {
                "mesg_num": MESG["SET"],
                "message_index": index,
                "timestamp": set_start + s.duration_s,
                "start_time": set_start,
                "duration": float(s.duration_s),
                "set_type": "active",
                "repetitions": s.reps,
                "weight": None if s.reps is None else (s.weight_kg or 0.0),
                "category": [category, INVALID_UINT16, INVALID_UINT16],
                "category_subtype": [
                    subtype if subtype is not None else INVALID_UINT16,
                    INVALID_UINT16,
                    INVALID_UINT16,
                ],
            }
        )
        index += 1
        if i + 1 < len(working):
            rest_start = set_start + s.duration_s
            rest_s = working[i + 1].start_offset_s - s.start_offset_s - s.duration_s
            enc.write_mesg(
                {
                    "mesg_num": MESG["SET"],
                    "message_index": index,
                    "timestamp": rest_start + rest_s,
                    "start_time": rest_start,
                    "duration": float(rest_s),
                    "set_type": "rest",
                }
            )
            index += 1
    kcal = round(T / 60.0 * 6.0)
    hr_slice = hr[1:]
    common = {
        "timestamp": start + T,
        "start_time": start,
        "total_elapsed_time": float(T),
        "total_timer_time": float(T),
        "avg_heart_rate": mean_int(hr_slice),
        "max_heart_rate": max(hr_slice),
        "total_calories": kcal,
        "sport": "training",
        "sub_sport": "strength_training",
    }
    enc.write_mesg(
        {
            "mesg_num": MESG["LAP"],
            "message_index": 0,
            "event": "lap",
            "event_type": "stop",
            "intensity": "active",
            "lap_trigger": "session_end",
            **common,
        }
    )
    enc.write_mesg(
        {
            "mesg_num": MESG["SESSION"],
            "message_index": 0,
            "event": "session",
            "event_type": "stop",
            "trigger": "activity_end",
            "first_lap_index": 0,
            "num_laps": 1,
            "sport_profile_name": "Strength",
            **common,
        }
    )
    return write_activity(enc, start + T, utc_offset_s(sess.start_local, sess.tz), float(T))
