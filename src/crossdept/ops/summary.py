"""The manager's weekly email: a folder (or a roll-up workbook) in, an .eml draft / .html / SMTP send out.

`summary()` is `crossdept summary`; `draft()` and `deliver()` are the same use case for the weekly
run and the ribbon, so the three share every policy:

- read with the project's year (ops/common.default_year) — the same figures as `crossdept rollup`
  for any day;
- recipients: --to, else crossdept.toml ([project] recipients, the weekly exchange's people, every
  [[people]] email);
- a bad address in crossdept.toml (a recipient or [smtp] sender) is reported (exit 2) and the
  draft is still written, and sent, to the good ones; a bad --to is a usage error;
- the project's name and the archive 类型 (model/outputs.SUMMARY) for whoever names the file.

Exit 0 all well; 1 overdue or blocked work (or values that could not be read) worth attention;
2 a file could not be read, nothing to summarise, a bad address, wrong usage, or sending failed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from crossdept import i18n
from crossdept.config import Config, load_config
from crossdept.core.milestones import MilestoneLine, lines_from_table
from crossdept.core.rollup import Rollup, build_rollup
from crossdept.core.summary import (Summary, bad_address, build_summary, is_address, recipients, split_addresses,
                                    split_consolidated, summary_context)
from crossdept.errors import CrossdeptError
from crossdept.model.outputs import MILESTONE_HEADERS, MILESTONES, ROLLUP_SIGNATURE
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path,
                                  as_paths, as_today, check_suffix, default_year, project_name, write_outputs)
from crossdept.read import Workbook, read_workbook
from crossdept.read.folder import read_folder
from crossdept.read.own_sheets import table_rows
from crossdept.store.history import History, HistoryError, WeekFigures, history_path, iso_week


class NothingToSummarise(CrossdeptError):
    """No department workbook could be read: the files that were not, then what to give instead."""

    def __init__(self, source: Path, unread: list[CrossdeptError]) -> None:
        self.unread = unread
        super().__init__("summary.no-workbooks", path=source)

    def message(self, lang: str = "zh") -> str:
        lines = [i18n.t("summary.file-not-read", lang, message=e.message(lang)) for e in self.unread]
        return "\n".join([*lines, super().message(lang)])


@dataclass
class Draft:
    """The email as composed: what it says, to whom, and what was wrong with crossdept.toml's addresses."""

    summary: Summary
    context: dict
    message: EmailMessage
    to: list[str]
    problems: list[CrossdeptError] = field(default_factory=list)


def draft(rollup: Rollup, books: list[Workbook], config: Config, project: str, to: Sequence[str] = (),
          attachments: Sequence[Path] = (), weeks: Sequence[WeekFigures] = (), changes: Sequence[str] = (),
          lang: str = "zh", milestones: Sequence[MilestoneLine] | None = None) -> Draft:
    """Compose the week's email; crossdept.toml's bad addresses are left out and reported.
    `weeks` is the history the caller just recorded (weekly), for the week-over-week trend;
    `changes` are the lines saying which issues changed since last week (weekly has the rows);
    `lang` the language of crossdept's words in the email (names and values stay as written);
    `milestones` the milestones' figures when the roll-up has no charter to compute them from."""
    from crossdept.write.summary_email import build_message

    summary = build_summary(rollup, books, config, project, list(weeks), milestones)
    context = summary_context(summary, lang=lang)
    context["changes"] = list(changes)
    addresses = list(to) or recipients(config, books)
    sender = config.smtp.sender if config.smtp else None
    problems: list[CrossdeptError] = []
    wrong = bad_address([*([] if to else addresses), *([sender] if sender else [])])
    if wrong is not None:  # the draft still goes to the good addresses; the run reports the bad one
        problems.append(CrossdeptError("summary.config-bad-address", address=wrong, path=config.path))
        addresses = [a for a in addresses if is_address(a)]
        sender = sender if sender and is_address(sender) else None
    return Draft(summary, context, build_message(context, addresses, sender, list(attachments)), addresses, problems)


def deliver(message: EmailMessage, config: Config) -> tuple[list[str], CrossdeptError | None]:
    """Send through crossdept.toml's [smtp]: (who got it, None) or ([], why not)."""
    from crossdept.write.smtp_send import SendError, password_for, send

    if config.smtp is None:
        return [], CrossdeptError("summary.no-smtp")
    try:
        return send(message, config.smtp, password_for(config.smtp)), None
    except SendError as exc:
        return [], exc


@dataclass
class SummaryResult:
    source: Path
    lang: str
    rollup: Rollup
    draft: Draft
    send: bool = False  # whether sending was asked for
    written: list[Path] = field(default_factory=list)
    sent: list[str] | None = None  # None when not sent (no --send, or sending failed)
    problems: list[CrossdeptError] = field(default_factory=list)  # bad addresses, sending failures

    @property
    def context(self) -> dict:
        return self.draft.context

    def to_json(self) -> dict[str, object]:
        """What was written and sent, and the email's headline figures."""
        c = self.context
        return {"subject": c["subject"], "status": c["status"], "to": self.draft.to,
                "written": [str(p) for p in self.written], "sent": self.sent,
                "departments": len(c["departments"]), "overdue_issues": c["overdue_total"],
                "blocked_tasks": c["blocked_total"],
                "files": [f.to_json(self.lang) for f in self.rollup.files],
                "problems": [p.message(self.lang) for p in self.problems]}

    @property
    def exit_code(self) -> int:
        if self.rollup.unreadable or self.problems:
            return EXIT_UNREADABLE
        return EXIT_ATTENTION if self.rollup.needs_attention() else EXIT_OK


