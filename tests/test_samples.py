"""samples/: the committed project equals a fresh run of its generator, reads right, and holds
exactly the deliberate mistakes its README lists, at the cells it names.

Every command demonstrates itself on samples/, so a sample that drifted from its generator, a
mistake that moved, or an unintended error would make every demonstration lie.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest
import python_calamine as pc
from openpyxl.utils.cell import coordinate_to_tuple

from crossdept.config import load_config
from crossdept.core.overdue import Rules, workbook_marks
from crossdept.core.submissions import Submissions
from crossdept.core.validate import validate_workbook
from crossdept.model.outputs import WORKDAYS_SHEET
from crossdept.model.sheets import COMM_PLAN
from crossdept.read import read_workbook
from crossdept.write.templates import build_workbook, save_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _load_generator():
    spec = importlib.util.spec_from_file_location("samples_generate", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
FOLDER = SAMPLES / gen.PROJECT
AS_OF = dt.date(2026, 11, 20)


def calamine_grid(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's values as an independent reader sees them."""
    book = pc.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}


def readme_mistakes() -> list[dict[str, str]]:
    """The rows of README.md's table of deliberate mistakes."""
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    section = text.split("## Deliberate mistakes", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0].isdigit():
            rows.append(dict(zip(("no", "file", "sheet", "cell", "value", "what", "rule"), cells)))
    return rows


def shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def canonical(records) -> list[dict[str, object]]:
    return [{key: cell.value for key, cell in r.cells.items()} for r in records]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("samples")
    gen.generate(root)
    return root


# --- the committed samples are the generator's ------------------------------------------------


def test_fresh_run_writes_the_same_files(fresh: Path) -> None:
    committed = sorted(p.name for p in FOLDER.iterdir() if not p.name.startswith("."))
    assert sorted(p.name for p in (fresh / gen.PROJECT).iterdir()) == committed
    assert len([n for n in committed if n.endswith(".xlsx")]) == 1 + len(gen.DEPARTMENTS) + 1  # and 客服部's copy


def test_fresh_run_equals_committed_workbooks(fresh: Path) -> None:
    for path in sorted(FOLDER.glob("*.xlsx")):
        mine, theirs = calamine_grid(fresh / gen.PROJECT / path.name), calamine_grid(path)
        assert list(mine) == list(theirs), path.name
        for name in theirs:
            assert mine[name] == theirs[name], f"{path.name}!{name} differs from a fresh run: run samples/generate.py"


def test_fresh_run_equals_committed_text(fresh: Path) -> None:
    for rel in (f"{gen.PROJECT}/crossdept.toml", "README.md"):
        assert (fresh / rel).read_text(encoding="utf-8") == (SAMPLES / rel).read_text(encoding="utf-8"), rel


def test_generator_is_deterministic(fresh: Path, tmp_path: Path) -> None:
    """Two runs write the same bytes: no random numbers, no clock in the files."""
    gen.generate(tmp_path)
    for path in sorted((fresh / gen.PROJECT).iterdir()):
        assert (tmp_path / gen.PROJECT / path.name).read_bytes() == path.read_bytes(), path.name


# --- what the workbooks hold ------------------------------------------------------------------


def expected_sheets(department: str | None) -> dict[str, int]:
    """Sheet key -> record count, from the generator's own data."""
    if department is None:
        return {"instructions": 0, "charter": len(gen.MILESTONES), "raci": len(gen.RACI_TASKS),
                "comm_plan": len(gen.COMM_PLAN), "board": 0, "issues": len(gen.PROJECT_ISSUES),
                "minutes": sum(len(m["rows"]) for m in gen.MINUTES)}
    counts = {"instructions": 0, "board": len(gen.BOARDS[department]), "issues": len(gen.ISSUES_BY_DEPT[department])}
    if department != gen.HAND_MADE:
        counts |= {"comm_plan": len(gen.comm_plan_for(department)),
                   "minutes": sum(len(m["rows"]) for m in gen.DEPT_MINUTES[department])}
    return counts


