"""`review`: the 复盘报告 of a milestone, as Word and Markdown, from a project folder.

    from crossdept.ops.review import review
    result = review("samples/智慧门店上线", output="out", today="2026-11-20")
    result.to_json()   # exactly what `crossdept review --json` prints (interface.md)

Policies held here: the milestone is the one named (`milestone`), else the latest reached by
today; the report is named 项目名称-日期-复盘报告-里程碑 (today's date; core/minutes.review_name, as
weekly's drafts and the ribbon's) when `output` is a folder or not given (then the current folder);
the project's name comes from crossdept.toml, else the charter, else the folder's name (as
everywhere: ops/common.project_name). A file already at the name (the report of an earlier run,
perhaps with the meeting's notes added in Word) is copied to .crossdept-backup/ beside it before it
is replaced. Exit code 2 when a workbook of the folder could not be read (the report is still
written, without it), 1 when the milestone slipped, is late or at risk, or left issues open, else 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crossdept.config import Config, load_config
from crossdept.core.calendar import WorkCalendar
from crossdept.core.milestones import DONE, MilestoneCollector, MilestonePlan, MilestoneView
from crossdept.core.minutes import one_line
from crossdept.core.overdue import Rules
from crossdept.core.review import Review, build_review
from crossdept.errors import CrossdeptError
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path,
                                  as_today, default_year, write_outputs)
from crossdept.read.errors import WorkbookError
from crossdept.read.folder import read_folder
from crossdept.read.records import Workbook


@dataclass
class FolderPlan:
    """The milestones of a folder, and the files that could not be read on the way."""

    plan: MilestonePlan
    project: str
    unreadable: list[WorkbookError] = field(default_factory=list)
    unknown_years: set[int] = field(default_factory=set)


def plan_of(books: Iterable[tuple[Path, Workbook | WorkbookError]], config: Config, today: dt.date,
            fallback_name: str) -> FolderPlan:
    """The milestone plan of workbooks, taken one at a time (a generator keeps memory flat; the
    ribbon passes the folder with the open workbook as it is on screen)."""
    collector = MilestoneCollector()
    calendar = WorkCalendar(config.days_off, config.workdays)
    unreadable = []
    for path, item in books:
        if isinstance(item, WorkbookError):
            if not item.skipped:
                unreadable.append(item)
            continue
        rules = Rules.from_config(config, today, item)
        rules.calendar = calendar  # one calendar (and one memory of unknown years) for the folder
        collector.add(path, item, rules)
    plan = collector.result(today, calendar)
    project = one_line(config.project or plan.project or fallback_name)  # as ops/common.project_name
    return FolderPlan(plan, project, unreadable, set(calendar.unknown_years))


def read_plan(folder: Path, config: Config, today: dt.date, exclude: Iterable[Path] = ()) -> FolderPlan:
    """Read every workbook under `folder` (recursively) into its milestone plan."""
    books = read_folder(folder, default_year(config, today), exclude=exclude)
    return plan_of(books, config, today, folder.resolve().name)


def choose(plan: MilestonePlan, name: str | None, today: dt.date, folder: Path) -> MilestoneView:
    """The milestone named, else the latest one reached by today."""
    names = "、".join(v.name for v in plan.milestones)
    if not plan.milestones:
        raise CrossdeptError("review.no-milestones", path=folder)
    if name is not None and name.strip():
        found = plan.find(name)
        if found is None:
            raise CrossdeptError("review.milestone-not-found", name=name.strip(), names=names)
        return found
    latest = plan.latest_done(today)
    if latest is None:
        raise CrossdeptError("review.none-done", today=today.isoformat(), names=names)
    return latest


@dataclass
class ReviewResult:
    review: Review
    output: Path | None
    md: Path | None
    unreadable: list[WorkbookError]
    unknown_years: set[int]
    lang: str
    backups: list[Path] = field(default_factory=list)  # copies of the files replaced (.crossdept-backup/)

    def to_json(self) -> dict[str, object]:
        """interface.md's review JSON."""
        return self.review.to_json()

    @property
    def needs_attention(self) -> bool:
        view = self.review.view
        return view.state != DONE or (view.slip or 0) > 0 or any(i.open for i in view.issues)

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return EXIT_UNREADABLE
        return EXIT_ATTENTION if self.needs_attention else EXIT_OK


def target(output: Path | None, name: str, suffix: str) -> Path:
    """`output` itself, or the archive name inside it when it is a folder (the current one when None)."""
    if output is None:
        return Path.cwd() / f"{name}{suffix}"
    if output.is_dir():
        return output / f"{name}{suffix}"
    return output


def review(folder: PathArg, *, milestone: str | None = None, output: PathArg | None = None,
           md: PathArg | None = None, template: PathArg | None = None, today: DateLike = None,
           lang: str | None = None) -> ReviewResult:
    """Write the 复盘报告 of a milestone of `folder` (.docx, and Markdown when `md` is given)."""
    day, language, root = as_today(today), as_lang(lang), as_path(folder)
    template_path = as_path(template) if template is not None else None
    if template_path is not None and not template_path.is_file():
        raise CrossdeptError("minutes.template-missing", path=template_path)
    if not root.is_dir():
        raise CrossdeptError("review.not-folder", path=root)
    config = load_config(root)
    docx_out, md_out = (as_path(p) if p is not None else None for p in (output, md))
    if docx_out is not None and not docx_out.is_dir() and docx_out.suffix.lower() != ".docx":
        raise CrossdeptError("review.output-not-docx", path=docx_out)  # never -o 研发部.xlsx over a workbook
    if md_out is not None and not md_out.is_dir() and md_out.suffix.lower() != ".md":
        raise CrossdeptError("review.md-not-md", path=md_out)  # never --md crossdept.toml or 研发部.xlsx
    found = read_plan(root, config, day, exclude=[p for p in (docx_out, md_out) if p is not None])
    return write_report(found, root, milestone=milestone, output=docx_out, md=md_out, template=template_path,
                        today=day, lang=language)


def write_report(found: FolderPlan, folder: Path, *, milestone: str | None, output: Path | None, md: Path | None,
                 template: Path | None, today: dt.date, lang: str) -> ReviewResult:
    """The report of the chosen milestone of a plan already read (the ribbon passes the open workbook's)."""
    from crossdept.write.review_report import write_docx, write_md

    view = choose(found.plan, milestone, today, folder)
    report = build_review(found.plan, view, found.project)
    context = report.context(lang)
    docx_out = target(output, report.archive_name, ".docx")
    md_out = target(md, report.archive_name, ".md") if md is not None else None
    backups: list[Path] = []  # a report already there may hold the meeting's own notes: kept first
    write_outputs([(docx_out, lambda p: write_docx(context, p, template)), (md_out, lambda p: write_md(context, p))],
                  backups)
    return ReviewResult(report, docx_out, md_out, found.unreadable, found.unknown_years, lang, backups)
