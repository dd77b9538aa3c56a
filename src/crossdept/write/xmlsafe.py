"""The one sanitiser for text crossdept writes into an XML part (xlsx, docx), whichever library writes it.

Cell values are data typed by anyone: a control character (Excel stores BEL as "_x0007_" and every
reader decodes it), a lone surrogate, 40,000 characters pasted into a note. XML 1.0 cannot hold the
first two at all (a strict parser rejects the file, Excel "repairs" it and drops content), and
Excel cuts a cell at 32,767 characters. So every writer passes text through here:

- xml_text: only characters XML 1.0 allows (tab, line breaks, and U+0020 upwards but surrogates,
  U+FFFE and U+FFFF);
- cell_text: that, cut to Excel's cell limit with a visible mark, so nobody mistakes a cut note
  for the whole one;
- ooxml_text: cell_text for SpreadsheetML written by hand, where a literal "_xHHHH_" must be
  escaped or Excel would decode it into a character (XlsxWriter does the same for its strings).
"""

from __future__ import annotations

import re
from functools import cache

#: Excel's limit for the text of one cell.
MAX_CELL_CHARS = 32767
#: Ends a text that was cut to fit a cell: visible, in both languages.
CUT_MARK = "…〔已截断 cut〕"

_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


@cache
def _not_xml() -> re.Pattern[str]:
    """The characters XML 1.0 cannot hold. Compiled on first need: its ranges make Python build a
    65,536-entry table (~3 ms, most of a run that writes only printable text)."""
    return re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold.

    A printable text holds none of them (controls, surrogates and U+FFFE/U+FFFF are all
    unprintable; checked over every code point in tests/test_hostile_strings.py), and str.isprintable is
    several times faster than the regex: most cells are one line of printable text."""
    return text if text.isprintable() else _not_xml().sub("", text)


def cut(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """At most `limit` characters; a longer text ends with CUT_MARK."""
    if len(text) <= limit:
        return text
    return text[: limit - len(CUT_MARK)] + CUT_MARK


def cell_text(text: str) -> str:
    """Text for one cell: XML characters only, within Excel's cell limit (cut visibly)."""
    return cut(xml_text(text))


def ooxml_text(text: str) -> str:
    """cell_text for a <t> written by hand: a literal "_x0007_" stays literal in Excel."""
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", cell_text(text))


def xml_value(value: object) -> object:
    """A value for a cell or a template: text made cell-safe, anything else as it is."""
    return cell_text(value) if isinstance(value, str) else value
