"""`crossdept minutes FILE -o OUT.docx [--meeting DATE] [--md OUT.md] [--template T.docx]`.

Parses the options, runs ops/minutes.py (which meeting, what the minutes say, the Word and
Markdown files) and says what was written. Exit codes are ops/minutes.py's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from crossdept.cli.common import JsonOpt, LangOpt, Run, TemplateOpt, TodayOpt, app, guarded, start

if TYPE_CHECKING:
    from crossdept.ops.minutes import MinutesResult


@app.command()
@guarded
def minutes(
    file: Annotated[Path, typer.Argument(help="Workbook holding a 会议纪要 sheet.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The Word .docx to write.")] = None,
    meeting: Annotated[str | None, typer.Option("--meeting", help="Date (YYYY-MM-DD) of the meeting; default: the latest.")] = None,
    md_out: Annotated[Path | None, typer.Option("--md", help="Also write the minutes as Markdown here.")] = None,
    template: TemplateOpt = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Word minutes from a 会议纪要 sheet (latest meeting unless --meeting). 生成会议纪要文档。"""
    run = start(lang, today)
    from crossdept.ops.minutes import minutes as run_minutes  # here: --help loads no use case
    result = run_minutes(file, output=output, meeting=meeting, md=md_out, template=template, today=run.today,
                         lang=run.lang)
    render(run, result)
    if json_out:
        run.emit_json(result.to_json())
    raise typer.Exit(result.exit_code)


def render(run: Run, result: MinutesResult) -> None:
    context, found = result.context, result.minutes.meeting
    for out in result.backups:
        run.say("backup-made", path=out)
    for out in result.written:
        run.say("wrote", path=out)
    run.say("minutes.chosen", name=found.field("meeting_name") or "-", date=found.date.isoformat(), sheet=found.sheet,
            row=found.first_row, topics=len(context["topics"]), actions=len(context["actions"]),  # type: ignore[arg-type]
            overdue=len(result.minutes.overdue))
    run.say("minutes.distribute", deadline=context["distribute_by"])
    if result.late:
        run.say("minutes.late", deadline=context["distribute_by"], today=run.today.isoformat())
    if result.minutes.unreadable:
        run.say("minutes.unreadable", count=result.minutes.unreadable, path=result.file)
