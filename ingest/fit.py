"""FIT files through fitparse: each session becomes an activity with its laps and records.

This is the only module that imports fitparse. Decoding yields a plain `Messages` mapping
(message name -> list of field dicts); `build` turns that into activities. A file fitparse
rejects is handed to `ingest.fit_salvage`, which decodes it with garmin-fit-sdk into the same
mapping, so what the salvage recovers goes through the same building code.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import threading
from collections import defaultdict
from typing import Any

import fitparse
import fitparse.records
import numpy as np
import pandas as pd
from fitparse.processors import FitFileDataProcessor

from ingest.errors import IngestError
from ingest.fit_crc import check_crcs
from ingest.fit_fast import RecordColumns, decode_fast
from ingest.fit_sets import attach_sets, is_strength
from ingest.model import LAP_COLUMNS, RECORD_COLUMNS, Activity, ParseResult
from ingest.streams import session_distance

Messages = dict[str, list[dict[str, Any]]]

FIT_EPOCH = dt.datetime(1989, 12, 31)  # FIT timestamps count seconds from here, in UTC
SEMICIRCLE_DEG = 180.0 / 2**31
# Sports whose FIT cadence counts strides (one foot): steps per minute are twice that.
FOOT_SPORTS = {"running", "walking", "hiking", "generic", "training", "fitness_equipment"}
# FIT file types that hold no activity: skipped with their name as the reason.
WANTED = {
    "file_id",
    "session",
    "lap",
    "record",
    "activity",
    "device_info",
    "sport",
    "set",
    "device_settings",
    "workout",
}


class _Lean(FitFileDataProcessor):
    """fitparse's default processor looks up three methods per field and raises AttributeError
    for most; we convert timestamps ourselves in bulk, so every hook does nothing."""

    def run_type_processor(self, field_data):
        pass

    def run_field_processor(self, field_data):
        pass

    def run_unit_processor(self, field_data):
        pass

    def run_message_processor(self, data_message):
        pass


_FITPARSE = threading.Lock()


def decode(data: bytes) -> Messages:
    """Decode all messages we use with fitparse; raises IngestError naming the problem."""
    if len(data) < 12:
        raise IngestError(f"the file is too short to be a FIT file ({len(data)} bytes)")
    if data[8:12] != b".FIT":
        raise IngestError("this is not a FIT file: its header lacks the '.FIT' signature")
    messages: Messages = defaultdict(list)
    # fitparse keeps developer field definitions in a module global (records.DEV_TYPES): two files
    # read at once (two dashboard sessions) reset each other's. One file at a time, from a clean slate.
    with _FITPARSE:
        fitparse.records.DEV_TYPES.clear()
        try:
            fit = fitparse.FitFile(io.BytesIO(data), check_crc=False, data_processor=_Lean())
            for msg in fit.get_messages(name=WANTED):
                messages[msg.name].append(msg.get_values())
        except fitparse.FitParseError as exc:
            raise IngestError(f"fitparse could not read it: {type(exc).__name__}: {exc}") from exc
        except (ValueError, KeyError, IndexError, TypeError, struct.error) as exc:
            # fitparse has no catch-all of its own: a damaged definition surfaces as these.
            raise IngestError(f"fitparse could not read it: {type(exc).__name__}: {exc}") from exc
    check_crcs(data)
    return messages


#: The decoders `parse_fit` knows: "fast" (record messages as numpy columns, `ingest.fit_fast`) and
#: "fitparse" (the reference, every message through fitparse).
DECODERS = ("fast", "fitparse")


def parse_fit(data: bytes, decoder: str = "fast") -> ParseResult:
    """Bytes of one FIT file -> its activities. Falls back to garmin-fit-sdk when fitparse fails.

    The fast path gives the rows the reference gives; a file it cannot read exactly as fitparse
    does is read by fitparse, and the result says so (`ParseResult.reference_fallback`)."""
    if decoder not in DECODERS:
        raise ValueError(f"unknown FIT decoder {decoder!r}: one of {', '.join(DECODERS)}")
    if decoder == "fast":
        result = _parse_fast(data)
        if result is not None:
            return result
    try:
        messages = decode(data)
    except IngestError as exc:
        from ingest.fit_salvage import salvage  # only for the files fitparse rejects

        result = salvage(data, fitparse_error=str(exc))
    else:
        result = build(messages)
    result.reference_fallback = decoder == "fast"
    return result


def _parse_fast(data: bytes) -> ParseResult | None:
    """The fast path, or None where the file is the reference decoder's to read (anything it does
    not follow exactly, a damaged file, which the reference reads or salvages)."""
    if len(data) < 12 or data[8:12] != b".FIT":
        return None
    try:
        check_crcs(data)
        with _FITPARSE:
            messages, columns = decode_fast(data, WANTED)
        return build(messages, records=columns)
    except Exception:  # noqa: BLE001 - whatever goes wrong here, the reference path decides
        return None


# --- building activities from decoded messages -------------------------------------------------


def to_utc(value: Any) -> dt.datetime | None:
    """A FIT timestamp (seconds since 1989-12-31 UTC, or a datetime) -> naive UTC datetime.
    Values below 0x10000000 are seconds since the device powered on, not a date: None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, int | float) and value >= 0x10000000:
        return FIT_EPOCH + dt.timedelta(seconds=float(value))
    return None


