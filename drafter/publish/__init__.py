"""Transformations that make the publication version, and their change log.

Entry point: :func:`drafter.publish.pipeline.publish_file` (``drafter publish``).
Modules: ``pipeline`` (the two stages and the invariant checks), ``textview``
(the no-text-lost invariant), ``plan`` (marker, hidden-text and fix edits),
``renumber`` (measure numbers and references), ``generated`` (annex table,
funding summary, description page), ``accessibility``, ``report`` (changes.md
and changes.html), ``cli_support`` (the command's side outputs).
"""

from drafter.publish.pipeline import PublishOptions, PublishResult, publish_file

__all__ = ["PublishOptions", "PublishResult", "publish_file"]
