"""`python tests/prebuild_athletes.py BASE TODAY REALDATA NAME...`: the test athletes' databases
imported in a process of their own, started by tests/conftest.py as a session begins, while the first
tests (pure functions, one core) run; NAME+NAME...: those athletes in one database (athletes_db).
Each database is built only when claimed here first (athletes.claim); the session waits for the ones
claimed here. One that fails leaves no `done` file: the session builds it again itself, where the
failure is reported."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from athletes import athlete_folder, build_database, build_set, claim, set_folder


def main(argv: list[str]) -> None:
    base, today = Path(argv[0]), dt.date.fromisoformat(argv[1])
    realdata = Path(argv[2]) if argv[2] else None
    for token in argv[3:]:
        names = tuple(token.split("+"))
        if len(names) > 1:
            if claim(set_folder(base, names), "background") == "background":
                build_set(names, base, today, realdata)
        elif claim(athlete_folder(base, token), "background") == "background":
            build_database(token, base, today, realdata)


# The import's worker processes ('spawn') run this file again as __mp_main__: they must not build.
if __name__ == "__main__":
    main(sys.argv[1:])