def _name(value: Any) -> str | None:
    """Enum values arrive as names; unknown enum numbers as ints (kept as their number)."""
    if value is None:
        return None
    return str(value)


def _first(msgs: list[dict[str, Any]], key: str) -> Any:
    for m in msgs:
        if m.get(key) is not None:
            return m[key]
    return None


def _num(value: Any) -> float | None:
    if value is None or isinstance(value, str | tuple | list):
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if np.isfinite(value) else None


def build(
    messages: Messages, status: str = "ok", message: str = "", records: RecordColumns | None = None
) -> ParseResult:
    """Turn decoded messages into activities, or say why the file holds none. The record messages
    are in `messages`, or decoded apart as columns (`records`, the fast path)."""
    delta = _anchor_relative_times(messages)
    if records is not None and delta is not None:
        ts = records.get("timestamp")
        records.values["timestamp"] = np.where((ts >= 0) & (ts < 0x10000000), ts + delta, ts)
    record_msgs = messages.get("record", [])
    file_type = _name(_first(messages.get("file_id", []), "type"))
    sessions = [s for s in messages.get("session", []) if _session_start(s) is not None]
    if file_type not in (None, "activity", "4") and not sessions:
        return ParseResult("fit", "skipped", f"a FIT '{file_type}' file, not an activity")
    if not sessions:
        if not (_has_timed(record_msgs) if records is None else _has_timed_columns(records)):
            if file_type == "activity" or messages.get("lap"):
                return ParseResult("fit", "skipped", "the activity file holds no session and no records")
            return ParseResult("fit", "skipped", "the FIT file holds no activity (no session, no records)")
        sessions = [_session_from_records(record_msgs) if records is None else _session_from_columns(records)]
        status = "partial"
        message = _join(
            message, "no session summary in the file (recording cut short?): totals computed from its records"
        )
    sessions.sort(key=_known_start)

    offset_s, basis = _utc_offset(messages)
    if basis == "local_only":
        message = _join(message, "the watch's clock gave local time only: UTC taken as equal to it")
    device = _device(messages)
    sport_msg = messages.get("sport", [])
    rec_frame = _records_frame(record_msgs) if records is None else _columns_frame(records)
    lap_groups = _laps_by_session(messages.get("lap", []), sessions)
    rec_groups = _split_by_session(rec_frame, sessions)

    activities = []
    for index, (session, laps, recs) in enumerate(zip(sessions, lap_groups, rec_groups, strict=True)):
        sport = _name(session.get("sport"))
        sub_sport = _name(session.get("sub_sport"))
        if sport in (None, "generic") and sport_msg:
            # Some watches leave the session 'generic' and name the sport in the sport message.
            sport = _name(sport_msg[min(index, len(sport_msg) - 1)].get("sport")) or sport
        if sport in (None, "generic") and _looks_like_running(session, recs):
            sport = "running"
            message = _join(message, "sport 'generic' read as running from its step cadence and speed")
        activities.append(
            Activity(
                _activity_row(session, index, sport, sub_sport, offset_s, basis, device, laps, recs),
                laps,
                recs,
            )
        )
    set_msgs = messages.get("set", [])
    if set_msgs or any(is_strength(a.activity) for a in activities):
        attach_sets(activities, set_msgs, _maker(messages), to_utc)
    return ParseResult("fit", status, message, activities)


