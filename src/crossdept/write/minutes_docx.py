"""Minutes as a Word document: the context of core/minutes.py poured into a docxtpl template.

The template is a real .docx (resources/minutes.docx, or the user's own via --template) whose
text holds jinja2 tags. Rendering runs with autoescape on, and every value is first made XML-safe:
a cell holding <, &, quotes or a control character still yields a document Word opens.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from zipfile import BadZipFile

from crossdept.errors import CrossdeptError
from crossdept.write.atomic import write_atomic
from crossdept.write.xmlsafe import xml_text

# python-docx, docxtpl and jinja2 (~0.1 s) are imported in render_docx: only writing minutes needs them.



class TemplateProblem(CrossdeptError):
    """The template cannot be used: `rule` is "minutes.template-not-docx" or "minutes.template-tags"."""

    def __init__(self, rule: str, path: Path, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(rule, path=path, detail=detail)


def default_template() -> Path:
    """The minutes template shipped inside the package."""
    return Path(str(resources.files("crossdept") / "resources" / "minutes.docx"))


def xml_safe(value: object) -> object:
    """Text (in dicts and lists too) with line endings unified and XML-illegal characters dropped."""
    if isinstance(value, str):
        # xml_text drops what XML 1.0 forbids, among them the \a and \f docxtpl would turn into
        # paragraphs or page breaks; DEL is XML but Word shows it as a box.
        return xml_text(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\x7f", "")
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    return value


def render_docx(context: dict[str, object], out: Path, template: Path | None = None) -> Path:
    """Render `context` into the template and write `out` atomically."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import Environment, TemplateError

    source = template or default_template()
    try:
        doc = DocxTemplate(str(source))
        safe = xml_safe(context)
        doc.render(safe, jinja_env=Environment(autoescape=True), autoescape=True)
        doc.core_properties.title = str(safe.get("title", ""))[:250]
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateProblem("minutes.template-not-docx", source, type(exc).__name__) from None
    except TemplateError as exc:
        raise TemplateProblem("minutes.template-tags", source, str(exc)) from None
    return write_atomic(out, lambda tmp: doc.save(str(tmp)))
