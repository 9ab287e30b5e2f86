"""Duplicate check: near-identical measures, found in one batch comparison.

Measures are compared on their title and body (not their field lines, which
repeat across measures), lowercased and stripped of punctuation and numbers.
A lemmatiser can be plugged in through :func:`normalise` (Finnish inflection
hides duplicates that differ only in case endings); when drafter.nlp offers
one, it is used. Small drafts (every realistic programme) have all pairs
scored, row by row with ``rapidfuzz.process.extract`` (numpy, ~70 ms to
import, is needed only beyond that); large ones take candidates from MinHash
with LSH banding, which is near-linear in measures. Either way each pair is
confirmed with the same two rapidfuzz scores; see :func:`similar_pairs` and
:func:`lsh_candidates`.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Callable, Iterator, Mapping, Sequence

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.checks.structure_checks import on_title
from drafter.findings import Finding
from drafter.nlp.text import only_plain_letters

Lemmatiser = Callable[[list[str]], list[str]]
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# The same tokens for texts of plain letters only (drafter.nlp.text.only_plain_letters:
# every Finnish or Swedish draft seen so far): a plain character class scans ~1.6x
# faster than _TOKEN's Unicode categories.
_PLAIN_TOKEN = re.compile(r"[a-zA-ZäöåÄÖÅéÉüÜšŠžŽ]+")
# Up to this many measures one symmetric cdist call (rapidfuzz then scores
# only half the matrix; 8,000² bytes = 64 MB); beyond it, blocks of rows.
_SINGLE_BATCH = 8000
_CHUNK = 2000
# Up to this many non-empty texts the exhaustive path scores row by row with
# process.extract (as fast as cdist, and it never imports numpy); beyond it,
# where numpy's import is small beside the scoring, cdist batches.
_EXTRACT_ROWS = 2000
# All pairs are compared exhaustively while the texts hold at most this many
# characters in all (cdist's cost grows with the square of it: 60,000
# characters is about 0.05 s); beyond it LSH proposes the candidates.
EXHAUSTIVE_CHARS = 60_000
# MinHash over each text's set of words, cut into BANDS bands of ROWS hashes.
# Two texts whose word sets have Jaccard similarity s share at least one band
# with probability 1 - (1 - s**ROWS)**BANDS: 0.9972 at s = 0.8, 0.966 at 0.75,
# 0.850 at 0.7, but only 0.002 at 0.3 and 0.021 at 0.4 (unrelated measures of
# one programme share 0.3-0.5 of their words). A pair that differs by a
# sentence or a few words has s >= 0.8. Pairs that token_set_ratio scores >= 90
# with a Jaccard below 0.7 (long shared passages plus different, letter-alike
# remainders) can be missed on large drafts; see bench/README.md.
ROWS = 8
BANDS = 32
# Colliding pairs whose signatures agree on fewer hashes than this are dropped
# before scoring (a pair with Jaccard 0.7 falls below 0.6 with probability
# < 0.001 at 256 hashes); unrelated measures that collide by chance go.
MIN_ESTIMATE = 0.6
_SEED = 20261128
# Words (of whole texts) per block when MinHash signatures are taken.
_CHUNK_WORDS = 4096
# Odd 64-bit factors that fold a band's hashes into one sort key (any values work).
# Colliding pairs gathered before duplicates across bands are dropped (8 bytes each).
_PAIR_BLOCK = 4_000_000
_FOLD = tuple((0x9E3779B97F4A7C15 * (2 * k + 1) | 1) & (2**64 - 1) for k in range(64))


def _letter_tokens(lowered: str) -> list[str]:
    """The runs of letters of a lowercased text."""
    return (_PLAIN_TOKEN if only_plain_letters(lowered) else _TOKEN).findall(lowered)


def normalise(text: str, lemmatise: Lemmatiser | None = None) -> str:
    """Lowercase word tokens of ``text`` (lemmas when ``lemmatise`` is given), joined by spaces."""
    tokens = _letter_tokens(text.lower())
    if lemmatise is not None:
        try:
            lemmas = lemmatise(tokens)
        except Exception:  # a failing language layer must not stop the check
            lemmas = None
        if isinstance(lemmas, (list, tuple)) and len(lemmas) == len(tokens):
            # Lower-casing the joined lemmas equals joining the lower-cased ones.
            return " ".join(map(str, lemmas)).lower()
    return " ".join(tokens)


def similar_pairs(texts: Sequence[str], threshold: float, floor: float = 70) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) with i < j whose texts are near-identical, each pair once.

    Stage one scores every pair with ``fuzz.ratio`` on word-sorted texts
    (token_sort_ratio without re-sorting per pair) and keeps those at or above
    ``floor``. Stage two scores only those candidates with
    ``token_set_ratio``, which forgives one measure carrying an extra sentence;
    a pair is reported when that reaches ``threshold``. The floor keeps a short
    measure whose words all occur in a much longer one from counting as its
    duplicate. Empty texts never match.
    """
    return _similar_pairs(texts, [t.split() for t in texts], threshold, floor)


