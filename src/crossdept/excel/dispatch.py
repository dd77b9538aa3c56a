"""The Python end of the ribbon: `dispatch(button_id)` runs that button's handler on the calling workbook.

The add-in's one VBA callback runs, through xlwings' RunPython,

    import crossdept.excel.dispatch as d; d.dispatch('<control id>')

so this is the single door from Excel into crossdept. Whatever goes wrong becomes a message box
in the user's language, never a traceback. Only when there is no workbook to show a box in does
the message go to standard error with exit code 1, which RunPython shows as its own error box.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import warnings
from typing import Any

from crossdept import i18n
from crossdept.errors import CrossdeptError
from crossdept.excel import registry
from crossdept.excel.session import Session
from crossdept.today import today as current_day


def command(button_id: str) -> str:
    """The Python command the VBA callback hands RunPython for a button (kept in step with the .bas)."""
    return f"import crossdept.excel.dispatch as d; d.dispatch('{button_id}')"


def _caller(lang: str) -> Any:
    import xlwings as xw

    try:
        return xw.Book.caller()
    except Exception as exc:  # noqa: BLE001 - xlwings raises plain Exception when Excel is not there
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        sys.stderr.write(i18n.t("excel.no-caller", lang, detail=detail) + "\n")
        raise SystemExit(1) from None


def _tell(session: Session, message: str) -> None:
    """A critical message box; if even that fails (Excel gone), one line on standard error, exit 1."""
    try:
        session.alert(message, critical=True)
    except Exception:  # noqa: BLE001 - RunPython shows standard error in its own box
        sys.stderr.write(message + "\n")
        raise SystemExit(1) from None


def dispatch(button_id: str, *, book: Any = None, today: dt.date | None = None, lang: str | None = None) -> None:
    """Run the handler of `button_id` on `book` (default: the workbook that called from Excel)."""
    language = i18n.detect_lang(lang)
    session = Session(book if book is not None else _caller(language), language, current_day(today))
    button = registry.button(button_id)
    if button is None:
        _tell(session, session.text("excel.unknown-button", id=button_id))
        return
    session.label = button.label(language)
    message = None
    try:
        session.status(session.text("excel.working", label=session.label))
        # RunPython on macOS shows any standard-error output as an error box: a library's
        # warning (openpyxl's about a workbook's extensions, say) must not look like a failure.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            button.handler(session)
    except CrossdeptError as exc:  # every situation the user can fix, whoever raised it
        message = exc.message(language)
    except OSError as exc:  # a folder that cannot be written, a file held open, a name too long
        message = i18n.t("excel.os-error", language, path=exc.filename or session.label,
                         detail=exc.strerror or type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a box, not a traceback
        if os.environ.get("CROSSDEPT_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        message = i18n.t("internal-error", language, detail=detail)
    finally:
        with contextlib.suppress(Exception):  # a status bar left behind by an Excel that has gone matters to nobody
            session.status(None)
    if message is not None:
        _tell(session, message)
