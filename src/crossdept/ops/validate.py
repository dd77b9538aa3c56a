"""Validation: every finding of every recognised sheet, at its cell; optionally an annotated copy.

`validate()` is `crossdept validate`; `check_book()` judges a workbook already read (the weekly
run). One bad file never stops the others. Statuses and exit codes (docs/rules.md):

- "ok": read, no error finding (warnings may be listed); "invalid": at least one error finding,
  including a workbook with no crossdept sheet at all (nothing could be checked);
  "unreadable": the file could not be read; "skipped": an Excel lock file (~$name.xlsx).
- exit 2 when any file is unreadable or skipped (or an annotated copy could not be written),
  else 1 when any file is invalid, else 0. Warnings alone exit 0.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from crossdept import i18n
from crossdept.config import Config, ConfigError, find_config, load_config
from crossdept.core.submissions import Submissions
from crossdept.core.minutes_followup import MinutesCollector, attach
from crossdept.core.validate import validate_workbook
from crossdept.core.validate.milestones import AcrossFiles
from crossdept.core.validate.result import FileResult, report_json
from crossdept.errors import CrossdeptError
from crossdept.findings import Finding
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path,
                                  as_paths, as_today, default_year, one_line)
from crossdept.read import Workbook, WorkbookError, read_workbook


class Configs:
    """crossdept.toml per folder, read once however many files share it, and what the files of
    each project sent (core/submissions.py): files sharing a crossdept.toml are checked together."""

    def __init__(self, today: dt.date) -> None:
        self._by_path: dict[Path | None, Config] = {}
        self._today = today
        self.submissions: dict[Path | None, Submissions] = {}
        self.milestones: dict[Path | None, AcrossFiles] = {}  # milestone rules over the project's files
        self.minutes: dict[Path | None, MinutesCollector] = {}  # minutes-missing over the project's files
        self._found: dict[Path, Path | None] = {}

    def for_file(self, path: Path) -> Config:
        found = self._found[path] = find_config(path)
        if found not in self._by_path:
            self._by_path[found] = load_config(path) if found else Config()
            self.submissions[found] = Submissions(self._by_path[found], self._today)
            self.milestones[found] = AcrossFiles(self._by_path[found], self._today)
            self.minutes[found] = MinutesCollector()
        return self._by_path[found]

    def submissions_for(self, path: Path) -> Submissions:
        """The project's Submissions of a file for_file has configured."""
        return self.submissions[self._found[path]]

    def milestones_for(self, path: Path) -> AcrossFiles:
        """The project's milestone rules over its files (core/validate/milestones.py)."""
        return self.milestones[self._found[path]]

    def minutes_for(self, path: Path) -> MinutesCollector:
        """The project's weekly-minutes collector (core/minutes_followup.py)."""
        return self.minutes[self._found[path]]

    def minutes_findings(self) -> list[Finding]:
        """`minutes-missing` of each project whose files given include the project workbook's 会议纪要
        (where the weekly run places it): department files given without it (their templates have
        an empty 会议纪要 too) cannot tell whether the project's meetings were written up."""
        return [f for found, collector in self.minutes.items() if collector.has_project_minutes
                for f in collector.findings(self._by_path[found], self._today)]


def check_book(path: Path, book: Workbook, config: Config, today: dt.date,
               submissions: Submissions | None = None) -> FileResult:
    """A workbook already read, judged: "invalid" when any finding is an error. `submissions`
    holds the other files of the run, for the findings across files."""
    findings = validate_workbook(book, config, today, submissions)
    return FileResult(path, "invalid" if any(f.severity == "error" for f in findings) else "ok", None, findings)


def add_finished(results: list[FileResult], submissions: Submissions) -> None:
    """The findings only the whole run can tell (duplicate-department: one on each workbook), to
    their files' results; warnings, so the statuses stand."""
    by_path = {str(r.path): r for r in results}
    for finding in submissions.finish():
        by_path[str(finding.path)].findings.append(finding)


def check_file(path: Path, configs: Configs, today: dt.date, lang: str) -> FileResult:
    """Read and judge one file; a file that cannot be read is a result with its reason, never a stop."""
    try:
        config = configs.for_file(path)
        book = read_workbook(path, default_year(config, today))
        configs.milestones_for(path).add(path, book)  # kept: only what milestones need
        configs.minutes_for(path).add(book)
        return check_book(path, book, config, today, configs.submissions_for(path))
    except WorkbookError as exc:
        return FileResult(path, exc.status, exc.message(lang), [])
    except ConfigError as exc:
        return FileResult(path, "unreadable", exc.message(lang), [])
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not stop the others
        if os.environ.get("CROSSDEPT_DEBUG"):
            raise
        return FileResult(path, "unreadable", i18n.t("validate.file-failed", lang, path=str(path), detail=one_line(exc)), [])


@dataclass
class Annotation:
    """One annotated copy: where it went, or why it could not be written."""

    path: Path | None
    values_only: bool = False
    error: str | None = None


@dataclass
class ValidateResult:
    files: list[FileResult]
    lang: str
    annotations: list[Annotation | None] = field(default_factory=list)  # each file's copy (None: none made)

    def to_json(self) -> dict[str, object]:
        """interface.md's validate JSON: exactly what `crossdept validate --json` prints."""
        return report_json(self.files, self.lang)

    @property
    def exit_code(self) -> int:
        if any(r.error is not None for r in self.files) or any(a and a.error for a in self.annotations):
            return EXIT_UNREADABLE
        return EXIT_ATTENTION if any(r.status == "invalid" for r in self.files) else EXIT_OK


def validate(files: PathArg | list[PathArg], *, annotate: PathArg | None = None, today: DateLike = None,
             lang: str | None = None) -> ValidateResult:
    """`crossdept validate FILE... [--annotate DIR]`: check every file; copies marked up into DIR."""
    from crossdept.write.annotate import annotate as write_annotated

    paths, day, language = as_paths(files), as_today(today), as_lang(lang)
    folder = as_path(annotate) if annotate is not None else None
    if folder is not None and folder.exists() and not folder.is_dir():
        raise CrossdeptError("validate.annotate-not-folder", path=str(folder))
    configs = Configs(day)
    result = ValidateResult([check_file(path, configs, day, language) for path in paths], language)
    for submissions in configs.submissions.values():
        add_finished(result.files, submissions)
    for across in configs.milestones.values():  # warnings: the statuses stand
        attach(across.findings(), result.files)
    attach(configs.minutes_findings(), result.files)
    written = {path.resolve() for path in paths}  # no annotated copy may take an input's name
    for path, checked in zip(paths, result.files):
        result.annotations.append(None)
        if folder is None or checked.error is not None:
            continue
        try:
            done = write_annotated(path, checked.findings, folder, language, written)
        except Exception as exc:  # noqa: BLE001 - a copy that cannot be written must not stop the others
            error = i18n.t("validate.annotate-failed", language, path=str(path), detail=one_line(exc))
            result.annotations[-1] = Annotation(None, error=error)
        else:
            result.annotations[-1] = Annotation(done.path, done.values_only)
    return result
