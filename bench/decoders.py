"""Decoding alone: the floor (fitparse with its defaults), and for the record garmin-fit-sdk and
fitdecode with theirs, over the same files. Each keeps every value it decodes (as a caller would)
and counts `record` messages: the samples."""

from __future__ import annotations

import time
from pathlib import Path


def _timed(files: list[Path], decode_one) -> dict:
    per_file = []
    samples = 0
    messages = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for path in files:
        t = time.perf_counter()
        n_rec, n_msg = decode_one(path)
        per_file.append(time.perf_counter() - t)
        samples += n_rec
        messages += n_msg
    wall = time.perf_counter() - t0
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "samples": samples,
        "messages": messages,
        "wall_s": wall,
        "cpu_s": time.process_time() - c0,
        "samples_per_s": samples / wall if wall else 0.0,
        "per_file_s": per_file,
    }


def fitparse_defaults(path: Path) -> tuple[int, int]:
    """The floor: fitparse as its README shows it. Default data processor, CRC checked as it
    reads, every message's values taken, nothing else done."""
    import fitparse

    n_rec = n_msg = 0
    with fitparse.FitFile(str(path)) as fit:
        for message in fit.get_messages():
            message.get_values()
            n_msg += 1
            if message.name == "record":
                n_rec += 1
    return n_rec, n_msg


def garmin_sdk_defaults(path: Path) -> tuple[int, int]:
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_file(str(path))).read()
    if errors:
        raise RuntimeError(f"garmin-fit-sdk: {path.name}: {errors[0]}")
    return len(messages.get("record_mesgs", ())), sum(
        len(v) for v in messages.values() if isinstance(v, list)
    )


def fitdecode_defaults(path: Path) -> tuple[int, int]:
    import fitdecode

    n_rec = n_msg = 0
    with fitdecode.FitReader(str(path)) as reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                {f.name: f.value for f in frame.fields}  # the values, as get_values() gives them
                n_msg += 1
                if frame.name == "record":
                    n_rec += 1
    return n_rec, n_msg


DECODERS = {
    "fitparse": fitparse_defaults,
    "garmin_fit_sdk": garmin_sdk_defaults,
    "fitdecode": fitdecode_defaults,
}


def decode_all(files: list[str], decoder: str) -> dict:
    return _timed([Path(f) for f in files], DECODERS[decoder])
