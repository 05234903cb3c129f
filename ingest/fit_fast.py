"""The fast FIT path: record messages decoded as numpy columns, the other messages by fitparse.

fitparse builds a Python object per field of every message, and record messages are nearly all
of a file. Here one pass over the file's bytes finds each message; the record messages are left
out of a copy of the file that fitparse reads for the rest (sessions, laps, sets, definitions,
developer field descriptions), and their fields are read in bulk with numpy, one column per field
of each definition, with fitparse's own definitions and profile (scale, offset, invalid values,
components). The values equal fitparse's: fitparse stays the reference (`ingest.fit.decode`).
Compressed-timestamp headers are dated as fitparse dates them, and accumulating components
(compressed_speed_distance's distance) run as fitparse's accumulators do.

Whatever this path does not reproduce exactly raises `Unsupported` (array or text values where a
number is read, a timestamp field fitparse could not count from, developer fields that shadow a
field we read, a header or a message that does not add up), and the caller reads the file with
fitparse instead.
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
from fitparse.records import BASE_TYPE_BYTE, BASE_TYPES, DefinitionMessage

RECORD = 20
TIMESTAMP = 253  # the timestamp's field number in every message
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
    def_at: dict[int, int]  # per record definition index: how many record messages precede it
    rec_times: dict[int, int]  # record message index -> its timestamp, for compressed headers
    kept_times: list[int]  # the timestamps of the kept messages with compressed headers, in order


def _keep_messages(wanted: set[str]) -> set[int]:
    """Global message numbers fitparse still reads: the wanted ones and the developer field
    descriptions (they name the developer fields of the records)."""
    keep = {num for num, m in MESSAGE_TYPES.items() if m.name in wanted and num != RECORD}
    return keep | {206, 207}  # field_description, developer_data_id


class _Compressed(Exception):
    """A compressed-timestamp header: the scan starts again, following the timestamps."""


def scan(data: bytes, keep: set[int]) -> _Scan:
    """One pass over the messages: their definitions and kept messages copied, record messages
    noted. Raises Unsupported for anything it does not follow exactly as fitparse does.

    Files with compressed-timestamp headers (most have none) are scanned a second time, reading
    the timestamp field of every message, as fitparse does to date the compressed ones."""
    try:
        return _scan(data, keep, times=False)
    except _Compressed:
        return _scan(data, keep, times=True)


def _stamps(data: bytes, p: int, nf: int, endian: str) -> list[tuple[int, str, int]]:
    """A definition's timestamp fields (number 253, whatever the message) as (offset in the
    message, struct format, invalid value): fitparse takes the last valid one read before a
    compressed header as the time it counts from."""
    out = []
    at = 0
    for i in range(nf):
        num, size, base_num = data[p + 6 + 3 * i : p + 9 + 3 * i]
        if num == TIMESTAMP:
            base = BASE_TYPES.get(base_num, BASE_TYPE_BYTE)
            if base.name not in _INTEGER or size != base.size:
                # fitparse keeps a tuple or a float to count from and fails at the next
                # compressed header (or not, by what follows): the reference decides.
                raise Unsupported(f"a timestamp field of {size} bytes of type {base.name}")
            invalid = _NUMERIC[base.name][1]
            assert invalid is not None
            out.append((at, endian + base.fmt, int(invalid)))
        at += size
    return out


def _scan(data: bytes, keep: set[int], times: bool) -> _Scan:
    out = bytearray()
    offsets: list[int] = []
    rec_defs: list[int] = []
    def_sizes: dict[int, int] = {}
    def_at: dict[int, int] = {}
    rec_times: dict[int, int] = {}
    kept_times: list[int] = []
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
        # local number -> (definition index, global, size, timestamp fields)
        local: dict[int, tuple[int, int, int, list[tuple[int, str, int]]]] = {}
        last_time = 0  # fitparse's last timestamp: 0 at each file's header
        p = pos + header_size
        keep_from = -1  # start of the run of kept bytes being copied
        while p < end:
            h = data[p]
            if h & 0xC0 == 0x40:
                big = data[p + 2]
                (glob,) = struct.unpack_from(">H" if big else "<H", data, p + 3)
                nf = data[p + 5]
                size = 6 + 3 * nf
                content = sum(data[p + 7 : p + 6 + 3 * nf : 3])
                if h & 0x20:
                    nd = data[p + size]
                    if times and TIMESTAMP in data[p + size + 1 : p + size + 1 + 3 * nd : 3]:
                        raise Unsupported("a developer field numbered as the timestamp")
                    content += sum(data[p + size + 2 : p + size + 1 + 3 * nd : 3])
                    size += 1 + 3 * nd
                local[h & 0x0F] = (
                    n_defs,
                    glob,
                    content,
                    _stamps(data, p, nf, ">" if big else "<") if times else [],
                )
                def_sizes[n_defs] = content
                if glob == RECORD:
                    def_at[n_defs] = len(offsets)
                n_defs += 1
                kept = True
            else:
                if h & 0x80:
                    if not times:
                        raise _Compressed
                    d = local.get((h >> 5) & 0x03)
                else:
                    d = local.get(h & 0x0F)
                if d is None:
                    raise Unsupported("a data message before its definition")
                size = 1 + d[2]
                kept = d[1] in keep
                if d[1] == RECORD:
                    offsets.append(p + 1)
                    rec_defs.append(d[0])
                if times:
                    for at, fmt, invalid in d[3]:
                        (value,) = struct.unpack_from(fmt, data, p + 1 + at)
                        if value != invalid:
                            last_time = value
                    if h & 0x80:
                        # fitparse's rule (the FIT protocol's): the offset replaces the last
                        # timestamp's low five bits, plus 32 s where they would go back.
                        offset = h & 0x1F
                        stamp = (last_time & ~0x1F) + offset
                        if offset < (last_time & 0x1F):
                            stamp += 0x20
                        last_time = stamp
                        if d[1] == RECORD:
                            rec_times[len(offsets) - 1] = stamp
                        elif kept:
                            kept_times.append(stamp)
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
    return _Scan(
        bytes(out),
        np.array(offsets, dtype=np.int64),
        np.array(rec_defs, dtype=np.int64),
        def_sizes,
        def_at,
        rec_times,
        kept_times,
    )


def decode_fast(data: bytes, wanted: set[str]) -> tuple[dict[str, list[dict[str, Any]]], RecordColumns]:
    """The file's wanted messages but records, as fitparse gives them, and the record columns.
    The caller holds fitparse's lock (its developer field table is global) and checks the CRC."""
    kept = _keep_messages(wanted)
    sc = scan(data, kept)
    messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    definitions: list[DefinitionMessage] = []
    stamps = iter(sc.kept_times)
    fitparse.records.DEV_TYPES.clear()
    fit = fitparse.FitFile(io.BytesIO(sc.trimmed), check_crc=False, data_processor=_lean())
    for msg in fit.get_messages(with_definitions=True):
        if isinstance(msg, DefinitionMessage):
            definitions.append(msg)
            continue
        # fitparse dates a compressed header from the messages it has read, and the records are
        # not in the copy it reads: the time the scan counted over the whole file replaces it
        # (the value fitparse appends as the message's last "timestamp"; our processor leaves
        # it the raw number).
        stamp = next(stamps, None) if msg.header.time_offset is not None else None
        if msg.header.time_offset is not None and stamp is None:
            raise Unsupported("fitparse read more compressed-timestamp messages than the scan")
        if msg.name in wanted and msg.name != "record":
            values = msg.get_values()
            if stamp is not None:
                values["timestamp"] = stamp
            messages[msg.name].append(values)
    if len(definitions) != len(sc.def_sizes) or next(stamps, None) is not None:
        raise Unsupported("fitparse read another number of definitions or compressed-timestamp messages")
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
    blocks = {}
    for k in np.unique(sc.rec_defs).tolist():
        where = np.nonzero(sc.rec_defs == k)[0]
        blocks[k] = (where, buf[sc.rec_offsets[where][:, None] + np.arange(sc.def_sizes[k])])
    accumulated = _accumulated(sc, definitions, blocks, n)
    for k, (where, block) in blocks.items():
        mine = {num: values[where] for num, values in accumulated.items()}
        for key, col in _decode_definition(definitions[k], block, mine).items():
            cols[key][where] = col
    if sc.rec_times:
        # fitparse appends a compressed header's time as the message's last field: it wins
        # over a timestamp field of the message.
        at = np.fromiter(sc.rec_times.keys(), dtype=np.int64, count=len(sc.rec_times))
        cols["timestamp"][at] = np.fromiter(sc.rec_times.values(), dtype=np.float64, count=len(sc.rec_times))
    return RecordColumns(n, cols)


