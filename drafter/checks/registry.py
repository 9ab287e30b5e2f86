"""Rules (data), check kinds (code) and the context a kind runs in.

A *rule* is an entry in a YAML pack under ``rules/``: id, name, category,
severity, the *kind* of check that runs it, the kind's parameters, a message and
its docs (why, bad and good examples). A *kind* is a Python function registered
here with the parameters it accepts; the loader rejects unknown keys and
parameters with the file and line. Kinds never touch XML: they read the
programme model and the document's plain blocks.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from drafter.blocks import Paragraph
from drafter.findings import Finding, FindingLocation, Fix, Severity

CONTEXT_CHARS = 60


@dataclass(frozen=True)
class RuleDocs:
    """Why the rule exists, where the convention comes from, and two examples.

    ``bad`` and ``good`` are small drafts in drafter.textdoc markup; the test
    suite proves that every bad example fires the rule and no good one does.
    """

    why: str
    bad: str
    good: str
    source: str | None = None
    bad_config: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One rule, loaded from data."""

    id: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    docs: RuleDocs
    language: str = "any"          # fi, sv, en or any
    params: Mapping[str, Any] = field(default_factory=dict)
    fix: str | None = None         # safe, unsafe, display-only or None
    fix_title: str | None = None
    enabled: bool = True
    source_file: str = ""
    line: int = 0

    def format(self, **values: Any) -> str:
        """The rule's message with ``{placeholders}`` filled from ``values``."""
        try:
            return self.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message


KindFunction = Callable[[Rule, "CheckContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Kind:
    """A check kind: the function and the parameters its rules may set."""

    name: str
    function: KindFunction
    params: Mapping[str, bool]  # parameter name -> required
    summary: str


KINDS: dict[str, Kind] = {}


def kind(name: str, params: Mapping[str, bool] | None = None) -> Callable[[KindFunction], KindFunction]:
    """Register ``function`` as check kind ``name`` accepting ``params`` (name -> required)."""

    def register(function: KindFunction) -> KindFunction:
        if name in KINDS:
            raise ValueError(f"check kind {name!r} registered twice")
        summary = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        KINDS[name] = Kind(name, function, dict(params or {}), summary)
        return function

    return register


class CheckContext:
    """What a check kind may read: the programme, its document, config and language tools."""

    def __init__(self, programme, config=None, nlp=None, lexicon=None) -> None:
        self.programme = programme
        self.document = programme.document
        self.config = config
        self.language = programme.language
        self._nlp = nlp
        self.lexicon = lexicon
        self._by_location: dict[tuple[str, int], Paragraph] | None = None
        self._cache: dict[str, Any] = {}

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """``build()`` once per context: kinds that share an analysis compute it once."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    @contextmanager
    def scope(self) -> Iterator[None]:
        """Forget, on leaving, what was cached inside: a group of rules' analyses end with the group."""
        before = set(self._cache)
        try:
            yield
        finally:
            for key in [key for key in self._cache if key not in before]:
                del self._cache[key]

    @property
    def nlp(self):
        """The language layer for the programme's language (loaded on first use)."""
        if self._nlp is None:
            from drafter.nlp import load_language

            self._nlp = load_language(self.language)
        return self._nlp

    def paragraphs(self) -> Iterator[Paragraph]:
        """Body paragraphs in reading order (tables included)."""
        return self.document.paragraphs()

    def paragraph(self, part: str, index: int) -> Paragraph | None:
        if self._by_location is None:
            self._by_location = {
                (p.location.part, p.location.paragraph): p for p in self.document.all_paragraphs()
            }
        return self._by_location.get((part, index))

    def finding(
        self,
        rule: Rule,
        message: str | None = None,
        paragraph: Paragraph | None = None,
        start: int | None = None,
        end: int | None = None,
        replacement: str | None = None,
        measure=None,
        details: Mapping[str, Any] | None = None,
        **values: Any,
    ) -> Finding:
        """Build a Finding of ``rule`` at ``paragraph[start:end]``.

        The chapter, objective and measure are looked up from the paragraph (or
        taken from ``measure``); ``text`` and ``context`` are cut from the
        paragraph's text. ``message`` defaults to the rule's message formatted
        with ``values``. A ``replacement`` becomes a Fix with the rule's
        applicability, when the rule declares one.
        """
        location = FindingLocation()
        if paragraph is not None:
            text = paragraph.text
            s = 0 if start is None else start
            e = len(text) if end is None else end
            if measure is None and paragraph.location.part == "word/document.xml":
                measure = self.programme.measure_at(paragraph.location.paragraph)
            location = FindingLocation(
                paragraph=paragraph.location.paragraph, start=s, end=e, text=text[s:e],
                context=context_excerpt(text, s, e), part=paragraph.location.part,
            )
        if measure is not None:
            location = FindingLocation(
                chapter=measure.chapter, objective=measure.objective, measure=measure.number,
                paragraph=location.paragraph if paragraph is not None else measure.location.paragraph,
                start=location.start, end=location.end, text=location.text,
                context=location.context or measure.title, part=location.part,
            )
        fix = None
        if replacement is not None and rule.fix:
            fix = Fix(rule.fix_title or f"Replace with {replacement!r}", rule.fix, replacement)
        return Finding(
            rule=rule.id, name=rule.name, category=rule.category, severity=rule.severity,
            message=message if message is not None else rule.format(**values),
            location=location, fix=fix,
            details=tuple((details or {}).items()),
        )


def context_excerpt(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """A readable excerpt of ``text`` around ``start``..``end``, cut at word boundaries."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    excerpt = text[lo:hi]
    return ("…" if lo > 0 else "") + excerpt + ("…" if hi < len(text) else "")
