"""`crossdept review FOLDER [--milestone NAME] -o OUT.docx [--md OUT.md] [--json] [--template T.docx]`.

Parses the options, runs ops/review.py (which milestone, what the report says, the Word and
Markdown files) and says what was written. Exit codes are ops/review.py's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crossdept.cli.common import JsonOpt, LangOpt, TemplateOpt, TodayOpt, app, guarded, start


@app.command()
@guarded
def review(
    folder: Annotated[Path, typer.Argument(help="The project folder (workbooks with the 项目章程 and the boards).")],
    milestone: Annotated[str | None, typer.Option("--milestone", help="The milestone to review; default: the latest done by today.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The .docx to write (an existing one is backed up first), or a folder for 项目名称-日期-复盘报告-里程碑.docx.")] = None,
    md_out: Annotated[Path | None, typer.Option("--md", help="Also write the report as Markdown here (file or folder).")] = None,
    template: TemplateOpt = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """The 复盘报告 of a milestone: 成果总结, 问题清单, 改进措施. 生成里程碑复盘报告。"""
    from crossdept.ops.review import review as run_review

    run = start(lang, today)
    result = run_review(folder, milestone=milestone, output=output, md=md_out, template=template,
                        today=run.today, lang=run.lang)
    if json_out:
        run.emit_json(result.to_json())
    data = result.to_json()
    view = result.review.view
    run.say("review.chosen", name=view.name, state=view.state, planned=data["planned"] or "-",
            actual=data["actual"] or "-", slip="-" if view.slip is None else view.slip,
            done=view.done_tasks, total=len(view.tasks), late=len(view.late_tasks), issues=len(view.issues),
            open=len(data["issues"]["open"]), measures=len(data["measures"]))  # type: ignore[index]
    meeting = result.review.meeting
    if meeting is None:
        run.say("review.no-meeting", name=view.name)
    else:
        run.say("review.meeting", meeting=meeting.field("meeting_name"), date=meeting.date.isoformat())
    for error in result.unreadable:
        run.say("review.file-unreadable", message=error.message(run.lang))
    if result.unknown_years:
        run.say("calendar-unknown-year", years="、".join(map(str, sorted(result.unknown_years))))
    for path in result.backups:
        run.say("backup-made", path=path)
    for path in (result.output, result.md):
        if path is not None:
            run.say("wrote", path=path)
    raise typer.Exit(result.exit_code)
