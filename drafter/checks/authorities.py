"""Authority checks: unknown, misspelt, outdated, wrongly capitalised or inconsistent names.

Every kind reads one shared scan of the draft (cached on the context): each
authority mention in the body, tables and notes with whether it stands at the
start of a sentence, and each name of every responsible field matched against
the lexicon. The helpers at the top (text paragraphs, responsible-field spans,
sentence starts) are shared with the abbreviation and terminology checks.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Callable, Iterator, NamedTuple, TypeVar

from drafter.blocks import Paragraph
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.fields import split_names
from drafter.findings import Finding
from drafter.lexicon import (
    TOKEN, AuthorityMatch, Lexicon, finnish_forms, inflect, is_known_word, load_lexicon,
)

T = TypeVar("T")
LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
RESPONSIBLE_KEYS = ("responsible",)
ACTOR_KEYS = ("responsible", "other_actors")
_SENTENCE_END = re.compile(r"(?:^|[.!?:…]|\n)$")
_OPENERS = " \t\u00a0\"'”“„»«(–—-•*"
# Lowercase abbreviations with a period that do not end a sentence ("mm. Sisäministeriö" is mid-sentence).
_LIST_LABEL = re.compile(r"\s*(?:\d+(?:\.\d+)*|[a-zA-Z]|[IVXLC]+)[.)]?")
_LOOKBEHIND = 200
_ENDS = ".!?:…\n"  # what _SENTENCE_END and _ABBR_PERIOD need as the last character ($ may stand before a last \n)
_ABBR_PERIOD = re.compile(r"\b(?:mm|ks|esim|ns|nk|ym|yms|vrt|ts|em|ao|n|t\.ex|bl\.a|s\.k|e\.g|i\.e|cf)\.$", re.IGNORECASE)


# --- shared helpers ------------------------------------------------------------

def cached(ctx: CheckContext, key: str, build: Callable[[], T]) -> T:
    """``build()`` once per context: kinds that share an analysis compute it once."""
    return ctx.cached(key, build)


def lexicon_of(ctx: CheckContext) -> Lexicon:
    """The context's lexicon, loaded for the draft's language when the engine gave none."""
    if ctx.lexicon is None:
        ctx.lexicon = load_lexicon(ctx.language, ctx.config)
    return ctx.lexicon


def text_paragraphs(ctx: CheckContext) -> list[Paragraph]:
    """Body paragraphs (tables included) and note paragraphs, in reading order, non-empty."""
    def build() -> list[Paragraph]:
        out = [p for p in ctx.document.paragraphs() if p.text.strip() and not p.deleted]
        for note in (*ctx.document.footnotes, *ctx.document.endnotes):
            out.extend(p for p in note.paragraphs if p.text.strip() and not p.deleted)
        return out

    return cached(ctx, "paragraphs", build)


def paragraph_tokens(ctx: CheckContext) -> list[list[str]]:
    """``TOKEN.findall`` of each of :func:`text_paragraphs`, in the same order (cached).

    One regex pass per distinct text serves every check that looks for words
    (paragraphs repeating a text share its list: read them, never change them);
    the lists share one string per distinct token, so they cost a pointer per word.
    """
    return _tokens(ctx)[0]


def distinct_tokens(ctx: CheckContext) -> dict[str, None]:
    """Every distinct token of the text paragraphs, in order of first use (cached)."""
    return _tokens(ctx)[1]


def _tokens(ctx: CheckContext) -> tuple[list[list[str]], dict[str, None]]:
    """:func:`paragraph_tokens` and :func:`distinct_tokens`, made in one pass (cached)."""
    def build() -> tuple[list[list[str]], dict[str, None]]:
        texts = [p.text for p in text_paragraphs(ctx)]
        distinct = list(dict.fromkeys(texts))
        lists = list(map(TOKEN.findall, distinct))
        # One pass over every token (the first of equal ones stands for all), then each
        # text's run of it: C loops, no list per text to map. A repeated text adds no
        # token, so the distinct texts' order is the paragraphs' order of first use.
        canonical: dict[str, str] = {}
        every = list(map(canonical.setdefault, chain.from_iterable(lists), chain.from_iterable(lists)))
        ends = list(accumulate(map(len, lists)))
        shared = dict(zip(distinct, [every[a:b] for a, b in zip([0, *ends], ends)]))
        return list(map(shared.__getitem__, texts)), dict.fromkeys(canonical)

    return cached(ctx, "tokens", build)


@dataclass(frozen=True)
class FieldName:
    """One name of a measure's actor field, with where it stands."""

    measure: object
    key: str
    name: str
    paragraph: Paragraph | None
    start: int
    end: int


