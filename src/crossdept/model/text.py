"""Text keys for lenient matching of sheet names, headers and enumerated values.

Workbooks arrive from Excel, WPS, LibreOffice and scripts, typed by many people: full-width
letters and spaces, stray spaces, line breaks inside headers, a trailing colon or asterisk. The
model compares through one key function so that every place is lenient in the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[\s\-_/\\*:：·.。、|｜]+")
_PART_SPLIT = re.compile(r"[\n\r/|｜()（）\[\]【】]+")


# Cached: a workbook repeats the same few headers and enum spellings thousands of times (every
# status cell goes through match_key); typed, so 1, 1.0 and True keep their own keys.
@lru_cache(maxsize=65536, typed=True)
def match_key(text: object) -> str:
    """A comparison key: NFKC (full-width to half-width), lower case, separators and spaces removed."""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    return _DROP.sub("", s)


@lru_cache(maxsize=8192, typed=True)
def header_candidates(text: object) -> tuple[str, ...]:
    """Keys to try for a header cell, best first: the whole text, then its parts.

    "问题编号\\nID", "问题编号 (ID)" and "责任部门 Owner dept" are bilingual headers that people
    make; each part is tried in order so the Chinese one, written first, wins.
    """
    s = unicodedata.normalize("NFKC", str(text)).strip()
    out = [match_key(s)]
    parts = [p.strip() for p in _PART_SPLIT.split(s) if p.strip()]
    out += [match_key(p) for p in parts]
    for p in parts:
        out += [match_key(w) for w in p.split()]
    seen: list[str] = []
    for k in out:
        if k and k not in seen:
            seen.append(k)
    return tuple(seen)


def clean_text(value: object) -> str:
    """A cell's text with surrounding spaces removed (str.strip also strips full-width and no-break spaces)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_blank(value: object) -> bool:
    return clean_text(value) == ""


def display_width(text: str) -> int:
    """Roughly how many character widths text takes: CJK characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
