"""The fast FIT path: record messages decoded as numpy columns, the other messages by fitparse.

fitparse builds a Python object per field of every message, and record messages are nearly all
of a file. Here one pass over the file's bytes finds each message; the record messages are left
out of a copy of the file that fitparse reads for the rest (sessions, laps, sets, definitions,
developer field descriptions), and their fields are read in bulk with numpy, one column per field
of each definition, with fitparse's own definitions and profile (scale, offset, invalid values,
components). The values equal fitparse's: fitparse stays the reference (`ingest.fit.decode`).

Whatever this path does not reproduce exactly raises `Unsupported` (compressed-timestamp headers,
accumulating components, array or text values where a number is read, developer fields that
shadow a field we read, a header or a message that does not add up), and the caller reads the
file with fitparse instead.
"""

from __future__ import annotations

import io
import struct
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import fitparse
import fitparse.records
import numpy as np
from fitparse.profile import MESSAGE_TYPES
from fitparse.records import DefinitionMessage

RECORD = 20
#: The record fields `ingest.fit` reads (every other record field is left undecoded).
RECORD_KEYS = (
    "timestamp",
    "enhanced_distance",
    "distance",
    "enhanced_speed",
    "speed",
    "heart_rate",
    "cadence",
    "fractional_cadence",
    "enhanced_altitude",
    "altitude",
    "power",
    "position_lat",
    "position_long",
)
# fitparse's base types as numpy types, with the value fitparse reads as missing.
_NUMERIC: dict[str, tuple[str, float | None]] = {
    "enum": ("u1", 0xFF),
    "sint8": ("i1", 0x7F),
    "uint8": ("u1", 0xFF),
    "sint16": ("i2", 0x7FFF),
    "uint16": ("u2", 0xFFFF),
    "sint32": ("i4", 0x7FFFFFFF),
    "uint32": ("u4", 0xFFFFFFFF),
    "float32": ("f4", None),  # None: NaN is missing
    "float64": ("f8", None),
    "uint8z": ("u1", 0),
    "uint16z": ("u2", 0),
    "uint32z": ("u4", 0),
    "sint64": ("i8", 0x7FFFFFFFFFFFFFFF),
    "uint64": ("u8", 0xFFFFFFFFFFFFFFFF),
    "uint64z": ("u8", 0),
}

_INTEGER = {name for name, (code, _) in _NUMERIC.items() if code[0] in "iu"}


class Unsupported(Exception):
    """The fast path cannot promise fitparse's values for this file: read it with fitparse."""


@dataclass
class RecordColumns:
    """The record messages' fields `ingest.fit` reads, in file order: float64, NaN where fitparse's
    `get_values()` gives None or no such key."""

    n: int
    values: dict[str, np.ndarray]

    def get(self, key: str) -> np.ndarray:
        col = self.values.get(key)
        return col if col is not None else np.full(self.n, np.nan)


@dataclass
class _Scan:
    trimmed: bytes  # the file without its record data messages
    rec_offsets: np.ndarray  # where each record message's fields start
    rec_defs: np.ndarray  # the index (among all definition messages) of its definition
    def_sizes: dict[int, int]  # bytes of fields per definition index


def _keep_messages(wanted: set[str]) -> set[int]:
    """Global message numbers fitparse still reads: the wanted ones and the developer field
    descriptions (they name the developer fields of the records)."""
    keep = {num for num, m in MESSAGE_TYPES.items() if m.name in wanted and num != RECORD}
    return keep | {206, 207}  # field_description, developer_data_id


