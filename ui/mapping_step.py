"""The Import page's column mapper: for a CSV no format reads, how it was read (encoding, delimiter,
decimal comma, header line), which column is what, the date order and the sport words, a preview
of the first rows as they will be read, and saving the mapping (then importing the file). Also the
saved mappings, exported and imported as JSON. The logic is in ingest.mapper; this draws it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from analysis import UNIT_SYSTEMS, weight_text
from ingest import (
    CLOCKS,
    DATE_ORDERS,
    DELIMITERS,
    ENCODINGS,
    FIELDS,
    KINDS,
    SPORTS,
    ColumnMapping,
    IngestError,
    Table,
    decode,
    detect_encoding,
    mapper,
    mapper_dates,
    mapper_suggest,
    mapper_words,
    mappings,
    read_table,
)
from store import Connection
from ui import fmt

NONE = "–"
PREVIEW_ROWS = 8
UNIT_LABELS = {
    "km": "kilometres",
    "mi": "miles",
    "m": "metres",
    "kg": "kilograms",
    "lb": "pounds",
    "ft": "feet",
    "min": "minutes",
    "s": "seconds",
    "h": "hours",
}

Import = Callable[[list[tuple[str, bytes]]], None]


def _unique(header: list[str]) -> list[str]:
    """Column labels for a preview table (a header may repeat a name, or leave one empty)."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        name = h or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _raw_preview(table: Table) -> pd.DataFrame:
    width = len(table.header)
    rows = [(r + [""] * width)[:width] for r in table.rows[:PREVIEW_ROWS]]
    return pd.DataFrame(rows, columns=_unique(table.header))


def _start(t: object) -> str:
    """'2021-04-13 07:15', or the date alone when the file gave no time."""
    ts = pd.Timestamp(t)
    return f"{ts:%Y-%m-%d}" if ts == ts.normalize() else f"{ts:%Y-%m-%d %H:%M}"


def _num(x: object) -> float | None:
    """A cell as a number, None when missing or not a number."""
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def _read_preview(mapping: ColumnMapping, frame: pd.DataFrame, units: str) -> pd.DataFrame:
    """The mapper's preview in the runner's words and units (nothing missing shown as 0 or None)."""
    if mapping.kind == "strength":
        out = frame.rename(columns={"weight_kg": "weight"})
        # Said as the session's sets table says it: 'bodyweight' for a set of reps or time alone.
        n = len(frame)
        out["weight"] = [
            weight_text(_num(w), UNIT_SYSTEMS.get(units, "kg"), _num(r), _num(d))
            for w, r, d in zip(
                frame.get("weight_kg", [None] * n),
                frame.get("reps", [None] * n),
                frame.get("duration_s", [None] * n),
                strict=True,
            )
        ]
        out["reps"] = ["" if fmt.missing(r) else f"{r:g}" for r in frame.get("reps", [])]
        out["date"] = [fmt.day(d) for d in frame.get("date", [])]
        return out.fillna("")
    return pd.DataFrame(
        {
            "start": [_start(t) for t in frame["start_time_local"]],
            "sport": [SPORTS.get(s, s) for s in frame["sport"]],
            "name": frame["name"].fillna(""),
            "distance": [fmt.dist(d, units, 2) for d in frame["distance_m"]],
            "duration": [fmt.duration(s) for s in frame["elapsed_s"]],
            "moving": [fmt.duration(s) for s in frame["moving_s"]],
            "avg HR": ["" if fmt.missing(h) else f"{h:.0f}" for h in frame["avg_hr"]],
            "max HR": ["" if fmt.missing(h) else f"{h:.0f}" for h in frame["max_hr"]],
            "ascent": ["" if fmt.missing(a) else f"{a:.0f} m" for a in frame["ascent_m"]],
            "RPE": ["" if fmt.missing(r) else f"{r:g}" for r in frame["rpe"]],
        }
    )


def _how_read(
    item: mappings.Waiting, key: str
) -> tuple[Table, bool, tuple[str | None, str | None, int | None]]:
    """Encoding, delimiter, header line and decimal comma: detected, and correctable."""
    detected = read_table(decode(item.data))
    enc0 = detect_encoding(item.data)
    c1, c2, c3, c4 = st.columns(4)
    encoding = c1.selectbox(
        "Encoding",
        list(ENCODINGS),
        index=list(ENCODINGS).index(enc0),
        format_func=ENCODINGS.__getitem__,
        key=f"{key}_enc",
    )
    delimiter = c2.selectbox(
        "Delimiter",
        list(DELIMITERS),
        index=list(DELIMITERS).index(detected.delimiter),
        format_func=DELIMITERS.__getitem__,
        key=f"{key}_delim",
    )
    header_line = int(
        c3.number_input(
            "Header on line", min_value=1, max_value=200, value=detected.header_line, key=f"{key}_line"
        )
    )
    table = read_table(decode(item.data, encoding), delimiter, header_line)
    comma = c4.checkbox(
        "Decimal comma (10,5)", value=mapper_suggest.sniff_decimal_comma(table), key=f"{key}_comma"
    )
    overrides = (
        encoding if encoding != enc0 else None,
        delimiter if delimiter != detected.delimiter else None,
        header_line if header_line != detected.header_line else None,
    )
    return table, comma, overrides


