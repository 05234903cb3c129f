"""Damaged or odd CSVs of every known format end with a message, never with a crash: each known
header followed by random cells, and random bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.pipeline import prepare

HEADERS = [
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE",
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE"',
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds",
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe",
    "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
    "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time",
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Moving Time,Distance",
    "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR",
    "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø HF,Max. HF",
    "date,time,sport,name,distance_km,duration_min,avg_hr,max_hr,ascent_m,rpe,race",
    "date,time,session_name,exercise,set_type,reps,weight_kg,duration_s,rpe,session_rpe,session_minutes",
    "onset_date,end_date,body_area,severity,time_loss,medical_visit,note",
]
CELLS = st.one_of(
    st.sampled_from(["", "--", "0", "1,5", "2,336", "-3", "1e400", "nan", "inf", "W", "Rest Timer", "lbs", "kg",
                     "Run", "Laufen", "normal", "warmup", "true", "ja", "2024-02-30 10:00:00", "2024-11-28 17:36:08",
                     "Jan 27, 2021, 1:57:47 PM", "15 Sep 2025, 07:48", "1h 5m", "38min", "99:99", "1:02:03", '"',
                     "activities/1.fit.gz", "Squat (Barbell)", "2025-03-01", "moderate"]),
    st.text(max_size=12),
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from(HEADERS),
    rows=st.lists(st.lists(CELLS, max_size=16), max_size=5),
    sep=st.sampled_from([",", ";"]),
)
def test_known_headers_with_random_cells(header, rows, sep):
    text = header + "\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    result = prepare("export.csv", text.encode("utf-8")).result
    assert result.status in ("ok", "failed", "skipped"), result
    assert "unexpected error" not in result.message, result.message
    if result.status != "ok":
        assert result.message


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300), name=st.sampled_from(["x.csv", "x.fit", "x.json", "x.gz", "x"]))
def test_random_bytes(data, name):
    result = prepare(name, data).result
    assert result.status in ("ok", "partial", "failed", "skipped")
    assert "unexpected error" not in result.message, result.message
