"""Minutes: the Word (and Markdown) minutes of one meeting of a 会议纪要 sheet.

`minutes()` is `crossdept minutes`; `write_minutes()` lays out minutes already chosen (the weekly
run picks the latest 周例会 of the folder; the ribbon the latest meeting of the open workbook).
A file already at an output's name is copied to .crossdept-backup/ beside it before it is replaced.
Exit 0 when written; 1 when written but the appendix lists open overdue issues or some of the
meeting's cells could not be read; 2 when nothing could be written (unreadable input, no such
meeting, unusable template).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from crossdept.config import load_config
from crossdept.core.minutes import Minutes, MinutesError, build_minutes, minutes_context
from crossdept.errors import CrossdeptError
from crossdept.model.sheets import MINUTES
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, DateLike, PathArg, as_lang, as_path, as_today, check_suffix,
                                  default_year, write_outputs)
from crossdept.read import read_workbook


def write_minutes(minutes: Minutes, output: Path | None, md: Path | None = None, template: Path | None = None,
                  lang: str = "zh", backups: list[Path] | None = None) -> tuple[dict[str, object], list[Path]]:
    """The template's context and the files written (.docx and/or .md); headings and labels in
    `lang`, the sheet's text as written. With `backups`, files already there are copied to
    .crossdept-backup/ first (ops/common.write_outputs)."""
    from crossdept.write.minutes_docx import render_docx
    from crossdept.write.minutes_md import write_md

    context = minutes_context(minutes, lang)
    written = write_outputs([(output, lambda p: render_docx(context, p, template)), (md, lambda p: write_md(context, p))],
                            backups)
    return context, written


@dataclass
class MinutesResult:
    file: Path
    today: dt.date
    minutes: Minutes
    context: dict[str, object]
    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)  # copies of the files replaced (.crossdept-backup/)

    @property
    def late(self) -> bool:
        """Whether the minutes are written after the guide's 24 hours."""
        due = self.minutes.distribute_by
        return self.today > (due.date() if isinstance(due, dt.datetime) else due)

    def to_json(self) -> dict[str, object]:
        meeting = self.minutes.meeting
        return {"path": str(self.file), "meeting": {"name": meeting.field("meeting_name") or None,
                                                    "date": meeting.date.isoformat(), "sheet": meeting.sheet,
                                                    "row": meeting.first_row},
                "topics": len(self.context["topics"]), "actions": len(self.context["actions"]),  # type: ignore[arg-type]
                "overdue": len(self.minutes.overdue), "unreadable": self.minutes.unreadable,
                "distribute_by": self.context["distribute_by"], "late": self.late,
                "written": [str(p) for p in self.written]}

    @property
    def exit_code(self) -> int:
        return EXIT_ATTENTION if self.minutes.overdue or self.minutes.unreadable else EXIT_OK


def minutes(file: PathArg, *, output: PathArg | None = None, meeting: DateLike = None, md: PathArg | None = None,
            template: PathArg | None = None, today: DateLike = None, lang: str | None = None) -> MinutesResult:
    """`crossdept minutes FILE [-o OUT.docx] [--meeting DATE] [--md OUT.md] [--template T.docx]`."""
    source, day = as_path(file), as_today(today)
    language = as_lang(lang)  # headings and labels; the sheet's own text stays as written
    docx, text = (as_path(p) if p is not None else None for p in (output, md))
    if docx is None and text is None:
        raise CrossdeptError("minutes.no-output")
    on = None
    if meeting is not None and meeting != "":
        try:
            on = as_today(meeting)
        except CrossdeptError:
            raise CrossdeptError("minutes.bad-meeting-date") from None
    for out in (docx, text):
        if out is None:
            continue
        if out.is_dir():
            raise CrossdeptError("output-exists-folder", path=out)
        if out.exists() and source.exists() and out.resolve() == source.resolve():
            raise CrossdeptError("minutes.output-is-input", path=out)
    if docx is not None:
        check_suffix(docx, "-o", "纪要.docx", ".docx")
    if text is not None:
        check_suffix(text, "--md", "纪要.md", ".md", ".markdown")
    shape = as_path(template) if template is not None else None
    if shape is not None and not shape.is_file():
        raise CrossdeptError("minutes.template-missing", path=shape)

    config = load_config(source)
    book = read_workbook(source, default_year(config, day))
    if not book.sheets_of(MINUTES.key):
        raise CrossdeptError("minutes.no-sheet", path=source)
    try:
        chosen = build_minutes(book, config, source.stem, on, day)
    except MinutesError as exc:  # its message names the file
        raise CrossdeptError(exc.rule, path=source, **exc.params) from None
    backups: list[Path] = []  # minutes already there may have been edited in Word: kept first
    context, written = write_minutes(chosen, docx, text, shape, language, backups)
    return MinutesResult(source, day, chosen, context, written, backups)
