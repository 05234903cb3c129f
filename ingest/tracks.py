"""TCX and GPX tracks -> activities with their records (and a TCX file's laps).

Strava's bulk export holds many of these (activities recorded by the phone), Garmin Connect and
Polar export TCX. Times in both are UTC ('Z'); neither says the local offset, so the activity is
placed on its UTC day (basis 'utc') unless a FIT file of the same activity says more. GPX has no
distance: it is summed from the positions (haversine). Only the standard library reads the XML;
expat refuses entity expansion bombs.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import numpy as np
import pandas as pd

from ingest.errors import IngestError
from ingest.model import LAP_COLUMNS, RECORD_COLUMNS, Activity, ParseResult
from ingest.sports import sport_of
from ingest.streams import session_distance, stream_moving_s

EARTH_RADIUS_M = 6_371_008.8
FOOT_SPORTS = {"running", "walking", "hiking", "generic"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: ET.Element | None, *path: str) -> ET.Element | None:
    for name in path:
        if el is None:
            return None
        el = next((c for c in el if _local(c.tag) == name), None)
    return el


def _text(el: ET.Element | None, *path: str) -> str | None:
    found = _child(el, *path) if path else el
    return found.text.strip() if found is not None and found.text else None


def _float(text: str | None) -> float:
    try:
        v = float(text) if text is not None else np.nan
    except ValueError:
        return np.nan
    return v if np.isfinite(v) else np.nan


def _time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.astimezone(dt.UTC).replace(tzinfo=None) if t.tzinfo else t


def _root(data: bytes) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise IngestError(f"the XML cannot be read: {exc}") from exc


def parse_track(data: bytes) -> ParseResult:
    root = _root(data)
    kind = _local(root.tag)
    if kind == "TrainingCenterDatabase":
        return _tcx(root)
    if kind == "gpx":
        return _gpx(root)
    raise IngestError(f"an XML file that is neither TCX nor GPX (its root is <{kind}>)")


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    frame["timestamp_utc"] = pd.to_datetime(frame["timestamp_utc"]).astype("datetime64[us]")
    for c in RECORD_COLUMNS[1:]:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
    return frame


def _activity(sport: str, sub: str | None, start: dt.datetime, records: pd.DataFrame, **values) -> dict:
    times = records["timestamp_utc"].dropna()
    end = times.max() if len(times) else None
    hr = records["heart_rate"].dropna()
    cadence = records["cadence_spm"].dropna()
    row = {
        "sport": sport,
        "sub_sport": sub,
        "name": None,
        "start_time_utc": start,
        "start_time_local": start,
        "local_date": start.date(),
        "utc_offset_s": 0,
        "local_time_basis": "utc",
        "elapsed_s": (end - pd.Timestamp(start)).total_seconds() if end is not None else None,
        "avg_hr": float(hr.mean()) if len(hr) else None,
        "max_hr": float(hr.max()) if len(hr) else None,
        "avg_cadence_spm": float(cadence[cadence > 0].mean()) if (cadence > 0).any() else None,
        "n_records": len(records),
        "session_index": 0,
    }
    row.update({k: v for k, v in values.items() if v is not None})
    row["moving_s"] = row.get("moving_s") or row["elapsed_s"]
    return row


NOTE = "TCX/GPX times are UTC: local dates are UTC dates unless a FIT file of the same activity says more"


# --- TCX -----------------------------------------------------------------------------------------


def _tcx(root: ET.Element) -> ParseResult:
    acts = []
    activities = _child(root, "Activities")
    for index, act in enumerate(
        a for a in (activities if activities is not None else []) if _local(a.tag) == "Activity"
    ):
        sport, sub = sport_of({"biking": "cycling"}.get((act.get("Sport") or "").lower(), act.get("Sport")))
        records: list[dict[str, Any]] = []
        laps: list[dict[str, Any]] = []
        for lap in (c for c in act if _local(c.tag) == "Lap"):
            laps.append(
                {
                    "start_time_utc": _time(lap.get("StartTime")),
                    "elapsed_s": _float(_text(lap, "TotalTimeSeconds")),
                    "moving_s": _float(_text(lap, "TotalTimeSeconds")),
                    "distance_m": _float(_text(lap, "DistanceMeters")),
                    "avg_hr": _float(_text(lap, "AverageHeartRateBpm", "Value")),
                    "avg_speed_mps": np.nan,
                    "intensity": {"Active": "active", "Resting": "rest"}.get(
                        _text(lap, "Intensity") or "", None
                    ),
                    "trigger": (_text(lap, "TriggerMethod") or "").lower() or None,
                    "_max_hr": _float(_text(lap, "MaximumHeartRateBpm", "Value")),
                    "_kcal": _float(_text(lap, "Calories")),
                }
            )
            for track in (c for c in lap if _local(c.tag) == "Track"):
                for tp in (c for c in track if _local(c.tag) == "Trackpoint"):
                    ext = _child(tp, "Extensions", "TPX")
                    run_cad = _float(_text(ext, "RunCadence")) if ext is not None else np.nan
                    cad = _float(_text(tp, "Cadence"))
                    records.append(
                        {
                            "timestamp_utc": _time(_text(tp, "Time")),
                            "distance_m": _float(_text(tp, "DistanceMeters")),
                            "speed_mps": _float(_text(ext, "Speed")) if ext is not None else np.nan,
                            "heart_rate": _float(_text(tp, "HeartRateBpm", "Value")),
                            "cadence_spm": run_cad * 2
                            if np.isfinite(run_cad)
                            else (cad * 2 if sport in FOOT_SPORTS else np.nan),
                            "altitude_m": _float(_text(tp, "AltitudeMeters")),
                            "power_w": np.nan,
                            "lat_deg": _float(_text(tp, "Position", "LatitudeDegrees")),
                            "lon_deg": _float(_text(tp, "Position", "LongitudeDegrees")),
                        }
                    )
        start = _time(_text(act, "Id")) or next(
            (lap["start_time_utc"] for lap in laps if lap["start_time_utc"]), None
        )
        if start is None:
            continue
        rec = _frame(records)
        lap_frame = pd.DataFrame(laps)
        # TCX has no session total: the laps' sum, or the stream's end when a lap was lost.
        distance = session_distance(None, lap_frame["distance_m"] if len(lap_frame) else None, rec)
        timer = float(np.nansum(lap_frame["moving_s"])) if len(lap_frame) else None
        stream_s = stream_moving_s(rec)
        if stream_s is not None and (not timer or stream_s > timer):
            timer = stream_s  # the lost lap's time too
        lap_hr = lap_frame.dropna(subset=["avg_hr", "moving_s"]) if len(lap_frame) else lap_frame
        avg_hr = (
            float(np.average(lap_hr["avg_hr"], weights=lap_hr["moving_s"]))
            if len(lap_hr) and lap_hr["moving_s"].sum() > 0
            else None
        )
        max_hr = (
            float(np.nanmax(lap_frame["_max_hr"]))
            if len(lap_frame) and lap_frame["_max_hr"].notna().any()
            else None
        )
        kcal = (
            float(np.nansum(lap_frame["_kcal"]))
            if len(lap_frame) and lap_frame["_kcal"].notna().any()
            else None
        )
        row = _activity(
            sport,
            sub,
            start,
            rec,
            distance_m=distance or None,
            moving_s=timer or None,
            avg_hr=avg_hr,
            max_hr=max_hr,
            calories_kcal=kcal,
            device=_text(act, "Creator", "Name"),
        )
        row["session_index"] = index
        out_laps = (
            lap_frame.drop(columns=["_max_hr", "_kcal"])
            if len(lap_frame)
            else pd.DataFrame(columns=LAP_COLUMNS[1:])
        )
        out_laps.insert(0, "lap_index", range(len(out_laps)))
        acts.append(Activity(row, out_laps[LAP_COLUMNS], rec))
    if not acts:
        raise IngestError("the TCX file holds no activity with a start time")
    return ParseResult("tcx", "ok", NOTE, acts)


# --- GPX -----------------------------------------------------------------------------------------


def _haversine(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Cumulative distance along the points, in metres (a missing position adds nothing)."""
    la, lo = np.radians(lat), np.radians(lon)
    dla, dlo = np.diff(la), np.diff(lo)
    a = np.sin(dla / 2) ** 2 + np.cos(la[:-1]) * np.cos(la[1:]) * np.sin(dlo / 2) ** 2
    step = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    return np.concatenate([[0.0], np.cumsum(np.nan_to_num(step))])


