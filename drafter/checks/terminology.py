"""Terminology checks: non-preferred terms, mixed term pairs, and variants found in the draft.

Words are compared by lemma (:func:`drafter.lexicon.lemmatize`: Voikko for
Finnish, simplemma for Swedish and English), so "avustamisjärjestelmän" is an
occurrence of "avustamisjärjestelmä". Multi-word terms match with every word
compared by lemma or as written ("ihmiskaupan kohteena" is "ihmiskaupan kohde").

Variant discovery (:func:`term_variants`) groups the draft's compound words by
their head ("järjestelmä") and compares the modifiers within each group with
rapidfuzz — "auttamis" and "avustamis" differ by two edits — so the work grows
with the size of each head's group, never with the square of the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from drafter.blocks import Paragraph
from drafter.checks.authorities import cached, lexicon_of, mentions, text_paragraphs, with_case_of
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding
from drafter.lexicon import (
    TOKEN, Term, case_of, compound_parts, finnish_forms, inflect, lemma_set, lemmatize, voikko,
)


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a bank term's preferred form or of one of its variants."""

    term: Term
    form: str               # the bank's form that matched (preferred or a variant)
    preferred: bool
    paragraph: Paragraph
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Entry:
    term: Term
    form: str
    preferred: bool
    words: tuple[str, ...]      # earlier words, lowercase
    lemmas: tuple[frozenset[str], ...]     # their possible lemmas


def _tokens(paragraph: Paragraph) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().rstrip("-")) for m in TOKEN.finditer(paragraph.text)]


def term_hits(ctx: CheckContext) -> list[TermHit]:
    """Every occurrence of the lexicon's terms in the draft, in reading order (cached)."""
    return cached(ctx, "term-hits", lambda: _term_hits(ctx))


def _term_hits(ctx: CheckContext) -> list[TermHit]:
    lexicon = lexicon_of(ctx)
    language = ctx.language
    by_last: dict[str, list[_Entry]] = {}
    for term in lexicon.terms:
        for form, preferred in ((term.preferred, True), *((v, False) for v in term.variants)):
            words = [w.rstrip("-") for w in TOKEN.findall(form)]
            if not words:
                continue
            entry = _Entry(term, form, preferred, tuple(w.lower() for w in words[:-1]),
                           tuple(lemma_set(w, language) for w in words[:-1]))
            keys = {words[-1].lower(), lemmatize(words[-1], language)}
            if language == "fi":
                keys.update(v.lower() for values in finnish_forms(words[-1]).values() for v in values)
            for key in keys:
                by_last.setdefault(key, []).append(entry)
    hits: list[TermHit] = []
    if not by_last:
        return hits
    for paragraph in text_paragraphs(ctx):
        tokens = _tokens(paragraph)
        for i, (start, end, word) in enumerate(tokens):
            low = word.lower()
            entries = by_last.get(low)
            if entries is None and any(c.isalpha() for c in word):
                entries = by_last.get(lemmatize(word, language))
            if not entries:
                continue
            best: TermHit | None = None
            for entry in entries:
                k = len(entry.words)
                if k > i:
                    continue
                previous = tokens[i - k:i]
                if not all(p[2].lower() == w or lemma_set(p[2], language) & lw
                           for p, w, lw in zip(previous, entry.words, entry.lemmas)):
                    continue
                if any(not re.fullmatch(r"[\s\u00a0]*", paragraph.text[a[1]:b[0]])
                       for a, b in zip(tokens[i - k:i], tokens[i - k + 1:i + 1])):
                    continue
                s = tokens[i - k][0] if k else start
                if best is None or s < best.start:
                    best = TermHit(entry.term, entry.form, entry.preferred, paragraph, s, end, paragraph.text[s:end])
            if best is not None:
                hits.append(best)
    return hits


