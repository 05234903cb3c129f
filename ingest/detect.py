"""Which parser a file needs, from its bytes first and its name second."""

from __future__ import annotations

from ingest.textcsv import utf16_without_bom

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"


def is_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT"


def sniff(name: str, data: bytes) -> str:
    """'fit', 'gzip', 'zip', 'text' or 'unknown'. Content wins over the name: a renamed file
    still goes to the right parser, and a non-FIT file named .fit gets a clear message."""
    if is_fit(data):
        return "fit"
    if data[:2] == GZIP_MAGIC:
        return "gzip"
    if data[:4] in (ZIP_MAGIC, EMPTY_ZIP_MAGIC):
        return "zip"
    if name.lower().endswith((".fit", ".fit.gz")):
        return "fit"  # the FIT parser says precisely what is wrong with it
    head = data[:4096]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "text"  # UTF-16 with a byte-order mark
    if head and (b"\x00" not in head or utf16_without_bom(head) is not None):
        return "text"
    return "unknown"
