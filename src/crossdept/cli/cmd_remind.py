"""`crossdept remind FOLDER [--send] [--out DIR] [--json] [--channel ...]`: the day's reminders.

Thin adapter over crossdept.ops.remind: parses the options, calls the operation, prints the
JSON or a summary line, each problem as one line, and exits 0 (nothing due), 1 (items due or
overdue) or 2 (a workbook unreadable, a channel refused or failed, or the command misused).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from crossdept.cli.common import JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start

if TYPE_CHECKING:
    from crossdept.ops.remind import RemindResult


@app.command()
@guarded
def remind(
    folder: Annotated[Path, typer.Argument(help="The project folder (department workbooks and crossdept.toml).")],
    send: Annotated[bool, typer.Option("--send", help="Send the messages (default: nothing leaves the machine).")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write every message here for review (.eml, .json, .md).")] = None,
    channel: Annotated[list[str] | None, typer.Option("--channel", metavar="email|wecom|dingtalk|feishu",
                                                      help="Only this channel; repeatable. Default: every configured one.")] = None,
    history: Annotated[Path | None, typer.Option("--history", help="History store (default FOLDER/.crossdept/history.sqlite).")] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Personal reminders, escalation notices and the group digest of the day. 发送每日提醒。"""
    run = start(lang, today)
    from crossdept.ops.remind import remind as run_remind  # here: --help loads no use case
    result = run_remind(folder, send=send, out=out, channel=channel, history=history, today=run.today, lang=run.lang)
    render(run, result, json_out)
    raise typer.Exit(result.exit_code)


def render(run: Run, result: RemindResult, json_out: bool) -> None:
    if not json_out:  # who gets what, one line a message (the JSON has it all)
        for m in result.messages:
            recipient = m.recipient if m.personal else run.text("remind.group-recipient")
            run.say("remind.message", channel=m.channel, recipient=recipient, items=len(m.keys),
                    status=run.text(f"remind.status.{m.status}"))
    for line in [*result.notes, *result.problems]:
        run.err.print(line, markup=False, highlight=False)
    r = result.reminders
    run.say("remind.done", people=len(r.personal), escalations=len(r.escalations),
            group=sum(not m.personal for m in result.messages), sent=result.sent, already=result.already_sent)
    if not result.sent_now:
        if result.out is not None:
            run.say("remind.preview", path=result.out)
        else:
            run.say("remind.preview-nowhere")
    if json_out:
        run.emit_json(result.to_json())