def _fields(table: Table, kind: str, suggestion: ColumnMapping, key: str) -> dict[str, str]:
    options = [NONE, *dict.fromkeys(table.header)]
    chosen: dict[str, str] = {}
    cols = st.columns(3)
    for n, (f, label) in enumerate(FIELDS[kind].items()):
        default = suggestion.columns.get(f)
        index = options.index(default) if default in options else 0
        pick = cols[n % 3].selectbox(label, options, index=index, key=f"{key}_{kind}_{f}")
        if pick != NONE:
            chosen[f] = pick
    return chosen


def _units(
    table: Table, kind: str, suggestion: ColumnMapping, chosen: dict[str, str], key: str
) -> dict[str, str]:
    cols = st.columns(3)
    out: dict[str, str] = {}

    def pick(col: Any, label: str, attr: str, allowed: Mapping[str, Any], default: str | None = None) -> None:
        values = list(allowed)
        default = default or getattr(suggestion, attr)
        out[attr] = col.selectbox(
            label,
            values,
            index=values.index(default),
            format_func=lambda v: UNIT_LABELS.get(v) or allowed[v],
            key=f"{key}_{kind}_unit_{attr}",
        )

    if kind == "activities":
        label = (
            "Distance unit (rows without a unit column)" if chosen.get("distance_unit") else "Distance unit"
        )
        pick(cols[0], label, "distance_unit", mapper_words.DISTANCE_UNITS)
        pick(cols[1], "Ascent unit", "ascent_unit", mapper_words.ASCENT_UNITS)
    else:
        label = "Weight unit (rows without a unit column)" if chosen.get("weight_unit") else "Weight unit"
        pick(cols[0], label, "weight_unit", mapper_words.WEIGHT_UNITS)
    pick(cols[2], "A plain number in a duration column is", "duration_unit", mapper_words.DURATION_UNITS)
    durations = [f for f in ("duration", "moving") if f in chosen]
    if durations:
        values = [v for f in durations for v in mapper_suggest.column_values(table, chosen[f])]
        pick(cols[0], "A duration with one colon is", "clock", CLOCKS, mapper_dates.clock_of(values))
    return out


def _date_order(table: Table, chosen: dict[str, str], key: str) -> str:
    if "date" not in chosen:
        return "ymd"
    values = mapper_suggest.column_values(table, chosen["date"])
    orders = mapper_dates.date_orders(values)
    sample = next((v for v in values if v), "")
    if len(orders) > 1:
        return st.radio(
            f"Dates like {fmt.md(repr(sample))} can be read more than one way: which comes first?",
            orders,
            format_func=DATE_ORDERS.get,
            horizontal=True,
            key=f"{key}_order",
        )
    if orders:
        st.caption(f"Dates read {DATE_ORDERS[orders[0]]}: the only order every date in the column fits.")
        return orders[0]
    st.caption("Dates are read as written (month names, or year first).")
    return "ymd"


def _sports(table: Table, chosen: dict[str, str], remembered: dict[str, str], key: str) -> dict[str, str]:
    if "sport" not in chosen:
        st.caption("No sport column: every row is read as a run.")
        return {}
    words = mapper_suggest.sport_words(
        table,
        ColumnMapping(
            header=table.header,
            columns=chosen,
            sports=mapper_suggest.suggest_sports(
                mapper_suggest.column_values(table, chosen["sport"]), remembered
            ),
        ),
    )
    words["sport"] = words["sport"].map(SPORTS)
    st.markdown("**What each word in the sport column means** (your choice is remembered)")
    edited = st.data_editor(
        words,
        hide_index=True,
        width="stretch",
        disabled=["word", "rows"],
        key=f"{key}_sports",
        column_config={
            "sport": st.column_config.SelectboxColumn("sport", options=list(SPORTS.values()), required=True)
        },
    )
    by_label = {v: k for k, v in SPORTS.items()}
    return {row["word"]: by_label.get(row["sport"], "generic") for _, row in edited.iterrows()}


