"""What a button's handler works with: the calling workbook, the user's language, today, and Excel's UI.

The status bar and message boxes are Excel's own (xlwings' App.status_bar and App.alert), so
the user sees progress and results where they clicked. Some xlwings engines have no status bar
(the remote engine, like Office.js): progress is then simply not shown.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossdept import i18n
from crossdept.config import Config, load_config
from crossdept.excel import live
from crossdept.excel.errors import ExcelError
from crossdept.read import Workbook, read_grids


@dataclass
class Session:
    book: Any  # an xlwings Book: xw.Book.caller() in Excel
    lang: str
    today: dt.date
    label: str = ""  # the clicked button's label, for messages
    _config: Config | None = field(default=None, repr=False)

    def text(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    def status(self, text: str | None) -> None:
        """Show `text` in Excel's status bar; None gives the bar back to Excel."""
        try:
            self.book.app.status_bar = text if text is not None else False
        except NotImplementedError:
            pass

    def alert(self, text: str, critical: bool = False) -> None:
        """A message box in Excel, titled with the product's name."""
        self.book.app.alert(text, title=self.text("excel.title"), mode="critical" if critical else "info")

    @property
    def path(self) -> Path | None:
        return live.book_path(self.book)

    def folder(self) -> Path:
        """The folder of the calling workbook; outputs go there. An unsaved workbook has none."""
        path = self.path
        if path is None:
            raise ExcelError("excel.unsaved", name=self.book.name, label=self.label)
        return path.parent

    @property
    def config(self) -> Config:
        """crossdept.toml beside the workbook (or above it); empty when there is none or the book is unsaved."""
        if self._config is None:
            self._config = load_config(self.path)
        return self._config

    def workbook(self) -> Workbook:
        """The live sheets, parsed exactly as the same workbook read from a file would be."""
        raw = live.read_raw(self.book, lambda name: self.status(self.text("excel.reading", name=name)))
        return read_grids(raw, self.config.year or self.today.year)

    def show_file(self, path: Path) -> None:
        """Open an output for the user: workbooks in this Excel, anything else with its usual program.

        An engine that cannot reach local files (xlwings' remote engine, like Office.js) and a
        system with no desktop to open on get the path in a message box instead.
        """
        if self.book.app.engine.type == "remote":
            self.alert(self.text("excel.written", path=path))
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            self.book.app.books.open(str(path))
        elif sys.platform.startswith("win"):
            os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606 - a file we just wrote
        elif sys.platform == "darwin":
            subprocess.run(["open", str(path)], check=False)  # noqa: S603, S607
        else:
            self.alert(self.text("excel.written", path=path))
