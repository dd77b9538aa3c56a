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


def test_an_empty_rollup_loads_only_what_a_rollup_needs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The roll-up of an empty folder (bench_startup.py's second figure) writes its workbook with
    XlsxWriter and nothing else: no Word, mail, calendar or Excel library, no openpyxl or lxml,
    not rich's emoji table (terminal.SafeConsole), and no XML regex for printable text
    (write/xmlsafe.py)."""
    (tmp_path / "empty").mkdir()
    probe = (
        "import sys\n"
        "sys.argv = ['crossdept', 'rollup', %r, '-o', %r, '--history', %r, '--today', '2026-11-20']\n"
        "from crossdept.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "from crossdept.write import xmlsafe\n"
        "print(code, xmlsafe._not_xml.cache_info().currsize)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    ) % (str(tmp_path / "empty"), str(tmp_path / "out.xlsx"), str(tmp_path / "h.sqlite"))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "2 0"  # nothing to roll up (exit 2), the workbook written all the same
    assert (tmp_path / "out.xlsx").is_file()
    loaded = {m.split(".")[0] for m in out[1:]}
    assert "xlsxwriter" in loaded and "rich._emoji_codes" not in out
    assert loaded.isdisjoint({"openpyxl", "docx", "docxtpl", "jinja2", "lxml", "PIL", "icalendar", "urllib3",
                              "css_inline", "xlwings", "smtplib", "numpy", "pandas", "filelock"})
