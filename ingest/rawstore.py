"""The raw store: every offered file kept under its content hash (data/raw/ab/abcd....fit), written
atomically, so the database can always be rebuilt from what the runner gave us."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import BinaryIO


def _raw_path(raw_dir: Path, sha: str, file_name: str) -> Path:
    suffix = "".join(Path(file_name).suffixes[-2:]).lower()[:16]
    suffix = "".join(ch for ch in suffix if ch.isalnum() or ch == ".")
    return raw_dir / sha[:2] / f"{sha}{suffix}"


def _tmp_suffix() -> str:
    """Unique to this process and thread: two sessions keeping the same upload at once must not
    write (and rename away) each other's temporary file."""
    return f".tmp{os.getpid()}-{threading.get_ident()}"


def keep_raw(raw_dir: Path, sha: str, data: bytes, file_name: str) -> Path:
    """Keep the offered bytes under their content hash (written atomically), so the database can
    always be rebuilt from what the runner gave us."""
    path = _raw_path(raw_dir, sha, file_name)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + _tmp_suffix())
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path


def keep_path(raw_dir: Path, source: Path, file_name: str, keep: bool = True) -> tuple[str, int]:
    """(sha256, size) of a file on disk (an export archive can be large), read once in chunks and
    never whole into memory; with `keep`, copied into the raw store in the same pass. The copy is
    written under a temporary name and renamed into place once its hash, its name, is known."""
    if not keep:
        with open(source, "rb") as f:
            return _copy_hashing(f, None)
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    tmp = raw_dir / f".incoming{_tmp_suffix()}"
    try:
        with open(source, "rb") as f, open(tmp, "wb") as out:
            sha, size = _copy_hashing(f, out)
        path = _raw_path(raw_dir, sha, file_name)
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # already renamed, or the bytes were kept before
    return sha, size


def _copy_hashing(f: BinaryIO, out: BinaryIO | None) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    while chunk := f.read(1 << 20):
        h.update(chunk)
        size += len(chunk)
        if out is not None:
            out.write(chunk)
    return h.hexdigest(), size


def find_raw(raw_dir: Path, sha: str) -> Path | None:
    """The kept file with these bytes, whatever suffix it was kept under."""
    folder = Path(raw_dir) / sha[:2]
    if not sha or not folder.is_dir():
        return None
    for p in folder.glob(f"{sha}*"):
        if p.is_file() and ".tmp" not in p.name:
            return p
    return None


def remove_raw(raw_dir: Path, shas: list[str]) -> int:
    """Remove the kept files with these bytes (an athlete deleted: store.athletes.delete names the
    files no other athlete still has). Returns how many files went; a file already gone is fine."""
    removed = 0
    for sha in shas:
        while (path := find_raw(raw_dir, sha)) is not None:
            path.unlink()
            removed += 1
    return removed
