"""Structure recognition: a Document's blocks → the Programme model.

``recognise(document, language=None, profile=None)`` is the entry point; the
layout profile (rules/layouts/<profile>.yaml) supplies the words and patterns.
"""

from drafter.structure.recognise import recognise

__all__ = ["recognise"]
