"""The FIT protocol's CRC-16, and the check of each chained file's trailing CRC.

One idea apart from decoding: fitparse's own check reads the file byte by byte on every read, so
`ingest.fit` turns it off and checks each file once here, with a CRC fast enough not to matter.
"""

from __future__ import annotations

import functools
import struct

import numpy as np

from ingest.errors import IngestError

_CRC_TABLE = []
for _i in range(256):
    _c = _i
    for _ in range(8):
        _c = (_c >> 1) ^ 0xA001 if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)


_CRC_NP = np.array(_CRC_TABLE, dtype=np.uint32)


@functools.cache
def _crc_after_zeros(n: int) -> tuple[list[int], list[int]]:
    """The CRC register after `n` more zero bytes, as a function of its two bytes (it is linear)."""
    lo = np.arange(256, dtype=np.uint32)
    hi = lo << 8
    for _ in range(n):
        lo = (lo >> 8) ^ _CRC_NP[lo & 0xFF]
        hi = (hi >> 8) ^ _CRC_NP[hi & 0xFF]
    return lo.tolist(), hi.tolist()


def fit_crc(data: bytes | memoryview) -> int:
    """CRC-16 as the FIT protocol defines it (polynomial 0x8005, reflected, no initial or final xor).

    Byte by byte in Python this costs as much as a tenth of decoding. Such a CRC is linear:
    crc(A + B) = crc(A) run through len(B) zero bytes, xor crc(B). So numpy computes the CRCs of
    equal chunks side by side (one vector step per byte of a chunk), and a short loop chains them.
    """
    view = memoryview(data)
    crc = 0
    # chunk ~ sqrt(size): the vector steps and the chaining loop cost about the same
    chunk = 64
    while chunk < 1024 and chunk * chunk < len(view) * 16:
        chunk *= 2
    n_chunks = len(view) // chunk
    if n_chunks >= 8:
        block = np.frombuffer(view, dtype=np.uint8, count=n_chunks * chunk).reshape(n_chunks, chunk)
        columns = block.T.astype(np.uint32)  # row j: byte j of every chunk, contiguous
        crcs = np.zeros(n_chunks, dtype=np.uint32)
        for j in range(chunk):
            crcs = (crcs >> 8) ^ _CRC_NP[(crcs ^ columns[j]) & 0xFF]
        lo, hi = _crc_after_zeros(chunk)
        for c in crcs.tolist():
            crc = lo[crc & 0xFF] ^ hi[crc >> 8] ^ c
        view = view[n_chunks * chunk :]
    table = _CRC_TABLE
    for byte in view:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def check_crcs(data: bytes) -> None:
    """Check each chained FIT file's trailing CRC once, instead of fitparse's per-read checks."""
    offset = 0
    while offset < len(data):
        if len(data) - offset < 12:
            raise IngestError(f"the file ends with {len(data) - offset} stray bytes after its data")
        header_size = data[offset]
        (data_size,) = struct.unpack_from("<I", data, offset + 4)
        end = offset + header_size + data_size
        if end + 2 > len(data):
            raise IngestError(
                f"the file is truncated: its header announces {data_size} bytes of data, "
                f"only {max(0, len(data) - offset - header_size)} are there"
            )
        (stored,) = struct.unpack_from("<H", data, end)
        if stored != 0 and fit_crc(memoryview(data)[offset:end]) != stored:
            raise IngestError("the file's checksum (CRC) does not match its contents: it is damaged")
        offset = end + 2
