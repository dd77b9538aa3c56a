"""The shipped minutes template: what its build script makes, with East Asian fonts named."""

from __future__ import annotations

import zipfile
from pathlib import Path

from crossdept.resources.build_minutes_template import build
from crossdept.write.minutes_docx import default_template

PARTS = ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        return {p: z.read(p) for p in PARTS if p in names}


def test_committed_template_is_what_the_script_builds(tmp_path: Path) -> None:
    fresh = _parts(build(tmp_path / "minutes.docx"))
    assert set(fresh) >= {"word/document.xml", "word/styles.xml"}
    assert _parts(default_template()) == fresh, "run src/crossdept/resources/build_minutes_template.py and commit"


def test_template_names_east_asian_fonts() -> None:
    styles = _parts(default_template())["word/styles.xml"].decode("utf-8")
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles
    assert 'w:eastAsia="zh-CN"' in styles
    assert "eastAsiaTheme" not in styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
