"""Match measures of two versions by content: similarity scores and a one-to-one assignment.

A measure is compared as three texts, normalised (:func:`drafter.diff.textdiff.normalised`):
its title, its body and its fields ("key: value" lines). The similarity of two
measures is the weighted mean of rapidfuzz's ``fuzz.ratio`` on each text
(title 0.35, body 0.45, fields 0.20); a text empty on both sides drops out of
the mean, one empty on one side only counts as 0. Numbers and labels play no
part, so a renumbered measure is found wherever it went.

The assignment is one-to-one and greedy, best score first: pairs scoring at least
``threshold`` are taken in order of score, ties broken by how far apart the two
measures sit (document position, then number), each measure used once. Greedy
is not optimal for every matrix (the Hungarian method is), but programme
versions are near-diagonal: most measures have one clear counterpart and the
ties that remain are between near-identical measures, where position decides.

Complexity, for n old and m new measures with text length L:

1. identical measures (same normalised title, body and fields) are paired first
   through a hash map: O((n + m)·L);
2. for the k × l measures left, when k·l ≤ :data:`FULL_MATRIX_LIMIT`, the full
   score matrix is computed with ``rapidfuzz.process.cdist`` in row chunks of
   :data:`CHUNK_ROWS` (memory O(CHUNK_ROWS · l), time O(k·l·L²/64));
3. beyond that, a blocking index: each measure's distinctive tokens (inverse
   document frequency) point to the other version's measures holding them, and
   only the :data:`CANDIDATES` best-sharing candidates per measure are scored:
   O((k + l)·(L + CANDIDATES·L²/64)).

Sorting the candidate pairs adds O(p log p) for p pairs above the threshold.
5,000 × 5,000 wholly rewritten measures take seconds, not the hours a full
matrix of Python calls would.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from drafter.diff.textdiff import normalised, tokens
from drafter.model import Measure

WEIGHTS = {"title": 0.35, "body": 0.45, "fields": 0.20}
FULL_MATRIX_LIMIT = 2_000_000
CHUNK_ROWS = 512
CANDIDATES = 25
# Containment (share of the smaller measure's words found in the larger one)
# that makes an unpaired measure part of a split or merge.
CONTAINMENT = 0.8
MIN_PART_WORDS = 5


@dataclass(frozen=True)
class MeasureText:
    """The three normalised texts of a measure that matching compares."""

    title: str
    body: str
    fields: str

    @classmethod
    def of(cls, measure: Measure, body: str | None = None) -> "MeasureText":
        lines = sorted(f"{f.key}: {normalised(f.value)}" for f in measure.fields if f.value.strip())
        return cls(normalised(measure.title), normalised(measure.text if body is None else body), "\n".join(lines))

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.title, self.body, self.fields)

    def words(self) -> list[str]:
        """Title and body words (punctuation left out), for blocking."""
        return [t.text for t in tokens(f"{self.title} {self.body}") if t.text[0].isalnum()]

    def part_words(self) -> list[str]:
        """The words a split-off part or merged measure is recognised by.

        The body's words when it has at least :data:`MIN_PART_WORDS` (a part
        split off usually gets a title of its own, and a merged measure loses
        its title), else title and body words.
        """
        body = [t.text for t in tokens(self.body) if t.text[0].isalnum()]
        return body if len(body) >= MIN_PART_WORDS else self.words()


@dataclass(frozen=True)
class Pair:
    """Old measure ``old`` (index) matched to new measure ``new`` with ``score`` 0..1."""

    old: int
    new: int
    score: float


def similarity(a: MeasureText, b: MeasureText) -> float:
    """The weighted similarity of two measures, 0..1 (see the module docstring)."""
    total = weight = 0.0
    for part, w in WEIGHTS.items():
        x, y = getattr(a, part), getattr(b, part)
        if not x and not y:
            continue
        weight += w
        if x and y:
            total += w * fuzz.ratio(x, y) / 100.0
    return total / weight if weight else 1.0


def match(old: Sequence[MeasureText], new: Sequence[MeasureText], threshold: float = 0.6,
          old_numbers: Sequence[int | None] = (), new_numbers: Sequence[int | None] = ()) -> list[Pair]:
    """One-to-one pairs of old and new measures scoring at least ``threshold``, in new order."""
    pairs: list[Pair] = []
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))

    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, text in enumerate(old):
        by_key[text.key].append(i)
    for j, text in enumerate(new):
        same = by_key.get(text.key)
        if same:
            i = min(same, key=lambda k: (abs(k - j), k))
            same.remove(i)
            pairs.append(Pair(i, j, 1.0))
            free_old.discard(i)
            free_new.discard(j)

    rest_old, rest_new = sorted(free_old), sorted(free_new)
    if rest_old and rest_new:
        if len(rest_old) * len(rest_new) <= FULL_MATRIX_LIMIT:
            candidates = _matrix_candidates(old, new, rest_old, rest_new, threshold)
        else:
            candidates = _blocked_candidates(old, new, rest_old, rest_new, threshold)
        pairs += _greedy(candidates, old_numbers, new_numbers, len(old), len(new))
    return sorted(pairs, key=lambda p: p.new)


def _matrix_candidates(old, new, rest_old: list[int], rest_new: list[int], threshold: float):
    """Every (score, i, j) at or above ``threshold``, from chunked cdist matrices."""
    found: list[tuple[float, int, int]] = []
    new_parts = {p: [getattr(new[j], p) for j in rest_new] for p in WEIGHTS}
    new_present = {p: np.array([bool(s) for s in new_parts[p]]) for p in WEIGHTS}
    for chunk_start in range(0, len(rest_old), CHUNK_ROWS):
        rows = rest_old[chunk_start:chunk_start + CHUNK_ROWS]
        total = np.zeros((len(rows), len(rest_new)), dtype=np.float32)
        weight = np.zeros_like(total)
        for part, w in WEIGHTS.items():
            old_part = [getattr(old[i], part) for i in rows]
            old_present = np.array([bool(s) for s in old_part])
            either = old_present[:, None] | new_present[part][None, :]
            both = old_present[:, None] & new_present[part][None, :]
            scores = process.cdist(old_part, new_parts[part], scorer=fuzz.ratio, dtype=np.float32, workers=-1)
            total += np.where(both, scores / 100.0, 0.0) * w
            weight += either * w
        combined = np.divide(total, weight, out=np.ones_like(total), where=weight > 0)
        for r, c in zip(*np.nonzero(combined >= threshold)):
            found.append((float(combined[r, c]), rows[r], rest_new[c]))
    return found


def _blocked_candidates(old, new, rest_old: list[int], rest_new: list[int], threshold: float):
    """(score, i, j) for each new measure's best token-sharing old candidates (large inputs)."""
    old_words = {i: set(old[i].words()) for i in rest_old}
    frequency: Counter[str] = Counter()
    for words in old_words.values():
        frequency.update(words)
    index: dict[str, list[int]] = defaultdict(list)
    for i, words in old_words.items():
        for word in words:
            index[word].append(i)
    count = len(rest_old)
    found: list[tuple[float, int, int]] = []
    for j in rest_new:
        shared: Counter[int] = Counter()
        for word in set(new[j].words()):
            holders = index.get(word)
            if not holders or len(holders) > count // 2 + 1:
                continue  # absent, or too common to tell measures apart
            idf = math.log(count / len(holders))
            for i in holders:
                shared[i] += idf
        for i, _ in shared.most_common(CANDIDATES):
            score = similarity(old[i], new[j])
            if score >= threshold:
                found.append((score, i, j))
    return found


