"""Structure checks: every measure has its required fields, filled in, naming someone.

Also home to the small helpers the other programme-level checks share for
placing findings on a measure's title or label.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, Mapping

from drafter.blocks import Paragraph
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.fields import split_names
from drafter.findings import Finding

DEFAULT_REQUIRED = ("responsible", "schedule", "funding")
FIELD_WORDS = {
    "fi": {"responsible": "vastuutaho", "other_actors": "muut toimijat", "schedule": "aikataulu",
           "funding": "rahoitus", "indicators": "mittari"},
    "sv": {"responsible": "ansvarig", "other_actors": "övriga aktörer", "schedule": "tidtabell",
           "funding": "finansiering", "indicators": "indikator"},
    "en": {"responsible": "responsible body", "other_actors": "other actors", "schedule": "schedule",
           "funding": "funding", "indicators": "indicator"},
}


# --- helpers shared by the programme-level checks -------------------------

def title_paragraph(ctx: CheckContext, measure) -> Paragraph | None:
    """The paragraph holding ``measure``'s title (or its first paragraph)."""
    location = measure.title_location or measure.location
    return ctx.paragraph(location.part, location.paragraph)


def title_span(paragraph: Paragraph, measure) -> tuple[int, int]:
    """Offsets of the measure's title (label excluded) in its paragraph; the whole text as fallback."""
    text = paragraph.text
    where = measure.title_location
    if where is not None and where.end is not None and 0 <= where.start < where.end <= len(text):
        return where.start, where.end
    if measure.title:
        at = text.find(measure.title)
        if at != -1:
            return at, at + len(measure.title)
    return 0, len(text)


def label_span(paragraph: Paragraph, measure) -> tuple[int, int]:
    """Offsets of the measure's typed label ("12.", "Toimenpide 12:") in its paragraph.

    An auto-numbered measure has no label in the text: the span is empty at 0.
    """
    text = paragraph.text
    label = (measure.label or "").strip()
    if label and not measure.auto_numbered:
        at = text.find(label, 0, len(label) + 20)
        if at != -1:
            return at, at + len(label)
    if measure.number is not None and not measure.auto_numbered:
        match = re.search(rf"(?<!\d){measure.number}(?!\d)[.:)]?", text[:40])
        if match:
            return match.start(), match.end()
    return 0, 0


def on_title(ctx: CheckContext, rule: Rule, measure, message: str, details=None, span: str = "title",
             replacement: str | None = None) -> Finding:
    """A finding of ``rule`` about ``measure``, placed on its title (or label)."""
    paragraph = title_paragraph(ctx, measure)
    if paragraph is None:
        return ctx.finding(rule, message, measure=measure, details=details)
    start, end = (label_span if span == "label" else title_span)(paragraph, measure)
    if start == end:
        # An auto-numbered label is not in the text: point at the title instead.
        start, end = title_span(paragraph, measure)
    return ctx.finding(rule, message, paragraph=paragraph, start=start, end=end, measure=measure,
                       details=details, replacement=replacement)


def measure_name(measure) -> str:
    """How a message names a measure: "Measure 12" or "The measure 'Laaditaan …'"."""
    if measure.number is not None:
        return f"Measure {measure.number}"
    return f"The measure \u201c{shorten(measure.title)}\u201d"


def shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def config_value(config, name: str, default: Any = None) -> Any:
    """``config.<name>``, or ``config.raw[name]``, or ``default`` (config may be None)."""
    if config is None:
        return default
    value = getattr(config, name, None)
    if value is None:
        raw = getattr(config, "raw", None) or {}
        value = raw.get(name) if isinstance(raw, Mapping) else None
    return default if value is None else value


def required_fields(rule: Rule, ctx: CheckContext) -> tuple[str, ...]:
    """The fields every measure must have: the rule's params, overridden by config."""
    configured = config_value(ctx.config, "required_fields")
    if configured:
        return tuple(configured)
    return tuple(rule.params.get("fields") or DEFAULT_REQUIRED)


def field_word(rule: Rule, ctx: CheckContext, key: str) -> str:
    """The document's own word for a field ("vastuutaho", "tidtabell")."""
    words = rule.params.get("field_words") or {}
    if isinstance(words, Mapping):
        language_words = words.get(ctx.language, words)
        if isinstance(language_words, Mapping) and key in language_words:
            return str(language_words[key])
    return FIELD_WORDS.get(ctx.language, FIELD_WORDS["en"]).get(key, key.replace("_", " "))


