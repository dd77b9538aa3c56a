"""`crossdept calendar FOLDER -o OUT.ics [--json]`: the communication plan as a calendar file.

Parses options, calls ops.calendar.calendar and renders: what was written and every row not on
the calendar (with why) on standard error, the JSON on standard output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crossdept.cli.common import JsonOpt, LangOpt, TodayOpt, app, guarded, start


@app.command()
@guarded
def calendar(
    folder: Annotated[Path, typer.Argument(help="Folder of the project's workbooks. 项目工作簿所在文件夹。", readable=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The calendar file to write (.ics). 日历文件。")],
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """The communication plan as an iCalendar file for Outlook, WPS, DingTalk. 沟通计划导出为日历。"""
    from crossdept.ops.calendar import calendar as run_calendar

    run = start(lang, today)
    result = run_calendar(folder, output=output, today=run.today, lang=run.lang)  # guarded shows a CrossdeptError
    data = result.to_json()
    for f in data["files"]:
        run.say("calendar.file-unreadable", error=f["error"])
    for u, shown in zip(result.plan.not_scheduled, data["not_scheduled"]):
        run.say("calendar.not-scheduled-line", place=u.row.source.place("frequency"), item=u.row.item,
                phrase=u.row.frequency, reason=shown["reason"])
    for n in result.plan.unresolved:
        run.say("calendar.unresolved-line", place=n.row.source.place(n.column), item=n.row.item, name=n.name)
    first, last = data["holiday_years"]
    run.say("calendar.holiday-years", first=first, last=last)
    run.say("calendar.written", path=result.output, events=len(data["events"]), not_scheduled=len(data["not_scheduled"]))
    if json_out:
        run.emit_json(data)
    raise typer.Exit(result.exit_code)
