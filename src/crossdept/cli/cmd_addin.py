"""`crossdept addin build` / `crossdept addin install`: the Excel add-in with the 协作助手 ribbon tab.

Building needs no Excel (any OS); installing puts the add-in where Excel on Windows or macOS
loads it and writes the settings its RunPython reads (docs/excel.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from crossdept.cli.common import EXIT_OK, LangOpt, Run, app, guarded, start
from crossdept.excel import ADDIN_NAME

addin_app = typer.Typer(name="addin", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                        help="The Excel add-in with the 协作助手 ribbon tab. Excel 加载项。")
app.add_typer(addin_app)

DEFAULT_OUT = Path("dist") / ADDIN_NAME


def _build(run: Run, output: Path) -> Path:
    from crossdept.excel.addin_build import build_addin  # xlwings and pyOpenVBA: only when building

    if output.is_dir():
        raise run.fail("output-exists-folder", path=output)
    try:
        return build_addin(output, run.lang)
    except OSError as exc:
        raise run.fail("output-unwritable", path=output, detail=exc.strerror or exc) from None


@addin_app.command("build")
@guarded
def build(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the add-in.")] = DEFAULT_OUT,
    lang: LangOpt = None,
) -> None:
    """Make the add-in (.xlam) from the xlwings template; needs no Excel. 生成 Excel 加载项。"""
    run = start(lang, None)
    path = _build(run, output)
    run.say("wrote", path=path)
    raise typer.Exit(EXIT_OK)


@addin_app.command("install")
@guarded
def install(
    file: Annotated[Path | None, typer.Option("--file", help="An add-in made by `addin build` (default: build one now).")] = None,
    target_os: Annotated[str | None, typer.Option("--os", help="windows or macos (default: this computer's).")] = None,
    home: Annotated[Path | None, typer.Option("--home", help="The user's home folder (default: yours).")] = None,
    dest: Annotated[Path | None, typer.Option("--dest", help="Excel's startup folder, when it is not the usual one.")] = None,
    interpreter: Annotated[str | None, typer.Option("--interpreter", help="The Python that runs crossdept (default: this one).")] = None,
    lang: LangOpt = None,
) -> None:
    """Install the add-in where Excel loads it and configure its Python. 安装 Excel 加载项。"""
    from crossdept.excel import install as installer

    run = start(lang, None)
    target = target_os.lower() if target_os else installer.current_os()
    if target not in ("windows", "macos"):
        raise run.fail("addin.unsupported-os", os=target_os or sys.platform)
    where = installer.plan(target, home or Path.home(), os.environ, dest)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        addin = file or _build(run, Path(tmp) / ADDIN_NAME)
        try:
            written = installer.install(addin, where, interpreter or sys.executable, installer.default_pythonpath())
        except OSError as exc:  # most often Excel still running with the old add-in loaded
            raise run.fail("addin.unwritable", path=exc.filename or where.addin, detail=exc.strerror or exc) from None
    for path in written:
        run.say("wrote", path=path)
    run.say("addin.installed", os=target)
    raise typer.Exit(EXIT_OK)
