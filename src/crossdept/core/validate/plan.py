"""Communication plan: every 频率/时间 reads as a schedule, or the person learns why not.

Only the words are judged here (core/schedule.parse_frequency); what needs the project's dates
(which milestone "上线前3天" means) is reported by the calendar command, which sees the folder.
A phrase naming an event (争议出现时) is understood, just not a calendar's: nothing to fix, no
finding (`crossdept calendar` still lists it as not scheduled). Anything else not scheduled is a
warning, not an error, whose message says which form would be.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept import i18n
from crossdept.core.schedule import NotScheduled, parse_frequency
from crossdept.core.validate.place import Context, at, rows
from crossdept.findings import Finding, define_rule
from crossdept.read.records import SheetData

FREQUENCY_NOT_SCHEDULED = define_rule("frequency-not-scheduled", "warning")


def reason_params(reason: NotScheduled) -> dict[str, object]:
    """The reason in both languages, for a message template that picks its own."""
    return {f"reason_{lang}": i18n.t(reason.reason, lang, **reason.params) for lang in i18n.LANGS}


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    if sheet.spec.key != "comm_plan":
        return
    for block, record in rows(sheet):
        if not record.has("frequency"):
            continue  # an empty required cell is structure's finding
        parsed = parse_frequency(record.cells["frequency"].raw)
        if isinstance(parsed, NotScheduled) and parsed.reason != "schedule.event":
            yield at(FREQUENCY_NOT_SCHEDULED, sheet, block, record, "frequency", **reason_params(parsed))
