"""Duplicate check: near-identical measures, found in one batch comparison.

Measures are compared on their title and body (not their field lines, which
repeat across measures), lowercased and stripped of punctuation and numbers.
A lemmatiser can be plugged in through :func:`normalise` (Finnish inflection
hides duplicates that differ only in case endings); when drafter.nlp offers
one, it is used. All pairs are scored at once with ``rapidfuzz.process.cdist``
(C++, multi-threaded) and the few candidates confirmed with token_set_ratio;
see :func:`similar_pairs`.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.checks.structure_checks import on_title
from drafter.findings import Finding

Lemmatiser = Callable[[list[str]], list[str]]
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# Up to this many measures one symmetric cdist call (rapidfuzz then scores
# only half the matrix; 8,000² bytes = 64 MB); beyond it, blocks of rows.
_SINGLE_BATCH = 8000
_CHUNK = 2000


def normalise(text: str, lemmatise: Lemmatiser | None = None) -> str:
    """Lowercase word tokens of ``text`` (lemmas when ``lemmatise`` is given), joined by spaces."""
    tokens = _TOKEN.findall(text.lower())
    if lemmatise is not None:
        try:
            lemmas = lemmatise(tokens)
        except Exception:  # a failing language layer must not stop the check
            lemmas = None
        if isinstance(lemmas, (list, tuple)) and len(lemmas) == len(tokens):
            tokens = [str(t).lower() for t in lemmas]
    return " ".join(tokens)


def similar_pairs(texts: Sequence[str], threshold: float, floor: float = 70) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with i < j whose texts are near-identical, each pair once.

    Stage one scores every pair in one ``cdist`` batch with ``fuzz.ratio`` on
    word-sorted texts (token_sort_ratio without re-sorting per pair) and keeps
    those at or above ``floor``. Stage two scores only those candidates with
    ``token_set_ratio``, which forgives one measure carrying an extra sentence;
    a pair is reported when that reaches ``threshold``. The floor keeps a short
    measure whose words all occur in a much longer one from counting as its
    duplicate. Empty texts never match.
    """
    pairs: list[tuple[int, int, float]] = []
    n = len(texts)
    if n < 2:
        return pairs
    keyed = [" ".join(sorted(t.split())) for t in texts]
    cutoff = int(min(floor, threshold))
    step = n if n <= _SINGLE_BATCH else _CHUNK
    for lo in range(0, n, step):
        queries = keyed if step == n else keyed[lo:lo + step]
        scores = process.cdist(queries, keyed, scorer=fuzz.ratio, score_cutoff=cutoff,
                               dtype=np.uint8, workers=-1)
        rows, cols = np.nonzero(scores)
        for r, c in zip(rows.tolist(), cols.tolist()):
            i = lo + r
            if c <= i or not keyed[i] or not keyed[c]:
                continue
            score = fuzz.token_set_ratio(texts[i], texts[c])
            if score >= threshold:
                pairs.append((i, c, round(float(score), 1)))
    pairs.sort()
    return pairs


def _lemmatiser(ctx: CheckContext) -> Lemmatiser | None:
    """Lemmas from drafter.nlp (Voikko for Finnish) when it is there; None otherwise."""
    try:
        function = getattr(ctx.nlp, "lemma", None)
    except Exception:  # no language layer: plain tokens
        return None
    if not callable(function):
        return None
    cache: dict[str, str] = {}

    def lemmatise(tokens: list[str]) -> list[str]:
        out = []
        for token in tokens:
            if token not in cache:
                try:
                    cache[token] = str(function(token))
                except Exception:
                    cache[token] = token
            out.append(cache[token])
        return out

    return lemmatise


@kind("duplicate-measures", params={"threshold": False, "floor": False, "min_words": False, "lemmatise": False})
def duplicate_measures(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Two measures with (nearly) the same wording: report the later one, once per pair."""
    threshold = float(rule.params.get("threshold", 90))
    floor = float(rule.params.get("floor", 70))
    min_words = int(rule.params.get("min_words", 4))
    lemmatise = _lemmatiser(ctx) if rule.params.get("lemmatise", True) else None
    measures = list(ctx.programme.measures)
    texts = []
    for m in measures:
        text = normalise("\n".join(p for p in (m.title, m.text) if p), lemmatise)
        texts.append(text if len(text.split()) >= min_words else "")
    for i, j, score in similar_pairs(texts, threshold, floor):
        first, second = measures[i], measures[j]
        yield on_title(ctx, rule, second, rule.format(
            measure=_name(second), other=_name(first), score=int(score),
            title=_short(second.title), other_title=_short(first.title)),
            details={"other": first.number, "score": score})


def _name(measure) -> str:
    return f"measure {measure.number}" if measure.number is not None else "an unnumbered measure"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
