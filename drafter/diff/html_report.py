"""One self-contained HTML page for reviewers: the two versions side by side, measure by measure.

Every measure is a block with its old and new title, body and fields in two
columns; removed words are ``<del>``, inserted ones ``<ins>``. Checkboxes at the
top filter the blocks by status (and renumbered/moved), with a few lines of
inline script; without script every block shows. Measures unchanged in place
have their text folded away (``<details>``). No network access: styles and
script are inline. Jinja2 autoescapes all text taken from the drafts.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from drafter import __version__
from drafter.diff.result import MeasureDiff, ProgrammeDiff
from drafter.diff.text_report import FIELD_NAMES
from drafter.diff.textdiff import WordOp, marked_segments

Pieces = list[tuple[bool, str]]


@dataclass(frozen=True)
class Row:
    """One line of a measure's table: a label and the marked old and new texts."""

    label: str
    old: Pieces | None
    new: Pieces | None
    changed: bool


def render_html(diff: ProgrammeDiff) -> str:
    """The page as a string."""
    counts = diff.counts()
    blocks = [_block(m, diff) for m in diff.measures]
    structure = [{"n": n, "title": _pair_row("title", n.old_title, n.new_title, n.title_ops)}
                 for n in (*diff.chapters, *diff.objectives) if n.changed]
    return _template().render(diff=diff, counts=counts, blocks=blocks, structure=structure, version=__version__)


def _block(m: MeasureDiff, diff: ProgrammeDiff) -> dict:
    rows: list[Row] = []
    if m.old is not None and m.new is not None:
        rows.append(_pair_row("title", m.old.title, m.new.title, m.title_ops))
        rows.append(_pair_row("text", m.old_body, m.new_body, m.text_ops))
        changed_fields = {f.key: f for f in m.fields}
        keys = list(dict.fromkeys([f.key for f in (*m.old.fields, *m.new.fields)]))
        for key in keys:
            old_value = "\n".join(f.value for f in m.old.fields if f.key == key) or None
            new_value = "\n".join(f.value for f in m.new.fields if f.key == key) or None
            change = changed_fields.get(key)
            rows.append(_pair_row(FIELD_NAMES.get(key, key), old_value, new_value,
                                  change.ops if change else None))
    else:
        measure = m.measure
        whole = [("title", measure.title), ("text", measure.text)]
        whole += [(FIELD_NAMES.get(f.key, f.key), f.value) for f in measure.fields]
        for label, value in whole:
            pieces = [(True, value)] if value else []
            rows.append(Row(label, pieces if m.old else None, pieces if m.new else None, bool(value)))
    links = []
    if m.split_from is not None:
        links.append(f"split off old measure {_num(diff.old_number_of(m.split_from))}")
    if m.split_into:
        links.append("split: also new measure " + ", ".join(_num(diff.new_number_of(j)) for j in m.split_into))
    if m.merged_into is not None:
        links.append(f"merged into new measure {_num(diff.new_number_of(m.merged_into))}")
    if m.merged_from:
        links.append("merged: also holds old measure " + ", ".join(_num(diff.old_number_of(i)) for i in m.merged_from))
    if m.moved:
        links.append(f"moved from {_place(m.old_place)} to {_place(m.new_place)}")
    return {"m": m, "rows": [r for r in rows if r.old or r.new], "links": links + list(m.notes),
            "anchor": f"m-{_num(m.old_index)}-{_num(m.new_index)}"}


def _pair_row(label: str, old: str | None, new: str | None, ops: tuple[WordOp, ...] | None) -> Row:
    ops = ops or ()
    old_spans = [(op.old_start, op.old_end) for op in ops if op.op != "insert"]
    new_spans = [(op.new_start, op.new_end) for op in ops if op.op != "delete"]
    if old is None and new is not None:
        return Row(label, None, [(True, new)], True)
    if new is None and old is not None:
        return Row(label, [(True, old)], None, True)
    return Row(label, marked_segments(old or "", old_spans), marked_segments(new or "", new_spans), bool(ops))


def _place(place) -> str:
    if place is None:
        return "—"
    chapter, objective = place
    return (f"objective {objective}" if objective is not None else "no objective") + (
        f", chapter {chapter}" if chapter else "")


def _num(value) -> str:
    return "–" if value is None else str(value)


def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["num"] = _num
    return env.from_string(TEMPLATE)


