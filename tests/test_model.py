"""The sheet model is consistent: no header or value means two things inside one sheet."""

from __future__ import annotations

import pytest

from crossdept.model import ALL_SHEETS, WORKBOOK_KINDS, ColumnType
from crossdept.model.text import match_key, split_names


def test_every_header_key_names_one_column_per_sheet() -> None:
    for spec in ALL_SHEETS:
        for group in (spec.columns, spec.fields):
            seen: dict[str, str] = {}
            for col in group:
                for key in col.header_keys:
                    assert key not in seen, f"{spec.name}: {key!r} names both {seen[key]} and {col.key}"
                    seen[key] = col.key


def test_every_sheet_name_key_is_unique() -> None:
    seen: dict[str, str] = {}
    for spec in ALL_SHEETS:
        for key in spec.name_keys:
            assert key not in seen, f"{key!r} names both {seen[key]} and {spec.key}"
            seen[key] = spec.key


def test_columns_are_complete() -> None:
    for spec in ALL_SHEETS:
        keys = [c.key for c in (*spec.columns, *spec.fields)]
        assert len(keys) == len(set(keys)), spec.name
        for col in (*spec.columns, *spec.fields):
            assert col.help_zh and col.help_en, f"{spec.name}.{col.header} lacks help"
            assert (col.type is ColumnType.ENUM) == (col.choices is not None), f"{spec.name}.{col.header}"
        for key in spec.key_columns:
            assert spec.column(key)


def test_choices_spellings_are_unambiguous() -> None:
    for spec in ALL_SHEETS:
        for col in spec.columns + spec.fields:
            if col.choices is None:
                continue
            owners: dict[str, str] = {}
            for choice in col.choices.items:
                for key in choice.keys():
                    assert owners.setdefault(key, choice.value) == choice.value, (col.header, key)


def test_workbook_kinds_follow_domain() -> None:
    assert [s.name for s in WORKBOOK_KINDS["department"]] == ["说明", "沟通计划表", "进度看板", "问题跟踪表", "会议纪要"]
    assert {s.name for s in WORKBOOK_KINDS["project"]} >= {"项目章程", "RACI矩阵"}


def test_match_key_is_lenient_in_the_documented_ways() -> None:
    assert match_key("  问题 编号* ") == match_key("问题编号")
    assert match_key("Planned  Finish") == match_key("planned-finish") == match_key("PLANNED_FINISH")
    assert match_key("ＩＤ") == match_key("id")


def test_cell_references_round_trip_like_excel() -> None:
    from crossdept.cellref import cell_ref, column_index, column_letter

    for col, letters in ((1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA"), (16384, "XFD")):
        assert column_letter(col) == letters and column_index(letters) == col and column_index(letters.lower()) == col
    assert cell_ref(4, 7) == "D7"
    for bad in (0, 16385):
        with pytest.raises(ValueError):
            column_letter(bad)
    with pytest.raises(ValueError):
        column_index("A1")


def test_split_names_reads_every_separator_people_type_in_one_cell() -> None:
    for cell in ("运营部、市场部", "运营部，市场部", "运营部,市场部", "运营部；市场部", "运营部/市场部", "运营部／市场部",
                 "运营部\n市场部", "运营部\r\n市场部", " 运营部 、 市场部 "):
        assert split_names(cell) == ["运营部", "市场部"], cell
    assert split_names("张伟、李娜、张伟") == ["张伟", "李娜"]  # each once, in order
    assert split_names(None) == split_names("  ") == split_names("、/") == []
    assert split_names(12.0) == ["12"]  # a number read from a cell, as the cell shows it


def test_split_names_spaces_separate_chinese_names_but_not_latin_ones() -> None:
    assert split_names("张 伟") == ["张 伟"]  # default: a space may be inside one name
    assert split_names("IT 部、运营部") == ["IT 部", "运营部"]
    assert split_names("张伟 李娜", spaces=True) == ["张伟", "李娜"]
    assert split_names("张伟\u3000李娜", spaces=True) == ["张伟", "李娜"]  # a full-width space
    assert split_names("Zhang Wei, Li  Na", spaces=True) == ["Zhang Wei", "Li Na"]
    assert split_names("PMO 王强 Anne-Marie O'Brien", spaces=True) == ["PMO", "王强", "Anne-Marie O'Brien"]


def test_split_names_joiners_only_for_the_communication_plans_phrases() -> None:
    assert split_names("各部门负责人+发起人", spaces=True, joiners=True) == ["各部门负责人", "发起人"]
    assert split_names("研发部和市场部以及运营部＆财务部", joiners=True) == ["研发部", "市场部", "运营部", "财务部"]
    # Elsewhere 和, 及 and & are inside names.
    assert split_names("人力资源及行政部、和平") == ["人力资源及行政部", "和平"]
    assert split_names("R&D") == ["R&D"]