def _maker(messages: Messages) -> str | None:
    fid = messages.get("file_id", [{}])[0] if messages.get("file_id") else {}
    return _name(fid.get("manufacturer"))


def _looks_like_running(session: dict[str, Any], recs: pd.DataFrame) -> bool:
    """Older watches (Fenix 2, Fenix 6 'Other') record runs as 'generic'. A foot cadence of
    60-110 strides/min at 1.4-7 m/s is a run, not a ride (no crank cadence at those speeds)."""
    cadence = _num(session.get("avg_running_cadence")) or _num(session.get("avg_cadence"))
    if cadence is None and len(recs):
        steps = recs["cadence_spm"].dropna()
        cadence = float(steps[steps > 0].mean()) / 2 if (steps > 0).any() else None
    distance, timer = _num(session.get("total_distance")), _num(session.get("total_timer_time"))
    if cadence is None or not distance or not timer:
        return False
    return 60 <= cadence <= 110 and 1.4 <= distance / timer <= 7


def _anchor_relative_times(messages: Messages) -> float | None:
    """Some watches (e.g. Forerunner 70) stamp messages with seconds since power-on, and only the
    activity message's local_timestamp is a date. That anchors every relative time in the file;
    the shift is returned for the record columns of the fast path."""
    acts = [a for a in messages.get("activity", []) if isinstance(a.get("timestamp"), int | float)]
    if not acts or acts[0]["timestamp"] >= 0x10000000:
        return None
    local = acts[0].get("local_timestamp")
    if not isinstance(local, int | float) or local < 0x10000000:
        return None
    delta = local - acts[0]["timestamp"]
    for name in ("session", "lap", "record", "event", "activity", "set"):
        for m in messages.get(name, []):
            for key in ("timestamp", "start_time"):
                v = m.get(key)
                if isinstance(v, int | float) and 0 <= v < 0x10000000:
                    m[key] = v + delta
    for a in messages.get("activity", []):
        a["_relative_clock"] = True
    return delta


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def _session_start(s: dict[str, Any]) -> dt.datetime | None:
    start = to_utc(s.get("start_time"))
    if start is None:
        end = to_utc(s.get("timestamp"))
        elapsed = _num(s.get("total_elapsed_time"))
        if end is not None and elapsed is not None:
            start = end - dt.timedelta(seconds=elapsed)
    return start


def _known_start(s: dict[str, Any]) -> dt.datetime:
    """The start of a session `build` kept (it drops the sessions without one)."""
    start = _session_start(s)
    if start is None:
        raise ValueError("a FIT session without a start time reached the activity builder")
    return start


def _has_timed(records: list[dict[str, Any]]) -> bool:
    return any(to_utc(r.get("timestamp")) is not None for r in records)


