"""The ribbon XML of the add-in, generated from the button registry.

Excel silently ignores a ribbon whose XML breaks Microsoft's schema or whose namespace does not
match the relationship that points at it, so the three facts that must agree are kept together
here: the Office 2010+ namespace, its part name, and the relationship type (docs/excel.md).
The template (resources/macros/customUI14.xml.j2) is rendered with XML autoescaping, so a label
can never break the markup.
"""

from __future__ import annotations

from importlib import resources

import jinja2

from crossdept import i18n
from crossdept.excel.registry import BUTTONS, GROUPS, TAB_ID

NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
PART = "customUI/customUI14.xml"
RELATIONSHIP_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"

# The one VBA callback every button calls (resources/macros/CrossdeptRibbon.bas).
VBA_MODULE = "CrossdeptRibbon"
ON_ACTION = f"{VBA_MODULE}.OnAction"

MACROS = resources.files("crossdept") / "resources" / "macros"


def ribbon_xml(lang: str = "zh") -> str:
    """The customUI14.xml of the 协作助手 tab, labels in `lang`."""
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    template = env.from_string((MACROS / "customUI14.xml.j2").read_text(encoding="utf-8"))
    groups = [
        {
            "id": g.id,
            "label": g.label(lang),
            "buttons": [
                {"id": b.id, "label": b.label(lang), "image_mso": b.image_mso,
                 "screentip": b.label(lang), "supertip": b.tip(lang)}
                for b in BUTTONS if b.group == g
            ],
        }
        for g in GROUPS
    ]
    return template.render(namespace=NAMESPACE, tab={"id": TAB_ID, "label": i18n.t("excel.tab", lang)},
                           groups=groups, on_action=ON_ACTION)


def vba_module_source() -> str:
    """The callback module as VBA stores it: CRLF line ends, ASCII only (code page 1252)."""
    text = (MACROS / f"{VBA_MODULE}.bas").read_text(encoding="ascii")
    return "\r\n".join(text.splitlines()) + "\r\n"