def _greedy(candidates, old_numbers, new_numbers, n_old: int, n_new: int) -> list[Pair]:
    """Best-first one-to-one assignment; ties by relative position, then by number distance."""
    def number_gap(i: int, j: int) -> float:
        a = old_numbers[i] if i < len(old_numbers) else None
        b = new_numbers[j] if j < len(new_numbers) else None
        return abs(a - b) if a is not None and b is not None else math.inf

    def position_gap(i: int, j: int) -> float:
        return abs(i / max(n_old, 1) - j / max(n_new, 1))

    ordered = sorted(candidates, key=lambda c: (-round(c[0], 6), position_gap(c[1], c[2]), number_gap(c[1], c[2]),
                                                c[2], c[1]))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for score, i, j in ordered:
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        pairs.append(Pair(i, j, score))
    return pairs


def containment(part: Sequence[str], whole: Sequence[str]) -> float:
    """Share of ``part``'s words (with repeats) that ``whole`` also holds; 0 when part is empty."""
    if not part:
        return 0.0
    have = Counter(whole)
    hits = 0
    for word in part:
        if have[word] > 0:
            have[word] -= 1
            hits += 1
    return hits / len(part)


__all__ = ["MeasureText", "Pair", "similarity", "match", "containment", "WEIGHTS", "CONTAINMENT",
           "MIN_PART_WORDS", "FULL_MATRIX_LIMIT", "CANDIDATES"]
