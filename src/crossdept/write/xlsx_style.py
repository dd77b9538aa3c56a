"""The look of crossdept's workbooks and the safe way to put a value in a cell.

Kept apart from the template layout (templates.py) so that every writer of xlsx files uses the
same colours, the same conditional-format styles and, above all, the same `put`: a value taken
from a workbook or a config is data, so text that starts with = + - @ is stored as text and never
becomes a formula, and characters XML cannot hold are dropped instead of corrupting the file.
"""

from __future__ import annotations

import datetime as dt
import math

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from crossdept.model.normalise import SERIAL_RANGE
from crossdept.model.spec import ColumnType
from crossdept.model.text import display_width  # noqa: F401  (here too: the writers' one import)
from crossdept.write.xmlsafe import cell_text

# --- colours --------------------------------------------------------------------------------
# Excel's own "light red fill with dark red text" and "yellow fill with dark yellow text", so the
# marks look like what people already know from Excel; blocked gets a purple of the same family.
RED = ("FFC7CE", "9C0006")
AMBER = ("FFEB9C", "9C5700")
PURPLE = ("E4DFEC", "5B2C6F")
MARKS: dict[str, tuple[str, str]] = {"overdue": RED, "due_soon": AMBER, "blocked": PURPLE, "check": AMBER}

TITLE_FONT = Font(bold=True, size=14, color="1F4E78")
NOTE_FONT = Font(italic=True, color="595959")
LABEL_FONT = Font(bold=True, color="1F4E78")
LABEL_FILL = PatternFill(fill_type="solid", fgColor="DDEBF7")
HEADING_FONT = Font(bold=True, size=12, color="1F4E78")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
TABLE_STYLE = "TableStyleMedium2"

# --- number formats -------------------------------------------------------------------------
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
NUMBER_FORMATS: dict[ColumnType, str] = {ColumnType.DATE: DATE_FORMAT, ColumnType.PERCENT: PERCENT_FORMAT}

# Excel refuses a prompt title over 32 characters and a prompt or error over 255.
_PROMPT_TITLE_MAX, _PROMPT_MAX = 32, 255
# What Excel would otherwise read as the start of a formula (or a DDE call) when a cell is edited.
_FORMULA_START = ("=", "+", "-", "@")


def put(cell: Cell, value: object) -> Cell:
    """Store `value` as data: text stays text, whatever it starts with, and stays XML-safe."""
    if isinstance(value, str):
        text = cell_text(value)
        cell.value = text
        if text.startswith(_FORMULA_START):
            cell.data_type = "s"  # openpyxl took "=..." for a formula; it is a string
            cell.quotePrefix = True  # and Excel keeps it one when the cell is edited
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
    else:
        cell.value = value
    return cell


def mark_style(mark: str) -> DifferentialStyle:
    """The conditional-format look of a mark (overdue, due_soon, blocked, check)."""
    fill, font = MARKS[mark]
    return DifferentialStyle(fill=PatternFill(bgColor=fill), font=Font(color=font))


def swatch(cell: Cell, mark: str) -> None:
    """Paint a cell the way the conditional format paints a row, for the 说明 legend."""
    fill, font = MARKS[mark]
    cell.fill = PatternFill(fill_type="solid", fgColor=fill)
    cell.font = Font(bold=True, color=font)
    cell.border = BOX


def expression_rule(formula: str, mark: str) -> Rule:
    """A "use a formula" conditional format; the first true rule wins (stopIfTrue)."""
    return Rule(type="expression", formula=[formula], dxf=mark_style(mark), stopIfTrue=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validation(
    kind: str | None,
    *,
    title: str,
    prompt: str,
    error: str = "",
    formula1: str | None = None,
    formula2: str | None = None,
    operator: str | None = None,
    strict: bool = True,
) -> DataValidation:
    """A data validation with an input prompt; kind None only shows the prompt."""
    dv = DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=kind is not None,
        errorStyle="stop" if strict else "warning",
        promptTitle=_clip(title, _PROMPT_TITLE_MAX),
        prompt=_clip(prompt, _PROMPT_MAX),
    )
    if error:
        dv.errorTitle = _clip(title, _PROMPT_TITLE_MAX)
        dv.error = _clip(error, _PROMPT_MAX)
    return dv


def list_formula(values: tuple[str, ...] | list[str]) -> str:
    """An in-cell dropdown list, e.g. '"未开始,进行中,已完成,阻塞"'."""
    return '"' + ",".join(values) + '"'


def date_bounds() -> tuple[str, str]:
    """The dates a date cell accepts: the serial range the reader takes as a date."""
    low, high = SERIAL_RANGE
    return str(low), str(high)


def row_height(texts: list[str], widths: list[float], line: float = 15.0) -> float:
    """A row height that shows wrapped text whole; Excel does not fit it when the file opens."""
    lines = 1
    for text, width in zip(texts, widths):
        per_line = max(width - 1, 1)
        needed = sum(max(1, math.ceil(display_width(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, needed)
    return line * lines


def print_one_page_wide(ws: Worksheet, title_rows: str) -> None:
    """A4 landscape, all columns on one page (as many pages down as it takes), `title_rows`
    (e.g. "1:1") repeated on each: sheets that are printed for a meeting stay readable."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows
