"""The authority, term and abbreviation checks' shortcuts give the plain code's answers."""

from __future__ import annotations

import random
import re

import pytest

from drafter.checks import authorities
from drafter.checks.authorities import at_sentence_start, paragraph_tokens
from drafter.lexicon import TOKEN, candidate_starts, token_starts

# Characters that matter to tokens and sentence starts, and a few that do not.
_ALPHABET = "aäöBSTMk1 -:'’.!?…\n\t\u00a0\"(”•*)"
_SENTENCE_END = re.compile(r"(?:^|[.!?:…]|\n)$")
_ABBR_PERIOD = re.compile(r"\b(?:mm|ks|esim|ns|nk|ym|yms|vrt|ts|em|ao|n|t\.ex|bl\.a|s\.k|e\.g|i\.e|cf)\.$", re.IGNORECASE)


def _texts(count: int, seed: int, longest: int = 60) -> list[str]:
    rng = random.Random(seed)
    words = ["STM", "STM:n", "sisäministeriö", "mm.", "esim.", "n.", "a)", "12.", "IV", "työ-", "ja", "Kela", "EU-tuki"]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 12 if longest <= 60 else 60)):
            parts.append(rng.choice(words) if rng.random() < 0.5 else
                         "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 6))))
            parts.append(rng.choice(["", " ", "  ", ", ", ". ", "\n", " – "]))
        out.append("".join(parts)[:longest])
    return out


def _plain_at_sentence_start(text: str, start: int) -> bool:
    """at_sentence_start without its letter-or-digit shortcut."""
    window = max(0, start - authorities._LOOKBEHIND)
    before = text[window:start].rstrip(authorities._OPENERS)
    if window and not before:
        before = text[:start].rstrip(authorities._OPENERS)
        window = 0
    if not before or (window == 0 and authorities._LIST_LABEL.fullmatch(before)):
        return True
    tail = before[-12:]
    if _ABBR_PERIOD.search(tail):
        return False
    return bool(_SENTENCE_END.search(tail))


def test_sentence_start_shortcut_matches_the_plain_test():
    texts = _texts(3000, 1) + _texts(200, 2, longest=400)
    for text in texts:
        for start in range(len(text) + 1):
            assert at_sentence_start(text, start) == _plain_at_sentence_start(text, start), (text, start)


@pytest.mark.parametrize("seed", range(4))
def test_candidate_starts_match_token_starts(seed):
    rng = random.Random(seed)
    for text in _texts(2000, seed + 10):
        words = TOKEN.findall(text)
        if not words:
            continue
        # Indices are every position of a chosen set of token texts, as the checks pick them.
        chosen = set(rng.sample(sorted(set(words)), rng.randint(1, len(set(words)))))
        indices = [i for i, w in enumerate(words) if w in chosen]
        every = token_starts(text, words, len(words))
        assert candidate_starts(text, words, indices) == [every[i] for i in indices], text
        assert every == [m.start() for m in TOKEN.finditer(text)]


class _Context:
    """Just enough of a CheckContext for the cached token lists."""

    def __init__(self, paragraphs) -> None:
        self._cache = {"paragraphs": paragraphs}

    def cached(self, key, build):
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]


class _Paragraph:
    def __init__(self, text: str) -> None:
        self.text = text


def test_paragraph_tokens_are_each_texts_tokens():
    texts = _texts(500, 3) * 2 + ["", "STM", "STM"]
    random.Random(4).shuffle(texts)
    tokens = paragraph_tokens(_Context([_Paragraph(t) for t in texts]))
    assert tokens == [TOKEN.findall(t) for t in texts]
    # One list per distinct text, one string per distinct token.
    by_text = {}
    for text, words in zip(texts, tokens):
        assert by_text.setdefault(text, words) is words
    strings = {}
    for word in (w for words in tokens for w in words):
        assert strings.setdefault(word, word) is word
    assert paragraph_tokens(_Context([])) == []


def test_distinct_tokens_in_order_of_first_use():
    texts = _texts(500, 5) * 2
    random.Random(6).shuffle(texts)
    ctx = _Context([_Paragraph(t) for t in texts])
    expected = dict.fromkeys(w for t in texts for w in TOKEN.findall(t))
    assert list(authorities.distinct_tokens(ctx)) == list(expected)
    assert list(authorities.distinct_tokens(_Context([]))) == []


def _plain_variant_groups(ctx, defined):
    """authority_variants' grouping as the plain code made it: every mention decided on its own."""
    groups, allowed = {}, {}
    for mention in authorities.mentions(ctx):
        match = mention.match
        if match.outdated or match.language != ctx.language:
            continue
        written = match.form
        if match.kind in ("name", "alias") and match.text[:1].isalpha() and match.form[:1].isalpha():
            first = match.text[0]
            if not (mention.sentence_start and first.isupper()) and first != match.form[0]:
                written = first + match.form[1:]
        groups.setdefault(match.authority.id, {}).setdefault(written, []).append(mention)
        ok = allowed.setdefault(match.authority.id, set())
        if match.kind in ("name", "alias") and written == match.form:
            ok.add(written)
        elif match.kind == "abbreviation" and match.form in defined:
            ok.add(written)
    return groups, allowed


def test_variant_forms_decided_once_per_match_group_as_the_plain_loop():
    from drafter.checks.engine import make_context
    from drafter.structure import recognise
    from drafter.textdoc import document_from_text

    rng = random.Random(7)
    names = ["Migri", "Maahanmuuttovirasto", "maahanmuuttovirasto", "Maahanmuuttoviraston", "STM", "STM:n",
             "sosiaali- ja terveysministeriö", "Sosiaali- ja terveysministeriön", "sisäasiainministeriö",
             "Poliisihallitus", "poliisihallitukselle", "Kela", "THL", "Terveyden ja hyvinvoinnin laitos"]
    lines = []
    for _ in range(60):
        words = [rng.choice(names) if rng.random() < 0.4 else rng.choice(["ja", "kouluttaa", "raportoi", "mm."])
                 for _ in range(rng.randint(1, 8))]
        lines.append(" ".join(words) + rng.choice([".", "", ":"]))
    text = "# I Johdanto\nMaahanmuuttovirasto (Migri) aloittaa.\n" + "\n".join(lines) + "\n"
    programme = recognise(document_from_text(text, language="fi"), language="fi")
    ctx, _ = make_context(programme, None)
    defined = {"Migri"}
    groups, allowed = {}, {}
    places = {}
    for mention in authorities.mentions(ctx):
        key = (id(mention.match), mention.sentence_start)
        if key not in places:
            places[key] = authorities._variant_place(mention, ctx.language, defined, groups, allowed)
        if places[key] is not None:
            places[key].append(mention)
    plain_groups, plain_allowed = _plain_variant_groups(ctx, defined)
    assert len(authorities.mentions(ctx)) > 100
    assert [(a, list(f.items())) for a, f in groups.items()] == [(a, list(f.items())) for a, f in plain_groups.items()]
    assert allowed == plain_allowed
