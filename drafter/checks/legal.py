"""Legal checks: statute references written by the convention, and explained where measures rely on them.

Reviewers of action programmes ask that a measure resting on a section of an
act say, somewhere in the draft, what that section provides: most readers do
not know what "ulkomaalaislain 52 a §" is about. A section counts as explained
when the same act and section appear elsewhere with explanatory wording (a
sentence with "mukaan", "säädetään", "tarkoitetaan", "koskee", …), in a
paragraph with a footnote, in a footnote itself, or in a non-measure paragraph
before the measure (the background chapters). Technical terms work the same way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.checks.structure_checks import measure_name
from drafter.findings import Finding
from drafter.statutes import (
    StatuteReference, act_base, find_form_errors, find_statute_references, is_specific_act,
)
from drafter.xrefs import finditer_at, literal_starts, search_lower

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\d])")


@kind("statute-form", params={"problem": True})
def statute_form(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Section references written "3 §", "3 §:n", "3–5 §" — not "3§", "§ 3", "3 §n", "3-5 §"."""
    problem = rule.params.get("problem")
    if problem == "ordinal-period":
        yield from _ordinal_periods(rule, ctx)
        return
    for paragraph, errors in _form_errors(ctx):
        for error in errors:
            if error.problem != problem:
                continue
            yield ctx.finding(rule, rule.format(match=error.text, replacement=error.replacement),
                              paragraph=paragraph, start=error.start, end=error.end,
                              replacement=error.replacement)


def _form_errors(ctx: CheckContext) -> list[tuple[object, list]]:
    """The paragraphs with miswritten section references, with the errors: found once for every form rule."""
    def build():
        found = ((p, find_form_errors(p.text, ctx.language)) for p in _paragraphs(ctx))
        return [(p, errors) for p, errors in found if errors]

    return ctx.cached("legal:form-errors", build)