def blank(value: str | None, placeholders: Iterable[str] = ()) -> bool:
    """Whether a field value says nothing: empty, dashes, dots, or a placeholder like "XX"."""
    return _blank(value, frozenset(p.lower() for p in placeholders))


def _blank(value: str | None, lowered_placeholders: frozenset[str]) -> bool:
    """:func:`blank` with the placeholders already lower-cased (one set for a whole rule)."""
    if value is None:
        return True
    stripped = value.strip(" \t-–—.?…_:")
    if not stripped:
        return True
    return stripped.lower() in lowered_placeholders


# --- kinds -----------------------------------------------------------------

@kind("measure-fields", params={"problem": True, "fields": False, "field_words": False, "placeholders": False,
                                "delegated": False})
def measure_fields(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Each measure has the required fields ("missing"), and none of them is empty ("empty").

    Required fields listed in ``delegated`` are left to another rule (a
    missing funding line is a funding finding, reported by funding-missing).
    """
    problem = rule.params.get("problem", "missing")
    placeholders = frozenset(p.lower() for p in rule.params.get("placeholders") or ())
    delegated = set(rule.params.get("delegated") or ()) if problem == "missing" else set()
    wanted = [key for key in required_fields(rule, ctx) if key not in delegated]
    words = {key: field_word(rule, ctx, key) for key in wanted}  # the same for every measure
    for measure in ctx.programme.measures:
        for key in wanted:
            found = measure.field(key)
            word = words[key]
            if problem == "missing" and found is None:
                yield on_title(ctx, rule, measure, rule.format(
                    measure=measure_name(measure), field=word, key=key, title=shorten(measure.title)),
                    details={"field": key})
            elif problem == "empty" and found is not None and _blank(found.value, placeholders):
                message = rule.format(measure=measure_name(measure), field=found.label or word, key=key,
                                      value=found.value.strip())
                paragraph = ctx.paragraph(found.location.part, found.location.paragraph)
                if paragraph is None or found.source == "title-brackets":
                    yield on_title(ctx, rule, measure, message, details={"field": key})
                else:
                    yield ctx.finding(rule, message, paragraph=paragraph, measure=measure,
                                      details={"field": key})


@kind("responsible-names", params={"authority_words": False, "vague_words": False})
def responsible_names(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """The responsible field names at least one body: an abbreviation, a proper name or an authority."""
    authority_words = [w.lower() for w in rule.params.get("authority_words") or ()]
    vague = [w.lower() for w in rule.params.get("vague_words") or ()]
    for measure in ctx.programme.measures:
        found = measure.field("responsible")
        if found is None or _blank(found.value, frozenset()):
            continue  # missing and empty fields are the measure-fields rules' business
        names = split_names(found.value)
        if any(recognisable_name(n, authority_words, vague) for n in names):
            continue
        message = rule.format(measure=measure_name(measure), value=found.value.strip(),
                              field=found.label or field_word(rule, ctx, "responsible"))
        paragraph = ctx.paragraph(found.location.part, found.location.paragraph)
        if paragraph is not None and found.source != "title-brackets":
            at = paragraph.text.find(found.value.strip())
            start, end = (at, at + len(found.value.strip())) if at != -1 else (None, None)
            yield ctx.finding(rule, message, paragraph=paragraph, start=start, end=end, measure=measure)
        else:
            yield on_title(ctx, rule, measure, message)


_NAME_WORD = re.compile(r"[\wåäö-]+")
_PLACEHOLDER = re.compile(r"\b(?:xx+|todo|tbd|tba|\?\?)\b")


def recognisable_name(name: str, authority_words: Iterable[str], vague_words: Iterable[str]) -> bool:
    """Whether ``name`` looks like a body: not a vague phrase, and capitalised or an authority word."""
    lowered = name.lower().strip()
    words = _NAME_WORD.findall(lowered)
    if not words:
        return False
    for phrase in vague_words:
        if lowered == phrase or lowered.startswith(phrase + " ") or words[0] == phrase:
            return False
    if _PLACEHOLDER.search(lowered):
        return False
    if any(ch.isupper() for ch in name):
        return True
    return any(word in lowered for word in authority_words)