def _session_from_records(records: list[dict[str, Any]]) -> dict[str, Any]:
    times = [t for t in (to_utc(r.get("timestamp")) for r in records) if t is not None]
    dists = [d for d in (_num(r.get("distance")) for r in records) if d is not None]
    hrs = [h for h in (_num(r.get("heart_rate")) for r in records) if h is not None]
    return {
        "start_time": min(times),
        "total_elapsed_time": (max(times) - min(times)).total_seconds(),
        "total_distance": max(dists) if dists else None,
        "avg_heart_rate": float(np.mean(hrs)) if hrs else None,
        "max_heart_rate": max(hrs) if hrs else None,
    }


def _has_timed_columns(records: RecordColumns) -> bool:
    """`_has_timed` on the fast path's columns (to_utc takes the counts from 0x10000000 on)."""
    return bool((records.get("timestamp") >= 0x10000000).any())


def _session_from_columns(records: RecordColumns) -> dict[str, Any]:
    """`_session_from_records` on the fast path's columns: the same values, the same types."""
    secs = records.get("timestamp")
    secs = secs[secs >= 0x10000000]
    first, last = to_utc(float(secs.min())), to_utc(float(secs.max()))
    if first is None or last is None:
        raise ValueError("no dated record reached the session built from records")
    dists = records.get("distance")
    dists = dists[np.isfinite(dists)]
    hrs = records.get("heart_rate")
    hrs = hrs[np.isfinite(hrs)]
    return {
        "start_time": first,
        "total_elapsed_time": (last - first).total_seconds(),
        "total_distance": float(dists.max()) if len(dists) else None,
        "avg_heart_rate": float(np.mean(hrs)) if len(hrs) else None,
        "max_heart_rate": float(hrs.max()) if len(hrs) else None,
    }


def _utc_offset(messages: Messages) -> tuple[int, str]:
    """Local = UTC + offset. From activity.local_timestamp (docs/formats.md), else the time
    zone the device settings state, else none: the activity is then placed on its UTC day."""
    for act in messages.get("activity", []):
        if act.get("_relative_clock"):
            return 0, "local_only"
        utc, local = to_utc(act.get("timestamp")), act.get("local_timestamp")
        if utc is not None and isinstance(local, int | float) and local > 0:
            seconds = (FIT_EPOCH + dt.timedelta(seconds=float(local)) - utc).total_seconds()
            seconds = int(round(seconds / 900.0) * 900)  # time zones move in quarter hours
            if abs(seconds) <= 14 * 3600:
                return seconds, "local_timestamp"
        if utc is not None and isinstance(local, dt.datetime):
            seconds = int(round((local - utc).total_seconds() / 900.0) * 900)
            if abs(seconds) <= 14 * 3600:
                return seconds, "local_timestamp"
    tz = _num(_first(messages.get("device_settings", []), "time_zone_offset"))
    if tz is not None and abs(tz) <= 14:
        return int(round(tz * 4) * 900), "file_offset"
    return 0, "utc"


def _device(messages: Messages) -> str | None:
    fid = messages.get("file_id", [{}])[0] if messages.get("file_id") else {}
    maker = _name(fid.get("manufacturer"))
    product = fid.get("garmin_product") or fid.get("favero_product") or fid.get("product")
    parts = [p for p in (maker, _name(product)) if p]
    return " ".join(parts) or None


def _distance(s: dict[str, Any], laps: pd.DataFrame, recs: pd.DataFrame) -> float | None:
    """The session's total, else the larger of its laps' sum and the stream's last distance."""
    return session_distance(_num(s.get("total_distance")), laps["distance_m"] if len(laps) else None, recs)


