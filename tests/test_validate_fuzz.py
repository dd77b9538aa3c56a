"""Validation never fails on what people type: any grid, any header order, any value.

Hypothesis builds sheets from crossdept's own headers (shuffled, some missing, some doubled) and
values of every kind a cell may hold; whatever comes in, every finding must have a registered
rule, render in both languages, and point at a cell on its own row.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossdept.config import Config, Person
from crossdept.core.validate import validate_workbook
from crossdept.findings import RULE_SEVERITY
from crossdept.model.sheets import ALL_SHEETS
from crossdept.read import RawSheet, RawWorkbook, read_grids

ROSTER = Config(departments=["研发", "市场"], people=[Person("张伟", "研发")])
REF = re.compile(r"^([A-Z]+)(\d+)$")

values = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "已完成", "完成了", "一级", "R/A", "A", "X", "张伟", "张 伟", "研发部", "=1+1",
                     "2026-11-20", "11月31日", "80%", "abc", "T1", "t1", "会议名称", "日期：2026-11-20"]),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.integers(-5, 50000),
    st.floats(-2, 200, allow_nan=False),
    st.text(max_size=6),
)


@st.composite
def sheets(draw: st.DrawFn) -> RawSheet:
    spec = draw(st.sampled_from(ALL_SHEETS))
    labels = [c.header for c in (*spec.columns, *spec.fields)] + ["研发", "市场", "备注X"]
    header = draw(st.lists(st.sampled_from(labels), min_size=1, max_size=10))
    width = len(header)
    rows = draw(st.lists(st.lists(values, min_size=width, max_size=width), max_size=8))
    top = draw(st.lists(st.lists(values, min_size=2, max_size=2), max_size=3))
    return RawSheet(spec.name, [*top, header, *rows])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sheets(), min_size=1, max_size=3, unique_by=lambda s: s.name))
def test_any_grid_gives_well_formed_findings(raw_sheets: list[RawSheet]) -> None:
    book = read_grids(RawWorkbook("x.xlsx", raw_sheets), 2026)
    for finding in validate_workbook(book, ROSTER, dt.date(2026, 11, 20)):
        assert finding.rule in RULE_SEVERITY
        assert finding.message("zh") and finding.message("en")
        if finding.cell is not None:
            m = REF.match(finding.cell)
            assert m is not None and int(m.group(2)) == finding.row, finding
