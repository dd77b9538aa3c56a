"""The one exception a reader raises for a file it cannot read, with a message id for i18n."""

from __future__ import annotations

from crossdept import i18n


class WorkbookError(Exception):
    """A whole file cannot be read (missing, encrypted, corrupt, unsupported, a lock file).

    `skipped` marks files that are not errors at all, only not ours to read (Excel lock files):
    commands report them as "skipped" rather than "unreadable".
    """

    def __init__(self, rule: str, path: str, skipped: bool = False, **params: object) -> None:
        self.rule = rule
        self.path = path
        self.skipped = skipped
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        return i18n.t(self.rule, lang, path=self.path, **self.params)

    @property
    def status(self) -> str:
        return "skipped" if self.skipped else "unreadable"
