"""The sheet model: every sheet, column, type and allowed value, declared once (sheets.py)."""

from crossdept.model.sheets import (
    ALL_SHEETS, BOARD, CHARTER, COMM_PLAN, GUIDE_TEMPLATES, INSTRUCTIONS, ISSUE_CLOSED, ISSUE_STATUS, ISSUES, LEVEL,
    MEETING_TYPE, MINUTES, RACI, RACI_ROLES, SHEETS_BY_KEY, TASK_STATUS, WORKBOOK_KINDS,
)
from crossdept.model.spec import Choice, Choices, Column, ColumnType, Layout, SheetSpec

__all__ = [
    "ALL_SHEETS", "BOARD", "CHARTER", "COMM_PLAN", "GUIDE_TEMPLATES", "INSTRUCTIONS", "ISSUE_CLOSED", "ISSUE_STATUS",
    "ISSUES", "LEVEL", "MEETING_TYPE", "MINUTES", "RACI", "RACI_ROLES", "SHEETS_BY_KEY", "TASK_STATUS",
    "WORKBOOK_KINDS", "Choice", "Choices", "Column", "ColumnType", "Layout", "SheetSpec",
]
