"""Inspect: what crossdept reads in each workbook, sheet by sheet.

A quick look before anything else: which sheets were recognised as which, where their header
rows are, how many records they hold, and how many values could not be read. Exit 2 when a file
could not be read, 1 when some values could not be, else 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crossdept.config import ConfigError, load_config
from crossdept.model.outputs import OWN_SHEETS
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_paths,
                                  as_today, default_year)
from crossdept.read import Workbook, WorkbookError, read_workbook


@dataclass
class FileView:
    """One file: the workbook read, or why it could not be."""

    path: Path
    book: Workbook | None
    status: str = "ok"  # ok | unreadable | skipped
    error: str | None = None

    def to_json(self, lang: str) -> dict[str, object]:
        if self.book is None:
            return {"path": str(self.path), "status": self.status, "error": self.error, "sheets": []}
        book = self.book
        sheets = [{"sheet": s.name, "kind": s.spec.key, "as": s.spec.label(lang),
                   "header_row": s.header.row if s.header else None, "records": len(s.records), "hidden": s.hidden}
                  for s in book.sheets]
        return {"path": str(self.path), "status": "ok", "error": None, "sheets": sheets,
                "unrecognised": self.unrecognised, "own": self.own, "findings": [f.to_json(lang) for f in book.findings]}

    @property
    def own(self) -> list[str]:
        """Sheets crossdept itself wrote with nothing to read (the templates' hidden 工作日历, a roll-up's 总览)."""
        return [s for s in self.book.unrecognised if s in OWN_SHEETS] if self.book else []

    @property
    def unrecognised(self) -> list[str]:
        """Sheets neither read nor crossdept's own: the ones a user may have meant to be read."""
        return [s for s in self.book.unrecognised if s not in OWN_SHEETS] if self.book else []


@dataclass
class InspectResult:
    files: list[FileView]
    lang: str

    def to_json(self) -> dict[str, object]:
        """Exactly what `crossdept inspect --json` prints."""
        return {"files": [f.to_json(self.lang) for f in self.files]}

    @property
    def exit_code(self) -> int:
        if any(f.book is None for f in self.files):
            return EXIT_UNREADABLE
        return EXIT_ATTENTION if any(f.book.findings for f in self.files if f.book) else EXIT_OK


def inspect(files: PathArg | list[PathArg], *, today: DateLike = None, lang: str | None = None) -> InspectResult:
    """`crossdept inspect FILE...`: each workbook as crossdept reads it."""
    paths, day, language = as_paths(files), as_today(today), as_lang(lang)
    views = []
    for path in paths:
        try:
            # Dates without a year ("11月20日") take the project's year, as in every other command.
            views.append(FileView(path, read_workbook(path, default_year(load_config(path), day))))
        except (WorkbookError, ConfigError) as exc:
            status = exc.status if isinstance(exc, WorkbookError) else "unreadable"
            views.append(FileView(path, None, status, exc.message(language)))
    return InspectResult(views, language)
