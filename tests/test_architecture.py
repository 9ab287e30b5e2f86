"""The layering the design promises: only drafter/ooxml/ touches OOXML.

The model, structure recognition, checks and reports work on plain values
(drafter.blocks, drafter.model); mapping back to the XML is ooxml/'s job. An
import of lxml or python-docx anywhere else breaks that promise.
"""

from __future__ import annotations

import ast
from pathlib import Path

import drafter

PACKAGE = Path(drafter.__file__).resolve().parent
XML_LIBRARIES = ("lxml", "docx")


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_ooxml_package_imports_xml_or_docx_libraries():
    offenders = []
    for source in sorted(PACKAGE.rglob("*.py")):
        relative = source.relative_to(PACKAGE)
        if relative.parts[0] in ("ooxml", "rules"):
            continue
        for module in imported_modules(source):
            if module.split(".")[0] in XML_LIBRARIES:
                offenders.append(f"{relative}: imports {module}")
    assert not offenders, "\n".join(offenders)


def test_the_model_and_blocks_are_plain_values():
    for name in ("model.py", "blocks.py", "findings.py"):
        modules = imported_modules(PACKAGE / name)
        assert not {m for m in modules if m.split(".")[0] in XML_LIBRARIES or m.startswith("drafter.ooxml")}, name
