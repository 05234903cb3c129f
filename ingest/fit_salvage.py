"""Salvage for FIT files fitparse rejects: the official garmin-fit-sdk decoder reads up to the
damage and returns what it got, which goes through the same building code as a healthy file.
Whatever comes back is stored as `partial`, with fitparse's complaint in the message, so a
runner's run is not lost to a bad checksum or a cut-off last record."""

from __future__ import annotations

from garmin_fit_sdk import Decoder, Stream

from ingest.fit import WANTED, Messages, build
from ingest.model import ParseResult


def salvage(data: bytes, fitparse_error: str) -> ParseResult:
    try:
        decoder = Decoder(Stream.from_byte_array(bytearray(data)))
        if not decoder.is_fit():
            return ParseResult("fit", "failed", fitparse_error)
        raw, errors = decoder.read(
            convert_datetimes_to_dates=False,  # FIT-epoch ints, as our fitparse path gives them
            merge_heart_rates=False,
        )
    except Exception as exc:  # noqa: BLE001 - the SDK may raise anything on garbage; we report it
        return ParseResult("fit", "failed", f"{fitparse_error}; garmin-fit-sdk: {exc}")
    messages: Messages = {}
    for key, mesgs in raw.items():
        name = key.removesuffix("_mesgs")
        if name in WANTED and isinstance(mesgs, list) and mesgs:
            messages[name] = [m for m in mesgs if isinstance(m, dict)]
    sdk_error = "; ".join(str(e) for e in errors) or "none"
    note = f"{fitparse_error}. Salvaged with garmin-fit-sdk (its own complaint: {sdk_error})"
    result = build(messages, status="partial", message=note)
    if result.status == "skipped":
        # Nothing usable survived: the file failed, and the message says why.
        return ParseResult("fit", "failed", f"{note}; nothing usable survived: {result.message}")
    n = sum(len(a.records) for a in result.activities)
    result.message = f"{note}; recovered {len(result.activities)} activities and {n} records"
    return result
