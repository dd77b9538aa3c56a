"""The command line: `crossdept COMMAND`. Each command lives in its own cmd_*.py module."""

from __future__ import annotations

from crossdept.cli import cmd_addin  # noqa: F401
from crossdept.cli import cmd_inspect  # noqa: F401  (importing a command module registers it)
from crossdept.cli import cmd_highlight  # noqa: F401
from crossdept.cli import cmd_minutes  # noqa: F401
from crossdept.cli import cmd_summary  # noqa: F401
from crossdept.cli import cmd_new  # noqa: F401
from crossdept.cli import cmd_rollup  # noqa: F401
from crossdept.cli import cmd_validate  # noqa: F401
from crossdept.cli import cmd_weekly  # noqa: F401
from crossdept.cli.app import app


def main() -> None:
    app()
