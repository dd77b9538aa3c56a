"""`crossdept highlight FILE... [--json] [--dry-run] [--out DIR]`: mark what needs attention.

Parses the options, runs ops/highlight.py (the use case: judge, plan, check and write the marks)
and renders each file's outcome on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from crossdept.cli.common import JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.gcpause import cyclic_gc_paused

if TYPE_CHECKING:
    from crossdept.ops.highlight import HighlightResult, Outcome


def report(run: Run, outcome: Outcome, dry_run: bool) -> None:
    """One file's result on standard error, in the user's language."""
    for line in (outcome.error, outcome.note):
        if line:
            run.err.print(line, markup=False, highlight=False)
    if outcome.marks is None:
        return
    marks = outcome.marks
    rows: dict[tuple[str, int], list[str]] = {}
    ids: dict[tuple[str, int], object] = {}
    states = {state: run.text(f"highlight.state.{state}") for state in {m.state for m in [*marks.issues, *marks.tasks]}}
    for m in [*marks.issues, *marks.tasks]:
        rows.setdefault((m.sheet, m.row), []).append(states[m.state])
        ids[(m.sheet, m.row)] = m.record.get("id") or ""
    # One print for all the rows, straight to the stream unless it is a terminal (terminal.py
    # print_plain: rich's layout of 9,000 rows was ~0.15 s); the bytes are the same either way.
    lines = [run.text("highlight.item", sheet=sheet, row=row, id=ids[(sheet, row)],
                      state=run.join(names) if len(names) > 1 else names[0], text=outcome.texts.get((sheet, row), ""))
             for (sheet, row), names in rows.items()]
    lines += [run.text("actions.line", sheet=a.sheet, row=a.row, action=a.item.action, owner=a.item.owner or "",
                       state=outcome.texts.get((a.sheet, a.row), "")) for a in marks.actions]
    if lines:
        run.err.print_plain("\n".join(lines))
    if marks.actions:
        run.say("actions.file-summary", path=outcome.path, count=len(marks.actions))
    if marks.issues or marks.tasks:
        run.say("highlight.file-summary", path=outcome.path, issues=len({m.row for m in marks.issues}),
                tasks=len({m.row for m in marks.tasks}))
    elif outcome.status == "ok" and not marks.actions:
        run.say("highlight.file-clean" if outcome.trackers else "highlight.no-sheets", path=outcome.path)
    if outcome.backup:
        run.say("backup-made", path=outcome.backup)
    if outcome.written and not outcome.unchanged:
        run.say("highlight.marked", path=outcome.written)
    elif outcome.unchanged and not dry_run and outcome.written is None and (marks.issues or marks.tasks):
        run.say("highlight.unchanged", path=outcome.path)


@app.command()
@guarded
def highlight(
    files: Annotated[list[Path], typer.Argument(help="Workbooks to mark. 要标记的工作簿。", readable=False)],  # each file says why
    json_out: JsonOpt = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; write nothing.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write marked copies into this folder; inputs stay untouched.")] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Mark overdue, due-soon and stale issues and overdue or blocked tasks. 标记逾期、即将到期、未更新和阻塞事项。"""
    run = start(lang, today)
    from crossdept.ops.highlight import highlight as run_highlight  # here: --help loads no use case
    result = run_highlight(files, dry_run=dry_run, out=out, today=run.today, lang=run.lang)
    render(run, result, json_out)
    raise typer.Exit(result.exit_code)


def render(run: Run, result: HighlightResult, json_out: bool) -> None:
    if result.unknown_years:
        run.say("calendar-unknown-year", years=run.join(sorted(result.unknown_years)))
    with cyclic_gc_paused():  # rich makes objects per printed line, none of them cyclic (gcpause.py)
        for outcome in result.files:
            report(run, outcome, result.dry_run)
    if result.dry_run:
        run.say("highlight.dry-run")
    if json_out:
        run.emit_json(result.to_json())
