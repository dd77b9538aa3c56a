"""The command line: `crossdept COMMAND`. Each command lives in its own cmd_*.py module.

Commands are registered by importing their module. `main()` imports only the module of the
command being run, so `crossdept rollup` does not pay for Word, e-mail and Excel libraries it
never uses (about 0.3 s at every start); `--help`, a usage error, and `from crossdept.cli import
app` (tests, the Python API) load them all, in the order `--help` lists them.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import TYPE_CHECKING

from crossdept.gcpause import cyclic_gc_paused

if TYPE_CHECKING:
    import typer

# command name -> module; the order is the order of `--help`: the workflow first, then tools.
COMMANDS: dict[str, str] = {
    "new": "cmd_new",
    "validate": "cmd_validate",
    "highlight": "cmd_highlight",
    "rollup": "cmd_rollup",
    "minutes": "cmd_minutes",
    "summary": "cmd_summary",
    "weekly": "cmd_weekly",
    "remind": "cmd_remind",
    "review": "cmd_review",
    "inspect": "cmd_inspect",
    "templates": "cmd_new",
    "addin": "cmd_addin",
    "calendar": "cmd_calendar",
}


def load(names: list[str] | None = None) -> "typer.Typer":
    """Register the given commands (all when None) and return the application."""
    for module in dict.fromkeys(COMMANDS[n] for n in (names or COMMANDS)):
        importlib.import_module(f"{__name__}.{module}")
    from crossdept.cli.common import app

    return app


def __getattr__(name: str) -> object:
    if name == "app":
        return load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    # Loading typer, rich and the command makes ~100,000 objects that live as long as the process,
    # and the cycle collector would scan them again and again: paused while they are made, then
    # frozen out of its reach (gc.freeze), ~5 % of a short command's start-up and less work in
    # every later full collection of a long one. Collection works as usual afterwards.
    with cyclic_gc_paused():
        app = load([command] if command in COMMANDS else None)
        gc.freeze()
    app()