def field_names(ctx: CheckContext, keys: tuple[str, ...] = ACTOR_KEYS) -> list[FieldName]:
    """Every name in the measures' ``keys`` fields, split on commas and conjunctions, located."""
    def build() -> list[FieldName]:
        out: list[FieldName] = []
        lexicon = lexicon_of(ctx)
        splits: dict[str, list[tuple[str, int]]] = {}  # per distinct value: drafts repeat their actors
        for measure in ctx.programme.measures:
            for line in measure.fields:
                if line.key not in ACTOR_KEYS or not line.value.strip():
                    continue
                paragraph = ctx.paragraph(line.location.part, line.location.paragraph)
                base = -1
                if paragraph is not None:
                    text = paragraph.text
                    if text[line.location.start:line.location.start + len(line.value)] == line.value:
                        base = line.location.start
                    else:
                        base = text.find(line.value)
                if base < 0:
                    paragraph = None
                parts = splits.get(line.value)
                if parts is None:
                    parts = splits[line.value] = _split_field(line.value, lexicon)
                for name, at in parts:
                    start = base + at if paragraph is not None else 0
                    out.append(FieldName(measure, line.key, name, paragraph, start, start + len(name)))
        return out

    return [f for f in cached(ctx, "field-names", build) if f.key in keys]


def _split_field(value: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """Names in a field value with their offsets, keeping known names whole.

    split_names() keeps known names and genitive-joined names whole
    ("Ministry of Social Affairs and Health", "Kriminologian ja oikeuspolitiikan
    instituutti"); a misspelt "sosiaali- ja terveysministerö" is not known, so
    two parts that join into a close fuzzy match are merged here.
    """
    parts: list[tuple[int, int]] = []
    cursor = 0
    for part in split_names(value, lexicon.language):
        for name in (p.strip() for p in part.split("/")):
            if not name:
                continue
            at = value.find(name, cursor)
            at = at if at >= 0 else value.find(name)
            if at < 0:
                continue
            cursor = at + len(name)
            parts.append((at, at + len(name)))
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts):
            a, b = parts[i], parts[i + 1]
            single_a = lexicon.match_authority(value[a[0]:a[1]], min_score=0)
            single_b = lexicon.match_authority(value[b[0]:b[1]], min_score=0)
            if not (single_a and single_a.exact) or not (single_b and single_b.exact):
                joined = lexicon.match_authority(value[a[0]:b[1]], min_score=88)
                best_single = max(x.score if x else 0 for x in (single_a, single_b))
                if joined is not None and joined.score > best_single and joined.score >= 88:
                    merged.append((a[0], b[1]))
                    i += 2
                    continue
        merged.append(parts[i])
        i += 1
    return [(value[s:e], s) for s, e in merged]


def field_spans(ctx: CheckContext, keys: tuple[str, ...] = ACTOR_KEYS) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """(part, paragraph) → spans of the values of ``keys`` fields."""
    def build() -> dict[tuple[str, int, str], list[tuple[int, int]]]:
        out: dict[tuple[str, int, str], list[tuple[int, int]]] = {}
        for measure in ctx.programme.measures:
            for line in measure.fields:
                paragraph = ctx.paragraph(line.location.part, line.location.paragraph)
                if paragraph is None:
                    continue
                start = line.location.start
                if paragraph.text[start:start + len(line.value)] != line.value:
                    start = paragraph.text.find(line.value)
                if start < 0:
                    continue
                key = (line.location.part, line.location.paragraph, line.key)
                out.setdefault(key, []).append((start, start + len(line.value)))
        return out

    def select() -> dict[tuple[str, int], list[tuple[int, int]]]:
        result: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for (part, index, key), values in cached(ctx, "field-spans", build).items():
            if key in keys:
                result.setdefault((part, index), []).extend(values)
        return result

    # Shared by the checks that ask for the same keys: read it, never change it.
    return cached(ctx, "field-spans:" + ",".join(keys), select)


