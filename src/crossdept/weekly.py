"""The PMO's weekly chain over one folder: validate, highlight, roll up, minutes, summary.

Every stage calls the same code as its own command; this module only sequences them, reads each
workbook once, and makes the run safe to schedule:

- outputs are written into a staging folder inside --out and moved into place only when every
  stage has finished, so an interrupted run (Ctrl-C, a crash, a full disk) leaves no
  half-written output and the previous run's files stay as they were; a rerun for the same day
  replaces that day's outputs;
- inputs are never written (marked copies go to the output folder) unless --in-place, which
  backs each workbook up first (write/atomic.py);
- one bad workbook never stops the others: it is reported and the chain goes on.

Outputs follow the guide's archive rule 项目名称-日期-类型 (core/minutes.archive_name).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from crossdept import i18n
from crossdept.config import Config, load_config
from crossdept.core.history import History
from crossdept.core.minutes import MinutesError, archive_name, archive_project, build_minutes, meetings, minutes_context
from crossdept.core.rollup import Rollup, build_rollup
from crossdept.core.summary import bad_address, build_summary, is_address, recipients, summary_context
from crossdept.core.validate import validate_workbook
from crossdept.read import Workbook, WorkbookError
from crossdept.read.folder import folder_files, read_folder
from crossdept.write.atomic import write_atomic, write_text_atomic
from crossdept.write.minutes_docx import render_docx
from crossdept.write.rollup_xlsx import write_rollup
from crossdept.write.summary_email import build_message, write_eml, write_html
from crossdept.core.validate.result import FileResult, report_json
from crossdept.write.validation_report import write_report

STAGES = ("read", "validate", "highlight", "rollup", "minutes", "summary")
# The 类型 of every output (项目名称-日期-类型), in the order they are written.
KINDS = ("校验报告", "标记副本", "周报汇总", "会议纪要", "周报邮件", "运行日志")
# History lives with the archive, so the input folder is never written to.
HISTORY_NAME = Path(".crossdept") / "history.sqlite"
_STAGING_PREFIX = ".crossdept-staging-"
WEEKLY_MEETING = "周例会"


@dataclass
class Output:
    kind: str  # the 类型 of 项目名称-日期-类型, e.g. 周报汇总
    path: Path  # final place


@dataclass
class WeeklyResult:
    """What a run did, for the closing table, the log and the exit code."""

    project: str
    day: dt.date
    files: list[FileResult] = field(default_factory=list)
    rollup: Rollup | None = None
    marked: list[tuple[Path, str, str | None]] = field(default_factory=list)  # path, status, error
    overdue_items: int = 0
    outputs: list[Output] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # output or sending failures (exit 2)

    @property
    def unreadable(self) -> int:
        return sum(r.status == "unreadable" for r in self.files)

    @property
    def invalid(self) -> int:
        return sum(r.status == "invalid" for r in self.files)

    @property
    def read(self) -> int:
        return sum(r.status in ("ok", "invalid") for r in self.files)

    def exit_code(self) -> int:
        # No workbook at all is most likely a wrong folder: a scheduler must hear about it.
        if not self.read or self.unreadable or self.problems or any(s == "refused" for _, s, _ in self.marked):
            return 2
        if self.invalid or (self.rollup is not None and self.rollup.needs_attention()):
            return 1
        return 0


Progress = Callable[[str, int, int], None]  # stage, done, total


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A private folder inside `out`, removed whatever happens; leftovers of a killed run go too."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(_STAGING_PREFIX + "*"):
        shutil.rmtree(old, ignore_errors=True)
    stage = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=out))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


class WeeklyRun:
    """One run of the chain. Stages write into `stage`; commit() moves them to `out`."""

    def __init__(self, folder: Path, out: Path, today: dt.date, lang: str, *, in_place: bool = False,
                 history: Path | None = None, progress: Progress | None = None,
                 highlight: Callable[[Path, Workbook, Config, Path | None], tuple[str, str | None]] | None = None) -> None:
        self.folder, self.out, self.today, self.lang = folder, out, today, lang
        self.in_place = in_place
        self.history = history or out / HISTORY_NAME
        self.progress = progress or (lambda stage, done, total: None)
        self.highlight = highlight
        self.config: Config = load_config(folder)
        project = self.config.project or folder.resolve().name
        self.result = WeeklyResult(project, today)
        self.entries: list[tuple[Path, Workbook | WorkbookError]] = []

    def name(self, kind: str, suffix: str) -> str:
        return archive_name(self.result.project, self.today, kind) + suffix

    def t(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    # --- stages -----------------------------------------------------------------------------

    def read(self) -> None:
        """Read every workbook once; later stages share what was read."""
        year = self.config.year or self.today.year
        own = [self.config.path] if self.config.path else []  # the project's crossdept.toml is not input
        files, unlistable = folder_files(self.folder, own)
        total = len(files) + len(unlistable)
        found = []
        for n, entry in enumerate(read_folder(self.folder, year, exclude=own), start=1):
            if not _under(entry[0], self.out):  # an archive kept inside the project folder
                found.append(entry)
            self.progress("read", n, total)
        self.entries = found
        if not any(isinstance(item, Workbook) for _, item in found):
            self.result.problems.append(self.t("weekly.no-workbooks", path=self.folder))

    def validate(self, stage: Path) -> None:
        total = len(self.entries)
        for n, (path, item) in enumerate(self.entries, start=1):
            if isinstance(item, WorkbookError):
                self.result.files.append(FileResult(path, item.status, item.message(self.lang), []))
            else:
                findings = validate_workbook(item, self.config, self.today)
                status = "invalid" if any(f.severity == "error" for f in findings) else "ok"
                self.result.files.append(FileResult(path, status, None, findings))
            self.progress("validate", n, total)
        results = self.result.files
        write_text_atomic(stage / self.name("校验报告", ".json"), _json(report_json(results, self.lang)))
        write_atomic(stage / self.name("校验报告", ".xlsx"), lambda tmp: write_report(results, tmp, self.lang))
        self._staged("校验报告", ".json")
        self._staged("校验报告", ".xlsx")

    def mark(self, stage: Path) -> None:
        """Marked copies into the archive (or the inputs themselves with --in-place)."""
        if self.highlight is None:
            return
        books = [(p, b) for p, b in self.entries if isinstance(b, Workbook)]
        target = None if self.in_place else stage / self.name("标记副本", "")
        for n, (path, book) in enumerate(books, start=1):
            status, error = self.highlight(path, book, self.config, target)
            self.result.marked.append((path, status, error))
            self.progress("highlight", n, len(books))
        if target is not None and target.exists():
            self._staged("标记副本", "")

    def roll_up(self, stage: Path) -> None:
        rollup = build_rollup(self.entries, self.config, self.today)
        self.result.rollup = rollup
        self.result.overdue_items = len(rollup.overdue)
        with History(self.history) as store:
            store.record(self.today, rollup.departments)
            weeks = store.weeks()
        path = stage / self.name("周报汇总", ".xlsx")
        write_atomic(path, lambda tmp: write_rollup(rollup, tmp, self.lang, self.result.project, weeks))
        self._staged("周报汇总", ".xlsx")
        self.progress("rollup", 1, 1)

    def minutes(self, stage: Path) -> Path | None:
        """Minutes of the latest 周例会 held on or before today, from whichever workbook holds it."""
        found = [(m, book) for _, book in self.entries if isinstance(book, Workbook) for m in meetings(book)
                 if m.date <= self.today and m.block.field("meeting_type") == WEEKLY_MEETING]
        self.progress("minutes", 1, 1)
        if not found:
            self.result.notes.append(self.t("weekly.no-weekly-meeting"))
            return None
        meeting, book = max(found, key=lambda pair: (pair[0].date, pair[0].order))
        try:
            minutes = build_minutes(book, self.config, self.result.project, meeting.date)
        except MinutesError as exc:  # pragma: no cover - the meeting was just found in this book
            self.result.notes.append(self.t(exc.rule, **exc.params))
            return None
        path = stage / self.name("会议纪要", ".docx")
        render_docx(minutes_context(minutes), path)
        self._staged("会议纪要", ".docx")
        return path

    def summary(self, stage: Path, attachments: list[Path]):  # type: ignore[no-untyped-def]
        """The email: .eml draft (X-Unsent) and .html; returns the message for --send."""
        assert self.result.rollup is not None
        books = [b for _, b in self.entries if isinstance(b, Workbook)]
        summary = build_summary(self.result.rollup, books, self.config, self.result.project)
        context = summary_context(summary)
        addresses = recipients(self.config, books)
        sender = self.config.smtp.sender if self.config.smtp else None
        wrong = bad_address([*addresses, *([sender] if sender else [])])
        if wrong:  # the draft is still written, to the good addresses; the run reports the bad one
            self.result.problems.append(self.t("summary.config-bad-address", address=wrong, path=self.config.path))
            addresses = [a for a in addresses if is_address(a)]
            sender = sender if sender and is_address(sender) else None
        msg = build_message(context, addresses, sender, attachments)
        write_eml(msg, stage / self.name("周报邮件", ".eml"))
        write_html(context, stage / self.name("周报邮件", ".html"))
        self._staged("周报邮件", ".eml")
        self._staged("周报邮件", ".html")
        self.progress("summary", 1, 1)
        return msg

    def _staged(self, kind: str, suffix: str) -> None:
        self.result.outputs.append(Output(kind, self.out / self.name(kind, suffix)))

    # --- the end ----------------------------------------------------------------------------

    def log_text(self) -> str:
        """The run log: what was read, what each file's status was, what was written."""
        r = self.result
        lines = [self.t("weekly.log.head", project=r.project, day=r.day.isoformat(),
                        when=dt.datetime.now().astimezone().isoformat(timespec="seconds"), folder=self.folder)]
        for f in r.files:
            status = self.t(f"weekly.status.{f.status}")
            if f.error:
                lines.append(f"[{status}] {f.error}")
            else:
                lines.append(self.t("weekly.log.file", status=status, path=f.path, errors=f.errors, warnings=f.warnings))
        for path, status, error in r.marked:
            if error:
                lines.append(self.t("weekly.log.mark-problem", path=path, error=error))
        lines += r.notes + r.problems
        lines += [self.t("weekly.log.output", kind=self.t(f"weekly.kind.{o.kind}"), path=o.path) for o in r.outputs]
        return "\n".join(lines) + "\n"

    def earlier_this_week(self) -> list[Path]:
        """Outputs of a run on another day of the same ISO week: this run replaces them."""
        kinds = "|".join(map(re.escape, KINDS))
        pattern = re.compile(rf"^{re.escape(archive_project(self.result.project))}-(\d{{4}}-\d{{2}}-\d{{2}})-(?:{kinds})(?:\.\w+)?$")
        week = self.today.isocalendar()[:2]
        found = []
        for path in sorted(self.out.iterdir()):
            m = pattern.match(path.name)
            try:
                day = dt.date.fromisoformat(m.group(1)) if m else None
            except ValueError:
                day = None
            if day is not None and day != self.today and day.isocalendar()[:2] == week:
                found.append(path)
        return found

    def commit(self, stage: Path) -> None:
        """Move every staged output onto its final name, then retire this week's earlier outputs.

        The log goes last among the new files, as the seal of the run; what it replaces is moved
        into the staging folder, which is deleted with it.
        """
        replaced = self.earlier_this_week()
        self.result.notes += [self.t("weekly.replaced", path=p) for p in replaced]
        self._staged("运行日志", ".txt")
        write_text_atomic(stage / self.name("运行日志", ".txt"), self.log_text())
        for output in self.result.outputs:
            staged = stage / output.path.name
            if output.path.is_dir() and staged.is_dir():
                os.replace(output.path, stage / (output.path.name + ".old"))
            os.replace(staged, output.path)
        for n, path in enumerate(replaced):
            os.replace(path, stage / f".replaced-{n}-{path.name}")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
