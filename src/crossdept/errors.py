"""The one exception type of crossdept (frictionless-py's habit): every situation a user can fix.

Each error carries a stable message id (`rule`) and the facts to fill it; the text is rendered late,
in the reader's language, so the CLI, the ribbon and Python callers all catch `CrossdeptError` and
show `exc.message(lang)`. Subclasses only add the fields their callers inspect (a path, a status).
"""

from __future__ import annotations

from crossdept import i18n


class CrossdeptError(Exception):
    """Something the user can fix; `message(lang)` says what, where and how."""

    #: Exit code a command ends with when this error stops it (interface.md: 2 = input unusable).
    exit_code = 2

    def __init__(self, rule: str, **params: object) -> None:
        self.rule = rule
        self.params = params
        super().__init__(rule)

    def message(self, lang: str = "zh") -> str:
        return i18n.t(self.rule, lang, **self.params)

    def __str__(self) -> str:
        try:
            return self.message("en")
        except Exception:  # noqa: BLE001 - str() of an error must never raise
            return self.rule
