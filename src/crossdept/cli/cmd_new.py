"""`crossdept new -o FILE` and `crossdept templates build [DIR]`: workbooks from the sheet model.

`new` gives a person a workbook with the project and department already filled in; `templates
build` rewrites the committed xlsx_templates/, which a test keeps equal to a fresh build.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from crossdept.cli.common import EXIT_OK, JsonOpt, LangOpt, TodayOpt, app, guarded, start

templates_app = typer.Typer(help="The committed templates (xlsx_templates/). 模板。", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


class Kind(str, Enum):
    department = "department"
    project = "project"


def repo_templates_dir() -> Path:
    """xlsx_templates/ of the source tree this module runs from, else of the current folder."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "crossdept").is_dir():
            return parent / "xlsx_templates"
    return Path.cwd() / "xlsx_templates"


@app.command()
@guarded
def new(
    output: Annotated[Path, typer.Option("-o", "--output", help="The workbook to write (.xlsx).")],
    project: Annotated[str | None, typer.Option("--project", help="Project name, written into 说明 and the titles.")] = None,
    department: Annotated[str | None, typer.Option("--department", help="Department, written into 说明 and the titles.")] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="department: 说明 and the four working sheets; project: also 项目章程 and RACI矩阵.")] = Kind.department,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file (after a backup beside it).")] = False,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Write a new workbook from the templates, names filled in. 新建工作簿。"""
    run = start(lang, today)
    from crossdept.ops.new import new as run_new  # here: --help loads no use case
    result = run_new(output, project=project, department=department, kind=kind.value, force=force,
                     today=run.today, lang=run.lang)
    if result.backup is not None:
        run.say("backup-made", path=str(result.backup))
    run.say("wrote", path=str(result.output))
    if json_out:
        run.emit_json(result.to_json())
    raise typer.Exit(result.exit_code)


@templates_app.command("build")
@guarded
def build(
    folder: Annotated[Path | None, typer.Argument(help="Where to write them (default: xlsx_templates/ of the repo).")] = None,
    lang: LangOpt = None,
) -> None:
    """Rewrite the guide's three templates and the department and project workbooks. 生成模板。"""
    run = start(lang, None)
    target = folder or repo_templates_dir()
    if target.exists() and not target.is_dir():
        raise run.fail("templates.not-folder", path=str(target))
    try:
        from crossdept.write.templates import build_templates  # openpyxl: not on every start (--help)

        written = build_templates(target)
    except OSError as exc:
        raise run.fail("output-unwritable", path=str(target), detail=exc.strerror or type(exc).__name__) from None
    for path in written:
        run.say("wrote", path=str(path))
    run.say("templates.built", folder=str(target), count=len(written))
    raise typer.Exit(EXIT_OK)

