"""What `crossdept --help` imports: the commands' options, never their use cases.

Start-up speed itself is measured in bench/bench_startup.py (no timed tests); this checks the
cause that made it slow before: each command module importing its operation (readers, the core,
lxml, XlsxWriter) only to register its options.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("crossdept.ops.", "crossdept.core.", "crossdept.read", "openpyxl", "xlsxwriter", "docx", "docxtpl",
         "jinja2", "lxml", "python_calamine", "PIL", "icalendar", "urllib3")


def test_help_registers_every_command_without_importing_a_use_case() -> None:
    probe = (
        "import sys\n"
        "from crossdept.cli import COMMANDS, load\n"
        "app = load()\n"
        "names = {c.name or c.callback.__name__ for c in app.registered_commands}\n"
        "print(len(names))\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith(%r))))\n" % (HEAVY,)
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert int(out[0]) >= 11  # new, validate, highlight, rollup, minutes, summary, weekly, review, remind, calendar, inspect...
    # ops/common.py is what every front end shares to read --today and --lang: small, no use case.
    assert [m for m in out[1:] if m and m != "crossdept.ops.common"] == []