def trend_weeks(source: Path, config: Config, today: dt.date, rollup: Rollup) -> list[WeekFigures]:
    """The project's history with this week's figures as its last week, for the email's trend
    (`crossdept summary` and the ribbon's 生成邮件摘要 alike).

    Only read (rollup and weekly record weeks; a summary does not), and none when the project
    keeps no history or it cannot be read: the email matters more than its trend."""
    path, _ = history_path(source if source.is_dir() else source.parent, config)
    if not path.is_file():
        return []
    try:
        with History(path) as store:
            weeks = store.weeks()
    except HistoryError:
        return []
    this = iso_week(today)
    return [w for w in weeks if w.week < this] + [WeekFigures(this, today, rollup.departments)]


Read = tuple[Rollup, list[Workbook], list[Path], list[MilestoneLine] | None]


def _read(source: Path, config: Config, today: dt.date, outputs: list[Path]) -> Read:
    """The roll-up, the workbooks read (for meetings and names), files to attach, and the
    milestones' figures when the roll-up cannot compute them (None: it can)."""
    year = default_year(config, today)
    if source.is_dir():
        entries = list(read_folder(source, year, exclude=outputs))
        books = [item for _, item in entries if isinstance(item, Workbook)]
        return build_rollup(entries, config, today), books, [], None
    from crossdept.write.rollup_rows import DEPT

    book = read_workbook(source, year)
    if ROLLUP_SIGNATURE <= set(book.unrecognised):
        # A roll-up workbook: its detail sheets carry the model's headers and each row's
        # department, so rolling them up again gives the same figures. It is attached too, as
        # the manager's way into the details. It holds no 项目章程: the milestones' figures are
        # its 里程碑 sheet's, as the roll-up computed them.
        parts = split_consolidated(book, DEPT)
        lines = lines_from_table(table_rows(source, MILESTONES, MILESTONE_HEADERS) or [])
        return build_rollup([(source, part) for part in parts], config, today), parts, [source], lines
    return build_rollup([(source, book)], config, today), [book], [], None


def _addresses(to: str | Sequence[str] | None) -> list[str]:
    """--to values as mailboxes: each may hold several (, or ;); one that is not an address is refused."""
    given = [to] if isinstance(to, str) else list(to or [])
    out = []
    for text in given:
        parts = split_addresses(text)
        if not all(is_address(part) for part in parts):
            raise CrossdeptError("summary.bad-address", address=text)
        out += parts
    return out


def summary(source: PathArg, *, output: PathArg | None = None, html: PathArg | None = None,
            to: str | Sequence[str] | None = None, attach: PathArg | Sequence[PathArg] | None = None,
            send: bool = False, today: DateLike = None, lang: str | None = None) -> SummaryResult:
    """`crossdept summary SOURCE [-o OUT.eml] [--html OUT.html] [--to ADDR...] [--attach FILE...] [--send]`."""
    from crossdept.write.summary_email import write_eml, write_html

    source, day, language = as_path(source), as_today(today), as_lang(lang)
    eml, page = (as_path(p) if p is not None else None for p in (output, html))
    outputs = [p for p in (eml, page) if p is not None]
    if not outputs and not send:
        raise CrossdeptError("summary.no-output")
    for out in outputs:
        if out.is_dir():
            raise CrossdeptError("output-exists-folder", path=out)
        if out.exists() and source.is_file() and out.resolve() == source.resolve():
            raise CrossdeptError("summary.output-is-input", path=out)
    if eml is not None:
        check_suffix(eml, "-o", "周报.eml", ".eml")
    if page is not None:
        check_suffix(page, "--html", "周报.html", ".html", ".htm")
    addresses = _addresses(to)
    extra = as_paths(attach) if attach is not None else []
    for path in extra:
        if not path.is_file():
            raise CrossdeptError("summary.attachment-missing", path=path)

    config = load_config(source)
    rollup, books, attachments, milestones = _read(source, config, day, outputs)
    if not rollup.rolled_up:
        raise NothingToSummarise(source, [f.error for f in rollup.unreadable if f.error is not None])
    project = project_name(config, books, source.stem if source.is_file() else source.resolve().name)
    composed = draft(rollup, books, config, project, addresses, [*attachments, *extra], trend_weeks(source, config, day, rollup),
                     lang=language, milestones=milestones)
    result = SummaryResult(source, language, rollup, composed, send, problems=list(composed.problems))
    result.written = write_outputs([(eml, lambda p: write_eml(composed.message, p)),
                                    (page, lambda p: write_html(composed.context, p))])
    if send:
        sent, problem = deliver(composed.message, config)
        if problem is None:
            result.sent = sent
        else:
            result.problems.append(problem)
    return result
