"""Every user-facing message, in Chinese and English, keyed by rule or event id.

Messages live in catalogs beside this file (catalog_*.py), one per area of the product, each a
dict ``MESSAGES = {id: (zh, en)}``; they are merged here so a message is defined exactly once
and looked up by its id. Placeholders use str.format names; an English noun that follows a count
takes the count's plural form with a "singular|plural" spec: "{n} {n:day|days} overdue" reads
"1 day overdue" and "3 days overdue" (Chinese needs none). A list or tuple given as a parameter
is joined the language's way: 研发部、市场部 in Chinese, "研发部, 市场部" in English.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import string
from functools import cache

LANGS = ("zh", "en")


@cache
def _catalog() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("catalog_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message id {key!r} is defined twice (second in {info.name})")
            merged[key] = pair
    return merged


def has(key: str) -> bool:
    return key in _catalog()


def keys(prefix: str) -> list[str]:
    """Every message id starting with `prefix`, in catalog order (a template's set of words)."""
    return [key for key in _catalog() if key.startswith(prefix)]


class _Formatter(string.Formatter):
    """str.format plus "{n:day|days}": the singular when n is 1, else the plural."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, int):
            one, many = format_spec.split("|", 1)
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: str = "zh", **params: object) -> str:
    """The message `key` in `lang`, filled with `params`."""
    zh, en = _catalog()[key]
    template = en if lang == "en" else zh
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            params[name] = join(value, lang)
    # The plain str.format when no plural is asked for: it is several times faster, and messages
    # are formatted once per finding.
    return _FORMATTER.format(template, **params) if "|" in template else template.format(**params)


def join(items: object, lang: str = "zh") -> str:
    """Items inside a sentence: 、 between them in Chinese, a comma and a space in English (the
    catalog's rollup.list-sep, the one definition of the separator)."""
    return t("rollup.list-sep", lang).join(map(str, items))  # type: ignore[call-overload]


def detect_lang(explicit: str | None = None) -> str:
    """--lang when given, else CROSSDEPT_LANG, else the locale; Chinese when unsure (interface.md)."""
    for candidate in (explicit, os.environ.get("CROSSDEPT_LANG")):
        if candidate:
            return "en" if candidate.lower().startswith("en") else "zh"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            # C/POSIX says nothing about the reader's language: unsure, so Chinese.
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"
