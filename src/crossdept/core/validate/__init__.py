"""Validation: every problem office staff must fix in a workbook, each at its cell.

    findings = validate_workbook(read_workbook(path), config, today)

Pure: a read Workbook, the project's Config and today's date in, findings out. The reader's own
value findings (unreadable dates, percents, choices, RACI letters) come first in the list's
order of cells; each rule family below adds its own, one small module each. Every rule id is
registered with its severity (findings.define_rule) and documented in docs/rules.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from collections.abc import Callable, Iterable

from crossdept.cellref import column_index
from crossdept.config import Config
from crossdept.core.submissions import Submissions
from crossdept.findings import Finding
from crossdept.read.records import SheetData, Workbook
from crossdept.core.validate import far_dates, milestones, minutes, plan, project, raci, rows, structure, values
from crossdept.core.validate.place import Context
from crossdept.core.validate.roster import Rosters

Rule = Callable[[SheetData, Context], Iterable[Finding]]

# Every family of sheet rules, in the order their findings read best for one cell.
SHEET_RULES: tuple[Rule, ...] = (structure.check, values.check, rows.check, project.check, raci.check, minutes.check, plan.check,
                                 milestones.check)

_REF = re.compile(r"^([A-Z]+)(\d+)$")


def _position(finding: Finding, sheet_order: dict[str, int]) -> tuple[int, int, int]:
    """Sort key: the sheet as the workbook shows it, then row, then column."""
    col = 0
    if finding.cell and (m := _REF.match(finding.cell)):
        col = column_index(m.group(1))
    return sheet_order.get(finding.sheet, -1), finding.row or 0, col


def validate_workbook(book: Workbook, config: Config, today: dt.date,
                      submissions: Submissions | None = None) -> list[Finding]:
    """Every finding of one workbook, the reader's and the rules', in reading order.

    `submissions` carries what other workbooks of the same run sent (core/submissions.py), so
    a row repeated in another file of the department is found; alone, the workbook is checked
    against itself (its department, its sheets' duplicate rows, its freshness).
    """
    ctx = Context(today, Rosters(config))
    subs = submissions if submissions is not None else Submissions(config, today)
    found: list[Finding] = [*book.findings, *structure.check_book(book), *far_dates.check_book(book, today),
                            *subs.add(book.path or Path(""), book).findings]
    for sheet in book.sheets:
        for rule in SHEET_RULES:
            found.extend(rule(sheet, ctx))
    path = str(book.path) if book.path is not None else None
    for finding in found:
        finding.path = finding.path or path
    order = {s.name: i for i, s in enumerate(book.sheets)}
    return sorted(found, key=lambda f: _position(f, order))
