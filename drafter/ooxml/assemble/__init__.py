"""Package-level merging for ``drafter assemble``: styles, numbering, ids, parts, renumbering.

These modules work on lxml trees, so they live under drafter/ooxml/; the
manifest, the orchestration and the report stay in drafter/assemble/.
"""
