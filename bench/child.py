"""Each measurement runs in its own process, so that one phase's memory and caches never touch
the next one's figures.

`run_phase(name, **args)` starts `python -m bench.child NAME ARGS.json OUT.json`, samples the
resident memory of that process and of all its descendants every 0.2 s (their sum: a worker pool
counts whole; a scan of /proc costs about 1 ms, under 1% of a core at that rate), and reads the kernel's own peak for the process tree from `wait4` when it ends.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")


class PhaseFailed(RuntimeError):
    pass


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _rss_bytes(p)
        todo.extend(tree.get(p, ()))
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, every_s: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every_s, self.peak = pid, every_s, 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.stop.wait(self.every_s)


def run_phase(name: str, log_path: Path | None = None, **args) -> dict:
    """Run phase `name` of bench.phases in a fresh process; its result dict, plus
    `peak_rss_mb` (the largest single process, from the kernel) and `peak_tree_rss_mb` (the
    largest sampled sum over the process and its workers)."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out, arg_file = Path(tmp) / "result.json", Path(tmp) / "args.json"
        arg_file.write_text(json.dumps(args))  # a file: thousands of paths overflow a command line
        log = open(log_path, "ab") if log_path else subprocess.DEVNULL
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bench.child", name, str(arg_file), str(out)],
                cwd=ROOT,
                stdout=log,
                stderr=log,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            sampler = _Sampler(proc.pid)
            sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            sampler.stop.set()
            sampler.join()
        finally:
            if not isinstance(log, int):  # a file, not subprocess.DEVNULL
                log.close()
        if proc.returncode != 0 or not out.exists():
            where = f"; see {log_path}" if log_path else ""
            raise PhaseFailed(f"phase {name} exited with {proc.returncode}{where}")
        result = json.loads(out.read_text())
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kB on Linux
    result["peak_tree_rss_mb"] = max(sampler.peak / 2**20, result["peak_rss_mb"])
    return result


def main(argv: list[str]) -> int:
    from bench.phases import PHASES

    name, args, out = argv[0], json.loads(Path(argv[1]).read_text()), Path(argv[2])
    fn = PHASES[name]
    started = time.perf_counter()
    result = fn(**args)
    result.setdefault("phase_wall_s", time.perf_counter() - started)
    out.write_text(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