def scan(data: bytes, keep: set[int]) -> _Scan:
    """One pass over the messages: their definitions and kept messages copied, record messages
    noted. Raises Unsupported for anything it does not follow exactly as fitparse does."""
    out = bytearray()
    offsets: list[int] = []
    rec_defs: list[int] = []
    def_sizes: dict[int, int] = {}
    n_defs = 0
    pos = 0
    total = len(data)
    while pos < total:
        if total - pos < 12 or data[pos + 8 : pos + 12] != b".FIT":
            raise Unsupported("a header that is not a FIT header")
        header_size = data[pos]
        if header_size not in (12, 14):
            raise Unsupported(f"a FIT header of {header_size} bytes")
        (data_size,) = struct.unpack_from("<I", data, pos + 4)
        end = pos + header_size + data_size
        if end + 2 > total:
            raise Unsupported("a truncated file")
        head_at = len(out)
        out += data[pos : pos + header_size]
        local: dict[int, tuple[int, int, int]] = {}  # local number -> (definition index, global, size)
        p = pos + header_size
        keep_from = -1  # start of the run of kept bytes being copied
        while p < end:
            h = data[p]
            if h & 0x80:
                raise Unsupported("compressed-timestamp message headers")
            if h & 0x40:
                big = data[p + 2]
                (glob,) = struct.unpack_from(">H" if big else "<H", data, p + 3)
                nf = data[p + 5]
                size = 6 + 3 * nf
                content = sum(data[p + 7 : p + 6 + 3 * nf : 3])
                if h & 0x20:
                    nd = data[p + size]
                    content += sum(data[p + size + 2 : p + size + 1 + 3 * nd : 3])
                    size += 1 + 3 * nd
                local[h & 0x0F] = (n_defs, glob, content)
                def_sizes[n_defs] = content
                n_defs += 1
                kept = True
            else:
                d = local.get(h & 0x0F)
                if d is None:
                    raise Unsupported("a data message before its definition")
                size = 1 + d[2]
                kept = d[1] in keep
                if d[1] == RECORD:
                    offsets.append(p + 1)
                    rec_defs.append(d[0])
            if kept and keep_from < 0:
                keep_from = p
            elif not kept and keep_from >= 0:
                out += data[keep_from:p]
                keep_from = -1
            p += size
        if p != end:
            raise Unsupported("a message runs past the end of the data")
        if keep_from >= 0:
            out += data[keep_from:end]
        struct.pack_into("<I", out, head_at + 4, len(out) - head_at - header_size)
        out += b"\x00\x00"  # the CRC: checked on the whole file, not here
        pos = end + 2
    return _Scan(bytes(out), np.array(offsets, dtype=np.int64), np.array(rec_defs, dtype=np.int64), def_sizes)


def decode_fast(data: bytes, wanted: set[str]) -> tuple[dict[str, list[dict[str, Any]]], RecordColumns]:
    """The file's wanted messages but records, as fitparse gives them, and the record columns.
    The caller holds fitparse's lock (its developer field table is global) and checks the CRC."""
    kept = _keep_messages(wanted)
    sc = scan(data, kept)
    messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    definitions: list[DefinitionMessage] = []
    fitparse.records.DEV_TYPES.clear()
    fit = fitparse.FitFile(io.BytesIO(sc.trimmed), check_crc=False, data_processor=_lean())
    for msg in fit.get_messages(with_definitions=True):
        if isinstance(msg, DefinitionMessage):
            definitions.append(msg)
        elif msg.name in wanted and msg.name != "record":
            messages[msg.name].append(msg.get_values())
    if len(definitions) != len(sc.def_sizes):
        raise Unsupported("fitparse read another number of definitions")
    for d in definitions:
        _check_skipped(d, kept)
    return messages, _record_columns(data, sc, definitions)


def _check_skipped(d: DefinitionMessage, kept: set[int]) -> None:
    """fitparse reads every message; where it might fail on one this path skips (components read
    from an array or a float, a developer field whose size is no multiple of its type's), or read
    it out of step, the file is its to read."""
    for dev in d.dev_field_defs:
        if dev.size % dev.base_type.size:
            raise Unsupported(f"developer field {dev.name!r} of {dev.size} bytes")
    if d.mesg_num in kept:
        return
    for fd in d.field_defs:
        if fd.field is not None and fd.field.components:
            base = fd.base_type
            if not (base.name == "byte" or (base.name in _INTEGER and fd.size == base.size)):
                raise Unsupported(f"{d.name} field {fd.field.name} holds an array or a float with components")


