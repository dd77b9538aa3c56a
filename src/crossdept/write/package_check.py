"""Would a written workbook lose anything? Compare two packages before a file is replaced.

Checked, sheet by sheet name so that differently named parts still compare: the kinds of part
(charts, drawings, images, comments, VBA, controls, pivot caches, custom XML... by content type),
the features a worksheet refers to (drawings, form controls, tables, merged cells, validations,
extensions), and every cell's value and formula outside the column crossdept owns. Any kind, feature
or cell that is fewer or different afterwards is reported; the writer then refuses.
"""

from __future__ import annotations

import posixpath
from collections import Counter

from lxml import etree

from crossdept.write.marks import is_mark_formula
from crossdept.write.ooxml import Package, PackageError, local, number_cells, parse_xml
from crossdept.write.xlsx_marks import split_ref

# Worksheet elements whose count must not drop.
FEATURES = ("drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObject", "control", "tablePart",
            "hyperlink", "dataValidation", "mergeCell", "extLst", "AlternateContent", "conditionalFormatting",
            "sheetProtection", "autoFilter", "rowBreaks", "colBreaks")

# Parts derived from cells, which the cell comparison covers; a writer may drop or rebuild them.
DERIVED_KINDS = ("sharedStrings", "calcChain")
# What a drawing part holds: shapes and text boxes, pictures, charts and other frames, groups, connectors.
DRAWING_OBJECTS = ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")

Contents = dict[str, tuple[str | None, str | None]]  # cell ref -> (value as text, formula)


def part_kinds(pkg: Package) -> Counter[str]:
    """How many parts of each content type, named by the type's last word (chart, drawing, png...)."""
    types = pkg.parts.get("[Content_Types].xml")
    defaults, overrides = {}, {}
    for el in parse_xml(types) if types is not None else ():
        if local(el) == "Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif local(el) == "Override":
            overrides[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
    kinds: Counter[str] = Counter()
    for name in pkg.parts:
        if name.endswith("/") or name == "[Content_Types].xml" or name.endswith(".rels"):
            continue
        ctype = overrides.get(name) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
        short = ctype.split("/")[-1].removesuffix("+xml").split(".")[-1] or posixpath.splitext(name)[1]
        if short in DERIVED_KINDS:
            continue
        kinds[short] += 1
        if short == "drawing":
            for el in parse_xml(pkg.parts[name]).iter():
                if local(el) in DRAWING_OBJECTS:
                    kinds[f"drawing {local(el)}"] += 1
    return kinds


def shared_strings(pkg: Package) -> list[str]:
    name = next((p for p in pkg.parts if p.lower().endswith("sharedstrings.xml")), None)
    if name is None:
        return []
    return ["".join(t.text or "" for t in si.iter() if local(t) == "t")
            for si in parse_xml(pkg.parts[name]) if local(si) == "si"]


def _cell(el: etree._Element, sst: list[str], kinds: dict[object, str]) -> tuple[str | None, str | None]:
    """A cell's (value, formula); `kinds` caches each tag's local name (a few tags, 100,000s of cells)."""
    value = formula = None
    for child in el:
        kind = kinds.get(child.tag)
        if kind is None:
            kind = kinds[child.tag] = local(child)
        if kind == "v":
            value = child.text
        elif kind == "f":
            formula = child.text or f"shared:{child.get('si')}"
        elif kind == "is":
            value = "".join(t.text or "" for t in child.iter() if local(t) == "t")
    if el.get("t") == "s" and value is not None:
        try:
            value = sst[int(value)]
        except (ValueError, IndexError):
            pass
    return value, formula


def sheet_contents(xml: bytes, sheet: str, sst: list[str]) -> tuple[Counter[str], Contents]:
    """A worksheet's feature counts and each non-empty cell's (value, formula)."""
    root = parse_xml(xml)
    number_cells(root)
    ns = etree.QName(root).namespace or ""
    features: Counter[str] = Counter()
    cells: Contents = {}
    kinds: dict[object, str] = {}
    for part in root:
        if local(part) == "sheetData":
            for el in part.iter(f"{{{ns}}}c"):
                value, formula = _cell(el, sst, kinds)
                if value is not None or formula is not None:
                    cells[el.get("r", "")] = (value, formula)
            continue
        if local(part) == "conditionalFormatting" and all(
                is_mark_formula(f.text) for f in part.iter() if local(f) == "formula"):
            continue  # crossdept's own marks come and go
        for el in part.iter():
            name = local(el)
            if name in FEATURES:
                features[name] += 1
    return features, cells


def _same_value(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    try:
        return a is not None and b is not None and float(a) == float(b)
    except ValueError:
        return False


def losses(before: Package, after: Package, owned: dict[str, int] | None = None) -> list[str]:
    """What `after` lacks of `before`, in words; `owned` = sheet name -> crossdept's alert column."""
    owned = owned or {}
    lost: list[str] = []
    # What `after` took unchanged from `before` (same part name, not replaced) holds the same
    # bytes, so only replaced parts and what depends on them are parsed and compared.
    replaced = after.parts.replaced
    same_package = after.overlays(before)
    kinds_before = part_kinds(before)
    # Replacing worksheets or styles (all marking does) keeps every part's name and content type.
    plain = same_package and replaced <= {*before.sheets.values(), before.styles}
    kinds_after = kinds_before if plain else part_kinds(after)
    for kind, n in sorted(kinds_before.items()):
        if kinds_after[kind] < n:
            lost.append(f"{kind} ×{n - kinds_after[kind]}")
    sst_same = plain
    sst_before, sst_after = None, None
    for sheet, part in before.sheets.items():
        other = after.sheets.get(sheet)
        if other is None or other not in after.parts:
            lost.append(sheet)
            continue
        if sst_same and other == part and part not in replaced:
            continue  # the very part as read: nothing in it can be lost (its cells are not re-parsed)
        if sst_before is None:
            sst_before = shared_strings(before)
            sst_after = sst_before if sst_same else shared_strings(after)
        feats_b, cells_b = sheet_contents(before.parts[part], sheet, sst_before)
        feats_a, cells_a = sheet_contents(after.parts[other], sheet, sst_after)
        for feat, n in sorted(feats_b.items()):
            if feats_a[feat] < n:
                lost.append(f"{sheet}: {feat} ×{n - feats_a[feat]}")
        bad = []
        for ref, (value, formula) in cells_b.items():
            value_a, formula_a = cells_a.get(ref, (None, None))
            if not _same_value(value, value_a) or (formula is not None and formula_a is None) or (
                    formula and not formula.startswith("shared:") and formula != formula_a):
                try:  # only a cell that differs asks whether it is in the column crossdept owns
                    if split_ref(ref, sheet)[1] == owned.get(sheet):
                        continue
                except PackageError:
                    pass
                bad.append(ref)
        if bad:
            lost.append(f"{sheet}!{', '.join(bad[:5])}{'…' if len(bad) > 5 else ''}")
    return lost