def _similar_pairs(texts: Sequence[str], words: list[list[str]], threshold: float,
                   floor: float) -> list[tuple[int, int, float]]:
    """:func:`similar_pairs` with each text's ``split()`` given."""
    if len(texts) < 2:
        return []
    cutoff = int(min(floor, threshold))
    # The word-sorted texts' lengths, without sorting: words plus the spaces between them.
    if sum(sum(map(len, w)) + len(w) - 1 for w in words if w) > EXHAUSTIVE_CHARS:
        candidates = _lsh(words, ROWS, BANDS, MIN_ESTIMATE)
        keyed = {i: " ".join(sorted(words[i])) for i in {i for pair in candidates for i in pair}}
        return _confirmed(texts, keyed, candidates, threshold, cutoff)
    keyed = [" ".join(sorted(w)) for w in words]
    live = [i for i, key in enumerate(keyed) if key]
    if cutoff >= 1 and len(live) <= _EXTRACT_ROWS:
        pairs = _exhaustive_rows(texts, keyed, live, threshold, cutoff)
    else:
        pairs = _exhaustive_matrix(texts, keyed, threshold, cutoff)
    pairs.sort()
    return pairs


def _exhaustive_rows(texts: Sequence[str], keyed: list[str], live: list[int], threshold: float,
                     cutoff: int) -> list[tuple[int, int, float]]:
    """Every pair of non-empty texts, one ``process.extract`` per row: no numpy (~70 ms to import).

    ``extract`` keeps the scores at or above ``cutoff``: the pairs the
    matrix path finds non-zero when ``cutoff`` >= 1.
    """
    from rapidfuzz import fuzz, process

    choices = [keyed[i] for i in live]
    pairs = []
    for row in range(len(live) - 1):
        i = live[row]
        for _, _, column in process.extract(choices[row], choices[row + 1:], scorer=fuzz.ratio,
                                            score_cutoff=cutoff, limit=None):
            j = live[row + 1 + column]
            score = fuzz.token_set_ratio(texts[i], texts[j])
            if score >= threshold:
                pairs.append((i, j, round(float(score), 1)))
    return pairs


def _exhaustive_matrix(texts: Sequence[str], keyed: list[str], threshold: float,
                       cutoff: int) -> list[tuple[int, int, float]]:
    """Every pair in ``cdist`` batches: for many rows, where numpy's import pays off."""
    import numpy as np
    from rapidfuzz import fuzz, process

    n = len(keyed)
    pairs = []
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
    return pairs


def _confirmed(texts: Sequence[str], keyed: Mapping[int, str], candidates: list[tuple[int, int]],
               threshold: float, cutoff: int) -> list[tuple[int, int, float]]:
    """The candidate pairs that pass the same two scores as the exhaustive path, in order."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if not candidates:
        return []
    scores = process.cpdist([keyed[i] for i, _ in candidates], [keyed[j] for _, j in candidates],
                            scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8, workers=-1)
    pairs = []
    for (i, j), score in zip(candidates, scores.tolist()):
        if not score or not keyed[i] or not keyed[j]:
            continue
        similarity = fuzz.token_set_ratio(texts[i], texts[j])
        if similarity >= threshold:
            pairs.append((i, j, round(float(similarity), 1)))
    return pairs


def lsh_candidates(texts: Sequence[str], rows: int = ROWS, bands: int = BANDS,
                   min_estimate: float = MIN_ESTIMATE) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, sorted, whose word sets collide in a MinHash band and look alike.

    Words get ids in order of first appearance and each id a fixed
    pseudo-random 64-bit value, so the result never depends on the process
    (no ``hash()``). Hash k of a word is ``(a_k * value + c_k) >> 32`` with
    odd ``a_k`` (multiply-shift), computed once per distinct word; a text's
    signature is the minimum over its words. Pairs sharing all ``rows``
    minima of some band are kept when the fraction of equal minima over the
    whole signature (an estimate of their Jaccard similarity, standard error
    at most 0.03 with 256 hashes) reaches ``min_estimate``. Cost: one pass
    over the words per hash, plus the colliding pairs.
    """
    return _lsh([t.split() for t in texts], rows, bands, min_estimate)