def in_spans(spans: dict[tuple[str, int], list[tuple[int, int]]], paragraph: Paragraph, start: int, end: int) -> bool:
    for s, e in spans.get((paragraph.location.part, paragraph.location.paragraph), ()):
        if s <= start and end <= e:
            return True
    return False


def at_sentence_start(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence (paragraph start, after . ! ? : or a list dash)."""
    # Only the end of the prefix matters (the patterns are anchored at its end);
    # a bounded window keeps long paragraphs with many mentions linear.
    window = max(0, start - _LOOKBEHIND)
    before = text[window:start].rstrip(_OPENERS)
    if window and not before:
        before = text[:start].rstrip(_OPENERS)
        window = 0
    if not before or (window == 0 and _LIST_LABEL.fullmatch(before)):
        return True
    if before[-1] not in _ENDS:
        return False  # mid-sentence, the usual case: both patterns below need one of _ENDS last
    # Both patterns end at the prefix's end and span at most six characters there
    # (with the one before for \b): its last twelve decide, at a fraction of a search.
    tail = before[-12:]
    if _ABBR_PERIOD.search(tail):
        return False
    return bool(_SENTENCE_END.search(tail))


def reference_year(ctx: CheckContext) -> int:
    """The year the draft speaks from: the configured period, a year in the title, or today."""
    period = getattr(ctx.config, "period", None)
    if period:
        return int(period[0])
    for text in (ctx.programme.title or "", *(p.text for p in list(text_paragraphs(ctx))[:5])):
        years = re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)
        if years:
            return int(years[0])
    return datetime.date.today().year


def with_case_of(original: str, replacement: str) -> str:
    """``replacement`` with its first letter in the case of ``original``'s first letter."""
    if not original or not replacement:
        return replacement
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if original[0].islower() and not replacement[:2].isupper():
        return replacement[0].lower() + replacement[1:]
    return replacement


# --- the scan ------------------------------------------------------------------------

class Mention(NamedTuple):
    """An authority name in running text (a named tuple: bench-5000 makes 58,000 of them)."""

    paragraph: Paragraph
    start: int
    end: int
    match: AuthorityMatch
    sentence_start: bool
    in_field: bool


def mentions(ctx: CheckContext) -> list[Mention]:
    """Every authority mention in the draft's text, in reading order (cached)."""
    def build() -> list[Mention]:
        lexicon = lexicon_of(ctx)
        fields = field_spans(ctx, ACTOR_KEYS)
        out = []
        # A text repeated in several paragraphs has the same names at the same sentence starts.
        by_text: dict[str, list[tuple[int, int, AuthorityMatch, bool]]] = {}
        for paragraph, words in zip(text_paragraphs(ctx), paragraph_tokens(ctx)):
            text = paragraph.text
            found = by_text.get(text)
            if found is None:
                found = by_text[text] = [(start, end, match, at_sentence_start(text, start))
                                         for start, end, match in lexicon.find_authorities(text, words=words, remember=False)]
            for start, end, match, first in found:
                out.append(Mention(paragraph, start, end, match, first, in_spans(fields, paragraph, start, end)))
        return out

    return cached(ctx, "mentions", build)


@dataclass(frozen=True)
class FieldMatch:
    name: FieldName
    match: AuthorityMatch | None


def responsible_matches(ctx: CheckContext) -> list[FieldMatch]:
    """Each name of every responsible field with its best lexicon match (fuzzy, scored)."""
    def build() -> list[FieldMatch]:
        lexicon = lexicon_of(ctx)
        return [FieldMatch(n, lexicon.match_authority(n.name, min_score=0)) for n in field_names(ctx, RESPONSIBLE_KEYS)]

    return cached(ctx, "responsible-matches", build)


def _correct_other_word(ctx: CheckContext, name: str, match: AuthorityMatch) -> bool:
    """Whether a near match is a correctly spelt different word ("ulkoministeri", the minister).

    Such a name is not a misspelling of the ministry; it is reported as unknown,
    with the ministry suggested.
    """
    if match.exact or ctx.language != "fi":
        return False
    words = name.split()
    return bool(words) and is_known_word(words[-1]) is True


def _field_finding(ctx: CheckContext, rule: Rule, item: FieldName, **kwargs) -> Finding:
    if item.paragraph is not None:
        return ctx.finding(rule, paragraph=item.paragraph, start=item.start, end=item.end, **kwargs)
    return ctx.finding(rule, measure=item.measure, **kwargs)


# --- kinds -------------------------------------------------------------------------------

@kind("authority-unknown", params={"suggest_score": False, "misspelling_score": False})
def authority_unknown(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """A responsible field names a body that is neither in the authority list nor in the config."""
    suggest = float(rule.params.get("suggest_score", 60))
    misspelling = float(rule.params.get("misspelling_score", 88))
    for item in responsible_matches(ctx):
        match = item.match
        if match is not None and match.score >= misspelling and not _correct_other_word(ctx, item.name.name, match):
            continue  # known, or a misspelling (authority-misspelled reports it)
        if match is not None and match.score >= suggest:
            closest = f" Did you mean '{match.corrected(ctx.language)}' (similarity {match.score:.0f} %)?"
            details = {"closest": match.authority.name(ctx.language), "score": round(match.score, 1)}
        else:
            closest = " Add it to `authorities` in drafter.toml if it is right."
            details = {}
        yield _field_finding(ctx, rule, item.name, name=item.name.name, closest=closest, details=details)


@kind("authority-misspelled", params={"misspelling_score": False, "text_score": False})
def authority_misspelled(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """An authority's name is misspelt, in a responsible field or in running text."""
    threshold = float(rule.params.get("misspelling_score", 88))
    text_threshold = float(rule.params.get("text_score", 90))
    lexicon = lexicon_of(ctx)
    for item in responsible_matches(ctx):
        match = item.match
        if match is None or match.exact or match.score < threshold or _correct_other_word(ctx, item.name.name, match):
            continue
        correct = match.corrected(ctx.language) if match.language == ctx.language else match.form
        yield _field_finding(ctx, rule, item.name, replacement=correct, name=item.name.name,
                             correct=correct, score=f"{match.score:.0f}")
    yield from _misspelled_in_text(rule, ctx, lexicon, text_threshold)


def _misspelled_in_text(rule: Rule, ctx: CheckContext, lexicon: Lexicon, threshold: float) -> Iterator[Finding]:
    """Words in running text close to a distinctive name word but unknown to Voikko.

    Needs Voikko: without a spelling dictionary "sisäministeri" (the minister)
    would look like a misspelt "sisäministeriö". Candidates are bucketed by
    their first two letters, so each word is compared with a handful of forms.
    Each distinct word is scored once before Voikko is asked anything, and
    only the paragraphs holding a close word that Voikko does not know in
    every spelling are read word by word.
    """
    if ctx.language != "fi" or is_known_word("ministeriö") is None:
        return
    buckets = lexicon.derived("misspelling-buckets", lambda: _misspelling_buckets(lexicon))
    close = _close_to_names(ctx, buckets, threshold)
    written: dict[str, list[str]] = {}   # lowercased close word → its tokens as written
    for raw in distinct_tokens(ctx):
        low = raw.rstrip("-").lower()
        if low in close:
            written.setdefault(low, []).append(raw)
    # A word Voikko knows however it is written is never reported (names spelt
    # right, "sisäministeri"): only the rest need finding in the text.
    close = {low: verdict for low, verdict in close.items()
             if not all(is_known_word(raw.rstrip("-")) for raw in written[low])}
    if not close:
        return
    tokens_of_close = {raw for low in close for raw in written[low]}
    known_spans: dict[tuple[str, int], list[tuple[int, int]]] = {}  # per paragraph: one lookup, not a scan
    for mention in mentions(ctx):
        where = (mention.paragraph.location.part, mention.paragraph.location.paragraph)
        known_spans.setdefault(where, []).append((mention.start, mention.end))
    responsible = field_spans(ctx, RESPONSIBLE_KEYS)
    verdicts: dict[str, tuple[str, str, float] | None] = {}
    for paragraph, words in zip(text_paragraphs(ctx), paragraph_tokens(ctx)):
        if tokens_of_close.isdisjoint(words):
            continue
        for m in TOKEN.finditer(paragraph.text):
            word = m.group().rstrip("-")
            low = word.lower()
            if low not in close or len(word) < 8 or not word.isalpha():
                continue
            if in_spans(responsible, paragraph, m.start(), m.end()):
                continue
            if any(s <= m.start() < e for s, e in known_spans.get(
                    (paragraph.location.part, paragraph.location.paragraph), ())):
                continue
            if low not in verdicts:
                # The word as first written decides ("Sisäministeri" and "sisäministeri" may differ).
                verdicts[low] = None if is_known_word(word) else close[low]
            verdict = verdicts[low]
            if verdict is None:
                continue
            form, full_name, score = verdict
            replacement = with_case_of(word, form)
            yield ctx.finding(rule, paragraph=paragraph, start=m.start(), end=m.start() + len(word),
                              replacement=replacement, name=word, correct=replacement, score=f"{score:.0f}",
                              message=rule.format(name=word, correct=replacement, score=f"{score:.0f}")
                              + f" ({full_name})")


def _misspelling_buckets(lexicon: Lexicon) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """First two letters → (lowercased forms of distinctive name words, their (form, full name))."""
    buckets: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    for word, owners in lexicon.name_words().items():
        full_name = owners[0][0]
        for values in finnish_forms(word).values():
            for value in values:
                forms, owners_of = buckets.setdefault(value[:2].lower(), ([], []))
                forms.append(value.lower())
                owners_of.append((value.lower(), full_name))
    return buckets


def _close_to_names(ctx: CheckContext, buckets, threshold: float) -> dict[str, tuple[str, str, float]]:
    """Lowercased long words of the draft → (closest name-word form, full name, score) at ``threshold`` or above."""
    from rapidfuzz import fuzz, process

    close: dict[str, tuple[str, str, float]] = {}
    seen: set[str] = set()
    for raw in distinct_tokens(ctx):
        word = raw.rstrip("-")
        if len(word) < 8 or not word.isalpha():
            continue
        low = word.lower()
        if low in seen:
            continue
        seen.add(low)
        bucket = buckets.get(low[:2])
        if not bucket:
            continue
        best = process.extractOne(low, bucket[0], scorer=fuzz.ratio, score_cutoff=threshold)
        if best is not None:
            form, full_name = bucket[1][best[2]]
            close[low] = (form, full_name, best[1])
    return close


@kind("authority-outdated", params={})
def authority_outdated(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """A former name of an authority ("sisäasiainministeriö"): the current name since the change."""
    year = reference_year(ctx)
    for mention in mentions(ctx):
        match = mention.match
        if not match.outdated or (match.since is not None and match.since > year):
            continue
        current = match.corrected(ctx.language)
        if match.kind == "former-abbreviation":
            current = match.authority.abbreviation(ctx.language) or match.authority.name(ctx.language)
            if match.case and match.case != "nom":
                current = inflect(current, match.case, ctx.language)
        elif mention.sentence_start:
            current = with_case_of(match.text, current)
        since = f" since {match.since}" if match.since else ""
        yield ctx.finding(rule, paragraph=mention.paragraph, start=mention.start, end=mention.end,
                          replacement=current, name=match.text, current=current, since=since,
                          details={"authority": match.authority.id, "since": match.since})


@kind("authority-capitalisation", params={})
def authority_capitalisation(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """A ministry name capitalised mid-sentence, or an agency's registered name written lowercase."""
    for mention in mentions(ctx):
        match = mention.match
        if match.kind not in ("name", "alias") or match.language != ctx.language:
            continue
        written, listed = match.text[:1], match.form[:1]
        if not written.isalpha() or not listed.isalpha() or written == listed:
            continue
        if listed.islower() and written.isupper():
            if mention.sentence_start or mention.paragraph.is_heading:
                continue
            replacement = match.text[0].lower() + match.text[1:]
            how = "takes a lowercase initial mid-sentence"
        elif listed.isupper() and written.islower():
            replacement = match.text[0].upper() + match.text[1:]
            how = "is a registered name and takes a capital initial"
        else:
            continue
        yield ctx.finding(rule, paragraph=mention.paragraph, start=mention.start, end=mention.end,
                          replacement=replacement, name=match.text, form=match.form, how=how)


@kind("authority-variants", params={"min_forms": False})
def authority_variants(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One authority written several ways in one draft ("Migri", "Maahanmuuttovirasto", "maahanmuuttovirasto").

    The full name and an abbreviation the draft defines (in the text or its
    list of abbreviations) go together; aliases listed in the data are
    accepted short names. Any other form — an undefined abbreviation, a name
    in the wrong case — makes the authority inconsistent: one finding at the
    first use of each such form, listing every form with its count.
    """
    from drafter.checks.abbreviations import analyse

    min_forms = int(rule.params.get("min_forms", 2))
    defined = set(analyse(ctx).defined)
    groups: dict[str, dict[str, list[Mention]]] = {}
    allowed: dict[str, set[str]] = {}
    # A token's match is one object wherever the token stands: its form is decided
    # once per match and sentence start, at its first mention (so groups and forms
    # keep the order of first use).
    places: dict[tuple[int, bool], list[Mention] | None] = {}
    for mention in mentions(ctx):
        key = (id(mention.match), mention.sentence_start)
        place = places.get(key, False)
        if place is False:
            place = places[key] = _variant_place(mention, ctx.language, defined, groups, allowed)
        if place is not None:
            place.append(mention)
    for auth_id, forms in groups.items():
        if len(forms) < min_forms or all(f in allowed[auth_id] for f in forms):
            continue
        listing = ", ".join(f"'{f}' ({len(v)})" for f, v in sorted(forms.items(), key=lambda kv: -len(kv[1])))
        # A form differing only in its initial's case is authority-capitalisation's
        # finding; it is listed here but not reported twice.
        odd_forms = [f for f in forms if f not in allowed[auth_id] and f[1:] not in {a[1:] for a in allowed[auth_id]}]
        for odd in odd_forms:
            first = forms[odd][0]
            name = first.match.authority.name(ctx.language)
            yield ctx.finding(rule, paragraph=first.paragraph, start=first.start, end=first.end,
                              name=name, forms=listing, count=len(forms), form=odd,
                              details={"authority": auth_id, "forms": {f: len(v) for f, v in forms.items()}})


def _variant_place(mention: Mention, language: str, defined: set[str], groups: dict[str, dict[str, list[Mention]]],
                   allowed: dict[str, set[str]]) -> list[Mention] | None:
    """The list of ``groups`` the mention's form belongs in (noting in ``allowed`` an accepted form); None to skip it."""
    match = mention.match
    if match.outdated or match.language != language:
        return None
    written = match.form
    if match.kind in ("name", "alias") and match.text[:1].isalpha() and match.form[:1].isalpha():
        first = match.text[0]
        if not (mention.sentence_start and first.isupper()) and first != match.form[0]:
            written = first + match.form[1:]
    place = groups.setdefault(match.authority.id, {}).setdefault(written, [])
    ok = allowed.setdefault(match.authority.id, set())
    if match.kind in ("name", "alias") and written == match.form:
        ok.add(written)
    elif match.kind == "abbreviation" and match.form in defined:
        ok.add(written)
    return place


@kind("authority-language", params={})
def authority_language(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """An authority named in another language than the draft's (Swedish drafts use the Swedish names)."""
    for mention in mentions(ctx):
        match = mention.match
        if match.language == ctx.language or match.kind not in ("name", "alias"):
            continue
        if ctx.language not in match.authority.names:
            continue
        correct = match.authority.name(ctx.language)
        if match.case == "gen":
            correct = inflect(correct, "gen", ctx.language)
        if mention.sentence_start:
            correct = with_case_of(match.text, correct)
        yield ctx.finding(rule, paragraph=mention.paragraph, start=mention.start, end=mention.end,
                          replacement=correct, name=match.text, correct=correct,
                          other=LANGUAGE_NAMES.get(match.language, match.language),
                          language=LANGUAGE_NAMES.get(ctx.language, ctx.language))
