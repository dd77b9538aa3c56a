"""Mark what needs attention: overdue, due-soon and stale issues, overdue or blocked tasks.

`highlight()` is `crossdept highlight`; `highlight_book()` marks a workbook already read (the
weekly run reads each file once and marks without any callback). Each workbook is read, its states
taken from core/overdue.py, the marks planned (write/marks.py) and applied to the package in memory
(write/xlsx_marks.py). Before anything is written, the result is compared with the original
(write/package_check.py); a write that would lose a part, a value or a formula is refused with the
reason. In place means a backup beside the file and an atomic replace; `out` writes a marked copy
and leaves the input alone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from crossdept import i18n
from crossdept.config import Config, ConfigError, load_config
from crossdept.core.overdue import Rules, WorkbookMarks, workbook_marks
from crossdept.errors import CrossdeptError
from crossdept.gcpause import cyclic_gc_paused
from crossdept.model.sheets import BOARD, ISSUES
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path,
                                  as_paths, as_today, default_year)
from crossdept.read import Workbook, WorkbookError, read_workbook
from crossdept.read.grid import Stamp, file_stamp
from crossdept.write import inplace
from crossdept.write.atomic import backup, write_atomic
from crossdept.write.locks import holding
from crossdept.write.marks import SheetPlan, plan_workbook
from crossdept.write.ooxml import Package, PackageError
from crossdept.write.package_check import losses
from crossdept.write.xlsx_copy import MARKABLE as WRITABLE, CopyError, values_xlsx
from crossdept.write.xlsx_marks import mark_package


@dataclass
class Outcome:
    """What happened to one file, for the console and the JSON."""

    path: Path
    status: str = "ok"  # ok | unreadable | skipped | refused
    error: str | None = None
    marks: WorkbookMarks | None = None
    texts: dict[tuple[str, int], str] = field(default_factory=dict)
    written: Path | None = None
    backup: Path | None = None
    unchanged: bool = False
    note: str | None = None  # e.g. the marked copy of a .xls is an .xlsx
    trackers: bool = True  # whether the workbook has a 问题跟踪表 or 进度看板 at all

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path), "status": self.status, "error": self.error,
            "issues": [m.to_json() for m in self.marks.issues] if self.marks else [],
            "tasks": [m.to_json() for m in self.marks.tasks] if self.marks else [],
            "actions": [m.to_json() for m in self.marks.actions] if self.marks else [],
            "written": str(self.written) if self.written else None,
            "backup": str(self.backup) if self.backup else None,
            "note": self.note,
        }


class Refused(CrossdeptError):
    """A marked workbook that must not be written (a part, value or formula would be lost; a signature
    would break; a format crossdept cannot write). The message is completed with the file's path."""


Marked = tuple[Package, dict[str, bytes]]  # the package as read, and the parts marking changes


def marked_parts(path: Path, plans: list[SheetPlan], in_place: bool, snapshot: Stamp | None = None) -> Marked | None:
    """The package and its marked parts, None when nothing would change; Refused when it cannot
    be written.

    The package is read once, from one open file whose stamp must still be `snapshot` (the file
    as it was when its values were read and the marks planned); a file saved in between is refused."""
    if not any(plan.rows for plan in plans) and (not plans or path.suffix.lower() not in WRITABLE):
        return None  # no tracker, or nothing to mark in a format crossdept cannot write
    converted = path.suffix.lower() not in WRITABLE
    if converted and in_place:
        raise Refused("highlight.refuse-format", ext=path.suffix)
    try:
        with open(path, "rb") as fh:
            if snapshot is not None and file_stamp(os.fstat(fh.fileno())) != snapshot:
                raise Refused("inplace.changed")
            # A format crossdept cannot write (.xls, .xlsb, .ods) is marked in an .xlsx copy of its values.
            pkg = Package.read(values_xlsx(path) if converted else fh)
        if in_place:
            refusal = inplace.in_package(pkg, [p.sheet for p in plans if p.rows or p.alert_col is not None])
            if refusal is not None:
                raise Refused(refusal.key, **refusal.params)
        marked = mark_package(pkg, plans)
        if not marked.changed:
            return None
        lost = losses(pkg, pkg.overlay(marked.changed), marked.alert_cols)
    except CopyError as exc:
        raise Refused("highlight.refuse-copy", ext=path.suffix, detail=str(exc)) from exc
    except PackageError as exc:
        if exc.sheet:
            raise Refused("highlight.refuse-layout", sheet=exc.sheet, detail=exc.detail) from exc
        raise Refused("highlight.refuse-package", detail=exc.detail) from exc
    except (ValueError, KeyError, etree.LxmlError) as exc:  # XML no writer should have made
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
        raise Refused("highlight.refuse-package", detail=detail) from exc
    if lost:
        raise Refused("highlight.refuse-loss", lost="; ".join(lost))
    if in_place and pkg.signed:
        raise Refused("highlight.refuse-signed")
    return pkg, marked.changed


