"""The add-in as built on this machine: its VBA read back with oletools, its ribbon parsed and
checked against the registry (and Microsoft's schema), the install laid out for Windows and macOS."""

from __future__ import annotations

import inspect
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xlwings
from oletools.olevba import VBA_Parser
from typer.testing import CliRunner

from conftest import SHARED
from crossdept.cli import app
from crossdept.excel import handlers, install, registry, ribbon
from crossdept.excel.addin_build import build_addin
from crossdept.excel.dispatch import command
from crossdept.excel.errors import ExcelError
from crossdept.write.templates import build_workbook, save_workbook

NS = {"ui": ribbon.NAMESPACE}
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_addin(tmp_path_factory.mktemp("dist") / "crossdept.xlam", "zh")


@pytest.fixture(scope="module")
def vba(addin: Path) -> dict[str, str]:
    """Module name -> source, as oletools' olevba extracts them from the built file."""
    parser = VBA_Parser(str(addin))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_all_macros()}
    finally:
        parser.close()


def ribbon_root(addin: Path) -> ET.Element:
    with zipfile.ZipFile(addin) as z:
        return ET.fromstring(z.read(ribbon.PART))


# --- VBA ------------------------------------------------------------------------------------


def test_vba_holds_the_callback_and_runpython(vba: dict[str, str]) -> None:
    callback = vba[ribbon.VBA_MODULE]
    assert "Public Sub OnAction(control As IRibbonControl)" in callback
    assert "RunPython " in callback
    assert re.search(r"^Public Function RunPython\(PythonCommand As String\)", vba["xlwings"], re.M)
    assert "RibbonMyAddin" not in vba, "the quickstart's own ribbon module must be gone"


def test_vba_xlwings_version_is_the_installed_one(vba: dict[str, str]) -> None:
    found = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', vba["xlwings"])
    assert found and found.group(1) == xlwings.__version__
    assert f"xlwings64-{xlwings.__version__}.dll" in vba["xlwings"]


def test_vba_reads_the_crossdept_settings_file(vba: dict[str, str]) -> None:
    assert 'PROJECT_NAME As String = "crossdept"' in vba["xlwings"]


def test_vba_command_is_the_one_dispatch_documents(vba: dict[str, str]) -> None:
    """The command line the callback builds, with a real id put in, is dispatch.command(id)."""
    line = re.search(r'RunPython "(.*)" & control\.Id & "(.*)"', vba[ribbon.VBA_MODULE])
    assert line is not None
    for b in registry.BUTTONS:
        assert line.group(1) + b.id + line.group(2) == command(b.id)


def test_callback_source_is_ascii() -> None:
    """The VBA project's code page is 1252: Chinese in the .bas would turn into question marks."""
    ribbon.vba_module_source().encode("ascii")


# --- ribbon ---------------------------------------------------------------------------------


def test_ribbon_part_namespace_and_relationship_agree(addin: Path) -> None:
    with zipfile.ZipFile(addin) as z:
        names = z.namelist()
        rels = ET.fromstring(z.read("_rels/.rels"))
    assert "customUI/customUI.xml" not in names and ribbon.PART in names
    ui = [r for r in rels if r.get("Type", "").endswith("/ui/extensibility")]
    assert [(r.get("Type"), r.get("Target")) for r in ui] == [(ribbon.RELATIONSHIP_TYPE, ribbon.PART)]
    assert ribbon_root(addin).tag == f"{{{ribbon.NAMESPACE}}}customUI"


def test_every_button_has_a_handler_and_every_handler_a_button(addin: Path) -> None:
    root = ribbon_root(addin)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ribbon ids must be unique"
    buttons = root.findall(".//ui:button", NS)
    assert [b.get("id") for b in buttons] == [b.id for b in registry.BUTTONS]
    for element in buttons:
        found = registry.button(element.get("id"))
        assert found is not None and callable(found.handler)
        assert element.get("onAction") == ribbon.ON_ACTION
        assert element.get("label") == found.label("zh") and element.get("imageMso")
    used = [b.handler for b in registry.BUTTONS]
    exported = [getattr(handlers, name) for name in handlers.__all__]
    assert all(inspect.isfunction(f) for f in exported)
    assert sorted(used, key=id) == sorted(exported, key=id), "one button per handler, one handler per button"


def test_ribbon_escapes_and_translates() -> None:
    en = ET.fromstring(ribbon.ribbon_xml("en").encode())
    assert en.find(".//ui:tab", NS).get("label") == "Collaboration"
    assert {b.get("label") for b in en.findall(".//ui:button", NS)} == {b.label("en") for b in registry.BUTTONS}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ribbon_is_valid_against_microsofts_schema(lang: str) -> None:
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is needed to load Microsoft's ribbon schema")
    xsd = SHARED / "schemas" / "customui14.xsd"
    if not xsd.is_file():
        pytest.skip("../shared/schemas is not beside this clone (CI has it; a user's clone does not)")
    xmlschema.XMLSchema(str(xsd)).validate(io.BytesIO(ribbon.ribbon_xml(lang).encode("utf-8")))