def _lean() -> Any:
    from ingest.fit import _Lean  # one processor for both paths

    return _Lean()


def _record_columns(data: bytes, sc: _Scan, definitions: list[DefinitionMessage]) -> RecordColumns:
    n = len(sc.rec_offsets)
    cols = {key: np.full(n, np.nan) for key in RECORD_KEYS}
    if not n:
        return RecordColumns(0, cols)
    buf = np.frombuffer(data, dtype=np.uint8)
    for k in np.unique(sc.rec_defs).tolist():
        where = np.nonzero(sc.rec_defs == k)[0]
        d = definitions[k]
        block = buf[sc.rec_offsets[where][:, None] + np.arange(sc.def_sizes[k])]
        for key, col in _decode_definition(d, block).items():
            cols[key][where] = col
    return RecordColumns(n, cols)


def _raw(block: np.ndarray, at: int, size: int, base: Any, endian: str) -> np.ndarray:
    """One field of every message of a definition, as numbers, NaN where fitparse reads None."""
    if base.name not in _NUMERIC or size != base.size:
        raise Unsupported(f"a record field of {size} bytes of type {base.name}")
    code = _NUMERIC[base.name][0]
    return np.ascontiguousarray(block[:, at : at + size]).view(np.dtype(endian + code))[:, 0]


def _missing(raw: np.ndarray, base: Any) -> np.ndarray:
    invalid = _NUMERIC[base.name][1]
    return np.isnan(raw) if invalid is None else raw == invalid


def _scaled(values: np.ndarray, scale: Any, offset: Any) -> np.ndarray:
    """fitparse's `_apply_scale_offset`: float(raw) / scale, then minus offset."""
    out = values.astype(np.float64)
    if scale:
        out = out / scale
    if offset:
        out = out - offset
    return out


def _plain(field: Any) -> None:
    """A field whose value fitparse renders as it reads it (no enum names, no subfields)."""
    if field.subfields or getattr(field.type, "values", None):
        raise Unsupported(f"record field {field.name} is rendered by name")


def _decode_definition(d: DefinitionMessage, block: np.ndarray) -> dict[str, np.ndarray]:
    """The values `get_values()` gives for the keys we read, per message of this definition.
    A later field of the same name wins, as in fitparse's dict (a component comes just before
    the field it is read from; developer fields come last)."""
    for dev in d.dev_field_defs:
        if dev.name in RECORD_KEYS:
            raise Unsupported(f"developer field {dev.name!r} shadows the record field of that name")
    producers: dict[str, tuple[int, Any, Any]] = {}  # key -> (field position, field def, component)
    for i, fd in enumerate(d.field_defs):
        field = fd.field
        if field is None:
            continue
        for comp in field.components or ():
            target = d.mesg_type.fields[comp.def_num]
            if target.name in RECORD_KEYS:
                if comp.accumulate:
                    raise Unsupported(f"record field {field.name} accumulates into {target.name}")
                producers[target.name] = (i, fd, comp)
        if field.name in RECORD_KEYS:
            producers[field.name] = (i, fd, None)
    at = np.cumsum([0] + [fd.size for fd in d.field_defs])
    out = {}
    for key, (i, fd, comp) in producers.items():
        raw = _raw(block, int(at[i]), fd.size, fd.base_type, d.endian)
        missing = _missing(raw, fd.base_type)
        if comp is None:
            _plain(fd.field)
            values = _scaled(raw, fd.field.scale, fd.field.offset)
        else:
            _plain(d.mesg_type.fields[comp.def_num])
            if raw.dtype.kind not in "iu" or raw.dtype.itemsize == 8:
                raise Unsupported(f"record field {fd.field.name} is a float with components")
            masked = (raw.astype(np.int64) >> comp.bit_offset) & ((1 << comp.bits) - 1)
            values = _scaled(masked, comp.scale, comp.offset)
        values[missing] = np.nan
        out[key] = values
    return out
