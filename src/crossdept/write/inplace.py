"""Before writing over a person's workbook: is it in use, protected, read-only, or changed since read?

Marking in place replaces the file. That must not happen behind the back of someone who has it
open (their next save would silently drop the marks, or Excel would warn about a changed file),
nor to a workbook its owner protected, nor to a read-only file (root can write it anyway), nor to
a file that changed after crossdept read it (a save in between, or another run): the marks were
planned for what was read. Each check returns a refusal with the reason; nothing is written.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from crossdept.write.ooxml import Package, local, parse_xml


@dataclass
class Refusal:
    """Why a workbook is not written: a message id (catalog_safety.py) and its facts."""

    key: str
    params: dict[str, object]


def owner_files(path: Path) -> list[Path]:
    """The lock files an editor keeps beside a workbook it has open.

    Excel and WPS: "~$" + the name (Excel drops the first two characters of long names);
    LibreOffice: ".~lock." + the name + "#"."""
    folder, name = path.parent, path.name
    names = {f"~${name}", f"~${name[2:]}" if len(name) > 2 else None, f".~lock.{name}#"}
    return [folder / n for n in sorted(n for n in names if n) if (folder / n).exists()]


def read_only(path: Path) -> bool:
    """No write permission bit at all (Windows' read-only attribute reads so too): the owner
    meant it not to change, even when this process (root, an administrator) could write it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def modify_password(pkg: Package) -> bool:
    """workbook.xml's fileSharing with a password: Excel asks for it before anyone saves."""
    if pkg.workbook is None:
        return False
    for el in parse_xml(pkg.parts[pkg.workbook]):
        if local(el) == "fileSharing":
            return any(el.get(a) for a in ("reservationPassword", "hashValue"))
    return False


def protected_sheets(pkg: Package, sheets: list[str]) -> list[str]:
    """Those of `sheets` whose sheetProtection is on (sheet="1"): their owner locked their cells."""
    out = []
    for name in sheets:
        part = pkg.sheets.get(name)
        if part is None or part not in pkg.parts:
            continue
        data = pkg.parts[part]
        if b"sheetProtection" not in data and b"\x00" not in data[:4] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
            continue  # UTF-8 XML without the element's name cannot hold it: no need to parse the sheet
        for el in parse_xml(data):
            if local(el) == "sheetProtection" and el.get("sheet") in ("1", "true"):
                out.append(name)
    return out


def before_reading(path: Path) -> Refusal | None:
    """What refuses an in-place write before the package is even opened."""
    opened = owner_files(path)
    if opened:
        return Refusal("inplace.open-elsewhere", {"lock": opened[0].name})
    if read_only(path):
        return Refusal("inplace.read-only", {})
    return None


def in_package(pkg: Package, sheets: list[str]) -> Refusal | None:
    """What refuses an in-place write, found in the package itself."""
    if modify_password(pkg):
        return Refusal("inplace.modify-password", {})
    locked = protected_sheets(pkg, sheets)
    if locked:
        return Refusal("inplace.sheet-protected", {"sheet": locked[0]})
    return None
