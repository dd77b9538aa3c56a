"""The command line: `crossdept COMMAND`. Each command lives in its own cmd_*.py module.

Importing a command module registers its command; the order here is the order of `--help`:
the product's workflow first, then the tools around it.
"""

from __future__ import annotations

from crossdept.cli import (  # noqa: F401
    cmd_new,
    cmd_validate,
    cmd_highlight,
    cmd_rollup,
    cmd_minutes,
    cmd_summary,
    cmd_weekly,
    cmd_addin,
    cmd_inspect,
)
from crossdept.cli.app import app


def main() -> None:
    app()
