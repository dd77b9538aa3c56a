"""`crossdept minutes FILE -o OUT.docx [--meeting DATE] [--md OUT.md] [--template T.docx]`.

Thin adapter: read the workbook, let core/minutes.py choose the meeting and gather what the
minutes say, hand the result to the Word and Markdown writers. Exit 0 when written; 1 when
written but the appendix lists open overdue issues or some of the meeting's cells could not be
read; 2 when nothing could be written (unreadable input, no such meeting, unusable template).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from crossdept.cli.common import EXIT_ATTENTION, EXIT_OK, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.config import load_config
from crossdept.core.minutes import MinutesError, build_minutes, minutes_context
from crossdept.model.sheets import MINUTES
from crossdept.read import read_workbook
from crossdept.write.minutes_docx import TemplateProblem, render_docx
from crossdept.write.minutes_md import write_md


def _check_output(run: Run, out: Path, source: Path) -> None:
    if out.is_dir():
        raise run.fail("output-exists-folder", path=out)
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        raise run.fail("minutes.output-is-input", path=out)


@app.command()
@guarded
def minutes(
    file: Annotated[Path, typer.Argument(help="Workbook holding a 会议纪要 sheet.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The Word .docx to write.")] = None,
    meeting: Annotated[str | None, typer.Option("--meeting", help="Date (YYYY-MM-DD) of the meeting; default: the latest.")] = None,
    md_out: Annotated[Path | None, typer.Option("--md", help="Also write the minutes as Markdown here.")] = None,
    template: Annotated[Path | None, typer.Option("--template", help="Your own docxtpl .docx template.")] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Word minutes from a 会议纪要 sheet (latest meeting unless --meeting). 生成会议纪要文档。"""
    run = start(lang, today)
    if output is None and md_out is None:
        raise run.fail("minutes.no-output")
    on = None
    if meeting:
        try:
            on = dt.date.fromisoformat(meeting.strip())
        except ValueError:
            raise run.fail("minutes.bad-meeting-date") from None
    for out in (output, md_out):
        if out is not None:
            _check_output(run, out, file)
    if template is not None and not template.is_file():
        raise run.fail("minutes.template-missing", path=template)

    book = read_workbook(file, run.today.year)
    if not book.sheets_of(MINUTES.key):
        raise run.fail("minutes.no-sheet", path=file)
    try:
        result = build_minutes(book, load_config(file), file.stem, on, run.today)
    except MinutesError as exc:
        raise run.fail(exc.rule, path=file, **exc.params) from None
    context = minutes_context(result)

    writers = [(output, lambda out: render_docx(context, out, template)), (md_out, lambda out: write_md(context, out))]
    for out, write in writers:
        if out is None:
            continue
        try:
            write(out)
        except TemplateProblem as exc:
            raise run.fail(exc.rule, path=exc.path, detail=exc.detail) from None
        except OSError as exc:
            raise run.fail("output-unwritable", path=out, detail=exc.strerror or exc) from None
        run.say("wrote", path=out)

    found = result.meeting
    run.say("minutes.chosen", name=found.field("meeting_name") or "-", date=found.date.isoformat(), sheet=found.sheet,
            row=found.first_row, topics=len(context["topics"]), actions=len(context["actions"]),
            overdue=len(result.overdue))
    run.say("minutes.distribute", deadline=context["distribute_by"])
    due = result.distribute_by.date() if isinstance(result.distribute_by, dt.datetime) else result.distribute_by
    if run.today > due:
        run.say("minutes.late", deadline=context["distribute_by"], today=run.today.isoformat())
    if result.unreadable:
        run.say("minutes.unreadable", count=result.unreadable, path=file)
    raise typer.Exit(EXIT_ATTENTION if result.overdue or result.unreadable else EXIT_OK)
