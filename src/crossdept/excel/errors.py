"""The one exception of the Excel front end: a message id and its facts, rendered late in the user's language."""

from __future__ import annotations

from crossdept import i18n


class ExcelError(Exception):
    """Something the user can fix (no workbook open, no 会议纪要 sheet, an unwritable folder...)."""

    def __init__(self, rule: str, **params: object) -> None:
        self.rule = rule
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return i18n.t(self.rule, lang, **self.params)