def _activity_row(s, index, sport, sub_sport, offset_s, basis, device, laps, recs) -> dict[str, Any]:
    start = _known_start(s)
    local = start + dt.timedelta(seconds=offset_s)
    cadence = _num(s.get("avg_running_cadence")) or _num(s.get("avg_cadence"))
    if cadence is not None and sport in FOOT_SPORTS:
        cadence = 2 * (cadence + (_num(s.get("avg_fractional_cadence")) or 0.0))
    elif sport not in FOOT_SPORTS:
        cadence = None  # a bike's rpm is not steps per minute
    timer = _num(s.get("total_timer_time"))
    return {
        "sport": sport or "generic",
        "sub_sport": sub_sport,
        "name": None,
        "start_time_utc": start,
        "start_time_local": local,
        "local_date": local.date(),
        "utc_offset_s": offset_s,
        "local_time_basis": basis,
        "elapsed_s": _num(s.get("total_elapsed_time")),
        "moving_s": _num(s.get("total_moving_time")) or timer,
        "distance_m": _distance(s, laps, recs),
        "ascent_m": _num(s.get("total_ascent")),
        "avg_hr": _num(s.get("avg_heart_rate")),
        "max_hr": _num(s.get("max_heart_rate")),
        "avg_cadence_spm": cadence,
        "calories_kcal": _num(s.get("total_calories")),
        "rpe": _workout_rpe(s),
        "device": device,
        "session_index": index,
        "is_race": None,
        "n_records": len(recs),
    }


def _workout_rpe(s: dict[str, Any]) -> float | None:
    """The RPE a Garmin watch asks for after the workout: session field 193 (`workout_rpe` in newer
    profiles, unknown to fitparse's), RPE x 10."""
    raw = s.get("workout_rpe") if s.get("workout_rpe") is not None else s.get("unknown_193")
    value = _num(raw)
    return value / 10.0 if value is not None and 0 < value <= 100 else None


def _column(records: list[dict[str, Any]], *keys: str) -> np.ndarray:
    """Per record, the first of `keys` holding a number, as floats (NaN where none does).

    Built a key at a time, in bulk: numpy turns None into NaN itself. A column holding something
    that is no number (a tuple, a string) takes the slow path, which keeps numbers only."""
    out: np.ndarray | None = None
    for key in keys:
        values = [r.get(key) for r in records]
        try:
            col = np.array(values, dtype=float)
        except (TypeError, ValueError):
            col = None
        if col is None or col.ndim != 1:  # tuples of equal length make a 2-D array instead of failing
            col = np.array([v if isinstance(v, int | float) else np.nan for v in values], dtype=float)
        out = col if out is None else np.where(np.isnan(out), col, out)
    return out if out is not None else np.full(len(records), np.nan)


def _records_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Record messages -> the records table's columns, converted in bulk."""
    raw_ts = [r.get("timestamp") for r in records]
    try:
        secs = np.array(raw_ts, dtype=float)  # seconds since the FIT epoch; None -> NaN
    except (TypeError, ValueError):  # datetimes (the salvage decoder's): one at a time
        ts = pd.Series([to_utc(v) for v in raw_ts], dtype="datetime64[us]")
    else:
        dated = secs >= 0x10000000  # as to_utc: smaller counts are seconds since power-on; NaN fails too
        micros = np.round(np.where(dated, secs, 0.0) * 1e6).astype("int64").astype("timedelta64[us]")
        stamps = np.where(dated, np.datetime64(FIT_EPOCH, "us") + micros, np.datetime64("NaT", "us"))
        ts = pd.Series(stamps, dtype="datetime64[us]")
    cadence = _column(records, "cadence")
    frac = _column(records, "fractional_cadence")
    frame = pd.DataFrame(
        {
            "timestamp_utc": ts,
            "distance_m": _column(records, "enhanced_distance", "distance"),
            "speed_mps": _column(records, "enhanced_speed", "speed"),
            "heart_rate": _column(records, "heart_rate"),
            "cadence_spm": cadence + np.nan_to_num(frac),  # stride cadence; doubled per sport below
            "altitude_m": _column(records, "enhanced_altitude", "altitude"),
            "power_w": _column(records, "power"),
            "lat_deg": _column(records, "position_lat") * SEMICIRCLE_DEG,
            "lon_deg": _column(records, "position_long") * SEMICIRCLE_DEG,
        }
    )
    return frame[RECORD_COLUMNS]


