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
# Between the names of one cell: "张伟、李娜", "张伟，李娜", "张伟/李娜", one per line (Alt+Enter).
_NAME_SEPARATORS = r"[、,，;；/／\n\r]+"
# The communication plan's 参与部门/人员 is a phrase: "研发和市场", "各部门负责人+发起人", "运营部以及财务部".
_NAME_JOINERS = r"|[+＋&＆]+|以及|和|及"
_NAME_SPLIT = {False: re.compile(_NAME_SEPARATORS), True: re.compile(_NAME_SEPARATORS + _NAME_JOINERS)}
# A word of a Latin-script name: "Wei", "O'Brien", "J.", "Anne-Marie".
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z.'’\-]*")


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


def split_names(value: object, *, spaces: bool = False, joiners: bool = False) -> list[str]:
    """Every person or department one cell names, in order, each once: "运营部、市场部",
    "张三/李四", "张伟，李娜" and one name per line (Alt+Enter) all name two.

    The columns differ in what else separates names, so the caller says which it reads:

    - `spaces`: a space separates Chinese names ("张伟 李娜" in a 责任人 cell, "研发部 市场部" in a
      plan's 参与部门/人员) but is part of a Latin one ("Zhang Wei"), so consecutive Latin words stay
      one name. False where a space may be inside one name: "张 伟" typed loosely in a column checked
      against the roster, a department called "IT 部" (a false multi-department finding is worse
      than a missed one).
    - `joiners`: "+", "&", 和, 及 and 以及 join names too. Only for the communication plan's phrases:
      elsewhere they occur inside names (the surname 和, "人力资源及行政部", "R&D").
    """
    found: list[str] = []
    for part in _NAME_SPLIT[joiners].split(clean_text(value)):
        if not spaces:
            found.append(part.strip())
            continue
        latin: list[str] = []
        for word in part.split():
            if _LATIN_WORD.fullmatch(word):
                latin.append(word)
                continue
            if latin:
                found.append(" ".join(latin))
                latin = []
            found.append(word)
        if latin:
            found.append(" ".join(latin))
    return list(dict.fromkeys(name for name in found if name))


def is_blank(value: object) -> bool:
    return clean_text(value) == ""


def display_width(text: str) -> int:
    """Roughly how many character widths text takes: CJK characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
