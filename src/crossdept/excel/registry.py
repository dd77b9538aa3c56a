"""The buttons of the 协作助手 ribbon tab: each defined once, here.

A button is an id (the ribbon control id, which the one VBA callback hands to Python), an
Office icon (imageMso), its group, and the handler that runs when it is clicked. Its label and
screentip are user-facing text, so they live in the i18n catalog under ``excel.<id>.label`` /
``.tip``; the ribbon XML (ribbon.py) and the dispatcher (dispatch.py) both read this table, so a
button cannot exist in one without the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crossdept import i18n
from crossdept.excel import handlers

if TYPE_CHECKING:
    from crossdept.excel.session import Session

Handler = Callable[["Session"], None]

TAB_ID = "crossdeptTab"


@dataclass(frozen=True)
class Group:
    id: str

    def label(self, lang: str) -> str:
        return i18n.t(f"excel.group.{self.id}", lang)


@dataclass(frozen=True)
class Button:
    """One ribbon button. `id` must be an XML NCName and unique: Excel ignores a ribbon that repeats one."""

    id: str
    group: Group
    image_mso: str
    handler: Handler

    def label(self, lang: str) -> str:
        return i18n.t(f"excel.{self.id}.label", lang)

    def tip(self, lang: str) -> str:
        return i18n.t(f"excel.{self.id}.tip", lang)


WORKBOOK = Group("grpWorkbook")
OUTPUTS = Group("grpOutputs")
HELP = Group("grpHelp")

BUTTONS: tuple[Button, ...] = (
    Button("cdNew", WORKBOOK, "FileNew", handlers.new_workbook),
    Button("cdValidate", WORKBOOK, "DataValidation", handlers.validate_book),
    Button("cdHighlight", WORKBOOK, "ConditionalFormattingMenu", handlers.highlight_overdue),
    Button("cdRollup", OUTPUTS, "PivotTableInsert", handlers.rollup_folder),
    Button("cdMinutes", OUTPUTS, "ExportWord", handlers.minutes_document),
    Button("cdSummary", OUTPUTS, "FileSendAsAttachment", handlers.summary_email),
    Button("cdCalendar", OUTPUTS, "DateAndTimeInsert", handlers.export_calendar),
    Button("cdRemind", OUTPUTS, "MeetingsWorkspace", handlers.remind_preview),
    Button("cdReview", OUTPUTS, "ReviewTrackChanges", handlers.review_report),
    Button("cdHelp", HELP, "Help", handlers.show_help),
)

GROUPS: tuple[Group, ...] = tuple(dict.fromkeys(b.group for b in BUTTONS))


def button(button_id: str) -> Button | None:
    """The button with this id, or None (an add-in older or newer than this Python package)."""
    return next((b for b in BUTTONS if b.id == button_id), None)
