"""One validated file as data, and the JSON of a validation run (interface.md), built in one place
for `crossdept validate --json` and the weekly chain's 校验报告.json."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crossdept.findings import Finding


# The columns of a 校验结果 sheet (message ids validate.col.*), the same in the annotated copy and
# in the sheet the ribbon's 校验本工作簿 writes into the open workbook.
RESULT_COLUMNS = ("no", "sheet", "cell", "column", "value", "rule", "severity", "message")


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


def report_json(results: Sequence[FileResult], lang: str) -> dict[str, object]:
    """The JSON of `crossdept validate --json`."""
    return {"files": [r.to_json(lang) for r in results],
            "summary": {"files": len(results), "errors": sum(r.errors for r in results),
                        "warnings": sum(r.warnings for r in results)}}