TEMPLATE = """<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="drafter {{ version }}">
<title>{{ diff.old_file }} → {{ diff.new_file }}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 78rem;
       padding: 1rem 1.5rem 4rem; color: #1d1d1f; }
h1 { font-size: 1.35rem; margin-bottom: .2rem; }
.summary { color: #444; margin: .2rem 0 1rem; }
.filters { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; z-index: 1; }
.filters label { margin-right: 1rem; white-space: nowrap; }
.structure li { margin: .15rem 0; }
section.measure { border: 1px solid #d5d5d5; border-left-width: 6px; border-radius: 4px; margin: 1rem 0; }
section.modified { border-left-color: #c77c02; }
section.added { border-left-color: #2a7d2a; }
section.removed { border-left-color: #b3261e; }
section.unchanged { border-left-color: #9a9a9a; }
section h2 { font-size: 1rem; margin: 0; padding: .45rem .7rem; background: #f6f6f6; }
.badge { display: inline-block; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em;
         padding: 0 .4rem; border-radius: 3px; background: #e6e6e6; margin-left: .4rem; vertical-align: middle; }
.links { margin: .3rem .7rem; color: #444; font-size: .9rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .3rem .7rem; border-top: 1px solid #eee; }
th.label { width: 8rem; color: #555; font-weight: 600; }
td { white-space: pre-wrap; overflow-wrap: anywhere; }
tr.same td { color: #555; }
del { background: #fbd3d0; color: #7a0d07; text-decoration: line-through; }
ins { background: #cdeccd; color: #0b4d0b; text-decoration: none; }
.hidden { display: none; }
summary { cursor: pointer; }
@media print { .filters { display: none; } section.measure { break-inside: avoid; } }
</style>
</head>
<body>
<h1>{{ diff.old_file }} → {{ diff.new_file }}</h1>
<p class="summary">{{ diff.old_count }} measures → {{ diff.new_count }} measures:
{{ counts.unchanged }} unchanged, {{ counts.modified }} modified, {{ counts.added }} added,
{{ counts.removed }} removed; {{ counts.renumbered }} renumbered, {{ counts.moved }} moved,
{{ counts.split }} split, {{ counts.merged }} merged.</p>
<form class="filters" id="filters">
{% for status in ["modified", "added", "removed", "unchanged"] %}
<label><input type="checkbox" name="status" value="{{ status }}" checked> {{ status }} ({{ counts[status] }})</label>
{% endfor %}
<label><input type="checkbox" id="only-renumbered"> only renumbered</label>
<label><input type="checkbox" id="only-moved"> only moved</label>
</form>
{% if structure %}
<h2>Chapters and objectives</h2>
<ul class="structure">
{% for item in structure %}
{% set n = item.n %}
<li>{{ n.kind }}
{% if n.status == "added" %}{{ n.new_number|num }} added: <ins>{{ n.new_title }}</ins>
{% elif n.status == "removed" %}{{ n.old_number|num }} removed: <del>{{ n.old_title }}</del>
{% else %}{{ n.old_number|num }} → {{ n.new_number|num }}{% if n.renamed %}: renamed
“{% for changed, piece in item.title.old %}{% if changed %}<del>{{ piece }}</del>{% else %}{{ piece }}{% endif %}{% endfor %}”
→ “{% for changed, piece in item.title.new %}{% if changed %}<ins>{{ piece }}</ins>{% else %}{{ piece }}{% endif %}{% endfor %}”{% endif %}{% if n.moved %}; moved from chapter {{ n.old_chapter }} to {{ n.new_chapter }}{% endif %}
{% endif %}</li>
{% endfor %}
</ul>
{% endif %}
{% for b in blocks %}
{% set m = b.m %}
<section class="measure {{ m.status }}" id="{{ b.anchor }}" data-status="{{ m.status }}"
 data-renumbered="{{ 'yes' if m.renumbered else 'no' }}" data-moved="{{ 'yes' if m.moved else 'no' }}">
<h2>{{ m.old_number|num }} → {{ m.new_number|num }} {{ m.measure.title }}
<span class="badge">{{ m.status }}</span>{% if m.renumbered %}<span class="badge">renumbered</span>{% endif %}
{% if m.moved %}<span class="badge">moved</span>{% endif %}</h2>
{% if b.links %}<p class="links">{{ b.links|join("; ") }}</p>{% endif %}
{% set quiet = m.status == "unchanged" and not m.renumbered and not m.moved and not b.links %}
{% if quiet %}<details><summary class="links">same text in both versions</summary>{% endif %}
<table>
<thead><tr><th class="label"></th><th>{{ diff.old_file }}</th><th>{{ diff.new_file }}</th></tr></thead>
<tbody>
{% for r in b.rows %}
<tr class="{{ 'changed' if r.changed else 'same' }}"><th class="label">{{ r.label }}</th>
<td>{% if r.old is not none %}{% for changed, piece in r.old %}{% if changed %}<del>{{ piece }}</del>{% else %}{{ piece }}{% endif %}{% endfor %}{% endif %}</td>
<td>{% if r.new is not none %}{% for changed, piece in r.new %}{% if changed %}<ins>{{ piece }}</ins>{% else %}{{ piece }}{% endif %}{% endfor %}{% endif %}</td></tr>
{% endfor %}
</tbody>
</table>
{% if quiet %}</details>{% endif %}
</section>
{% endfor %}
<script>
(function () {
  var form = document.getElementById("filters");
  function apply() {
    var shown = {};
    form.querySelectorAll("input[name=status]").forEach(function (box) { shown[box.value] = box.checked; });
    var renumbered = document.getElementById("only-renumbered").checked;
    var moved = document.getElementById("only-moved").checked;
    document.querySelectorAll("section.measure").forEach(function (s) {
      var visible = shown[s.dataset.status] && (!renumbered || s.dataset.renumbered === "yes") &&
                    (!moved || s.dataset.moved === "yes");
      s.classList.toggle("hidden", !visible);
    });
  }
  form.addEventListener("change", apply);
})();
</script>
</body>
</html>
"""