def write_marks(path: Path, plans: list[SheetPlan], out: Path | None, dry_run: bool, outcome: Outcome,
                snapshot: Stamp | None = None) -> None:
    """Mark `path` in place (after a backup) or into `out`; a copy into `out` even when unchanged.

    A format crossdept cannot write (.xls, .xlsb, .ods) is marked into an .xlsx copy of its values
    (write/xlsx_copy.py), named like the original with .xlsx; the caller's note says so.
    In place means the real file behind any link, and only when nobody has it open and it is
    neither read-only nor protected; the check, the re-read and the write happen holding the
    file's lock, so two crossdept runs on one workbook take turns and the second sees the first's
    marks (its snapshot no longer matches: it refuses rather than marking twice)."""
    real = Path(os.path.realpath(path))
    if out is None:  # a dry run too: it says what the real run would do, a refusal included
        refusal = inplace.before_reading(real)
        if refusal is not None:
            raise Refused(refusal.key, **refusal.params)
    if dry_run:
        outcome.unchanged = marked_parts(path, plans, in_place=out is None, snapshot=snapshot) is None
        return
    converted = out is not None and path.suffix.lower() not in WRITABLE
    target = (out / (path.stem + ".xlsx") if converted else out / path.name) if out else real
    with holding(target):
        marked = marked_parts(real, plans, in_place=out is None, snapshot=snapshot)
        outcome.unchanged = marked is None
        if marked is None and out is None:
            return
        if marked is None and converted:
            target = out / path.name  # nothing marked: the original, copied as it is
        if marked is None:
            write_atomic(target, lambda tmp: shutil.copyfile(real, tmp))
        else:
            if out is None:
                outcome.backup = backup(real)
            pkg, changed = marked

            def write(tmp: Path) -> None:
                with tmp.open("wb") as fh:
                    pkg.write_to(fh, changed)
                shutil.copymode(real, tmp)  # the marked file keeps the permissions the original had

            write_atomic(target, write)
    outcome.written = target


def plan_marks(book: Workbook, config: Config, today: dt.date, lang: str) -> tuple[WorkbookMarks, list[SheetPlan], Rules]:
    """What to mark in a workbook and how (the file and the ribbon's live workbook alike)."""
    rules = Rules.from_config(config, today, book)
    marks = workbook_marks(book, rules)
    return marks, plan_workbook(book, marks, rules, lang), rules


def highlight_file(path: Path, today: dt.date, lang: str, out: Path | None, dry_run: bool, unknown_years: set[int],
                   taken: set[str]) -> Outcome:
    """Read, judge and mark one file; `taken` holds the --out names already used in this run."""
    try:
        config = load_config(path)
        book = read_workbook(path, default_year(config, today))
    except (WorkbookError, ConfigError) as exc:
        status = exc.status if isinstance(exc, WorkbookError) else "unreadable"
        return Outcome(path, status=status, error=exc.message(lang))
    return highlight_book(path, book, config, today, lang, out, dry_run, unknown_years, taken)