@pytest.mark.parametrize("department", [None, *gen.DEPARTMENTS])
def test_every_workbook_reads_with_its_sheets_and_records(department: str | None) -> None:
    name = gen.PROJECT_FILE if department is None else gen.dept_file(department)
    book = read_workbook(FOLDER / name, gen.YEAR)
    assert set(book.unrecognised) <= {WORKDAYS_SHEET}  # the templates' hidden working-day calendar
    assert {s.spec.key: len(s.records) for s in book.sheets} == expected_sheets(department)
    assert book.meta("project") == gen.PROJECT
    assert book.meta("department") == department


def test_the_samples_are_rich_enough() -> None:
    """What the brief asks of the story: sizes, every status, the weekly meetings and the others."""
    for department in gen.DEPARTMENTS:
        book = read_workbook(FOLDER / gen.dept_file(department), gen.YEAR)
        board, issues = book.sheet("board").records, book.sheet("issues").records
        assert 10 <= len(board) <= 20 and 5 <= len(issues) <= 10, department
        assert {"未开始", "进行中", "已完成", "阻塞"} <= {r.get("status") for r in board}, department
        assert {"待处理", "处理中"} & {r.get("status") for r in issues}, department
        assert {"已解决", "已关闭"} & {r.get("status") for r in issues}, department
    project = read_workbook(FOLDER / gen.PROJECT_FILE, gen.YEAR)
    guide = [(r["item"], r["participants"], r["frequency"]) for r in COMM_PLAN.sample_rows]
    plan = [(r.get("item"), r.get("participants"), r.get("frequency")) for r in project.sheet("comm_plan").records]
    assert plan[:3] == guide and len(plan) > 3  # the guide's three example exchanges, then the project's
    minutes = project.sheet("minutes")
    meetings = [(b.field("meeting_type"), b.field("date")) for b in minutes.blocks]
    weekly = [date for kind, date in meetings if kind == "周例会"]
    assert [dt.date(2026, 10, 30), dt.date(2026, 11, 6), dt.date(2026, 11, 13), AS_OF] == weekly
    assert {"里程碑复盘会", "问题升级会"} <= {kind for kind, _ in meetings}


def test_people_departments_and_milestones_agree_with_the_config_and_charter() -> None:
    config = load_config(FOLDER)
    assert (config.project, config.lead, config.sponsor, config.year) == (gen.PROJECT, gen.LEAD, gen.SPONSOR, 2026)
    assert config.departments == list(gen.EXPECTED_DEPARTMENTS)  # 客服部 expected, not yet submitted
    assert config.smtp is None  # commented out
    names = {p.name for p in config.people}
    assert all(p.email and p.email.endswith("@example.com") for p in config.people)
    project = read_workbook(FOLDER / gen.PROJECT_FILE, gen.YEAR)
    milestones = {r.get("milestone") for r in project.sheet("charter").records}
    deliberate = {"张 伟"}
    for department in gen.DEPARTMENTS:
        book = read_workbook(FOLDER / gen.dept_file(department), gen.YEAR)
        for record in book.sheet("board").records:
            assert record.get("milestone") in milestones, record.row
            assert record.get("department") == department
            assert record.get("owner") in names | deliberate, (department, record.row)
        for record in book.sheet("issues").records:
            assert record.get("owner") in names, (department, record.row)
            assert {record.get("raised_by"), record.get("owner_dept")} <= set(gen.DEPARTMENTS)


# --- the deliberate mistakes ------------------------------------------------------------------


def test_readme_lists_every_deliberate_mistake() -> None:
    rows = readme_mistakes()
    assert 5 <= len(rows) <= 16
    assert [(r["file"], r["rule"]) for r in rows] == [(m.file, m.rule) for m in gen.MISTAKES]