def _replacement(hit: TermHit, target: str, language: str) -> str | None:
    """``target`` inflected like ``hit`` (its last word's case), with the hit's initial case."""
    if hit.text.lower() == hit.form.lower():
        return with_case_of(hit.text, target)
    case = case_of(hit.text, hit.form, language)
    if case is None:
        return None
    return with_case_of(hit.text, inflect(target, case, language))


@kind("term-not-preferred", params={})
def term_not_preferred(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """A term the bank or the config marks as one to avoid; the preferred one is named with why."""
    for hit in term_hits(ctx):
        if hit.preferred or hit.term.mode != "avoid":
            continue
        replacement = _replacement(hit, hit.term.preferred, ctx.language)
        reason = hit.term.reason or "the term bank prefers it"
        yield ctx.finding(rule, paragraph=hit.paragraph, start=hit.start, end=hit.end, replacement=replacement,
                          term=hit.text, preferred=hit.term.preferred, reason=reason,
                          details={"source": hit.term.source} if hit.term.source else None)


@kind("term-mixed", params={})
def term_mixed(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Both forms of a consistency pair are used in one draft ("ihmiskaupan uhri" and "ihmiskaupan kohde")."""
    groups: dict[str, dict[str, list[TermHit]]] = {}
    for hit in term_hits(ctx):
        if hit.term.mode != "consistency":
            continue
        groups.setdefault(hit.term.preferred, {}).setdefault(hit.form, []).append(hit)
    for preferred, forms in groups.items():
        if len(forms) < 2:
            continue
        ranked = sorted(forms.items(), key=lambda kv: (-len(kv[1]), kv[0] != preferred))
        minority_form, minority = ranked[-1]
        first = minority[0]
        listing = ", ".join(f"'{form}' ({len(hits)})" for form, hits in ranked)
        yield ctx.finding(rule, paragraph=first.paragraph, start=first.start, end=first.end,
                          term=minority_form, forms=listing, reason=first.term.reason,
                          details={"forms": {form: len(hits) for form, hits in ranked}})


_LATIN_WORD = re.compile(r"[A-ZÅÄÖÉÜ]?[a-zåäöéüõšž]+")


@dataclass(frozen=True)
class _Word:
    lemma: str
    modifier: str
    head: str


@kind("term-variants", params={"max_edits": False, "min_ratio": False, "min_modifier": False})
def term_variants(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Compound words with one head and near-identical modifiers: variants of one term."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    max_edits = int(rule.params.get("max_edits", 2))
    min_ratio = float(rule.params.get("min_ratio", 75))
    min_modifier = int(rule.params.get("min_modifier", 5))
    language = ctx.language
    skip = _bank_lemmas(ctx) | _authority_words(ctx)
    occurrences: dict[str, list[tuple[Paragraph, int, int, str]]] = {}
    analysed: dict[str, _Word | None] = {}
    for paragraph in text_paragraphs(ctx):
        for start, end, word in _tokens(paragraph):
            if len(word) < 8 or not _LATIN_WORD.fullmatch(word):
                continue  # other scripts, code identifiers ("createRPr"), numbers
            low = word.lower()
            if low not in analysed:
                analysed[low] = _split(word, language, min_modifier)
            info = analysed[low]
            if info is None or info.lemma in skip:
                continue
            occurrences.setdefault(info.lemma, []).append((paragraph, start, start + len(word), word))
    by_head: dict[str, dict[str, str]] = {}
    for low, info in analysed.items():
        if info is not None and info.lemma in occurrences:
            by_head.setdefault(info.head, {})[info.modifier] = info.lemma
    reported: set[frozenset[str]] = set()
    for head, modifiers in by_head.items():
        if len(modifiers) < 2 or len(modifiers) > 4000:
            continue
        names = list(modifiers)
        edits = max_edits if not head.startswith("^") else min(max_edits, 1)
        distances = process.cdist(names, names, scorer=Levenshtein.distance, score_cutoff=edits, workers=1)
        import numpy

        for a, b in numpy.argwhere(distances <= edits):
            if a >= b:
                continue
            ma, mb = names[a], names[b]
            if fuzz.ratio(ma, mb) < min_ratio:
                continue
            if head.startswith("^") and (ma.startswith(mb) or mb.startswith(ma)
                                         or lemmatize(ma, language) == lemmatize(mb, language)):
                continue  # inflections of one word ("service", "services"), not variants
            if head.startswith("^") and not _spelling_variants(ma, mb):
                continue
            la, lb = modifiers[ma], modifiers[mb]
            pair = frozenset((la, lb))
            if pair in reported:
                continue
            reported.add(pair)
            common, rare = (la, lb) if len(occurrences[la]) >= len(occurrences[lb]) else (lb, la)
            paragraph, start, end, word = occurrences[rare][0]
            replacement = None
            mod_rare = ma if rare == la else mb
            mod_common = mb if rare == la else ma
            if word.lower().startswith(mod_rare):
                replacement = with_case_of(word, mod_common + word[len(mod_rare):].lower())
            yield ctx.finding(rule, paragraph=paragraph, start=start, end=end, replacement=replacement,
                              term=rare, other=common, rare_count=len(occurrences[rare]),
                              common_count=len(occurrences[common]),
                              details={"forms": {common: len(occurrences[common]), rare: len(occurrences[rare])}})


def _split(word: str, language: str, min_modifier: int) -> _Word | None:
    """A compound's lemma, modifier and head, or None when ``word`` is not a compound."""
    lemma = lemmatize(word, language)
    if language == "fi" and voikko("fi") is not None:
        parts = compound_parts(word)
        if len(parts) < 2:
            return None
        head = parts[-1]
        if lemma.endswith(head):
            modifier = lemma[: -len(head)]
        else:
            modifier = "".join(parts[:-1])
        head = lemma[len(modifier):]
    elif language == "fi":
        # Without a morphological analyser: treat the last 6 letters as the head.
        if len(lemma) < min_modifier + 6:
            return None
        modifier, head = lemma[:-6], lemma[-6:]
    else:
        # Swedish and English: spelling variants of whole words ("counselling",
        # "counseling"), grouped by their first letters.
        low = word.lower()
        return _Word(low, low, "^" + low[:3])
    modifier = modifier.rstrip("-")
    if len(modifier) < min_modifier or len(head) < 4:
        return None
    return _Word(lemma, modifier, head)


def _spelling_variants(a: str, b: str) -> bool:
    """Whether two Swedish or English words are spellings of one word, not two words.

    Either they differ only in a known alternation (counselling/counseling,
    organisation/organization, colour/color, e-mail/email), or they are long
    (compounds of 12+ letters) and differ by one letter away from the ending
    ("kompetensutveckligsprogrammet"); "promoting"/"prompting" are two words.
    """
    if _normal_spelling(a) == _normal_spelling(b):
        return True
    shorter = min(len(a), len(b))
    return shorter >= 12 and _common_prefix(a, b) < shorter - 3 and _common_suffix(a, b) >= 3


def _normal_spelling(word: str) -> str:
    word = re.sub(r"(.)\1", r"\1", word.replace("-", ""))
    return word.replace("z", "s").replace("our", "or").replace("ae", "e")


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _bank_lemmas(ctx: CheckContext) -> set[str]:
    out: set[str] = set()
    for term in lexicon_of(ctx).terms:
        for form in (term.preferred, *term.variants):
            for word in TOKEN.findall(form):
                out.add(lemmatize(word.rstrip("-"), ctx.language))
    return out


def _authority_words(ctx: CheckContext) -> set[str]:
    """Lemmas of words that are part of authority names in this draft: different bodies, not variants."""
    out: set[str] = set()
    for mention in mentions(ctx):
        for word in TOKEN.findall(mention.match.text):
            out.add(lemmatize(word.rstrip("-"), ctx.language))
    for auth in lexicon_of(ctx).authorities:
        name = auth.names.get(ctx.language)
        if name:
            for word in TOKEN.findall(name):
                out.add(word.rstrip("-").lower())
    return out
