"""Data-driven check kinds: rules that are only patterns, word lists and scopes.

Every kind here reads text *units* — windows of paragraph text chosen by the
rule's ``scope`` — and reports matches with exact paragraph offsets:

- ``text``: every paragraph a reader sees (body, tables, notes, headers, footers)
- ``body``: the body's paragraphs, table cells included
- ``measures``: the paragraphs of every measure (title, body, field lines)
- ``titles``: measure titles only; ``headings``: heading paragraphs and the
  titles of chapters and objectives
- ``fields`` / ``field:<key>``: the values of measure field lines
- ``headers``: headers and footers; ``notes``: footnotes and endnotes

Common guards: a match never starts or ends inside a word, URLs and e-mail
addresses are never matched, and a rule's ``exceptions`` (regexes) veto any match
they overlap.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from drafter.blocks import Paragraph
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding

MAIN_PART = "word/document.xml"
BASE_SCOPES = ("text", "body", "measures", "titles", "headings", "fields", "headers", "notes")
NBSP = "\u00a0"

_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"”’)]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\.(?:fi|se|com|org|net|eu|int|gov|edu|info|io|uk|de)(?:/[^\s<>\"”’)]*)?(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TextUnit:
    """A window ``paragraph.text[start:end]`` that a rule reads."""

    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


# -- parameters ------------------------------------------------------------------


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str, ignorecase: bool = False) -> re.Pattern[str]:
    """Compile ``pattern`` once per process (packs share many patterns)."""
    return re.compile(pattern, re.IGNORECASE if ignorecase else 0)


def token_pattern(token: str) -> str:
    """A regex matching ``token`` as a whole word (never inside another word)."""
    return r"(?<!\w)" + re.escape(token) + r"(?!\w)"


def check_scope(scope: Any, extra: tuple[str, ...] = ()) -> None:
    """Raise ValueError unless ``scope`` is a known scope name."""
    if not isinstance(scope, str):
        raise ValueError(f"scope must be a string, not {scope!r}")
    if scope in BASE_SCOPES or scope in extra or (scope.startswith("field:") and len(scope) > 6):
        return
    raise ValueError(f"unknown scope {scope!r} (use {', '.join(BASE_SCOPES + extra)} or field:<key>)")


def _check_regexes(values: Any, name: str) -> None:
    if values is None:
        return
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        raise ValueError(f"{name} must be a list")
    for value in values:
        if not isinstance(value, str):
            raise ValueError(f"{name} must hold strings, not {value!r}")
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"{name}: invalid regex {value!r}: {exc}") from None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


# -- what a match must contain ------------------------------------------------------
#
# Most rules' patterns can only match where some literal text stands ("kts.", "%",
# two spaces, "TODO"). required_strings() reads that off the parsed pattern, and
# the kinds run a pattern only over the units holding it: the same matches, found
# without scanning every paragraph with every pattern.

_MAX_ALTERNATIVES = 32


@dataclass(frozen=True)
class _Shape:
    """What a piece of a pattern can match: exactly one of ``exact`` (when few), else starts and ends.

    ``exact``: every string the piece can match (None: unknown or too many);
    ``first``/``last``: every match starts/ends with one of these ({""}: unknown);
    ``required``: sets of strings every match contains one of each, inside the piece.
    """

    required: tuple[frozenset[str], ...]
    exact: frozenset[str] | None
    first: frozenset[str]
    last: frozenset[str]


_UNKNOWN = _Shape((), None, frozenset({""}), frozenset({""}))
_EMPTY = _Shape((), frozenset({""}), frozenset({""}), frozenset({""}))


@lru_cache(maxsize=4096)
def required_strings(pattern: str, flags: int = 0, fold_digits: bool = False) -> tuple[frozenset[str], ...]:
    """Sets of strings of which every match of ``pattern`` contains one each (within the match or a lookahead).

    Lookbehinds are left out: with ``pos`` they may read text before it. Where
    case is ignored only characters without case count. () when nothing is
    known (or the pattern cannot be read): the pattern may match anywhere.

    With ``fold_digits`` the strings are those of a text whose digits all read
    "0" (see :func:`fold_digits`), and ``\\d`` counts as such a digit: true
    of texts whose only decimal digits are 0–9.
    """
    try:
        from re import _constants, _parser  # Python 3.11+
    except ImportError:  # pragma: no cover - older Pythons
        import sre_constants as _constants
        import sre_parse as _parser
    try:
        parsed = _parser.parse(pattern, flags)
        reader = _PatternReader(_constants, fold_digits)
        shape = reader.sequence(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - a pattern we cannot read is simply run everywhere
        return ()
    required = list(shape.required)
    if shape.exact is not None:
        required.append(shape.exact)
    out: list[frozenset[str]] = []
    for strings in (r for r in required if r and "" not in r):
        # A string holding another of the set adds nothing: "XX.xx" holds ".xx".
        strings = frozenset(s for s in strings if not any(o != s and o in s for o in strings))
        common = set.intersection(*map(set, strings)) if len(strings) > 1 else set()
        for requirement in (strings, *(frozenset({char}) for char in sorted(common))):
            if requirement not in out:
                out.append(requirement)
    return tuple(out)


def _cross(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a in left for b in right)


def _uncased(char: str) -> bool:
    return char.lower() == char == char.upper()


class _PatternReader:
    """Walks a parsed pattern (sre parser's tree) into :class:`_Shape` values."""

    def __init__(self, constants, fold_digits: bool = False) -> None:
        self.c = constants
        self.fold = str.maketrans("123456789", "000000000") if fold_digits else None

    def sequence(self, items: list, icase: bool) -> _Shape:
        """The shape of pieces matched one after another."""
        required: list[frozenset[str]] = []
        run: frozenset[str] = frozenset({""})  # what the text since the last break can be
        first: frozenset[str] | None = None
        for op, av in items:
            piece = self.piece(op, av, icase)
            required.extend(piece.required)
            if piece.exact is not None:
                joined = _cross(run, piece.exact)
                if joined is not None:
                    run = joined
                    continue
                required.append(run)
                first = run if first is None else first
                run = piece.exact
                continue
            joined = _cross(run, piece.first)
            required.append(joined if joined is not None else run)
            first = (joined if joined is not None else run) if first is None else first
            run = piece.last
        if first is None:
            return _Shape(tuple(required), run, run, run)
        required.append(run)
        return _Shape(tuple(required), None, first, run)

    def piece(self, op, av, icase: bool) -> _Shape:
        c = self.c
        if op is c.LITERAL:
            char = chr(av).translate(self.fold) if self.fold else chr(av)
            return _Shape((), frozenset({char}), frozenset({char}), frozenset({char})) \
                if not icase or _uncased(char) else _UNKNOWN
        if op is c.IN:
            chars = self._class(av, icase)
            return _Shape((), chars, chars, chars) if chars else _UNKNOWN
        if op is c.SUBPATTERN:
            _, add, remove, body = av
            icase = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            return self.sequence(list(body), icase)
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.sequence(list(av), icase)
        if op is c.BRANCH:
            return self._branch([self.sequence(list(b), icase) for b in av[1]])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            return self._repeat(av, icase)
        if op is c.ASSERT:
            direction, body = av
            if direction < 0:
                return _EMPTY  # a lookbehind may read before the unit
            inner = self.sequence(list(body), icase)
            found = [*inner.required, *([inner.exact] if inner.exact is not None else [])]
            return _Shape(tuple(found), frozenset({""}), frozenset({""}), frozenset({""}))
        if op in (c.ASSERT_NOT, c.AT):
            return _EMPTY
        return _UNKNOWN  # any character, categories, negated sets, back-references, conditionals

    def _class(self, items, icase: bool) -> frozenset[str] | None:
        c = self.c
        chars: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                chars.add(chr(av))
            elif op is c.RANGE and av[1] - av[0] < _MAX_ALTERNATIVES:
                chars.update(chr(n) for n in range(av[0], av[1] + 1))
            elif op is c.CATEGORY and av is c.CATEGORY_DIGIT and self.fold:
                chars.add("0")
            else:  # negation, categories, big ranges
                return None
        if self.fold:
            chars = {char.translate(self.fold) for char in chars}
        if len(chars) > _MAX_ALTERNATIVES or (icase and not all(map(_uncased, chars))):
            return None
        return frozenset(chars)

    def _branch(self, shapes: list[_Shape]) -> _Shape:
        if all(s.exact is not None for s in shapes):
            union = frozenset().union(*(s.exact for s in shapes))
            if len(union) <= _MAX_ALTERNATIVES:
                return _Shape((), union, union, union)
        first = frozenset().union(*(s.exact if s.exact is not None else s.first for s in shapes))
        last = frozenset().union(*(s.exact if s.exact is not None else s.last for s in shapes))
        picked = []
        for shape in shapes:  # one requirement of each alternative: their union is required
            options = [r for r in (*shape.required, shape.exact, shape.first, shape.last) if r and "" not in r]
            if not options:
                picked = []
                break
            picked.append(max(options, key=_strength))
        union = frozenset().union(*picked)
        required = (union,) if picked and len(union) <= _MAX_ALTERNATIVES else ()
        return _Shape(
            required, None,
            first if len(first) <= _MAX_ALTERNATIVES else frozenset({""}),
            last if len(last) <= _MAX_ALTERNATIVES else frozenset({""}),
        )

    def _repeat(self, av, icase: bool) -> _Shape:
        low, high, body = av
        inner = self.sequence(list(body), icase)
        if low == 0:
            if high == 1 and inner.exact is not None and len(inner.exact) < _MAX_ALTERNATIVES:
                optional = inner.exact | {""}
                return _Shape((), optional, optional, optional)
            return _UNKNOWN
        if inner.exact is None:  # at least once: what one copy requires
            return _Shape(inner.required, None, inner.first, inner.last)
        start, complete = inner.exact, True
        for _ in range(low - 1):  # the first ``low`` copies, while few enough
            longer = _cross(start, inner.exact)
            if longer is None:
                complete = False
                break
            start = longer
        if low == high and complete:
            return _Shape(inner.required, start, start, start)
        return _Shape(inner.required, None, start, inner.exact)


def _strength(strings: frozenset[str]) -> tuple[int, int]:
    return min(len(s) for s in strings), -len(strings)


# -- units and guards --------------------------------------------------------------


def _cache(ctx: CheckContext) -> dict:
    return ctx.cached("text-kinds", dict)


def _whole(paragraphs: Iterable[Paragraph]) -> list[TextUnit]:
    return [TextUnit(p, 0, len(p.text)) for p in paragraphs if not p.deleted and p.text]


def _window(paragraph: Paragraph | None, text: str) -> TextUnit | None:
    """The unit of ``paragraph`` holding ``text`` (the whole paragraph when not found)."""
    if paragraph is None or paragraph.deleted:
        return None
    found = paragraph.text.find(text) if text else -1
    if found == -1:
        return TextUnit(paragraph, 0, len(paragraph.text))
    return TextUnit(paragraph, found, found + len(text))


def _measure_paragraphs(ctx: CheckContext, measure) -> list[Paragraph]:
    indices = list(measure.paragraphs)
    if not indices:
        locations = [measure.title_location or measure.location, *measure.body_locations,
                     *(f.location for f in measure.fields)]
        indices = sorted({loc.paragraph for loc in locations if loc.part == MAIN_PART})
    out = []
    for index in indices:
        paragraph = ctx.paragraph(MAIN_PART, index)
        if paragraph is not None:
            out.append(paragraph)
    return out


def units(ctx: CheckContext, scope: str) -> list[TextUnit]:
    """The text units of ``scope``, computed once per context."""
    cache = _cache(ctx)
    key = ("units", scope)
    if key in cache:
        return cache[key]
    document = ctx.document
    programme = ctx.programme
    if scope == "text":
        result = _whole(document.all_paragraphs())
    elif scope == "body":
        result = _whole(document.paragraphs())
    elif scope == "headers":
        result = _whole((*document.headers, *document.footers))
    elif scope == "notes":
        result = _whole(p for note in (*document.footnotes, *document.endnotes) for p in note.paragraphs)
    elif scope == "measures":
        result = _whole(p for m in programme.measures for p in _measure_paragraphs(ctx, m))
    elif scope == "titles":
        result = []
        for measure in programme.measures:
            location = measure.title_location or measure.location
            unit = _window(ctx.paragraph(location.part, location.paragraph), measure.title)
            if unit is not None:
                result.append(unit)
    elif scope == "headings":
        seen: set[tuple[str, int]] = set()
        result = []
        for paragraph in document.paragraphs():
            if paragraph.is_heading and not paragraph.deleted and paragraph.text:
                seen.add((paragraph.location.part, paragraph.location.paragraph))
                result.append(TextUnit(paragraph, 0, len(paragraph.text)))
        for node in (*programme.chapters, *programme.objectives):
            key2 = (node.location.part, node.location.paragraph)
            if key2 not in seen:
                unit = _window(ctx.paragraph(*key2), node.title)
                if unit is not None:
                    seen.add(key2)
                    result.append(unit)
    elif scope == "fields" or scope.startswith("field:"):
        wanted = scope.partition(":")[2] or None
        result = []
        for measure in programme.measures:
            for field_line in measure.fields:
                if wanted is not None and field_line.key != wanted:
                    continue
                loc = field_line.location
                unit = _window(ctx.paragraph(loc.part, loc.paragraph), field_line.value)
                if unit is not None:
                    result.append(unit)
    else:
        raise ValueError(f"unknown scope {scope!r}")
    cache[key] = result
    return result


def _scope_text(ctx: CheckContext, scope: str) -> tuple[str, list[int]]:
    """The texts of ``scope``'s units joined with NUL, and where each unit starts in it."""
    cache = _cache(ctx)
    key = ("joined", scope)
    if key not in cache:
        starts, offset, texts = [], 0, []
        for unit in units(ctx, scope):
            text = unit.text
            starts.append(offset)
            texts.append(text)
            offset += len(text) + 1
        cache[key] = ("\x00".join(texts), starts)
    return cache[key]


def _units_with(ctx: CheckContext, scope: str, needle: str, folded: bool = False) -> list[int] | None:
    """The numbers of ``scope``'s units whose text holds ``needle``; None when more than half do.

    One search per unit that holds it, given up once the needle proves common:
    then it would not narrow the units much. ``folded``: ``needle`` is looked
    for in the text with every digit read as "0" (see :func:`_folded_text`).
    """
    cache = _cache(ctx).setdefault(("holding", scope), {})
    if (folded, needle) in cache:
        return cache[folded, needle]
    joined, starts = _scope_text(ctx, scope)
    haystack, wanted = joined, needle
    if "?" not in needle:
        try:
            wanted = needle.encode("latin-1")
            haystack = _folded_text(ctx, scope) if folded else _narrow_text(ctx, scope)
        except UnicodeEncodeError:
            pass
    if folded and haystack is joined:
        cache[folded, needle] = None  # only the Latin-1 copy has its digits folded
        return None
    found: list[int] | None = []
    last, limit = len(starts) - 1, len(starts) // 2
    at = haystack.find(wanted)
    while at != -1:
        number = bisect.bisect_right(starts, at) - 1
        found.append(number)
        if number == last:
            break
        if len(found) > limit:
            found = None
            break
        at = haystack.find(wanted, starts[number + 1])
    cache[folded, needle] = found
    return found


def _narrow_text(ctx: CheckContext, scope: str) -> bytes:
    """The joined text of ``scope`` in Latin-1, every other character as one "?".

    Offsets are the same as in the text, and a Latin-1 string without "?" is
    found exactly where the text holds it; bytes are searched about three times
    faster than a text with characters beyond Latin-1 (dashes, quotes).
    """
    cache = _cache(ctx)
    key = ("narrow", scope)
    if key not in cache:
        cache[key] = _scope_text(ctx, scope)[0].encode("latin-1", "replace")
    return cache[key]


_FOLD_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def _folded_text(ctx: CheckContext, scope: str) -> bytes:
    """:func:`_narrow_text` with every digit 0–9 as "0": where "\\d\\d" matches, "00" stands."""
    cache = _cache(ctx)
    key = ("folded", scope)
    if key not in cache:
        cache[key] = _narrow_text(ctx, scope).translate(_FOLD_DIGITS)
    return cache[key]


_CHARACTER_REFERENCE = re.compile(rb"&#(\d+);")


def _only_plain_digits(ctx: CheckContext, scope: str) -> bool:
    """Whether the only decimal digits (what ``\\d`` matches) in ``scope`` are 0–9.

    Latin-1 has no other; the characters beyond it are listed by encoding the
    text with character references ("&#8211;"), which is done in C.
    """
    cache = _cache(ctx)
    key = ("plain-digits", scope)
    if key not in cache:
        encoded = _scope_text(ctx, scope)[0].encode("latin-1", "xmlcharrefreplace")
        numbers = {int(n) for n in set(_CHARACTER_REFERENCE.findall(encoded))}
        cache[key] = not any(chr(n).isdecimal() for n in numbers if n <= sys.maxunicode)
    return cache[key]


_MAX_NEEDLES = 6   # a requirement of more strings costs more searches than it saves
_MAX_TRIES = 3


def candidates(ctx: CheckContext, scope: str, pattern: re.Pattern[str]) -> frozenset[int] | None:
    """The numbers of ``scope``'s units where ``pattern`` may match (None: any of them).

    The units holding one of the pattern's required strings (the first
    requirement, longest strings first, that is not common), narrowed by the
    other requirements; a unit left out cannot hold a match (see
    :func:`required_strings`). Where the scope's digits are all 0–9, the
    requirements of the text with its digits folded to "0" count too
    ("00000" for five digits in a row).
    """
    cache = _cache(ctx).setdefault(("candidates", scope), {})
    key = (pattern.pattern, pattern.flags)
    if key in cache:
        return cache[key]
    required = _requirements(ctx, scope, key)
    result = None
    for tries, (requirement, folded) in enumerate(required[:_MAX_TRIES]):
        holding = [_units_with(ctx, scope, needle, folded) for needle in sorted(requirement)]
        if any(found is None for found in holding):
            continue
        numbers = set().union(*holding)
        for other, other_folded in required[:tries] + required[tries + 1:]:
            if not numbers:
                break
            numbers = _narrowed(ctx, scope, numbers, other, other_folded)
        result = frozenset(numbers)
        break
    cache[key] = result
    return result


def _requirements(ctx: CheckContext, scope: str, key: tuple[str, int]) -> list[tuple[frozenset[str], bool]]:
    """The pattern's usable requirements, (strings, in the digit-folded text?), most telling first."""
    found = [(r, False) for r in required_strings(*key)]
    for requirement in required_strings(*key, True):
        if "0" not in "".join(requirement):
            found.append((requirement, False))  # no digit: the same strings in the plain text
        elif _only_plain_digits(ctx, scope):
            found.append((requirement, True))
    usable = []
    for requirement in found:
        strings = requirement[0]
        if requirement not in usable and len(strings) <= _MAX_NEEDLES and "\x00" not in "".join(strings):
            usable.append(requirement)
    # A requirement met wherever another one is ("X" where "XX" is) narrows nothing further.
    usable = [(r, f) for r, f in usable
              if not any(of == f and o != r and all(any(n in s for n in r) for s in o) for o, of in usable)]
    usable.sort(key=lambda item: (-min(map(len, item[0])), len(item[0])))
    return usable


def _narrowed(ctx: CheckContext, scope: str, numbers: set[int], strings: frozenset[str], folded: bool) -> set[int]:
    """The units among ``numbers`` whose text holds one of ``strings`` (all of them when that cannot be told)."""
    if not folded:
        texts = _scope_texts(ctx, scope)
        return {n for n in numbers if any(needle in texts[n] for needle in strings)}
    try:
        wanted = [needle.encode("latin-1") for needle in strings]
    except UnicodeEncodeError:
        return numbers
    if any(b"?" in needle for needle in wanted):
        return numbers
    cache = _cache(ctx)
    key = ("folded-texts", scope)
    if key not in cache:
        cache[key] = _folded_text(ctx, scope).split(b"\x00")
    texts = cache[key]
    return {n for n in numbers if any(needle in texts[n] for needle in wanted)}


def _scope_texts(ctx: CheckContext, scope: str) -> list[str]:
    return _cache(ctx).get(("texts", scope)) or _cache(ctx).setdefault(
        ("texts", scope), _scope_text(ctx, scope)[0].split("\x00"))


def _plan(ctx: CheckContext, scope: str, patterns: list[re.Pattern[str]]) -> Iterator[tuple[TextUnit, list[int]]]:
    """``scope``'s units in order, each with the positions of the ``patterns`` that may match in it.

    Units where none may match are left out; what the kinds find is the same as
    running every pattern over every unit.
    """
    scope_units = units(ctx, scope)
    found = [candidates(ctx, scope, pattern) for pattern in patterns]
    if all(numbers is None for numbers in found):
        everything = list(range(len(patterns)))
        for unit in scope_units:
            yield unit, everything
        return
    if any(numbers is None for numbers in found):
        order: Iterable[int] = range(len(scope_units))
    else:
        order = sorted(frozenset().union(*found))
    for number in order:
        active = [i for i, numbers in enumerate(found) if numbers is None or number in numbers]
        if active:
            yield scope_units[number], active


def _protected(ctx: CheckContext, paragraph: Paragraph) -> list[tuple[int, int]]:
    cache = _cache(ctx).setdefault("protected", {})
    key = (paragraph.location.part, paragraph.location.paragraph, id(paragraph))
    ranges = cache.get(key)
    if ranges is None:
        ranges = [m.span() for m in _PROTECTED.finditer(paragraph.text)]
        cache[key] = ranges
    return ranges


def _overlaps(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    end = max(end, start + 1)
    return any(s < end and start < max(e, s + 1) for s, e in ranges)


def _inside_word(text: str, start: int, end: int) -> bool:
    if start >= end:
        return False
    if text[start].isalnum() and start > 0 and text[start - 1].isalnum():
        return True
    return text[end - 1].isalnum() and end < len(text) and text[end].isalnum()


class Matcher:
    """Find a rule's patterns in units, applying the common guards."""

    def __init__(self, ctx: CheckContext, rule: Rule) -> None:
        self.ctx = ctx
        params = rule.params
        self.ignorecase = bool(params.get("ignorecase", False))
        self.exceptions = [compile_pattern(p, self.ignorecase) for p in _as_list(params.get("exceptions"))]
        self._exception_ranges: dict[int, list[tuple[int, int]]] = {}

    def allowed(self, paragraph: Paragraph, start: int, end: int) -> bool:
        text = paragraph.text
        if _inside_word(text, start, end):
            return False
        if _overlaps(start, end, _protected(self.ctx, paragraph)):
            return False
        if self.exceptions:
            ranges = self._exception_ranges.get(id(paragraph))
            if ranges is None:
                ranges = [m.span() for pattern in self.exceptions for m in pattern.finditer(text)]
                self._exception_ranges[id(paragraph)] = ranges
            if _overlaps(start, end, ranges):
                return False
        return True

    def finditer(self, pattern: re.Pattern[str], unit: TextUnit) -> Iterator[re.Match[str]]:
        for match in pattern.finditer(unit.paragraph.text, unit.start, unit.end):
            if match.end() == match.start() and not pattern.pattern.startswith("^"):
                continue
            if self.allowed(unit.paragraph, match.start(), match.end()):
                yield match


def _scope(rule: Rule, default: str = "text") -> str:
    return rule.params.get("scope", default)


def _validate_common(params: Mapping[str, Any]) -> None:
    if "scope" in params:
        check_scope(params["scope"])
    _check_regexes(params.get("exceptions"), "exceptions")
    if "ignorecase" in params and not isinstance(params["ignorecase"], bool):
        raise ValueError("ignorecase must be true or false")


COMMON = {"scope": False, "ignorecase": False, "exceptions": False}


# -- existence -----------------------------------------------------------------------


@kind("existence", {**COMMON, "tokens": False, "patterns": False})
def existence(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag every occurrence of the rule's words (``tokens``) or regexes (``patterns``)."""
    matcher = Matcher(ctx, rule)
    patterns = [compile_pattern(token_pattern(t), matcher.ignorecase) for t in _as_list(rule.params.get("tokens"))]
    patterns += [compile_pattern(p, matcher.ignorecase) for p in _as_list(rule.params.get("patterns"))]
    for unit, active in _plan(ctx, _scope(rule), patterns):
        taken: list[tuple[int, int]] = []
        for position in active:
            for match in matcher.finditer(patterns[position], unit):
                if _overlaps(match.start(), match.end(), taken):
                    continue
                taken.append(match.span())
                yield ctx.finding(rule, paragraph=unit.paragraph, start=match.start(), end=match.end(),
                                  match=match.group(0))


def _validate_existence(params: Mapping[str, Any]) -> None:
    _validate_common(params)
    if not params.get("tokens") and not params.get("patterns"):
        raise ValueError("give 'tokens' or 'patterns'")
    for token in _as_list(params.get("tokens")):
        if not isinstance(token, str) or not token:
            raise ValueError(f"tokens must be non-empty strings, not {token!r}")
    _check_regexes(params.get("patterns"), "patterns")


existence.validate_params = _validate_existence


# -- substitution -------------------------------------------------------------------


@kind("substitution", {**COMMON, "swap": True})
def substitution(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag text matching a ``swap`` pattern and offer its replacement (``\\1`` groups allowed)."""
    matcher = Matcher(ctx, rule)
    swaps = [(compile_pattern(p, matcher.ignorecase), r) for p, r in rule.params["swap"].items()]
    for unit, active in _plan(ctx, _scope(rule), [pattern for pattern, _ in swaps]):
        taken: list[tuple[int, int]] = []
        for position in active:
            pattern, template = swaps[position]
            for match in matcher.finditer(pattern, unit):
                replacement = match.expand(template)
                if replacement == match.group(0) or _overlaps(match.start(), match.end(), taken):
                    continue
                taken.append(match.span())
                yield _substitution_finding(ctx, rule, unit, match, replacement)


def _substitution_finding(ctx: CheckContext, rule: Rule, unit: TextUnit, match: re.Match[str],
                          replacement: str) -> Finding:
    message = rule.format(match=match.group(0), replacement=_visible(replacement))
    return ctx.finding(rule, message=message, paragraph=unit.paragraph, start=match.start(),
                       end=match.end(), replacement=replacement)


def _visible(text: str) -> str:
    """Replacement text as shown in messages (a no-break space shows as a space)."""
    return text.replace(NBSP, " ")


def _validate_substitution(params: Mapping[str, Any]) -> None:
    _validate_common(params)
    swap = params.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise ValueError("swap must be a mapping of pattern: replacement")
    for pattern, replacement in swap.items():
        _check_regexes([pattern], "swap")
        if not isinstance(replacement, str):
            raise ValueError(f"swap replacement for {pattern!r} must be a string")
        compiled = re.compile(pattern)
        for ref in re.findall(r"\\(\d+)|\\g<(\w+)>", replacement):
            group = ref[0] or ref[1]
            if group.isdigit() and int(group) > compiled.groups:
                raise ValueError(f"swap replacement {replacement!r} refers to group {group} "
                                 f"that {pattern!r} does not have")


substitution.validate_params = _validate_substitution


# -- repetition ----------------------------------------------------------------------

# Possessive: a shorter start of the first word is always followed by a letter, never
# by the space the pattern needs, so giving letters back can never make a match; not
# trying it makes the scan ~35 % cheaper.
_REPEATED = re.compile(r"(?<!\w)(\w++)(\s++)(\1)(?!\w)", re.IGNORECASE)
_REPEATED_CASED = re.compile(r"(?<!\w)(\w++)(\s++)(\1)(?!\w)")


@kind("repetition", {"scope": False, "ignorecase": False, "exceptions": False, "min_length": False,
                     "allow": False, "numbers": False})
def repetition(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag a word written twice in a row ("ja ja"), offering to drop the second one."""
    params = rule.params
    pattern = _REPEATED if params.get("ignorecase", True) else _REPEATED_CASED
    allow = {w.lower() for w in _as_list(params.get("allow"))}
    min_length = int(params.get("min_length", 1))
    numbers = bool(params.get("numbers", False))
    matcher = Matcher(ctx, rule)
    for unit, _ in _plan(ctx, _scope(rule), [pattern]):
        for match in matcher.finditer(pattern, unit):
            word = match.group(1)
            if word.lower() in allow or len(word) < min_length:
                continue
            if not numbers and not any(c.isalpha() for c in word):
                continue
            yield ctx.finding(rule, message=rule.format(match=match.group(0), word=word, replacement=word),
                              paragraph=unit.paragraph, start=match.start(), end=match.end(),
                              replacement=word)


def _validate_repetition(params: Mapping[str, Any]) -> None:
    _validate_common(params)
    for word in _as_list(params.get("allow")):
        if not isinstance(word, str):
            raise ValueError("allow must be a list of words")
    if "min_length" in params and not isinstance(params["min_length"], int):
        raise ValueError("min_length must be a number")


repetition.validate_params = _validate_repetition


# -- consistency ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Variant:
    label: str
    pattern: re.Pattern[str]
    literal: bool


def _variants(rule: Rule) -> list[list[_Variant]]:
    ignorecase = bool(rule.params.get("ignorecase", True))
    groups = []
    for group in rule.params["variants"]:
        variants = []
        for item in group:
            if isinstance(item, str):
                variants.append(_Variant(item, compile_pattern(token_pattern(item), ignorecase), True))
            else:
                variants.append(_Variant(item["label"], compile_pattern(item["pattern"], ignorecase), False))
        groups.append(variants)
    return groups


@kind("consistency", {"scope": False, "ignorecase": False, "exceptions": False, "variants": True})
def consistency(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Where a draft uses several variants of one form, flag the less frequent ones with counts."""
    matcher = Matcher(ctx, rule)
    scope = _scope(rule)
    for group in _variants(rule):
        hits: dict[int, list[tuple[TextUnit, re.Match[str]]]] = {}
        for unit, active in _plan(ctx, scope, [variant.pattern for variant in group]):
            taken: list[tuple[int, int]] = []
            for position in active:
                for match in matcher.finditer(group[position].pattern, unit):
                    if _overlaps(match.start(), match.end(), taken):
                        continue
                    taken.append(match.span())
                    hits.setdefault(position, []).append((unit, match))
        if len(hits) < 2:
            continue
        preferred = max(hits, key=lambda pos: (len(hits[pos]), -pos))
        main = group[preferred]
        for position, found in sorted(hits.items()):
            if position == preferred:
                continue
            variant = group[position]
            for unit, match in found:
                replacement = main.label if main.literal and variant.literal else None
                if replacement is not None and match.group(0)[:1].isupper():
                    replacement = replacement[:1].upper() + replacement[1:]
                message = rule.format(match=match.group(0), variant=variant.label, count=len(found),
                                      preferred=main.label, preferred_count=len(hits[preferred]))
                yield ctx.finding(rule, message=message, paragraph=unit.paragraph, start=match.start(),
                                  end=match.end(), replacement=replacement)


def _validate_consistency(params: Mapping[str, Any]) -> None:
    _validate_common(params)
    groups = params.get("variants")
    if not isinstance(groups, list) or not groups:
        raise ValueError("variants must be a list of groups (lists of two or more variants)")
    for group in groups:
        if not isinstance(group, list) or len(group) < 2:
            raise ValueError(f"each variants group needs two or more variants, not {group!r}")
        for item in group:
            if isinstance(item, str):
                continue
            if not isinstance(item, dict) or set(item) != {"label", "pattern"}:
                raise ValueError(f"a variant is a word or {{label, pattern}}, not {item!r}")
            _check_regexes([item["pattern"]], "variants")


consistency.validate_params = _validate_consistency


# -- conditional ---------------------------------------------------------------------

CONDITIONAL_SCOPES = ("paragraph", "measure")


def _groups(ctx: CheckContext, scope: str) -> list[list[TextUnit]]:
    if scope == "paragraph":
        return [[u] for u in units(ctx, "text")]
    if scope == "measure":
        return [_whole(_measure_paragraphs(ctx, m)) for m in ctx.programme.measures]
    return [[u] for u in units(ctx, scope)]


@kind("conditional", {"scope": False, "ignorecase": False, "exceptions": False, "if": True, "then": True})
def conditional(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Where the ``if`` pattern matches, the ``then`` pattern must match in the same scope."""
    matcher = Matcher(ctx, rule)
    if_pattern = compile_pattern(rule.params["if"], matcher.ignorecase)
    then_pattern = compile_pattern(rule.params["then"], matcher.ignorecase)
    for group in _groups(ctx, _scope(rule, "paragraph")):
        first = None
        for unit in group:
            first = next(matcher.finditer(if_pattern, unit), None)
            if first is not None:
                first_unit = unit
                break
        if first is None:
            continue
        if any(then_pattern.search(u.paragraph.text, u.start, u.end) for u in group):
            continue
        yield ctx.finding(rule, paragraph=first_unit.paragraph, start=first.start(), end=first.end(),
                          match=first.group(0))


def _validate_conditional(params: Mapping[str, Any]) -> None:
    scope = params.get("scope", "paragraph")
    check_scope(scope, CONDITIONAL_SCOPES)
    _validate_common({k: v for k, v in params.items() if k != "scope"})
    _check_regexes([params.get("if", ""), params.get("then", "")], "if/then")


conditional.validate_params = _validate_conditional


# -- empty paragraphs ----------------------------------------------------------------


@kind("empty-paragraph", {"min_run": False, "in_tables": False})
def empty_paragraph(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag empty paragraphs used as spacing (one finding per run of them)."""
    min_run = int(rule.params.get("min_run", 1))
    in_tables = bool(rule.params.get("in_tables", False))
    body = ctx.document.body
    sequences: list[list] = [list(body)]
    if in_tables:
        sequences += [list(cell.blocks) for table in ctx.document.tables() for row in table.rows
                      for cell in row.cells]
    for blocks in sequences:
        run: list[Paragraph] = []
        # The last block of a sequence may be an empty paragraph Word needs (after a table).
        last = len(blocks) - 1
        for position, block in enumerate(blocks):
            if (isinstance(block, Paragraph) and not block.text.strip() and not block.has_image
                    and not block.deleted and position < last):
                run.append(block)
                continue
            if len(run) >= min_run:
                yield ctx.finding(rule, message=rule.format(count=len(run)), paragraph=run[0], start=0, end=0)
            run = []


def _validate_empty(params: Mapping[str, Any]) -> None:
    if "min_run" in params and (not isinstance(params["min_run"], int) or params["min_run"] < 1):
        raise ValueError("min_run must be a whole number of at least 1")


empty_paragraph.validate_params = _validate_empty


# -- number grouping -----------------------------------------------------------------

_UNGROUPED = r"(?<![\w.,/§–-])[1-9]\d{%d,}(?![\w/]|[.,]\d|-\d)"
_MISGROUPED = re.compile(r"(?<![\w.,/])(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3}){2,})(?![\w]|[.,]\d)")


def group_digits(digits: str, separator: str = NBSP) -> str:
    """``"1200000"`` → ``"1 200 000"`` (grouped by threes from the right)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


@kind("number-grouping", {**COMMON, "mode": False, "min_digits": False, "separator": False})
def number_grouping(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag long numbers not grouped by threes (``ungrouped``) or grouped with . or , (``separators``)."""
    params = rule.params
    separator = params.get("separator", NBSP)
    if params.get("mode", "ungrouped") == "ungrouped":
        pattern = compile_pattern(_UNGROUPED % (int(params.get("min_digits", 5)) - 1))
    else:
        pattern = _MISGROUPED
    matcher = Matcher(ctx, rule)
    for unit, _ in _plan(ctx, _scope(rule), [pattern]):
        for match in matcher.finditer(pattern, unit):
            digits = re.sub(r"\D", "", match.group(0))
            replacement = group_digits(digits, separator)
            yield ctx.finding(rule, message=rule.format(match=match.group(0), replacement=_visible(replacement)),
                              paragraph=unit.paragraph, start=match.start(), end=match.end(),
                              replacement=replacement)


def _validate_grouping(params: Mapping[str, Any]) -> None:
    _validate_common(params)
    if params.get("mode", "ungrouped") not in ("ungrouped", "separators"):
        raise ValueError("mode must be 'ungrouped' or 'separators'")
    if "min_digits" in params and (not isinstance(params["min_digits"], int) or params["min_digits"] < 4):
        raise ValueError("min_digits must be a whole number of at least 4")
    if "separator" in params and not isinstance(params["separator"], str):
        raise ValueError("separator must be a string")


number_grouping.validate_params = _validate_grouping