def _ordinal_periods(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """"9. §" is allowed in general text, but not in a precise citation or where the draft otherwise writes "9 §".

    Decision: an ordinal period is flagged when the reference also names a
    chapter or a subsection (a legal citation: "25 luvun 3. §", "3. §:n 2
    momentti"), or when most of the draft's section references go without it.
    """
    references = [(p, r) for _, p, found in _statute_references(ctx) for r in found]
    plain = sum(1 for _, r in references if not r.ordinal)
    ordinal = len(references) - plain
    for paragraph, reference in references:
        if not reference.ordinal:
            continue
        legal = bool(reference.chapter or reference.subsection)
        if not legal and plain <= ordinal:
            continue
        dotted = re.compile(r"\d{1,3}(?:\s?[a-z])?\.\s?§").search(paragraph.text, reference.start, reference.end)
        if dotted is None:
            continue
        written = dotted.group()
        replacement = re.sub(r"\.\s?§", " §", written)
        number_start, dot_end = dotted.start(), dotted.end()
        why = ("it is a precise citation" if legal else
               f"the draft writes {plain} other section references without the period")
        yield ctx.finding(rule, rule.format(match=written, replacement=replacement, why=why),
                          paragraph=paragraph, start=number_start, end=dot_end, replacement=replacement)


@dataclass(frozen=True)
class _Occurrence:
    key: tuple
    reference: StatuteReference
    paragraph: object
    order: int               # reading order of the paragraph
    measure: object | None   # the measure the paragraph belongs to
    sentence: str
    explains: bool


@kind("statute-explained", params={"explaining_words": True})
def statute_explained(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Every statute section a measure relies on is explained somewhere in the draft."""
    words = _word_pattern(rule.params.get("explaining_words") or ())
    occurrences = _statute_occurrences(ctx, words)
    by_key: dict[tuple, list[_Occurrence]] = {}
    for occurrence in occurrences:
        by_key.setdefault(occurrence.key, []).append(occurrence)
    reported: set[tuple] = set()
    for occurrence in occurrences:
        if occurrence.measure is None or occurrence.reference.quoted or occurrence.explains:
            continue  # a sentence saying what the section provides, or with a footnote, explains itself
        if not is_specific_act(occurrence.key[0]):
            continue  # "3 §:n 2 momentti" without an act: cannot tell which act
        if (occurrence.key, id(occurrence.measure)) in reported:
            continue
        if any(_explains(other, occurrence) for other in by_key[occurrence.key]):
            continue
        reported.add((occurrence.key, id(occurrence.measure)))
        reference = occurrence.reference
        yield ctx.finding(
            rule, rule.format(measure=measure_name(occurrence.measure), reference=reference.text),
            paragraph=occurrence.paragraph, start=reference.start, end=reference.end,
            measure=occurrence.measure, details={"act": occurrence.key[0], "section": occurrence.key[2]},
        )


def _explains(other: _Occurrence, this: _Occurrence) -> bool:
    if other is this:
        return False
    same_sentence = other.paragraph is this.paragraph and other.sentence == this.sentence
    if other.explains and not same_sentence:
        return True
    # Background chapters before the measure introduce what it relies on.
    return other.measure is None and other.order < this.order and not other.reference.quoted


def _statute_occurrences(ctx: CheckContext, words: re.Pattern | None) -> list[_Occurrence]:
    programme = ctx.programme
    occurrences: list[_Occurrence] = []
    aliases: dict[str, str] = {}
    found = _statute_references(ctx)
    for _, _, references in found:
        for reference in references:
            if reference.act and reference.act_number:
                aliases[_base(reference)] = reference.act_number
    for order, paragraph, references in found:
        in_note = paragraph.container == "note"
        measure = None
        if paragraph.location.part == "word/document.xml":
            measure = programme.measure_at(paragraph.location.paragraph)
        with_footnote = bool(paragraph.footnote_refs or paragraph.endnote_refs)
        for reference in references:
            sentence = _sentence_at(paragraph.text, reference.start)
            explains = in_note or with_footnote or bool(words and words.search(sentence))
            act = reference.act_key
            if act and not reference.act_number:
                act = aliases.get(act, act)
            for _, chapter, section in reference.keys():
                occurrences.append(_Occurrence((act, chapter, section), reference, paragraph, order, measure,
                                               sentence, explains))
    return occurrences


def _base(reference: StatuteReference) -> str:
    return act_base(reference.act or "")


def _sentence_at(text: str, position: int) -> str:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > position:
            return text[start:match.start()]
        start = match.end()
    return text[start:]


def _word_pattern(words: Iterable[str]) -> re.Pattern | None:
    words = [str(w) for w in words if str(w).strip()]
    if not words:
        return None
    return re.compile(r"(?<![\wåäö])(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)


def _statute_references(ctx: CheckContext) -> list[tuple[int, object, list[StatuteReference]]]:
    """The readable paragraphs holding statute references: (reading order, paragraph, references), found once."""
    def build():
        found = ((order, p, find_statute_references(p.text, ctx.language))
                 for order, p in enumerate(_paragraphs(ctx)))
        return [item for item in found if item[2]]

    return ctx.cached("legal:statutes", build)


def _paragraphs(ctx: CheckContext) -> list:
    """The readable paragraphs (not deleted, not headers or footers, not empty), listed once per run."""
    return ctx.cached("legal:paragraphs", lambda: [
        p for p in ctx.document.all_paragraphs()
        if not (p.deleted or p.container in ("header", "footer") or not p.text)
    ])


@kind("undefined-terms", params={"terms": False, "defining_words": True})
def undefined_terms(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Technical terms used in measures are defined somewhere in the draft."""
    terms = list(rule.params.get("terms") or ())
    extra = _configured_terms(ctx.config)
    terms.extend(t for t in extra if t not in terms)
    if not terms:
        return
    defining = _word_pattern(rule.params.get("defining_words") or ())
    index = _term_index(ctx)
    lemma = index.lemma
    if lemma is not None:  # every term's first lemma in one pass over the words
        index.index(lemma(term.split()[0]).lower() for term in terms if term.split())
    paragraphs = index.paragraphs
    for term in terms:
        uses = []
        defined = False
        spans_in = index.spans(term)
        for number in sorted(spans_in):
            paragraph = paragraphs[number]
            for start, end in spans_in[number]:
                measure = None
                if paragraph.location.part == "word/document.xml":
                    measure = ctx.programme.measure_at(paragraph.location.paragraph)
                sentence = _sentence_at(paragraph.text, start)
                if (paragraph.container == "note" or paragraph.footnote_refs
                        or (defining and defining.search(sentence))
                        or re.match(r"\s*\(", paragraph.text[end:])
                        or (measure is None and not uses and not paragraph.is_heading)):
                    defined = True
                if measure is not None:
                    uses.append((paragraph, start, end, measure))
            if defined:
                break
        if defined or not uses:
            continue
        paragraph, start, end, measure = uses[0]
        yield ctx.finding(rule, rule.format(term=paragraph.text[start:end], measure=measure_name(measure),
                                            count=len(uses)),
                          paragraph=paragraph, start=start, end=end, measure=measure)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def term_spans(text: str, term: str, lemma=None) -> list[tuple[int, int]]:
    """Where ``term`` occurs in ``text`` in any inflected form.

    Words are compared by lemma when a lemmatiser is given ("harkinta-ajalla"
    is "harkinta-aika"), and by stem in any case (see :func:`term_pattern`).
    """
    spans = {(m.start(), m.end()) for m in term_pattern(term).finditer(text)}
    if lemma is not None:
        target = [lemma(w).lower() for w in term.split()]
        words = list(_WORD.finditer(text))
        n = len(target)
        for i in range(len(words) - n + 1):
            if all(lemma(words[i + k].group()).lower() == target[k] for k in range(n)):
                spans.add((words[i].start(), words[i + n - 1].end()))
    return sorted(spans)


class _TermIndex:
    """Where terms occur in the readable paragraphs, built once per run for all terms.

    :meth:`spans` gives, per paragraph, exactly what :func:`term_spans` gives
    for it, but runs the stem pattern once over all paragraphs (joined with a
    NUL, which neither a word nor the whitespace between a term's words
    matches) and finds lemma matches through an index of where each wanted
    first lemma occurs, so a term costs its occurrences, not a pass over every
    word of the draft. Only the first lemmas asked for are indexed (one pass
    over the words for each batch, see :meth:`index`) and only paragraphs
    holding one keep their words: a full word/lemma table took 195 MB on a
    770,000-word draft.
    """

    _JOIN = "\x00"

    def __init__(self, paragraphs: list, lemma) -> None:
        self.paragraphs = paragraphs
        self.lemma = lemma
        self.starts: list[int] = []
        offset = 0
        for paragraph in paragraphs:
            self.starts.append(offset)
            offset += len(paragraph.text) + 1
        self.joined = self._JOIN.join(p.text for p in paragraphs)
        self._lowered: bytes | None = None
        self._positions: dict[str, list[tuple[int, int, int, int]]] = {}  # paragraph, word, start, end
        self._words: dict[int, list[tuple[int, int, str]]] = {}
        self._forms: dict[str, str] = {}  # word as written -> its lower-cased lemma
        self._pieces: dict[str, tuple[str, ...]] = {}  # text between whitespace -> its words

    def index(self, first_lemmas) -> None:
        """Record where each of ``first_lemmas`` occurs (one pass for all that are new).

        Words never span whitespace, so each distinct whitespace-separated piece
        of the draft is split into words, and each distinct word lemmatised,
        once; only paragraphs holding a piece with a wanted word are walked word
        by word.
        """
        if self.lemma is None:
            return
        wanted = {form for form in first_lemmas if form not in self._positions}
        if not wanted:
            return
        for form in wanted:
            self._positions[form] = []
        lemma, forms, pieces = self.lemma, self._forms, self._pieces
        if not pieces:  # every distinct piece of the draft, in reading order
            for piece in dict.fromkeys(self.joined.replace(self._JOIN, " ").split()):
                words = pieces[piece] = tuple(_WORD.findall(piece))
                for word in words:
                    if word not in forms:
                        forms[word] = lemma(word).lower()
        hit_pieces = {piece for piece, words in pieces.items() if any(forms[w] in wanted for w in words)}
        if not hit_pieces:
            return
        for number, paragraph in enumerate(self.paragraphs):
            if hit_pieces.isdisjoint(paragraph.text.replace(self._JOIN, " ").split()):
                continue
            for position, match in enumerate(_WORD.finditer(paragraph.text)):
                form = forms[match.group()]
                if form in wanted:
                    self._positions[form].append((number, position, match.start(), match.end()))

    def _stem_matches(self, term: str) -> Iterable[re.Match]:
        """``term_pattern(term).finditer(self.joined)``, tried only where the term's first letters stand."""
        pattern = term_pattern(term)
        lead = _term_lead(term)
        if lead is None:
            return pattern.finditer(self.joined)
        text, ignorecase = lead
        if not ignorecase:
            return finditer_at(pattern, self.joined, literal_starts(self.joined, (text,)))
        if self._lowered is None:
            # Latin-1 bytes (other characters as "?", offsets kept) are searched faster than the text.
            self._lowered = (search_lower(self.joined) or "").encode("latin-1", "replace")
        lead = text.lower().encode("latin-1")  # ASCII and åäö only, see _term_lead
        if not self._lowered or b"?" in lead:  # odd letters in the draft: no lower-case short cut
            return pattern.finditer(self.joined)
        return finditer_at(pattern, self.joined, literal_starts(self._lowered, (lead,)))

    def _paragraph_words(self, number: int) -> list[tuple[int, int, str]]:
        words = self._words.get(number)
        if words is None:
            lemma = self.lemma
            words = self._words[number] = [(m.start(), m.end(), lemma(m.group()).lower())
                                           for m in _WORD.finditer(self.paragraphs[number].text)]
        return words

    def spans(self, term: str) -> dict[int, list[tuple[int, int]]]:
        """Paragraph number → the sorted (start, end) spans of ``term`` in it."""
        found: dict[int, set[tuple[int, int]]] = {}
        for match in self._stem_matches(term):
            number = bisect.bisect_right(self.starts, match.start()) - 1
            base = self.starts[number]
            found.setdefault(number, set()).add((match.start() - base, match.end() - base))
        if self.lemma is not None:
            target = [self.lemma(w).lower() for w in term.split()]
            if target:
                self.index([target[0]])
            for number, position, start, end in self._positions.get(target[0], ()) if target else ():
                if len(target) == 1:
                    found.setdefault(number, set()).add((start, end))
                    continue
                words = self._paragraph_words(number)
                if position + len(target) > len(words):
                    continue
                if all(words[position + k][2] == target[k] for k in range(1, len(target))):
                    found.setdefault(number, set()).add((words[position][0], words[position + len(target) - 1][1]))
        return {number: sorted(spans) for number, spans in found.items()}


def _term_index(ctx: CheckContext) -> _TermIndex:
    return ctx.cached("legal:term-index", lambda: _TermIndex(_paragraphs(ctx), _lemma_function(ctx)))


def _lemma_function(ctx: CheckContext):
    try:
        nlp = ctx.nlp
        function = getattr(nlp, "lemma", None)
    except Exception:  # no language layer: stems only
        return None
    if not callable(function):
        return None
    cache: dict[str, str] = {}

    def lemma(word: str) -> str:
        if word not in cache:
            try:
                cache[word] = str(function(word))
            except Exception:
                cache[word] = word
        return cache[word]

    return lemma


def term_pattern(term: str) -> re.Pattern:
    """A pattern for ``term`` in any inflected form: each word's stem plus any ending.

    Words are cut to a stem (the last two letters of longer words dropped) so
    "auttamisjärjestelmä" matches "auttamisjärjestelmään"; a lemmatiser from
    drafter.nlp can replace this when it exists.
    """
    parts = []
    for word in term.split():
        if word.isupper() or len(word) <= 4:
            parts.append(re.escape(word) + r"(?::[a-zåäö]+)?")
        else:
            parts.append(re.escape(word[:-2]) + r"[\wåäö]*")
    flags = 0 if any(w.isupper() for w in term.split()) else re.IGNORECASE
    return re.compile(r"(?<![\wåäö-])" + r"\s+".join(parts) + r"(?![\wåäö])", flags)


_PLAIN_LETTERS = re.compile(r"[\x00-\x7fåäöÅÄÖ]+")


def _term_lead(term: str) -> tuple[str, bool] | None:
    """The text every match of :func:`term_pattern` starts with, and whether case is ignored.

    None when the term has no words, or when case is ignored and the lead has
    letters outside ASCII and åäö (their case forms are not all found by
    :func:`drafter.xrefs.search_lower`).
    """
    words = term.split()
    if not words:
        return None
    first = words[0]
    lead = first if first.isupper() or len(first) <= 4 else first[:-2]
    ignorecase = not any(w.isupper() for w in words)
    if ignorecase and not _PLAIN_LETTERS.fullmatch(lead):
        return None
    return lead, ignorecase


def _configured_terms(config) -> list[str]:
    if config is None:
        return []
    raw = getattr(config, "raw", None) or {}
    value = raw.get("technical_terms") if isinstance(raw, Mapping) else None
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []
