"""New: a workbook from the templates (the sheet model), with the project and department filled in.

An existing file is replaced only with `force`, after a backup beside it (write/atomic.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crossdept.errors import CrossdeptError
from crossdept.ops.common import EXIT_OK, DateLike, PathArg, as_lang, as_path, as_today

KINDS = ("department", "project")  # department: 说明 and the four working sheets; project: also 项目章程 and RACI矩阵


@dataclass
class NewResult:
    output: Path
    kind: str
    backup: Path | None = None  # the file it replaced (force), kept beside it

    def to_json(self) -> dict[str, object]:
        return {"output": str(self.output), "kind": self.kind, "backup": str(self.backup) if self.backup else None}

    @property
    def exit_code(self) -> int:
        return EXIT_OK


def _clean(text: str | None) -> str | None:
    """Names as typed on a command line, without stray spaces; empty means none."""
    return (text.strip() or None) if text is not None else None


def new(output: PathArg, *, project: str | None = None, department: str | None = None, kind: str = "department",
        force: bool = False, today: DateLike = None, lang: str | None = None) -> NewResult:
    """`crossdept new -o OUTPUT [--project NAME] [--department DEPT] [--kind department|project] [--force]`."""
    from crossdept.config import load_config
    from crossdept.core.calendar import WorkCalendar
    from crossdept.write.atomic import backup
    from crossdept.write.templates import build_workbook, save_workbook

    out = as_path(output)
    as_today(today), as_lang(lang)  # checked like every command's, though a new workbook needs neither
    shown = str(out)
    if kind not in KINDS:
        raise CrossdeptError("new.kind", kind=kind)
    if out.is_dir():
        raise CrossdeptError("output-exists-folder", path=shown)
    if out.suffix.lower() != ".xlsx":
        raise CrossdeptError("new.suffix", path=shown)
    if out.exists() and not force:
        raise CrossdeptError("new.exists", path=shown)
    # The OS would only say "File exists" or "Not a directory": name the file in the way.
    blocker = next((p for p in out.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise CrossdeptError("new.parent-not-folder", path=shown, parent=str(blocker))
    # The colours' working days are the project's: crossdept.toml's own days off and workdays too.
    config = load_config(out.parent if out.parent.exists() else None)
    wb = build_workbook(kind, project=_clean(project), department=_clean(department),
                        calendar=WorkCalendar(config.days_off, config.workdays))
    try:
        saved = backup(out) if out.exists() else None
        save_workbook(wb, out)
    except OSError as exc:
        raise CrossdeptError("output-unwritable", path=shown, detail=exc.strerror or type(exc).__name__) from None
    return NewResult(out, kind, saved)
