"""Document properties (docProps core, app, custom) and settings flags."""

from __future__ import annotations

from lxml import etree

from drafter.blocks import Properties
from drafter.ooxml.names import NS, on_off, w

_CORE_FIELDS = {
    f"{{{NS['dc']}}}title": "title",
    f"{{{NS['dc']}}}subject": "subject",
    f"{{{NS['dc']}}}creator": "creator",
    f"{{{NS['cp']}}}lastModifiedBy": "last_modified_by",
    f"{{{NS['cp']}}}revision": "revision",
    f"{{{NS['dc']}}}language": "language",
    f"{{{NS['cp']}}}keywords": "keywords",
    f"{{{NS['dc']}}}description": "description",
    f"{{{NS['dcterms']}}}created": "created",
    f"{{{NS['dcterms']}}}modified": "modified",
}
_APP_FIELDS = {"Template": "template", "Application": "application"}


def _text(element: etree._Element) -> str | None:
    value = "".join(element.itertext()).strip()
    return value or None


def read_properties(
    core: etree._Element | None, app: etree._Element | None, custom: etree._Element | None,
) -> Properties:
    """Properties from the three docProps parts (any may be None)."""
    values: dict[str, object] = {}
    if core is not None:
        for child in core:
            field = _CORE_FIELDS.get(child.tag) if isinstance(child.tag, str) else None
            if field and field not in values:
                values[field] = _text(child)
    if app is not None:
        for child in app:
            if not isinstance(child.tag, str):
                continue
            field = _APP_FIELDS.get(etree.QName(child).localname)
            if field and field not in values:
                values[field] = _text(child)
    if custom is not None:
        pairs = []
        for prop in custom:
            name = prop.get("name") if isinstance(prop.tag, str) else None
            if name:
                pairs.append((name, "".join(prop.itertext()).strip()))
        values["custom"] = tuple(pairs)
    return Properties(**values)


def read_track_revisions(settings: etree._Element | None) -> bool:
    """Whether Track Changes is switched on (``w:trackRevisions`` in settings)."""
    if settings is None:
        return False
    element = settings.find(w("trackRevisions"))
    return element is not None and on_off(element)
