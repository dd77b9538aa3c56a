"""The Excel front end's own user situations (no workbook open, no 会议纪要 sheet...): a CrossdeptError."""

from __future__ import annotations

from crossdept.errors import CrossdeptError


class ExcelError(CrossdeptError):
    """Something the user can fix in Excel; `message(lang)` says what and how."""