def _columns_frame(records: RecordColumns) -> pd.DataFrame:
    """`_records_frame` on the fast path's columns (numbers already, NaN where none)."""
    secs = records.get("timestamp")
    dated = secs >= 0x10000000
    micros = np.round(np.where(dated, secs, 0.0) * 1e6).astype("int64").astype("timedelta64[us]")
    stamps = np.where(dated, np.datetime64(FIT_EPOCH, "us") + micros, np.datetime64("NaT", "us"))

    def first(*keys: str) -> np.ndarray:
        out = records.get(keys[0])
        for key in keys[1:]:
            out = np.where(np.isnan(out), records.get(key), out)
        return out

    frame = pd.DataFrame(
        {
            "timestamp_utc": pd.Series(stamps, dtype="datetime64[us]"),
            "distance_m": first("enhanced_distance", "distance"),
            "speed_mps": first("enhanced_speed", "speed"),
            "heart_rate": first("heart_rate"),
            "cadence_spm": first("cadence") + np.nan_to_num(first("fractional_cadence")),
            "altitude_m": first("enhanced_altitude", "altitude"),
            "power_w": first("power"),
            "lat_deg": first("position_lat") * SEMICIRCLE_DEG,
            "lon_deg": first("position_long") * SEMICIRCLE_DEG,
        }
    )
    return frame[RECORD_COLUMNS]


def _split_by_session(frame: pd.DataFrame, sessions: list[dict[str, Any]]) -> list[pd.DataFrame]:
    """Each record goes to the last session that started at or before it. Records before the first
    session (or without a usable timestamp) go to the first: none is dropped."""
    starts = np.array([np.datetime64(_session_start(s), "us") for s in sessions])
    ts = frame["timestamp_utc"].to_numpy(dtype="datetime64[us]")
    idx = np.searchsorted(starts, ts, side="right") - 1
    idx = np.where(np.isnat(ts), 0, np.clip(idx, 0, len(sessions) - 1))
    groups = []
    for i, s in enumerate(sessions):
        part = frame[idx == i].reset_index(drop=True)
        if _name(s.get("sport")) in FOOT_SPORTS or _name(s.get("sport")) is None:
            part["cadence_spm"] = part["cadence_spm"] * 2
        else:
            part["cadence_spm"] = np.nan
        groups.append(part)
    return groups


def _laps_by_session(laps: list[dict[str, Any]], sessions: list[dict[str, Any]]) -> list[pd.DataFrame]:
    rows: list[dict[str, Any]] = []
    for lap in laps:
        rows.append(
            {
                "start_time_utc": to_utc(lap.get("start_time")),
                "elapsed_s": _num(lap.get("total_elapsed_time")),
                "moving_s": _num(lap.get("total_moving_time")) or _num(lap.get("total_timer_time")),
                "distance_m": _num(lap.get("total_distance")),
                "avg_hr": _num(lap.get("avg_heart_rate")),
                "avg_speed_mps": _num(lap.get("enhanced_avg_speed")) or _num(lap.get("avg_speed")),
                "intensity": _name(lap.get("intensity")),
                "trigger": _name(lap.get("lap_trigger")),
            }
        )
    starts = [_known_start(s) for s in sessions]
    groups: list[list[dict[str, Any]]] = [[] for _ in sessions]
    for order, row in enumerate(rows):
        t = row["start_time_utc"]
        i = 0
        if t is not None:
            i = max((k for k, st in enumerate(starts) if st <= t), default=0)
        else:
            i = min(order * len(sessions) // max(len(rows), 1), len(sessions) - 1)
        groups[i].append(row)
    frames = []
    for group in groups:
        frame = pd.DataFrame(group, columns=[c for c in LAP_COLUMNS if c != "lap_index"])
        frame.insert(0, "lap_index", range(len(frame)))
        frames.append(frame)
    return frames
