"""An .xlsx/.xlsm package as its parts: read, locate sheets, and write back only what changed.

openpyxl rebuilds a whole workbook from what it understands and drops the rest (shapes, form
controls, slicers, many extensions, cached formula results). Marking must not lose anything, so
crossdept edits the package instead: every part is copied byte for byte, in its original order
and compression, except the few XML parts a change needs, which lxml parses and writes back
keeping their namespaces and prefixes (mc:Ignorable names prefixes, so renaming one breaks Excel).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from crossdept.cellref import cell_ref, column_index

SIGNATURE_DIR = "_xmlsignatures/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


class PackageError(Exception):
    """The package cannot be edited safely; `sheet` is where, `detail` says what (for messages)."""

    def __init__(self, detail: str, sheet: str = "") -> None:
        self.detail = detail
        self.sheet = sheet
        super().__init__(f"{sheet}: {detail}" if sheet else detail)


def parse_xml(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"XML: {exc}") from exc


def to_xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def local(el: etree._Element) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _rel_id(el: etree._Element) -> str | None:
    """r:id in either the transitional or the strict relationships namespace."""
    for name, value in el.attrib.items():
        q = etree.QName(name)
        if q.localname == "id" and q.namespace and q.namespace.endswith("relationships"):
            return value
    return None


def number_cells(root: etree._Element) -> None:
    """Write out the row and cell positions (r) a worksheet left implicit, as the schema allows.

    Some writers omit r and let position follow order; editing and comparing cells needs every
    position, and stating it explicitly changes nothing a reader sees.
    """
    ns = etree.QName(root).namespace or ""
    data = root.find(f"{{{ns}}}sheetData")
    if data is None:
        return
    row_no = 0
    for row in data.iterchildren(f"{{{ns}}}row"):
        r = row.get("r", "")
        row_no = int(r) if r.isdigit() else row_no + 1
        if not r.isdigit():
            row.set("r", str(row_no))
        col = 0
        for c in row.iterchildren(f"{{{ns}}}c"):
            ref = c.get("r", "")
            letters = ref.rstrip("0123456789")
            if ref and letters.isalpha():
                col = column_index(letters)
            else:
                col += 1
                c.set("r", cell_ref(col, row_no))


def part_name(filename: str) -> str:
    """A zip entry's part name; some writers store "xl\\workbook.xml" with backslashes."""
    return filename.replace("\\", "/")


@dataclass
class Package:
    """The parts of one package, with the workbook's sheets and styles located."""

    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name -> worksheet part name
    styles: str | None = None

    @classmethod
    def read(cls, source: Path | bytes) -> "Package":
        """The package in a file, or in bytes about to be written."""
        try:
            with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
                infos = zf.infolist()
                parts = {part_name(i.filename): zf.read(i) for i in infos}
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            raise PackageError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        pkg = cls(infos, parts)
        pkg._locate()
        return pkg

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of `part`: id -> (type, target part name)."""
        folder, name = posixpath.split(part)
        rels_name = self._existing(posixpath.join(folder, "_rels", name + ".rels"))
        if rels_name not in self.parts:
            return {}
        out = {}
        for rel in parse_xml(self.parts[rels_name]):
            if local(rel) != "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), self._existing(resolved))
        return out

    def _existing(self, name: str) -> str:
        """Part names are case-insensitive (OPC); the stored spelling of `name`."""
        if name in self.parts:
            return name
        lower = name.lower()
        return next((p for p in self.parts if p.lower() == lower), name)

    def _locate(self) -> None:
        workbook = next((t for typ, t in self._rels("").values() if typ.endswith("/officeDocument")), None)
        if workbook is None or workbook not in self.parts:
            raise PackageError("no workbook part")
        rels = self._rels(workbook)
        self.styles = next((t for typ, t in rels.values() if typ.endswith("/styles")), None)
        root = parse_xml(self.parts[workbook])
        for el in root.iter():
            if local(el) == "sheet":
                rid = _rel_id(el)
                if rid in rels and rels[rid][0].endswith("/worksheet"):
                    self.sheets[el.get("name", "")] = rels[rid][1]

    @property
    def signed(self) -> bool:
        return any(name.startswith(SIGNATURE_DIR) for name in self.parts)

    def to_bytes(self, changed: dict[str, bytes]) -> bytes:
        """The package with `changed` parts replaced; everything else exactly as it was."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as out:
            for info in self.infos:
                name = part_name(info.filename)
                out.writestr(info, changed.get(name, self.parts[name]))
        return buf.getvalue()