def mapping_step(con: Connection, athlete: int, raw_dir: Path, units: str, import_files: Import) -> None:
    """The mapper for every CSV of the athlete's that failed for want of a format (nothing when
    there is none)."""
    pending = mappings.waiting(con, athlete, raw_dir)
    if not pending:
        return
    st.subheader("Map the columns of a CSV Runstrong does not know")
    st.caption(
        "Say once which column is what; the mapping is saved and every later file with the same "
        "columns goes in by itself, here and from the command line."
    )
    if len(pending) > 1:
        names = [f"{p.file_name}" for p in pending]
        at = st.selectbox(
            f"{fmt.plural(len(pending), 'file')} to map",
            range(len(pending)),
            format_func=lambda i: names[i],
            key="map_file",
        )
        item = pending[at]
    else:
        item = pending[0]
        st.markdown(f"**{fmt.md(item.file_name)}**")
    key = f"map_{item.sha256[:12]}"
    try:
        table, comma, (encoding, delimiter, header_line) = _how_read(item, key)
    except IngestError as exc:
        st.error(fmt.md(f"{item.file_name}: {exc}"))
        return
    if table.skipped:
        st.caption(f"Skipped above the header: {fmt.md(' / '.join(table.skipped)[:200])}")
    st.markdown("**The file as read** (first rows)")
    st.dataframe(_raw_preview(table), hide_index=True, width="stretch")

    remembered = mappings.remembered_sports(con, athlete)
    kind0 = mapper_suggest.guess_kind(table.header)
    kind = st.radio(
        "Each row is",
        list(KINDS),
        index=list(KINDS).index(kind0),
        format_func=KINDS.get,
        horizontal=True,
        key=f"{key}_kind",
    )
    suggestion = mapper_suggest.suggest(table, kind, remembered)
    chosen = _fields(table, kind, suggestion, key)
    unit_choice = _units(table, kind, suggestion, chosen, key)
    order = _date_order(table, chosen, key)
    sports = _sports(table, chosen, remembered, key) if kind == "activities" else {}
    name = st.text_input("Name of this mapping", value=Path(item.file_name).stem[:60], key=f"{key}_name")
    mapping = ColumnMapping(
        kind,
        name.strip(),
        list(table.header),
        chosen,
        order,
        decimal_comma=comma,
        sports=sports,
        encoding=encoding,
        delimiter=delimiter,
        header_line=header_line,
        **unit_choice,
    )
    problems = mapping.problems()
    st.markdown("**Preview: the first rows as they will be read**")
    if problems:
        st.info(fmt.md("To see the rows as they will be read: " + "; ".join(problems) + "."))
        frame, error = pd.DataFrame(), None
    else:
        frame, error = mapper.preview(table, mapping, PREVIEW_ROWS)
        if error:
            st.error(fmt.md(error))
        elif len(frame):
            st.dataframe(_read_preview(mapping, frame, units), hide_index=True, width="stretch")
    ready = not problems and not error and len(frame) > 0
    if st.button(
        f"Save the mapping and import {fmt.md(item.file_name)}",
        type="primary",
        disabled=not ready,
        key=f"{key}_save",
    ):
        mappings.save(con, athlete, mapping)
        same = mappings.read_by(mapping, pending)  # files waiting with the same header go in too
        import_files(
            [(item.file_name, item.data)] + [(f.file_name, f.data) for f in same if f.sha256 != item.sha256]
        )
        st.rerun()


def saved_mappings(con: Connection, athlete: int, athlete_to_write: Callable[[], int]) -> None:
    """The athlete's saved mappings: listed, exported and imported as JSON (from another athlete's
    export too), deleted. `athlete_to_write` names who an import is for (in a brand-new install, the
    first athlete, created then)."""
    saved = mappings.saved(con, athlete)
    with st.expander(f"Column mappings you saved ({len(saved)})"):
        if saved:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "name": m.name,
                            "rows are": m.kind,
                            "columns": ", ".join(m.header[:8]) + (" ..." if len(m.header) > 8 else ""),
                            "mapped": ", ".join(
                                f"{FIELDS[m.kind][f].split(' (')[0]}: {c}" for f, c in m.columns.items()
                            ),
                        }
                        for m in saved
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
            st.download_button(
                "Export the mappings (JSON)",
                mappings.export_json(con, athlete),
                file_name="runstrong_column_mappings.json",
                mime="application/json",
            )
            names = {m.signature: m.name for m in saved}
            gone = st.selectbox(
                "Delete a mapping", [NONE, *names], format_func=lambda s: names.get(s, s), key="map_delete"
            )
            if gone != NONE and st.button(
                f"Delete the mapping {fmt.md(repr(names[gone]))}", key="map_delete_go"
            ):
                mappings.delete(con, athlete, gone)
                st.rerun()
        else:
            st.caption("None yet: offer a CSV that Runstrong does not know, and map its columns above.")
        upload = st.file_uploader(
            "Import mappings (a JSON file exported here)", type=["json"], key="map_import"
        )
        if upload is not None and st.button("Import these mappings", key="map_import_go"):
            try:
                got = mappings.import_json(con, athlete_to_write(), upload.getvalue())
            except ValueError as exc:
                st.error(fmt.md(f"{upload.name}: {exc}"))
            else:
                st.success(
                    f"{fmt.plural(len(got), 'mapping')} imported: {fmt.md(', '.join(m.name for m in got))}."
                )
