"""`crossdept addin build`: make crossdept.xlam on any machine, with no Excel.

The add-in starts from the ribbon add-in that the pinned xlwings release ships inside its own
package (quickstart_addin_ribbon.xlam). Its VBA already holds xlwings' RunPython for exactly
that release, so the add-in and the Python package can never disagree about the version.
Three things change:

- the ribbon: the quickstart's customUI.xml is replaced by customUI14.xml generated from the
  button registry, in the Office 2010+ namespace under its matching relationship type;
- the VBA: the quickstart's RibbonMyAddin module goes, our callback module
  (resources/macros/CrossdeptRibbon.bas) comes in, and xlwings' PROJECT_NAME becomes
  "crossdept" so the add-in reads its own settings file (install.py writes it);
- the add-in's settings sheet is renamed to match that project name.

VBA is written with pyOpenVBA, a maintained pure-Python reader and writer of vbaProject.bin
(docs/excel.md says why it and not ms-ovba). Nothing binary lives in the repository.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import xlwings
from pyopenvba import ExcelFile

from crossdept.excel import PROJECT_NAME, ribbon
from crossdept.excel.errors import ExcelError
from crossdept.write.atomic import write_atomic

TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
TEMPLATE_RIBBON_PART = "customUI/customUI.xml"
TEMPLATE_MODULE = "RibbonMyAddin"
XLWINGS_MODULE = "xlwings"
CONF_SHEET = (b'name="_myaddin.conf"', f'name="_{PROJECT_NAME}.conf"'.encode())

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_VERSION_RE = re.compile(r'XLWINGS_VERSION As String = "([^"]+)"')
_PROJECT_RE = re.compile(r'(PROJECT_NAME As String = )"[^"]*"')


def template_path() -> Path:
    """The ribbon add-in inside the installed xlwings package."""
    return Path(xlwings.__file__).resolve().parent / TEMPLATE_NAME


def build_addin(out: Path, lang: str = "zh") -> Path:
    """Write the add-in to `out` (atomically: a failed build leaves no half-written file)."""
    source = template_path()
    if not source.is_file():
        raise ExcelError("addin.template-missing", path=str(source), version=xlwings.__version__)
    xml = ribbon.ribbon_xml(lang)

    def write(tmp: Path) -> None:
        _repackage(source, tmp, xml)
        _set_vba(tmp)

    return write_atomic(Path(out), write)


def _repackage(source: Path, target: Path, ribbon_xml: str) -> None:
    """Copy the template's parts, swapping in our ribbon and pointing its relationship at it."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        if TEMPLATE_RIBBON_PART not in names or "_rels/.rels" not in names:
            raise ExcelError("addin.template-unexpected", path=str(source), detail="customUI")
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == TEMPLATE_RIBBON_PART:
                continue
            if info.filename == "_rels/.rels":
                data = _point_rels_at_ribbon(data)
            elif info.filename == "xl/workbook.xml":
                if data.count(CONF_SHEET[0]) != 1:
                    raise ExcelError("addin.template-unexpected", path=str(source), detail="_myaddin.conf")
                data = data.replace(*CONF_SHEET)
            zout.writestr(info, data)
        # Dated like its neighbours, so that a build of the same registry is the same file.
        part = zipfile.ZipInfo(ribbon.PART, date_time=zin.getinfo("_rels/.rels").date_time)
        zout.writestr(part, ribbon_xml.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


def _point_rels_at_ribbon(data: bytes) -> bytes:
    ET.register_namespace("", RELS_NS)
    root = ET.fromstring(data)
    found = [r for r in root if r.get("Type", "").endswith("/ui/extensibility")]
    if len(found) != 1:
        raise ExcelError("addin.template-unexpected", path=TEMPLATE_NAME, detail="ui/extensibility")
    found[0].set("Type", ribbon.RELATIONSHIP_TYPE)
    found[0].set("Target", ribbon.PART)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _set_vba(path: Path) -> None:
    """Our callback module in, the quickstart's out, xlwings' project name set to ours."""
    with ExcelFile(str(path)) as book:
        source = book.get_module(XLWINGS_MODULE)
        version = _VERSION_RE.search(source)
        if version is None or version.group(1) != xlwings.__version__:
            raise ExcelError("addin.version-mismatch", found=version.group(1) if version else "?",
                             version=xlwings.__version__)
        renamed, count = _PROJECT_RE.subn(rf'\1"{PROJECT_NAME}"', source)
        if count != 1:
            raise ExcelError("addin.template-unexpected", path=TEMPLATE_NAME, detail="PROJECT_NAME")
        book.set_module(XLWINGS_MODULE, renamed)
        project = book.vba_project()
        project.delete_module(TEMPLATE_MODULE)
        project.add_module(ribbon.VBA_MODULE, ribbon.vba_module_source())
        book.save()
