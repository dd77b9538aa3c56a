"""Findings: every problem crossdept reports about a workbook, as data.

Modelled on frictionless' errors: each finding has a rule with a stable id (documented in
docs/rules.md), a severity, where it is (sheet, Excel row, column header, cell reference), the
value found, and the facts its message needs. Messages are rendered late, in the user's
language, from i18n; reports (console, JSON, annotated workbook) are built from the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from crossdept import i18n

Severity = Literal["error", "warning"]

# The severity of each rule id. Validation adds its rules with define_rule().
RULE_SEVERITY: dict[str, Severity] = {
    "invalid-date": "error",
    "invalid-percent": "error",
    "percent-range": "error",
    "invalid-choice": "error",
    "invalid-raci": "error",
}


def define_rule(rule: str, severity: Severity) -> str:
    """Register a rule id once; a second definition is a programming error."""
    if rule in RULE_SEVERITY and RULE_SEVERITY[rule] != severity:
        raise RuntimeError(f"rule {rule!r} is already defined as {RULE_SEVERITY[rule]}")
    RULE_SEVERITY[rule] = severity
    return rule


def display_value(value: object) -> str:
    """How a cell value is shown in a message: dates as ISO, whole floats without .0."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Finding:
    """One problem at one place. `column` is the header as written in the file."""

    rule: str
    sheet: str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: object = None
    params: dict[str, object] = field(default_factory=dict)
    path: str | None = None
    # Another place the finding is about (the first of two duplicate rows): {"path", "sheet", "cell"}.
    other: dict[str, str] | None = None

    @property
    def severity(self) -> Severity:
        return RULE_SEVERITY[self.rule]

    def message(self, lang: str = "zh") -> str:
        text = i18n.t(self.rule, lang, column=self.column or "", value=display_value(self.value),
                      sheet=self.sheet, row=self.row or "", cell=self.cell or "", **self.params)
        if self.cell:
            return i18n.t("finding.at-cell", lang, cell=self.cell, message=text)
        return text

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        """The finding as interface.md's JSON object."""
        value = self.value
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": value,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message(lang),
            **({"other": self.other} if self.other is not None else {}),
        }
