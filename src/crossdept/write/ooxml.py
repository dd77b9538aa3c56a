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
import shutil
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

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
        col, letters = 0, ""  # the last column seen, or the letters of the last explicit r
        for c in row.iterchildren(f"{{{ns}}}c"):
            ref = c.get("r", "")
            stated = ref.rstrip("0123456789")
            if ref and stated.isalpha():
                letters = stated  # turned into a number only when a later cell needs it
                continue
            if letters:
                col, letters = column_index(letters), ""
            col += 1
            c.set("r", cell_ref(col, row_no))


def part_name(filename: str) -> str:
    """A zip entry's part name; some writers store "xl\\workbook.xml" with backslashes."""
    return filename.replace("\\", "/")


#: Uncompressed size above which a part is not parsed: a 1 MB file can declare a gigabyte of
#: XML, and lxml would hold all of it. No real worksheet or styles part comes near.
MAX_PART_BYTES = 256 << 20


class Parts(Mapping[str, bytes]):
    """A package's parts by name, decompressed only when asked for (and then kept).

    Marking reads the workbook, its relationships, styles and the marked sheets; pictures, media
    and embedded files are never decompressed, only copied through in chunks by Package.write_to,
    so a small file holding a gigabyte of zeros costs neither the memory nor the time."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self._zf = zf
        self.infos = {part_name(i.filename): i for i in zf.infolist()}
        self._read: dict[str, bytes] = {}
        self.replaced: frozenset[str] = frozenset()  # parts an overlay put in place of the file's

    def __getitem__(self, name: str) -> bytes:
        data = self._read.get(name)
        if data is None:
            info = self.infos[name]
            if info.file_size > MAX_PART_BYTES:
                raise PackageError(f"{name}: {info.file_size:,} bytes uncompressed, too large to edit safely")
            try:
                data = self._read[name] = self._zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError, EOFError) as exc:
                raise PackageError(f"{name}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)

    def __contains__(self, name: object) -> bool:
        return name in self.infos


@dataclass
class Package:
    """The parts of one package, with the workbook's sheets and styles located.

    Holds the file's bytes as read once (the snapshot that is planned, checked and written; its
    compressed size is what the file takes on disk); parts are decompressed on demand."""

    infos: list[zipfile.ZipInfo]
    parts: Parts
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name -> worksheet part name
    styles: str | None = None
    workbook: str | None = None

    @classmethod
    def read(cls, source: Path | bytes | BinaryIO) -> "Package":
        """The package in a file (read once into memory), in bytes, or in an open binary file."""
        try:
            if isinstance(source, bytes):
                stream: BinaryIO = io.BytesIO(source)
            elif isinstance(source, (str, Path)):
                stream = io.BytesIO(Path(source).read_bytes())
            else:
                stream = io.BytesIO(source.read())
            zf = zipfile.ZipFile(stream)
            infos = zf.infolist()
            parts = Parts(zf)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
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
        self.workbook = workbook
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

    def overlay(self, changed: dict[str, bytes]) -> "Package":
        """The package as it would be written with `changed`, without writing it: what the loss
        check compares (the zip around the parts adds nothing to compare, and streaming a
        gigabyte of media through a dry run would cost seconds for nothing)."""
        parts = Parts(self.parts._zf)
        parts._read = {**self.parts._read, **changed}
        parts.replaced = self.parts.replaced | frozenset(changed)
        pkg = Package(self.infos, parts)
        if self.workbook in changed or any(name.endswith(".rels") for name in changed):
            pkg._locate()
        else:  # what locates the sheets (relationships, the workbook part) is as read: so are they
            pkg.sheets, pkg.styles, pkg.workbook = dict(self.sheets), self.styles, self.workbook
        return pkg

    def overlays(self, base: "Package") -> bool:
        """Whether this package is `base` with some parts replaced (`parts.replaced`): every
        other part is then base's very bytes, and need not be compared."""
        return self.parts._zf is base.parts._zf and self.infos == base.infos

    def write_to(self, out: BinaryIO, changed: dict[str, bytes]) -> None:
        """The package with `changed` parts replaced; every other part exactly as it was, in its
        order and compression, streamed through in chunks (never held whole)."""
        with zipfile.ZipFile(out, "w") as zout:
            for info in self.infos:
                name = part_name(info.filename)
                if name in changed:
                    zout.writestr(info, changed[name])
                    continue
                try:
                    with self.parts._zf.open(info) as src, zout.open(_copy_info(info), "w",
                                                                      force_zip64=info.file_size >= 1 << 31) as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                except (zipfile.BadZipFile, RuntimeError, ValueError, NotImplementedError, EOFError) as exc:
                    raise PackageError(f"{name}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc

    def to_bytes(self, changed: dict[str, bytes]) -> bytes:
        """write_to into memory: the result is about as large as the file on disk."""
        buf = io.BytesIO()
        self.write_to(buf, changed)
        return buf.getvalue()


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh ZipInfo with the member's name, date, compression and attributes (sizes are
    recomputed while writing)."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.comment = info.comment
    return copy