def test_build_is_reproducible_and_atomic(addin: Path, tmp_path: Path) -> None:
    again = build_addin(tmp_path / "again.xlam", "zh")
    assert again.read_bytes() == addin.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.xlam"], "no temporary file left behind"


def test_cli_build_and_its_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "新 建" / "crossdept.xlam"
    done = runner.invoke(app, ["addin", "build", "-o", str(out), "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert zipfile.ZipFile(out).testzip() is None
    folder = runner.invoke(app, ["addin", "build", "-o", str(tmp_path), "--lang", "en"])
    assert folder.exit_code == 2 and "is a folder" in folder.output


# --- install --------------------------------------------------------------------------------


def test_install_plan_windows(tmp_path: Path) -> None:
    env = {"APPDATA": str(tmp_path / "AppData" / "Roaming"), "USERPROFILE": str(tmp_path)}
    where = install.plan("windows", tmp_path, env)
    assert where.addin == tmp_path / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "crossdept.xlam"
    assert where.config == tmp_path / ".crossdept" / "crossdept.conf"
    assert where.applescript is None


def test_install_plan_macos(tmp_path: Path) -> None:
    where = install.plan("macos", tmp_path, {})
    assert where.addin.parent == tmp_path / install.MAC_STARTUP
    assert where.config == tmp_path / "Library/Containers/com.microsoft.Excel/Data/crossdept.conf"
    assert where.applescript == tmp_path / install.MAC_SCRIPTS / f"xlwings-{xlwings.__version__}.applescript"


def _conf(path: Path, encoding: str) -> dict[str, str]:
    """Read the settings file the way xlwings' VBA GetConfigFromFile does: "KEY","value" lines."""
    pairs = re.findall(r'^"([^"]*)","([^"]*)"\r?$', path.read_bytes().decode(encoding), re.M)
    return dict(pairs)


def test_install_windows_writes_addin_and_settings(addin: Path, tmp_path: Path) -> None:
    where = install.plan("windows", tmp_path, {"USERPROFILE": str(tmp_path)})
    where.config.parent.mkdir(parents=True)
    where.config.write_bytes(b'"SHOW CONSOLE","True"\r\n"INTERPRETER_WIN","C:\\old\\python.exe"\r\n')
    python = r"C:\Users\张三\AppData\Local\Programs\Python\Python311\python.exe"
    written = install.install(addin, where, python, r"C:\Users\张三\crossdept\src")
    assert where.addin.read_bytes() == addin.read_bytes()
    assert set(written) == {where.addin, where.config}
    conf = _conf(where.config, where.encoding)
    assert conf == {"SHOW CONSOLE": "True", "INTERPRETER_WIN": python, "PYTHONPATH": r"C:\Users\张三\crossdept\src"}


def test_install_macos_adds_the_applescript(addin: Path, tmp_path: Path) -> None:
    where = install.plan("macos", tmp_path, {})
    install.install(addin, where, "/opt/homebrew/bin/python3", "/Users/li/crossdept/src")
    assert where.applescript is not None and "VbaHandler" in where.applescript.read_text(encoding="utf-8")
    assert _conf(where.config, "utf-8")["INTERPRETER_MAC"] == "/opt/homebrew/bin/python3"


def test_install_refuses_what_vba_cannot_read(addin: Path, tmp_path: Path) -> None:
    where = install.plan("windows", tmp_path, {"USERPROFILE": str(tmp_path)})
    with pytest.raises(ExcelError) as quote:
        install.install(addin, where, 'C:\\"odd"\\python.exe', "x")
    assert quote.value.rule == "addin.quote-in-path"
    with pytest.raises(ExcelError) as code_page:
        install.install(addin, where, "C:\\Users\\Zoë\\python.exe", "x")  # ë is not in GBK
    assert code_page.value.rule == "addin.path-encoding" and not where.addin.exists()


def test_cli_install(tmp_path: Path) -> None:
    runner = CliRunner()
    elsewhere = runner.invoke(app, ["addin", "install", "--lang", "en", "--home", str(tmp_path)]
                              + (["--os", "linux"]))
    assert elsewhere.exit_code == 2 and "Windows or macOS" in elsewhere.output
    done = runner.invoke(app, ["addin", "install", "--os", "macos", "--home", str(tmp_path), "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / install.MAC_STARTUP / "crossdept.xlam").is_file()
    assert "Quit Excel" in done.output
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the startup folder should be", encoding="utf-8")
    refused = runner.invoke(app, ["addin", "install", "--os", "windows", "--home", str(tmp_path), "--dest", str(blocked),
                                  "--lang", "en"])
    assert refused.exit_code == 2 and "quit it completely" in refused.output and "Traceback" not in refused.output
    workbook = tmp_path / "研发部.xlsx"
    save_workbook(build_workbook("department"), workbook)
    wrong = runner.invoke(app, ["addin", "install", "--os", "windows", "--home", str(tmp_path / "win"), "--file", str(workbook),
                                "--lang", "en"])
    assert wrong.exit_code == 2 and "is not the crossdept add-in" in wrong.output
    assert not (tmp_path / "win").exists()