@pytest.mark.parametrize("row", readme_mistakes(), ids=lambda r: f"{r['no']}-{r['rule']}")
def test_each_mistake_is_at_its_cell(row: dict[str, str]) -> None:
    grid = calamine_grid(FOLDER / row["file"])
    assert row["sheet"] in grid
    r, c = coordinate_to_tuple(row["cell"])
    values = grid[row["sheet"]]
    raw = values[r - 1][c - 1] if r <= len(values) and c <= len(values[r - 1]) else ""
    if row["value"] == "(empty)":
        assert raw in ("", None)
    else:
        assert shown(raw) == re.match(r"`([^`]*)`", row["value"]).group(1)


@pytest.mark.parametrize("row", [r for r in readme_mistakes() if r["rule"] in ("invalid-date", "invalid-choice")],
                         ids=lambda r: r["rule"])
def test_the_reader_reports_value_mistakes_at_their_cell(row: dict[str, str]) -> None:
    book = read_workbook(FOLDER / row["file"], gen.YEAR)
    assert [(f.rule, f.sheet, f.cell) for f in book.findings] == [(row["rule"], row["sheet"], row["cell"])]


def test_validation_finds_the_listed_mistakes_and_nothing_else() -> None:
    """The workbooks validated together, as `crossdept validate *.xlsx` does: some findings are
    about two files (duplicate-department)."""
    found = set()
    config = load_config(FOLDER)
    submissions = Submissions(config, AS_OF)
    for path in sorted(FOLDER.glob("*.xlsx")):
        findings = validate_workbook(read_workbook(path, gen.YEAR), config, AS_OF, submissions)
        found |= {(path.name, f.sheet, f.cell, f.rule) for f in findings}
    found |= {(Path(f.path).name, f.sheet, f.cell, f.rule) for f in submissions.finish()}
    assert found == {(r["file"], r["sheet"], r["cell"], r["rule"]) for r in readme_mistakes()}


@pytest.mark.parametrize("name", list(gen.EXPECTED_MARKS))
def test_highlight_marks_what_the_readme_says(name: str) -> None:
    """The README's table of overdue, due-soon, stale, overdue and blocked items is crossdept's."""
    path = FOLDER / name
    book = read_workbook(path, gen.YEAR)
    marks = workbook_marks(book, Rules.from_config(load_config(path), AS_OF, book))
    found: dict[str, list[str]] = {}
    for mark in marks.issues:
        found.setdefault(mark.state, []).append(str(mark.record.get("id")))
    for mark in marks.tasks:
        found.setdefault("task_overdue" if mark.state == "overdue" else mark.state, []).append(str(mark.record.get("id")))
    assert {k: tuple(v) for k, v in found.items()} == gen.EXPECTED_MARKS[name]


# --- 财务部's hand-made layout ----------------------------------------------------------------


def test_hand_made_workbook_reads_like_the_template(tmp_path: Path) -> None:
    """Its text dates, "80%", English and spaced statuses read to what a template would hold."""
    department = gen.HAND_MADE
    data = {"board": gen.BOARDS[department], "issues": gen.ISSUES_BY_DEPT[department]}
    template = save_workbook(build_workbook("department", project=gen.PROJECT, department=department, data=data),
                             tmp_path / "template.xlsx")
    hand, tmpl = read_workbook(FOLDER / gen.dept_file(department), gen.YEAR), read_workbook(template, gen.YEAR)
    assert hand.findings == [] and tmpl.findings == []
    for key in ("board", "issues"):
        assert canonical(hand.sheet(key).records) == canonical(tmpl.sheet(key).records), key
        # It really is another layout: other sheet names, a title block, extra columns, typed values.
        assert hand.sheet(key).name != tmpl.sheet(key).name
        assert hand.sheet(key).header.row > 1 and hand.sheet(key).header.extra
        assert hand.sheet(key).header.columns != tmpl.sheet(key).header.columns
    raws = [c.raw for r in hand.sheet("board").records for c in r.cells.values()]
    assert any(isinstance(v, str) and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", v) for v in raws)
    assert any(isinstance(v, str) and re.fullmatch(r"\d{4}/\d{2}/\d{2}", v) for v in raws)
    assert any(isinstance(v, str) and v.endswith("%") for v in raws)
    assert {"Done", "Blocked", "已完成\u3000"} <= {v for v in raws if isinstance(v, str)}
