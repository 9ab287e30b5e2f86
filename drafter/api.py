"""The library's front door: read a draft into a programme, check it, publish it."""

from __future__ import annotations

from pathlib import Path


def read_programme(path, config_path: Path | None = None, config=None):
    """Read the DOCX at ``path`` and recognise its programme structure.

    Raises drafter.errors.InputError when the file cannot be read as a DOCX.
    """
    from drafter.config import load_config
    from drafter.ooxml.reader import read_document
    from drafter.structure import recognise

    if config is None:
        config = load_config(Path(path), config_path)
    document = read_document(str(path))
    return recognise(document, language=config.language, profile=config.profile)
