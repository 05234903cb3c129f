"""python -m analysis COMMAND [ARGS]: the analysis outputs' command lines (export, roster, report).

A doorway only. The commands live in cli/ because they open the database, read the clock and write
files, which the pure engine never does; cli is imported here only when a command runs, so that
`import analysis` stays pure (tests/import_rules.py scans this file as part of cli). `python -m cli
COMMAND` is the same command.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from cli.__main__ import main as run

    return run(sys.argv[1:] if argv is None else argv, prog="python -m analysis")


if __name__ == "__main__":
    sys.exit(main())
