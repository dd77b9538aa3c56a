"""What every operation shares: turning the caller's arguments into typed values.

The Python API accepts what a person would type (str paths, "2026-11-20"); the operations work on
Path and date. Bad values raise CrossdeptError, so Python callers and the CLI see the same message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from crossdept import i18n
from crossdept.errors import CrossdeptError
from crossdept.today import today as current_day

if TYPE_CHECKING:
    from crossdept.config import Config
    from crossdept.read import Workbook

DateLike = dt.date | str | None
PathArg = str | PathLike[str]

EXIT_OK, EXIT_ATTENTION, EXIT_UNREADABLE = 0, 1, 2


class Result(Protocol):
    """What every operation returns."""

    @property
    def exit_code(self) -> int: ...

    def to_json(self) -> dict: ...


def as_today(value: DateLike) -> dt.date:
    """A date, "YYYY-MM-DD", or None for today in Asia/Shanghai."""
    if value is None:
        return current_day()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CrossdeptError("bad-today") from None


def as_lang(value: str | None) -> str:
    """"zh" or "en"; anything else is refused (never silently Chinese)."""
    if value is not None and value.strip().lower() not in i18n.LANGS:
        raise CrossdeptError("bad-lang", value=value)
    return i18n.detect_lang(value)


def as_path(value: PathArg) -> Path:
    return Path(value)


def as_paths(values: PathArg | list[PathArg] | tuple[PathArg, ...]) -> list[Path]:
    """One path or several: the API accepts `validate("a.xlsx")` as well as a list."""
    if isinstance(values, (str, PathLike)):
        return [Path(values)]
    return [Path(v) for v in values]


class WrongSuffix(CrossdeptError):
    """An output named with another kind of file's extension; its message is built in the user's
    language when shown (the kind of document it is, translated)."""

    def message(self, lang: str = "zh") -> str:
        kind = i18n.t(f"output-what.{self.params['kind']}", lang)
        return i18n.t(self.rule, lang, **{**self.params, "what": kind})


def check_suffix(path: Path, option: str, example: str, *suffixes: str) -> None:
    """Refuse an output whose name is not the kind of file written (-o 研发部.xlsx for the email):
    writing it would replace whatever file has that name, a department's workbook included."""
    if path.suffix.lower() not in suffixes:
        raise WrongSuffix("output-wrong-suffix", option=option, path=path, kind=suffixes[0].lstrip("."),
                          suffix=" / ".join(suffixes), example=example)


def default_year(config: "Config", today: dt.date) -> int:
    """The year of dates written without one ("11月20日"): crossdept.toml's [project] year, else today's.

    Every operation reads with this one year, so two commands on the same folder and day count the
    same overdue items (a project of 2026 rerun in January 2027 still reads 12月 as 2026)."""
    return config.year or today.year


def project_name(config: "Config", books: "Iterable[Workbook]", fallback: str) -> str:
    """The project's name in titles and archive names: crossdept.toml, else the first workbook's
    说明 sheet (项目名称), else `fallback` (the folder's or the file's name)."""
    if config.project:
        return config.project
    return next((str(p) for book in books if (p := book.meta("project"))), None) or fallback


def write_outputs(writers: "Iterable[tuple[Path | None, Callable[[Path], object]]]",
                  backups: list[Path] | None = None) -> list[Path]:
    """Call each (path, writer) whose path was asked for; the paths written. A file the system
    refuses stops the operation with its name and the system's reason.

    With `backups`, a file already at a path is first copied to .crossdept-backup/ beside it
    (write/atomic.backup) and the copy's path appended: the Word minutes and the 复盘报告 are
    edited by people after crossdept wrote them, and a rerun to the same name must not lose that."""
    from crossdept.write.atomic import backup

    written = []
    for out, write in writers:
        if out is None:
            continue
        try:
            if backups is not None and out.is_file():
                backups.append(backup(out))
            write(out)
        except OSError as exc:
            raise CrossdeptError("output-unwritable", path=out, detail=exc.strerror or exc) from None
        written.append(out)
    return written


def one_line(exc: BaseException) -> str:
    """An unexpected exception as one short line, for messages that must go on."""
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
