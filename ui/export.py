"""The runner's whole store in one zip: every table as CSV and Parquet, plus the analysis export
(daily, weekly, runs, injury signal), built in memory when the download button is pressed."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from analysis import Results, csv_bytes, export_frames, json_bytes, plan_frames
from store import read

README = """Runstrong export

tables/*.csv and tables/*.parquet: every table of the store, as stored (SI units: metres,
seconds, kilograms; *_utc instants in UTC, *_local the runner's wall clock).
analysis/: the computed daily and weekly series, the runs with their load and spike, and the
injury signal (JSON), and with a plan ahead its checks (plan_check.csv) and the forecast through
its last day (forecast.csv), as shown on the dashboard when this file was made.
"""


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def zip_bytes(con, athlete: int, results: Results | None) -> bytes:
    """The athlete's tables and computed files, in one zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", README)
        for name, frame in read.export_tables(con, athlete).items():
            z.writestr(f"tables/{name}.csv", csv_bytes(frame))
            z.writestr(f"tables/{name}.parquet", parquet_bytes(frame))
        if results is not None:
            files = export_frames(results)
            plan = plan_frames(results, read.planned_sessions(con, athlete))
            if len(plan["forecast.csv"]):  # only with a plan ahead
                files.update(plan)
            for name, obj in files.items():
                z.writestr(f"analysis/{name}", json_bytes(obj) if name.endswith(".json") else csv_bytes(obj))
    return buf.getvalue()
