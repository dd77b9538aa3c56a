"""`crossdept summary FOLDER|ROLLUP.xlsx -o OUT.eml [--html OUT.html] [--to ADDR...] [--attach FILE...] [--send]`.

Thin adapter: read (a folder is rolled up on the fly by core/rollup.py; a roll-up workbook is
re-read from its 全部任务 / 全部问题 sheets), let core/summary.py decide what the week says, hand it
to the email writer, and optionally to SMTP. Exit 0 all well; 1 overdue or blocked work (or
values that could not be read) worth attention; 2 a file could not be read, nothing to summarise,
wrong usage, or sending failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crossdept.cli.common import EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.config import Config, load_config
from crossdept.core.rollup import ROLLUP_SIGNATURE, Rollup, build_rollup
from crossdept.core.summary import (WEEKDAYS_ZH, bad_address, build_summary, is_address, recipients, split_addresses,
                                    split_consolidated, summary_context)
from crossdept.read import Workbook, read_workbook
from crossdept.read.folder import read_folder
from crossdept.write.smtp_send import SendError, password_for, send
from crossdept.write.rollup_rows import DEPT
from crossdept.write.summary_email import build_message, write_eml, write_html


def _read(run: Run, source: Path, config: Config, outputs: list[Path]) -> tuple[Rollup, list[Workbook], list[Path]]:
    """The roll-up, the workbooks read (for meetings and names), and files to attach."""
    if source.is_dir():
        entries = list(read_folder(source, run.today.year, exclude=outputs))
        books = [item for _, item in entries if isinstance(item, Workbook)]
        return build_rollup(entries, config, run.today), books, []
    book = read_workbook(source, run.today.year)
    if ROLLUP_SIGNATURE <= set(book.unrecognised):
        # A roll-up workbook: its detail sheets carry the model's headers and each row's
        # department, so rolling them up again gives the same figures. It is attached too, as
        # the manager's way into the details.
        parts = split_consolidated(book, DEPT)
        return build_rollup([(source, part) for part in parts], config, run.today), parts, [source]
    return build_rollup([(source, book)], config, run.today), [book], []


def _check_outputs(run: Run, source: Path, outputs: list[Path]) -> None:
    for out in outputs:
        if out.is_dir():
            raise run.fail("output-exists-folder", path=out)
        if out.exists() and source.is_file() and out.resolve() == source.resolve():
            raise run.fail("summary.output-is-input", path=out)


@app.command()
@guarded
def summary(
    source: Annotated[Path, typer.Argument(help="Folder of department workbooks, or a roll-up workbook.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The .eml to write (Outlook opens it as a draft).")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Also write the email body as HTML here.")] = None,
    to: Annotated[list[str] | None, typer.Option("--to", metavar="ADDR", help="Recipient; repeat for more. Default: crossdept.toml.")] = None,
    attach: Annotated[list[Path] | None, typer.Option("--attach", metavar="FILE", help="A file to attach (e.g. the minutes); repeatable.")] = None,
    send_now: Annotated[bool, typer.Option("--send", help="Send through crossdept.toml's [smtp] server.")] = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Email-ready weekly summary (.eml draft, HTML, or sent by SMTP). 生成周报邮件。"""
    run = start(lang, today)
    outputs = [p for p in (output, html_out) if p is not None]
    if not outputs and not send_now:
        raise run.fail("summary.no-output")
    _check_outputs(run, source, outputs)
    given = [(text, split_addresses(text)) for text in to or []]
    for text, parts in given:
        if not all(is_address(part) for part in parts):
            raise run.fail("summary.bad-address", address=text)
    to = [part for _, parts in given for part in parts]
    for path in attach or []:
        if not path.is_file():
            raise run.fail("summary.attachment-missing", path=path)

    config = load_config(source)
    rollup, books, attachments = _read(run, source, config, outputs)
    if not any(f.status in ("ok", "invalid") for f in rollup.files):
        for entry in rollup.unreadable:
            run.say("summary.file-not-read", message=entry.error_message(run.lang))
        raise run.fail("summary.no-workbooks", path=source)
    result = build_summary(rollup, books, config, source.stem if source.is_file() else source.resolve().name)
    context = summary_context(result)
    addresses = to or recipients(config, books)
    sender = config.smtp.sender if config.smtp else None
    wrong = bad_address([*([] if to else addresses), *([sender] if sender else [])])
    if wrong is not None:
        raise run.fail("summary.config-bad-address", address=wrong, path=config.path)
    msg = build_message(context, addresses, sender, [*attachments, *(attach or [])])

    for out, write in ((output, lambda p: write_eml(msg, p)), (html_out, lambda p: write_html(context, p))):
        if out is None:
            continue
        try:
            write(out)
        except OSError as exc:
            raise run.fail("output-unwritable", path=out, detail=exc.strerror or exc) from None
        run.say("wrote", path=out)
    if not addresses and not send_now:
        run.say("summary.draft-no-recipients")

    for entry in rollup.unreadable:
        run.say("summary.file-not-read", message=entry.error_message(run.lang))
    if rollup.unknown_years:  # overdue and stale counted Monday to Friday there: say so, as rollup does
        run.say("calendar-unknown-year", years=run.text("rollup.list-sep").join(map(str, sorted(rollup.unknown_years))))
    nxt = result.next_meeting
    when = run.text("summary.next", date=f"{nxt:%Y-%m-%d}", weekday=WEEKDAYS_ZH[nxt.weekday()], time=f"{nxt:%H:%M}") if nxt else "-"
    run.say("summary.done", subject=context["subject"], status=run.text(f"summary.status.{context['status']}"),
            departments=len(context["departments"]), blocked=context["blocked_total"], next=when)

    if send_now:
        if config.smtp is None:
            raise run.fail("summary.no-smtp")
        try:
            sent = send(msg, config.smtp, password_for(config.smtp))
        except SendError as exc:
            raise run.fail(exc.rule, **exc.params) from None
        run.say("summary.sent", count=len(sent), to="、".join(sent))

    if rollup.unreadable:
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_ATTENTION if rollup.needs_attention() else EXIT_OK)
