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
from itertools import compress
from typing import Iterator

from drafter.blocks import Paragraph
from drafter.checks.authorities import (
    cached, distinct_tokens, lexicon_of, mentions, paragraph_tokens, text_paragraphs, with_case_of,
)
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding
from drafter.lexicon import (
    TOKEN, Term, case_of, compound_parts, finnish_forms, inflect, lemma_set, lemmatize, token_starts, voikko,
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


_SPACE_ONLY = re.compile(r"[\s\u00a0]*")


def term_hits(ctx: CheckContext) -> list[TermHit]:
    """Every occurrence of the lexicon's terms in the draft, in reading order (cached)."""
    return cached(ctx, "term-hits", lambda: _term_hits(ctx))


def _term_index(lexicon, language: str) -> dict[str, list[_Entry]]:
    """Any form of a term's last word (as written, lemma, Finnish inflections) → the term forms ending in it."""
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
    return by_last


def _term_hits(ctx: CheckContext) -> list[TermHit]:
    """Each distinct word is looked up once; only paragraphs with a term's last word are scanned."""
    lexicon = lexicon_of(ctx)
    language = ctx.language
    # Lemmas differ with and without Voikko: the index is kept for each.
    key = f"term-index:{language}:{voikko('fi') is not None}"
    by_last = lexicon.derived(key, lambda: _term_index(lexicon, language))
    hits: list[TermHit] = []
    if not by_last:
        return hits
    entries_of: dict[str, list[_Entry]] = {}   # raw token → entries, for the tokens that end a term
    for raw in distinct_tokens(ctx):
        word = raw.rstrip("-")
        entries = by_last.get(word.lower())
        if entries is None and any(map(str.isalpha, word)):
            entries = by_last.get(lemmatize(word, language))
        if entries:
            entries_of[raw] = entries
    if not entries_of:
        return hits
    ending = entries_of.keys()
    for paragraph, words in zip(text_paragraphs(ctx), paragraph_tokens(ctx)):
        if ending.isdisjoint(words):  # most paragraphs: one C call, no index list
            continue
        ends = list(compress(range(len(words)), map(entries_of.__contains__, words)))
        starts = token_starts(paragraph.text, words, ends[-1] + 1)
        for i in ends:
            # Only the words up to the term's length before the last are read.
            first = max(0, i - max(len(e.words) for e in entries_of[words[i]]))
            tokens = {j: (starts[j], starts[j] + len(words[j]), words[j].rstrip("-")) for j in range(first, i + 1)}
            best = _best_hit(paragraph, tokens, i, entries_of[words[i]], language)
            if best is not None:
                hits.append(best)
    return hits


def _best_hit(paragraph: Paragraph, tokens: dict[int, tuple[int, int, str]], i: int, entries: list[_Entry],
              language: str) -> TermHit | None:
    """The longest term form ending at token ``i``: its earlier words match the words before it.

    ``tokens``: index → (start, end, word without a trailing hyphen), for ``i`` and the words before it.
    """
    start, end, _ = tokens[i]
    best: TermHit | None = None
    for entry in entries:
        k = len(entry.words)
        if k > i:
            continue
        previous = [tokens[j] for j in range(i - k, i)]
        if not all(p[2].lower() == w or lemma_set(p[2], language) & lw
                   for p, w, lw in zip(previous, entry.words, entry.lemmas)):
            continue
        if any(not _SPACE_ONLY.fullmatch(paragraph.text, tokens[j][1], tokens[j + 1][0]) for j in range(i - k, i)):
            continue
        s = tokens[i - k][0] if k else start
        if best is None or s < best.start:
            best = TermHit(entry.term, entry.form, entry.preferred, paragraph, s, end, paragraph.text[s:end])
    return best


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
    max_edits = int(rule.params.get("max_edits", 2))
    min_ratio = float(rule.params.get("min_ratio", 75))
    min_modifier = int(rule.params.get("min_modifier", 5))
    language = ctx.language
    analysed = _analysed_words(ctx, min_modifier)
    skip = _bank_lemmas(ctx) | _authority_words(ctx)
    by_head: dict[str, dict[str, str]] = {}
    for info in analysed.values():
        if info is not None and info.lemma not in skip:
            by_head.setdefault(info.head, {})[info.modifier] = info.lemma
    pairs = _variant_pairs(by_head, max_edits, min_ratio, language)
    if not pairs:
        return
    occurrences = _occurrences(ctx, analysed, {lemma for pair in pairs for lemma, _ in pair})
    for (la, ma), (lb, mb) in pairs:
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


def _analysed_words(ctx: CheckContext, min_modifier: int) -> dict[str, _Word | None]:
    """Lowercased word → its compound analysis, for the draft's long words in order of first use.

    A word is analysed as first written: lemmas may depend on the initial's case.
    """
    analysed: dict[str, _Word | None] = {}
    for raw in distinct_tokens(ctx):
        word = raw.rstrip("-")
        if not _long_word(word):
            continue
        low = word.lower()
        if low not in analysed:
            analysed[low] = _split(word, ctx.language, min_modifier)
    return analysed


def _long_word(word: str) -> bool:
    """A word the variant search looks at: 8 letters or more, Latin script, no inner capitals.

    Other scripts, code identifiers ("createRPr") and numbers are left out.
    """
    return len(word) >= 8 and _LATIN_WORD.fullmatch(word) is not None


def _variant_pairs(by_head: dict[str, dict[str, str]], max_edits: int, min_ratio: float,
                   language: str) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of (lemma, modifier) with one head whose modifiers are within ``max_edits`` edits, in order.

    Each modifier is scored against the whole group in one rapidfuzz call
    (the distance cutoff prunes in C), so the work grows with each group's
    size, not with the vocabulary's square.
    """
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    pairs: list[tuple[tuple[str, str], tuple[str, str]]] = []
    reported: set[frozenset[str]] = set()
    for head, modifiers in by_head.items():
        if len(modifiers) < 2 or len(modifiers) > 4000:
            continue
        names = list(modifiers)
        edits = max_edits if not head.startswith("^") else min(max_edits, 1)
        for a, ma in enumerate(names):
            later = process.extract(ma, names[a + 1:], scorer=Levenshtein.distance, score_cutoff=edits, limit=None)
            for mb in (names[a + 1 + index] for index in sorted(index for _, _, index in later)):
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
                pairs.append(((la, ma), (lb, mb)))
    return pairs


def _occurrences(ctx: CheckContext, analysed: dict[str, _Word | None],
                 lemmas: set[str]) -> dict[str, list[tuple[Paragraph, int, int, str]]]:
    """Where the long words with one of ``lemmas`` stand: (paragraph, start, end, word), in reading order."""
    lows = {low for low, info in analysed.items() if info is not None and info.lemma in lemmas}
    forms = {raw for raw in distinct_tokens(ctx)
             if raw.rstrip("-").lower() in lows and _long_word(raw.rstrip("-"))}
    out: dict[str, list[tuple[Paragraph, int, int, str]]] = {lemma: [] for lemma in lemmas}
    for paragraph, words in zip(text_paragraphs(ctx), paragraph_tokens(ctx)):
        if forms.isdisjoint(words):
            continue
        # The shared token list stands for TOKEN.finditer: offsets only up to the last such word.
        at = list(compress(range(len(words)), map(forms.__contains__, words)))
        starts = token_starts(paragraph.text, words, at[-1] + 1)
        for i in at:
            word = words[i].rstrip("-")
            out[analysed[word.lower()].lemma].append((paragraph, starts[i], starts[i] + len(word), word))
    return out


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
    for text in {mention.match.text for mention in mentions(ctx)}:  # each name as written, once
        for word in TOKEN.findall(text):
            out.add(lemmatize(word.rstrip("-"), ctx.language))
    for auth in lexicon_of(ctx).authorities:
        name = auth.names.get(ctx.language)
        if name:
            for word in TOKEN.findall(name):
                out.add(word.rstrip("-").lower())
    return out
