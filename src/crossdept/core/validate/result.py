"""One validated file as data, the JSON of a validation run (interface.md), and one row of a findings
table, each built in one place for `crossdept validate`, the weekly chain's 校验报告 and the ribbon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crossdept import i18n
from crossdept.findings import Finding


@dataclass
class FileResult:
    """One file of a run: its status, its error when unreadable, its findings when read."""

    path: Path
    status: str  # ok | invalid | unreadable | skipped
    error: str | None
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def to_json(self, lang: str) -> dict[str, object]:
        """interface.md's validate file object."""
        return {"path": str(self.path), "status": self.status, "error": self.error,
                "findings": [f.to_json(lang) for f in self.findings]}


def finding_row(finding: Finding, lang: str, columns: Sequence[str], first: object,
                message: str | None = None) -> list[object]:
    """One row of a findings table in `columns` order (model/outputs.py FINDING_COLUMNS or
    REPORT_FINDING_COLUMNS); `first` is its № or its file, `message` a shortened one if need be."""
    cells = {"no": first, "file": first, "sheet": finding.sheet or i18n.t("validate.whole-file", lang),
             "cell": finding.cell or "", "column": finding.column or "", "value": finding.value,
             "rule": finding.rule, "severity": i18n.t(f"validate.severity.{finding.severity}", lang),
             "message": message if message is not None else finding.message(lang)}
    return [cells[key] for key in columns]


def report_json(results: Sequence[FileResult], lang: str) -> dict[str, object]:
    """The JSON of `crossdept validate --json`."""
    return {"files": [r.to_json(lang) for r in results],
            "summary": {"files": len(results), "errors": sum(r.errors for r in results),
                        "warnings": sum(r.warnings for r in results)}}
