"""`crossdept summary FOLDER|ROLLUP.xlsx -o OUT.eml [--html OUT.html] [--to ADDR...] [--attach FILE...] [--send]`.

Parses the options, runs ops/summary.py (reading, recipients, the bad-address policy, writing and
sending all live there) and renders what it did on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from crossdept.cli.common import JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start

if TYPE_CHECKING:
    from crossdept.ops.summary import SummaryResult


@app.command()
@guarded
def summary(
    source: Annotated[Path, typer.Argument(help="Folder of department workbooks, or a roll-up workbook.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The .eml to write (Outlook opens it as a draft).")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Also write the email body as HTML here.")] = None,
    to: Annotated[list[str] | None, typer.Option("--to", metavar="ADDR", help="Recipient; repeat for more. Default: crossdept.toml.")] = None,
    attach: Annotated[list[Path] | None, typer.Option("--attach", metavar="FILE", help="A file to attach (e.g. the minutes); repeatable.")] = None,
    send_now: Annotated[bool, typer.Option("--send", help="Send through crossdept.toml's [smtp] server.")] = False,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Email-ready weekly summary (.eml draft, HTML, or sent by SMTP). 生成周报邮件。"""
    run = start(lang, today)
    from crossdept.ops.summary import summary as run_summary  # here: --help loads no use case
    result = run_summary(source, output=output, html=html_out, to=to, attach=attach, send=send_now,
                         today=run.today, lang=run.lang)
    render(run, result)
    if json_out:
        run.emit_json(result.to_json())
    raise typer.Exit(result.exit_code)


def render(run: Run, result: SummaryResult) -> None:
    context, rollup = result.context, result.rollup
    for out in result.written:
        run.say("wrote", path=out)
    if not result.draft.to and not result.send:
        run.say("summary.draft-no-recipients")
    for entry in rollup.unreadable:
        run.say("summary.file-not-read", message=entry.error_message(run.lang))
    if rollup.unknown_years:  # overdue and stale counted Monday to Friday there: say so, as rollup does
        run.say("calendar-unknown-year", years=run.join(sorted(rollup.unknown_years)))
    from crossdept.core.summary import WEEKDAYS_ZH  # here: --help loads no use case

    nxt = result.draft.summary.next_meeting
    when = run.text("summary.next", date=f"{nxt:%Y-%m-%d}", weekday=WEEKDAYS_ZH[nxt.weekday()], time=f"{nxt:%H:%M}") if nxt else "-"
    run.say("summary.done", subject=context["subject"], status=run.text(f"summary.status.{context['status']}"),
            departments=len(context["departments"]), blocked=context["blocked_total"], next=when)
    if result.sent is not None:
        run.say("summary.sent", count=len(result.sent), to=run.join(result.sent))
    for problem in result.problems:
        run.err.print(problem.message(run.lang), markup=False, highlight=False)
