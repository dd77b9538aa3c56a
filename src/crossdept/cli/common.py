"""The typer application and what every command shares.

Every command takes --lang and --today (interface.md), prints JSON on standard output and
human text on standard error, and ends with exit code 0 (fine), 1 (findings worth attention)
or 2 (input unreadable, or the command used wrongly). A traceback is never the answer to bad
input: `guarded` turns every known failure into one line in the user's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from crossdept.terminal import SafeConsole
from crossdept import i18n
from crossdept.errors import CrossdeptError
from crossdept.ops.common import EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, as_lang, as_today

app = typer.Typer(
    name="crossdept",
    help="crossdept: Excel as the working surface of cross-department projects. 跨部门协作助手。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

__all__ = ["EXIT_ATTENTION", "EXIT_OK", "EXIT_UNREADABLE", "JsonOpt", "LangOpt", "Run", "TodayOpt", "app", "guarded",
           "start"]

LangOpt = Annotated[str | None, typer.Option("--lang", help="Messages in zh or en (default: the locale; zh when unsure).")]
TodayOpt = Annotated[str | None, typer.Option("--today", help="Take this date (YYYY-MM-DD) as today, for reruns and tests.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON on standard output.")]
# The one history store (store/history.py), for every command that records or reads weeks.
HistoryOpt = Annotated[Path | None, typer.Option(
    "--history", help="SQLite history (default: crossdept.toml [history] path, else FOLDER/.crossdept/history.sqlite).")]
# A restyled Word template, for every command that writes a .docx from one (minutes, review).
TemplateOpt = Annotated[Path | None, typer.Option("--template", help="Your own docxtpl .docx template.")]


@dataclass
class Run:
    """One command's settings and outputs."""

    lang: str
    today: dt.date
    err: SafeConsole

    def say(self, key: str, **params: object) -> None:
        """A message from the catalog, on standard error."""
        self.err.print(i18n.t(key, self.lang, **params), markup=False, highlight=False)

    def text(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    def join(self, items: Iterable[object]) -> str:
        """A list inside a message: 研发部、市场部 in Chinese, "研发部, 市场部" in English."""
        return i18n.join(items, self.lang)

    def fail(self, key: str, **params: object) -> typer.Exit:
        """Say why the command cannot go on, and the exit to raise: `raise run.fail("...")` (exit 2)."""
        self.say(key, **params)
        return typer.Exit(EXIT_UNREADABLE)

    @staticmethod
    def emit_json(data: Any) -> None:
        """JSON on standard output: UTF-8, Chinese kept readable."""
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        sys.stdout.flush()


def start(lang: str | None, today: str | None) -> Run:
    """Resolve the shared options (ops/common.py, as the Python API does); a bad --lang or --today
    is a usage error (exit 2)."""
    try:
        language = as_lang(lang)
    except CrossdeptError as exc:
        raise typer.BadParameter(exc.message(i18n.detect_lang(None)), param_hint="--lang") from None
    try:
        day = as_today(today or None)
    except CrossdeptError as exc:
        raise typer.BadParameter(exc.message(language), param_hint="--today") from None
    return Run(language, day, SafeConsole(stderr=True, soft_wrap=True))


F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Turn every failure into one line and exit code 2, never a traceback (CROSSDEPT_DEBUG shows one)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = _lang_of(kwargs.get("lang"))
        err = SafeConsole(stderr=True, soft_wrap=True)
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter, SystemExit):
            raise
        except CrossdeptError as exc:  # every situation the user can fix: one line, in their language
            err.print(exc.message(lang), markup=False, highlight=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print(i18n.t("interrupted", lang), markup=False)
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if os.environ.get("CROSSDEPT_DEBUG"):
                raise
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            err.print(i18n.t("internal-error", lang, detail=detail), markup=False, highlight=False)
            raise typer.Exit(EXIT_UNREADABLE) from None

    return wrapper  # type: ignore[return-value]


def _lang_of(value: str | None) -> str:
    """The language of messages about a run whose --lang may itself be wrong."""
    try:
        return as_lang(value)
    except CrossdeptError:
        return i18n.detect_lang(None)


def _version(value: bool) -> None:
    if value:
        from crossdept import __version__

        typer.echo(f"crossdept {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """crossdept: Excel as the working surface of cross-department projects. 跨部门协作助手。"""
