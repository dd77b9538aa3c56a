"""docs/api.md's examples run as written (doctest), so the Python API's documentation cannot drift."""

from __future__ import annotations

import doctest
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_api_md_examples_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)  # the examples name samples/ relative to the repository
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # and write into tempfile.mkdtemp(): here
    monkeypatch.setenv("CROSSDEPT_LANG", "zh")
    failed, attempted = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, encoding="utf-8",
                                         optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted >= 30 and failed == 0
