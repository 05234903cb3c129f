"""python -m cli COMMAND [ARGS]: the analysis outputs' command lines, one module each.

`python -m analysis COMMAND ...` (analysis/__main__.py, the spelling the README leads with) comes
here; `python -m cli export ...` is `python -m cli.export ...` (both work), and so on for each command.
"""

from __future__ import annotations

import importlib
import sys

#: Each subcommand, the module whose main(argv, prog) runs it, and one line of what it does.
COMMANDS = {
    "export": ("cli.export", "one athlete's coach/spreadsheet export (CSV and JSON files)"),
    "roster": ("cli.roster", "one row per athlete, sorted by how much attention each needs (CSV)"),
    "report": ("cli.report", "one athlete's weekly report (one self-contained HTML file)"),
}


def usage(prog: str = "python -m cli") -> str:
    width = max(len(c) for c in COMMANDS)
    lines = [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
    return f"usage: {prog} COMMAND [ARGS]  ({prog} COMMAND --help for its own)\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None, prog: str = "python -m cli") -> int:
    """Run the command ``argv`` names; ``prog`` is how it was typed, for the usage lines."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage(prog))
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"error: no command {args[0]!r}\n\n{usage(prog)}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return module.main(args[1:], prog=f"{prog} {args[0]}")


if __name__ == "__main__":
    sys.exit(main())