def _lsh(words: list[list[str]], rows: int, bands: int, min_estimate: float) -> list[tuple[int, int]]:
    """:func:`lsh_candidates` of texts given as their lists of words."""
    import numpy as np

    # Ids in order of first appearance, text by text (dict.fromkeys keeps it).
    vocabulary = {w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(words)))}
    if not vocabulary:
        return []
    lookup = vocabulary.__getitem__
    ids: list[int] = []
    sizes = []
    for text_words in words:
        unique = set(text_words)  # in any order: only each text's minimum counts
        ids.extend(map(lookup, unique))
        sizes.append(len(unique))
    sizes_array = np.asarray(sizes, dtype=np.int64)
    present = np.flatnonzero(sizes_array)
    starts = (np.cumsum(sizes_array) - sizes_array)[present]
    rng = np.random.default_rng(_SEED)
    values = rng.integers(0, 2**63, size=len(vocabulary), dtype=np.uint64)
    multipliers = rng.integers(0, 2**63, size=rows * bands, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    offsets = rng.integers(0, 2**63, size=rows * bands, dtype=np.uint64)
    word_ids = np.asarray(ids, dtype=np.int64)
    signature = np.empty((len(present), rows * bands), dtype=np.uint32)
    chunks = _text_chunks(starts, len(word_ids), _CHUNK_WORDS)
    # One buffer for every block: a fresh array per block costs its page
    # faults again. Every id is in range, so mode="clip" (which writes
    # straight into ``out``) takes the same values without checking.
    taken = np.empty(min(16, rows * bands) * max(end - start for _, _, start, end in chunks), dtype=np.uint32)
    for lo in range(0, rows * bands, 16):  # 16 hashes at a time
        hi = min(lo + 16, rows * bands)
        hashed = ((multipliers[lo:hi, None] * values + offsets[lo:hi, None]) >> np.uint64(32)).astype(np.uint32)
        # Texts a few thousand words at a time: the 16 x words block stays in
        # the CPU's cache between np.take and reduceat (a quarter faster).
        for first, last, start, end in chunks:
            block = taken[:(hi - lo) * (end - start)].reshape(hi - lo, end - start)
            np.take(hashed, word_ids[start:end], axis=1, out=block, mode="clip")
            # Rows are hashes and the block is C-contiguous, so reduceat runs
            # along contiguous memory (10x faster than on a strided copy).
            signature[first:last, lo:hi] = np.minimum.reduceat(block, starts[first:last] - start, axis=1).T
    count = len(present)
    unique = _colliding(signature, rows, bands)
    if not len(unique):
        return []
    left, right = unique // count, unique % count
    agree = np.empty(len(unique), dtype=np.int64)
    for lo in range(0, len(unique), 256):  # 2 x 256 x 256 x 4 bytes: in the CPU's cache (1.7x faster than 8,192)
        hi = lo + 256
        agree[lo:hi] = np.count_nonzero(signature[left[lo:hi]] == signature[right[lo:hi]], axis=1)
    # The same float64 fractions as a mean over the row (exact sums over a power of two).
    keep = agree / (rows * bands) >= min_estimate
    return list(zip(present[left[keep]].tolist(), present[right[keep]].tolist()))


def _text_chunks(starts, total: int, size: int) -> list[tuple[int, int, int, int]]:
    """(first text, end text, first word, end word) of runs of texts with about ``size`` words in all.

    ``starts`` are the texts' first positions among ``total`` words; a run
    holds at least one text, so a longer text is a run of its own.
    """
    import numpy as np

    chunks = []
    first = 0
    count = len(starts)
    while first < count:
        last = max(int(np.searchsorted(starts, starts[first] + size, side="left")), first + 1)
        end = int(starts[last]) if last < count else total
        chunks.append((first, last, int(starts[first]), end))
        first = last
    return chunks


def _colliding(signature, rows: int, bands: int):
    """Sorted codes ``i * count + j`` (i < j) of the signature rows that agree on every hash of some band.

    All in numpy: each row's band is folded into one 64-bit key, each band's
    keys are sorted once, and the rows of a run of equal keys are paired by
    offsets (one array step per offset, only over runs that long). Folding
    may map different bands to one key, so each pair's band is compared
    exactly before it counts. Returns an int64 array.
    """
    import numpy as np

    count = len(signature)
    if count < 2 or bands < 1:
        return np.empty(0, dtype=np.int64)
    banded = np.ascontiguousarray(signature[:, :rows * bands]).reshape(count, bands, rows)
    keys = np.zeros((bands, count), dtype=np.uint64)
    for row, factor in enumerate(_FOLD[:rows]):
        keys += banded[:, :, row].T.astype(np.uint64) * factor
    order = np.argsort(keys, axis=1)
    ordered = np.take_along_axis(keys, order, axis=1)
    same = ordered[:, 1:] == ordered[:, :-1]  # position p and p + 1 of a band share a key
    band, start = np.nonzero(same)
    codes = np.empty(0, dtype=np.int64)
    pending: list = []
    waiting = 0
    offset = 1
    while len(start):  # pairs (p, p + offset) of runs at least offset + 1 long
        left, right = order[band, start], order[band, start + offset]
        exact = (banded[left, band] == banded[right, band]).all(axis=1)
        left, right = left[exact].astype(np.int64), right[exact].astype(np.int64)
        pending.append(np.minimum(left, right) * count + np.maximum(left, right))
        waiting += len(left)
        if waiting > _PAIR_BLOCK:  # many rows alike: keep memory to the distinct pairs
            codes, pending, waiting = _sorted_unique(np.concatenate([codes, *pending])), [], 0
        longer = start + offset < count - 1
        band, start = band[longer], start[longer]
        longer = same[band, start + offset]
        band, start = band[longer], start[longer]
        offset += 1
    return _sorted_unique(np.concatenate([codes, *pending]))


def _sorted_unique(codes):
    """``codes`` sorted, each once (np.unique without its hashing pass)."""
    import numpy as np

    codes = np.sort(codes)
    if len(codes):
        codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    return codes


def _lemmatiser(ctx: CheckContext) -> "_Lemmas | None":
    """Lemmas from drafter.nlp (Voikko for Finnish) when it is there; None otherwise."""
    try:
        function = getattr(ctx.nlp, "lemma", None)
    except Exception:  # no language layer: plain tokens
        return None
    if not callable(function):
        return None
    return _Lemmas(function)


class _Lemmas:
    """:func:`normalise` with lemmas, each distinct token asked about once per draft.

    The cache holds lower-cased lemmas, so a text is one join (lower-casing
    each lemma equals lower-casing their join: words meet only at spaces),
    and its words are the lemmas themselves unless one of them is empty or
    holds a space (then the joined text is split, as before).
    """

    def __init__(self, function: Callable[[str], object]) -> None:
        self._function = function
        self._lower: dict[str, str] = {}
        self._odd: set[str] = set()  # lemmas that are not one word

    def __call__(self, tokens: list[str]) -> list[str]:
        """The lower-cased lemmas of ``tokens`` (a :data:`Lemmatiser`)."""
        lower = self._lower
        try:
            return list(map(lower.__getitem__, tokens))
        except KeyError:  # forms not seen yet: ask about each once, then map again in C
            for token in set(tokens).difference(lower):
                try:
                    lemma = str(self._function(token)).lower()
                except Exception:
                    lemma = token.lower()
                lower[token] = lemma
                if lemma.split() != [lemma]:
                    self._odd.add(lemma)
            return list(map(lower.__getitem__, tokens))

    def normalised(self, text: str) -> tuple[str, list[str]]:
        """``normalise(text, self)`` and its ``split()``."""
        lemmas = self(_letter_tokens(text.lower()))
        joined = " ".join(lemmas)
        if self._odd and not self._odd.isdisjoint(lemmas):
            return joined, joined.split()
        return joined, lemmas


@kind("duplicate-measures", params={"threshold": False, "floor": False, "min_words": False, "lemmatise": False})
def duplicate_measures(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Two measures with (nearly) the same wording: report the later one, once per pair."""
    threshold = float(rule.params.get("threshold", 90))
    floor = float(rule.params.get("floor", 70))
    min_words = int(rule.params.get("min_words", 4))
    lemmas = _lemmatiser(ctx) if rule.params.get("lemmatise", True) else None
    measures = list(ctx.programme.measures)
    texts = []
    words = []
    for m in measures:
        raw = "\n".join(p for p in (m.title, m.text) if p)
        if lemmas is None:
            text = normalise(raw)
            split = text.split()
        else:
            text, split = lemmas.normalised(raw)
        enough = len(split) >= min_words
        texts.append(text if enough else "")
        words.append(split if enough else [])
    for i, j, score in _similar_pairs(texts, words, threshold, floor):
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
