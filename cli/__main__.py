"""python -m cli COMMAND [ARGS]: the analysis outputs' command lines, one module each.

`python -m cli export ...` is `python -m cli.export ...` (both work), and so on for each command.
"""

from __future__ import annotations

import importlib
import sys

#: Each subcommand, the module whose main(argv) runs it, and one line of what it does.
COMMANDS = {
    "export": ("cli.export", "one athlete's coach/spreadsheet export (CSV and JSON files)"),
    "roster": ("cli.roster", "one row per athlete, sorted by how much attention each needs (CSV)"),
    "report": ("cli.report", "one athlete's weekly report (one self-contained HTML file)"),
}


def usage() -> str:
    width = max(len(c) for c in COMMANDS)
    lines = [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
    return "usage: python -m cli COMMAND [ARGS]  (python -m cli COMMAND --help for its own)\n\n" + "\n".join(
        lines
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"error: no command {args[0]!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return module.main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