def highlight_book(path: Path, book: Workbook, config: Config, today: dt.date, lang: str, out: Path | None,
                   dry_run: bool, unknown_years: set[int], taken: set[str]) -> Outcome:
    """Judge and mark a workbook already read (the weekly chain reads each file only once)."""
    # Marks, plans and the package's elements are 100,000s of acyclic objects (gcpause.py).
    with cyclic_gc_paused():
        return _highlight_book(path, book, config, today, lang, out, dry_run, unknown_years, taken)


def _highlight_book(path: Path, book: Workbook, config: Config, today: dt.date, lang: str, out: Path | None,
                    dry_run: bool, unknown_years: set[int], taken: set[str]) -> Outcome:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    outcome = Outcome(path)
    outcome.marks, plans, rules = plan_marks(book, config, today, lang)
    outcome.trackers = bool(book.sheets_of(ISSUES.key) or book.sheets_of(BOARD.key))
    unknown_years |= rules.calendar.unknown_years
    outcome.texts = {(p.sheet, r): m.text for p in plans for r, m in p.rows.items()}
    if out is not None and out.resolve() == path.resolve().parent:
        outcome.status, outcome.error = "refused", t("highlight.out-is-input", path=path, out=out)
        return outcome
    if out is not None:
        # 研发部.xls's marked copy is 研发部.xlsx: it must not overwrite the copy of a 研发部.xlsx.
        name = (path.stem + ".xlsx" if path.suffix.lower() not in WRITABLE else path.name).lower()
        if name in taken:
            outcome.status, outcome.error = "refused", t("highlight.out-same-name", path=path, out=out)
            return outcome
        taken.add(name)
    try:
        write_marks(path, plans, out, dry_run, outcome, book.stamp)
        if outcome.written is not None and outcome.written.name != path.name:
            outcome.note = t("outputs.marked-as-xlsx", path=path, ext=path.suffix, out=outcome.written)
    except Refused as exc:
        outcome.status, outcome.error = "refused", t(exc.rule, path=path, **exc.params)
    except CrossdeptError as exc:  # another crossdept run held the file too long (lock-timeout)
        outcome.status, outcome.error = "refused", exc.message(lang)
    except OSError as exc:  # on Windows, typically the workbook is open in Excel
        outcome.status = "refused"
        outcome.error = t("highlight.write-failed", path=out / path.name if out else path,
                                 detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return outcome


@dataclass
class HighlightResult:
    """Every file's outcome, in the order given."""

    files: list[Outcome]
    dry_run: bool = False
    unknown_years: set[int] = field(default_factory=set)  # years the holiday calendar does not know

    def to_json(self) -> dict[str, object]:
        """interface.md's highlight JSON: exactly what `crossdept highlight --json` prints."""
        return {"files": [o.to_json() for o in self.files]}

    @property
    def exit_code(self) -> int:
        if any(o.status in ("unreadable", "refused") for o in self.files):
            return EXIT_UNREADABLE
        attention = any(o.marks and (o.marks.issues or o.marks.tasks or o.marks.actions) for o in self.files)
        return EXIT_ATTENTION if attention else EXIT_OK


def highlight(files: PathArg | list[PathArg], *, dry_run: bool = False, out: PathArg | None = None,
              today: DateLike = None, lang: str | None = None) -> HighlightResult:
    """`crossdept highlight FILE... [--dry-run] [--out DIR]`: mark each workbook, in place or as copies in `out`."""
    paths, day, language = as_paths(files), as_today(today), as_lang(lang)
    target = as_path(out) if out is not None else None
    if target is not None and target.exists() and not target.is_dir():
        raise CrossdeptError("highlight.out-not-folder", path=target)
    result = HighlightResult([], dry_run)
    taken: set[str] = set()
    for path in paths:
        result.files.append(highlight_file(path, day, language, target, dry_run, result.unknown_years, taken))
    return result