def _accumulating(d: DefinitionMessage) -> list[tuple[int, Any, Any]]:
    """The record fields of a definition whose components accumulate into a field we read, as
    (field position, field def, component)."""
    out = []
    for i, fd in enumerate(d.field_defs):
        field = fd.field
        if field is None:
            continue
        for comp in field.components or ():
            if comp.accumulate and d.mesg_type.fields[comp.def_num].name in RECORD_KEYS:
                if field.subfields:
                    raise Unsupported(f"record field {field.name} has subfields and accumulates")
                out.append((i, fd, comp))
    return out


def _accumulated(
    sc: _Scan, definitions: list[DefinitionMessage], blocks: dict[int, tuple[np.ndarray, np.ndarray]], n: int
) -> dict[int, np.ndarray]:
    """The raw values of the accumulating components (compressed_speed_distance's distance), per
    target field number, per record message in file order, NaN where the message gives none.

    fitparse keeps one running value per target for all record messages, set to 0 by each record
    definition that holds an accumulating field, and adds each message's value to it modulo the
    component's bits (`_apply_compressed_accumulation`): a running total of the differences."""
    resets: dict[int, list[int]] = defaultdict(list)  # target -> record positions where it restarts
    for k, before in sc.def_at.items():
        for fd in definitions[k].field_defs:
            for comp in (fd.field.components if fd.field is not None else None) or ():
                if comp.accumulate:
                    resets[comp.def_num].append(before)
    raws: dict[int, tuple[np.ndarray, np.ndarray, int]] = {}  # target -> (raw, given, bits)
    for k, (where, block) in blocks.items():
        d = definitions[k]
        seen: set[int] = set()
        at = np.cumsum([0] + [fd.size for fd in d.field_defs])
        for i, fd, comp in _accumulating(d):
            if comp.def_num in seen:
                raise Unsupported(f"two record fields accumulate into field {comp.def_num}")
            seen.add(comp.def_num)
            values, missing = _component(block, int(at[i]), fd, d.endian, comp)
            raw, given, bits = raws.setdefault(
                comp.def_num, (np.zeros(n, np.int64), np.zeros(n, bool), comp.bits)
            )
            if bits != comp.bits:
                raise Unsupported(f"components of {comp.bits} and {bits} bits accumulate into one field")
            raw[where] = values
            given[where] = ~missing
    out = {}
    for target, (raw, given, bits) in raws.items():
        rows = np.nonzero(given)[0]
        segment = np.searchsorted(np.array(resets[target]), rows, side="right")
        col = np.full(n, np.nan)
        col[rows] = running_total(raw[rows], segment, bits)
        out[target] = col
    return out


