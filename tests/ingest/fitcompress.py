"""Rewrite a FIT file, byte by byte, with compressed-timestamp message headers (and, on request,
its records' speed and distance as compressed_speed_distance), for the fast decoder's tests.

The demo's writer (garmin-fit-sdk's Encoder) writes a full timestamp in every message. Here a
message whose timestamp is less than 32 s after the last one carries it in its header instead, per
the FIT protocol: bit 7 set, the local message type (0-3) in bits 5-6, the timestamp's low five
bits in bits 0-4, against a definition without the timestamp field. A reader that follows the
protocol reads back the very timestamps of the original file.
"""

from __future__ import annotations

import struct
from collections import Counter
from dataclasses import dataclass

from ingest.fit_crc import fit_crc

TIMESTAMP, DISTANCE, SPEED, ENHANCED_SPEED, COMPRESSED_SPEED_DISTANCE = 253, 5, 6, 73, 8
RECORD, LAP, EVENT, SESSION, ACTIVITY = 20, 19, 21, 18, 34
UINT32, BYTE = 0x86, 0x0D


@dataclass(frozen=True)
class Definition:
    glob: int
    big: bool
    fields: tuple[tuple[int, int, int], ...]  # (number, size, base type)
    dev: tuple[tuple[int, int, int], ...] | None  # developer fields, None without the flag

    @property
    def size(self) -> int:
        return sum(f[1] for f in self.fields) + sum(f[1] for f in self.dev or ())

    def at(self, num: int) -> tuple[int, int, int] | None:
        """(offset in the message, size, base type) of field `num`."""
        offset = 0
        for n, size, base in self.fields:
            if n == num:
                return offset, size, base
            offset += size
        return None

    def encode(self, local: int) -> bytes:
        head = 0x40 | local | (0x20 if self.dev is not None else 0)
        out = bytearray([head, 0, int(self.big)])
        out += struct.pack(">HB" if self.big else "<HB", self.glob, len(self.fields))
        for f in self.fields:
            out += bytes(f)
        if self.dev is not None:
            out.append(len(self.dev))
            for f in self.dev:
                out += bytes(f)
        return bytes(out)

    def without(self, nums: set[int], payload: bytes) -> tuple[Definition, bytes]:
        """This definition and a message of it without the fields numbered `nums`."""
        fields, kept, offset = [], bytearray(), 0
        for f in self.fields:
            if f[0] not in nums:
                fields.append(f)
                kept += payload[offset : offset + f[1]]
            offset += f[1]
        kept += payload[offset:]  # the developer fields
        return Definition(self.glob, self.big, tuple(fields), self.dev), bytes(kept)


def _read(big: bool, fmt: str, payload: bytes, at: tuple[int, int, int] | None) -> int | None:
    if at is None:
        return None
    (value,) = struct.unpack_from((">" if big else "<") + fmt, payload, at[0])
    return value


def _triples(b: bytes) -> tuple[tuple[int, int, int], ...]:
    return tuple((b[i], b[i + 1], b[i + 2]) for i in range(0, len(b), 3))


def _speed_distance(d: Definition, payload: bytes) -> tuple[Definition, bytes]:
    """A record's distance (1/100 m) and speed (1/1000 m/s) as compressed_speed_distance: three
    bytes, little-endian whatever the file's order: speed in 1/100 m/s (12 bits), then distance in
    1/16 m (12 bits, the low bits of a running total: a reader accumulates it)."""
    distance = _read(d.big, "I", payload, d.at(DISTANCE))
    speed = _read(d.big, "I", payload, d.at(ENHANCED_SPEED))
    if speed is None or speed == 0xFFFFFFFF:
        speed = _read(d.big, "H", payload, d.at(SPEED))
        speed = None if speed == 0xFFFF else speed
    if distance is None or distance == 0xFFFFFFFF:
        packed = b"\xff\xff\xff"
    else:
        sixteenths = round(distance * 16 / 100) & 0xFFF
        hundredths = 0xFFF if speed is None else min(round(speed / 10), 0xFFE)
        packed = (hundredths | sixteenths << 12).to_bytes(3, "little")
    rest, body = d.without({DISTANCE, SPEED, ENHANCED_SPEED}, payload)
    fields = (*rest.fields, (COMPRESSED_SPEED_DISTANCE, 3, BYTE))
    n_fixed = sum(f[1] for f in rest.fields)
    return Definition(d.glob, d.big, fields, d.dev), body[:n_fixed] + packed + body[n_fixed:]


