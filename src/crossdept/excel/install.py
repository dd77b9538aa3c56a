"""`crossdept addin install`: put crossdept.xlam where Excel loads it, and tell it which Python to run.

Excel loads every add-in in the user's startup folder when it starts. The add-in's VBA is
xlwings' RunPython, which reads its settings (interpreter, PYTHONPATH) from a small text file
whose place is fixed by xlwings' PROJECT_NAME, "crossdept" in our build (addin_build.py):

- Windows: %USERPROFILE%\\.crossdept\\crossdept.conf, read by VBA in the ANSI code page
  (GBK on Chinese Windows), so it is written in that encoding;
- macOS: ~/Library/Containers/com.microsoft.Excel/Data/crossdept.conf (Excel's sandbox), and
  RunPython there goes through xlwings' AppleScript, which must sit in Excel's script folder.

Each line is `"KEY","value"`, the format VBA's Write # produces and xlwings' GetConfig reads.
The places are computed by a pure function (`plan`) so they can be tested on any system.
"""

from __future__ import annotations

import locale
import shutil
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import xlwings

from crossdept.excel import ADDIN_NAME, PROJECT_NAME, ribbon
from crossdept.excel.errors import ExcelError
from crossdept.write.atomic import write_atomic, write_bytes_atomic

TargetOS = Literal["windows", "macos"]
MAC_STARTUP = Path("Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel")
MAC_SANDBOX = Path("Library/Containers/com.microsoft.Excel/Data")
MAC_SCRIPTS = Path("Library/Application Scripts/com.microsoft.Excel")


@dataclass(frozen=True)
class InstallPlan:
    os: TargetOS
    addin: Path  # where the .xlam goes
    config: Path  # the settings file RunPython reads
    encoding: str  # how VBA will read that file
    applescript: Path | None  # macOS: where xlwings' AppleScript goes


def current_os() -> TargetOS | None:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return None


def plan(target: TargetOS, home: Path, env: Mapping[str, str], dest: Path | None = None) -> InstallPlan:
    """Where everything goes for a user whose home folder is `home`."""
    if target == "windows":
        appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
        profile = Path(env["USERPROFILE"]) if env.get("USERPROFILE") else home
        folder = dest or appdata / "Microsoft" / "Excel" / "XLSTART"
        return InstallPlan("windows", folder / ADDIN_NAME, profile / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf",
                           locale.getencoding() if sys.platform.startswith("win") else "gbk", None)
    folder = dest or home / MAC_STARTUP
    script = f"xlwings-{xlwings.__version__}.applescript"
    return InstallPlan("macos", folder / ADDIN_NAME, home / MAC_SANDBOX / f"{PROJECT_NAME}.conf", "utf-8",
                       home / MAC_SCRIPTS / script)


def settings(target: TargetOS, interpreter: str, pythonpath: str) -> dict[str, str]:
    """The keys xlwings' RunPython reads: the interpreter for this OS and where crossdept is importable."""
    key = "INTERPRETER_WIN" if target == "windows" else "INTERPRETER_MAC"
    return {key: interpreter, "PYTHONPATH": pythonpath}


def merge_config(existing: str, values: dict[str, str]) -> str:
    """The settings file with `values` set and every other line kept (a user's own settings survive)."""
    keys = {f'"{k.upper()}"' for k in values}
    kept = [line for line in existing.splitlines() if line.strip() and line.split(",")[0].upper() not in keys]
    return "\r\n".join([*kept, *(f'"{k}","{v}"' for k, v in values.items())]) + "\r\n"


def is_addin(path: Path) -> bool:
    """Whether `path` is an add-in `addin build` made: a package holding macros and our ribbon.

    Excel would otherwise load a workbook named crossdept.xlam at every start and complain about
    its format each time, far from the command that put it there.
    """
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return {"xl/vbaProject.bin", ribbon.PART} <= names


def install(addin: Path, where: InstallPlan, interpreter: str, pythonpath: str) -> list[Path]:
    """Copy the add-in and write the settings; returns what was written."""
    if not addin.is_file():
        raise ExcelError("addin.missing", path=str(addin))
    if not is_addin(addin):
        raise ExcelError("addin.not-addin", path=str(addin))
    values = settings(where.os, interpreter, pythonpath)
    for key, value in values.items():
        if '"' in value:
            raise ExcelError("addin.quote-in-path", setting=key, value=value)
    old = ""
    if where.config.is_file():
        old = where.config.read_bytes().decode(where.encoding, errors="replace")
    text = merge_config(old, values)
    try:
        data = text.encode(where.encoding)
    except UnicodeEncodeError:
        raise ExcelError("addin.path-encoding", path=interpreter, encoding=where.encoding) from None
    written = [write_atomic(where.addin, lambda tmp: shutil.copyfile(addin, tmp)),
               write_bytes_atomic(where.config, data)]
    if where.applescript is not None:
        script = Path(xlwings.__file__).resolve().parent / where.applescript.name
        written.append(write_atomic(where.applescript, lambda tmp: shutil.copyfile(script, tmp)))
    return written


def default_pythonpath() -> str:
    """The folder crossdept is imported from, so RunPython finds it even outside site-packages."""
    import crossdept

    return str(Path(crossdept.__file__).resolve().parent.parent)