def running_total(raw: np.ndarray, segment: np.ndarray, bits: int) -> np.ndarray:
    """fitparse's `_apply_compressed_accumulation` over a sequence, vectorised: the running
    value starts at 0 in each segment (a segment number per value, non-decreasing) and each raw
    value of `bits` bits moves it up to the next number with those low bits. Since the running
    value's low bits are then the last raw value, each step is (raw - previous raw) mod 2**bits."""
    first = np.ones(len(raw), bool)
    first[1:] = segment[1:] != segment[:-1]
    previous = np.zeros_like(raw)
    previous[1:] = raw[:-1]
    previous[first] = 0  # the running value restarts at 0
    step = (raw - previous) % (1 << bits)
    total = np.cumsum(step)
    return total - np.maximum.accumulate(np.where(first, total - step, 0))


def _raw(block: np.ndarray, at: int, size: int, base: Any, endian: str) -> np.ndarray:
    """One field of every message of a definition, as numbers, NaN where fitparse reads None."""
    if base.name not in _NUMERIC or size != base.size:
        raise Unsupported(f"a record field of {size} bytes of type {base.name}")
    code = _NUMERIC[base.name][0]
    return np.ascontiguousarray(block[:, at : at + size]).view(np.dtype(endian + code))[:, 0]


def _component(block: np.ndarray, at: int, fd: Any, endian: str, comp: Any) -> tuple[np.ndarray, np.ndarray]:
    """A component's raw value in every message (fitparse's `ComponentField.render`) and where the
    field it is read from is missing. A byte array (compressed_speed_distance) is one little-endian
    number whatever the file's byte order, missing where every byte is 0xFF; a number field is
    read in the file's order."""
    if fd.base_type.name == "byte":
        if not 0 < fd.size <= 7 or comp.bit_offset + comp.bits > 8 * fd.size:
            # fitparse skips a component that starts past the array's end (but not in a
            # missing one) and reads one that runs past it short: the reference decides.
            raise Unsupported(f"record field {fd.field.name}: {fd.size} bytes for its components")
        raw_bytes = block[:, at : at + fd.size].astype(np.int64)
        number = np.zeros(len(block), np.int64)
        for j in range(fd.size):
            number |= raw_bytes[:, j] << (8 * j)
        missing = (raw_bytes == 0xFF).all(axis=1)
    else:
        raw = _raw(block, at, fd.size, fd.base_type, endian)
        if raw.dtype.kind not in "iu" or raw.dtype.itemsize == 8:
            raise Unsupported(f"record field {fd.field.name} is a float with components")
        number = raw.astype(np.int64)
        missing = _missing(raw, fd.base_type)
    return (number >> comp.bit_offset) & ((1 << comp.bits) - 1), missing


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


def _decode_definition(
    d: DefinitionMessage, block: np.ndarray, accumulated: dict[int, np.ndarray]
) -> dict[str, np.ndarray]:
    """The values `get_values()` gives for the keys we read, per message of this definition
    (`accumulated`: the running values of accumulating components, per target field number).
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
                producers[target.name] = (i, fd, comp)
        if field.name in RECORD_KEYS:
            producers[field.name] = (i, fd, None)
    at = np.cumsum([0] + [fd.size for fd in d.field_defs])
    out = {}
    for key, (i, fd, comp) in producers.items():
        if comp is None:
            raw = _raw(block, int(at[i]), fd.size, fd.base_type, d.endian)
            missing = _missing(raw, fd.base_type)
            _plain(fd.field)
            values = _scaled(raw, fd.field.scale, fd.field.offset)
        else:
            _plain(d.mesg_type.fields[comp.def_num])
            masked, missing = _component(block, int(at[i]), fd, d.endian, comp)
            values = _scaled(
                accumulated[comp.def_num] if comp.accumulate else masked, comp.scale, comp.offset
            )
        values[missing] = np.nan
        out[key] = values
    return out