def compress(
    data: bytes,
    messages: tuple[int, ...] = (RECORD, LAP, EVENT, SESSION, ACTIVITY),
    full_every: int = 40,
    speed_distance: bool = False,
    redefine_after: int | None = None,
) -> tuple[bytes, Counter]:
    """One FIT file (not chained) rewritten: each message of the global numbers `messages` whose
    timestamp is 0-31 s after the last timestamp of the file gets a compressed header, but every
    `full_every`-th of them, which keeps its full timestamp. `speed_distance`: the records' speed
    and distance as compressed_speed_distance. `redefine_after`: after that many records every
    definition is written again (a reader restarts its accumulated values there).
    Returns the bytes and a count of the messages written per kind, by global number."""
    header_size = data[0]
    (data_size,) = struct.unpack_from("<I", data, 4)
    assert len(data) == header_size + data_size + 2, "one FIT file, not a chain"
    body = data[header_size : header_size + data_size]
    out = bytearray()
    slots: dict[int, Definition] = {}  # local number written -> the definition it holds now
    local_defs: dict[int, Definition] = {}  # the original file's local numbers
    count: Counter = Counter()
    last = 0  # the last timestamp, as a reader keeps it
    p = 0
    while p < len(body):
        h = body[p]
        assert not h & 0x80, "the original has compressed headers already"
        if h & 0x40:
            big = bool(body[p + 2])
            (glob,) = struct.unpack_from(">H" if big else "<H", body, p + 3)
            nf = body[p + 5]
            fields = _triples(body[p + 6 : p + 6 + 3 * nf])
            q = p + 6 + 3 * nf
            dev = None
            if h & 0x20:
                nd = body[q]
                dev = _triples(body[q + 1 : q + 1 + 3 * nd])
                q += 1 + 3 * nd
            local_defs[h & 0x0F] = Definition(glob, big, fields, dev)
            p = q
            continue
        d = local_defs[h & 0x0F]
        payload = body[p + 1 : p + 1 + d.size]
        p += 1 + d.size
        if d.glob == RECORD:
            count["records"] += 1
            if redefine_after is not None and count["records"] == redefine_after + 1:
                slots.clear()
            if speed_distance:
                d, payload = _speed_distance(d, payload)
        at = d.at(TIMESTAMP)
        assert at is None or at[1:] == (4, UINT32)
        ts = _read(d.big, "I", payload, at)
        ts = None if ts == 0xFFFFFFFF else ts
        if d.glob in messages and ts is not None and 0 <= ts - last < 32 and (count[d.glob] + 1) % full_every:
            d, payload = d.without({TIMESTAMP}, payload)
            slot = messages.index(d.glob) % 4
            header = 0x80 | slot << 5 | (ts & 0x1F)
            count[f"compressed {d.glob}"] += 1
        else:
            slot = 4 + (h & 0x0F) % 12
            header = slot
        count[d.glob] += 1
        if slots.get(slot) != d:
            out += d.encode(slot)
            slots[slot] = d
        out.append(header)
        out += payload
        if ts is not None:
            last = ts
    head = bytearray(data[:header_size])
    struct.pack_into("<I", head, 4, len(out))
    if header_size == 14:
        struct.pack_into("<H", head, 12, 0)  # the header's CRC: 0 is "not computed"
    file = bytes(head) + bytes(out)
    return file + struct.pack("<H", fit_crc(file)), count
