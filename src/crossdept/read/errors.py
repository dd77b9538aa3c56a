"""The one exception a reader raises for a file it cannot read (a CrossdeptError: message id + facts)."""

from __future__ import annotations

from crossdept.errors import CrossdeptError


class WorkbookError(CrossdeptError):
    """A whole file cannot be read (missing, encrypted, corrupt, unsupported, a lock file).

    `skipped` marks files that are not errors at all, only not ours to read (Excel lock files):
    commands report them as "skipped" rather than "unreadable".
    """

    def __init__(self, rule: str, path: str, skipped: bool = False, **params: object) -> None:
        self.path = path
        self.skipped = skipped
        super().__init__(rule, path=path, **params)

    @property
    def status(self) -> str:
        return "skipped" if self.skipped else "unreadable"