def _gpx(root: ET.Element) -> ParseResult:
    acts = []
    for index, trk in enumerate(c for c in root if _local(c.tag) == "trk"):
        kind = _text(trk, "type")
        sport, sub = sport_of(kind) if kind and not kind.isdigit() else ("generic", None)
        rows = []
        for seg in (c for c in trk if _local(c.tag) == "trkseg"):
            for pt in (c for c in seg if _local(c.tag) == "trkpt"):
                ext = _child(pt, "extensions")
                hr = cad = np.nan
                if ext is not None:
                    for el in ext.iter():
                        name = _local(el.tag)
                        if name in ("hr", "heartrate"):
                            hr = _float(el.text)
                        elif name in ("cad", "cadence"):
                            cad = _float(el.text)
                rows.append(
                    {
                        "timestamp_utc": _time(_text(pt, "time")),
                        "distance_m": np.nan,
                        "speed_mps": np.nan,
                        "heart_rate": hr,
                        "cadence_spm": cad * 2 if sport in FOOT_SPORTS else np.nan,
                        "altitude_m": _float(_text(pt, "ele")),
                        "power_w": np.nan,
                        "lat_deg": _float(pt.get("lat")),
                        "lon_deg": _float(pt.get("lon")),
                    }
                )
        rec = _frame(rows)
        if not len(rec) or rec["timestamp_utc"].isna().all():
            continue
        if len(rec) > 1:
            rec["distance_m"] = _haversine(rec["lat_deg"].to_numpy(), rec["lon_deg"].to_numpy())
        start = rec["timestamp_utc"].dropna().min().to_pydatetime()
        row = _activity(
            sport, sub, start, rec, distance_m=float(rec["distance_m"].max()) if len(rec) > 1 else None
        )
        row["name"], row["session_index"] = _text(trk, "name"), index
        acts.append(Activity(row, records=rec))
    if not acts:
        raise IngestError("the GPX file holds no track with times")
    return ParseResult("gpx", "ok", NOTE, acts)
