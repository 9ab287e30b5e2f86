"""The fast plain-letter word pattern of drafter.nlp.text agrees with the Unicode one."""

import random

from drafter.nlp import text as T


def test_parts_word_texts_plain_pattern_agrees_with_word_texts():
    """The plain character class finds the same words as \\w on every character it accepts."""
    allowed = [chr(c) for c in range(0x3000) if not T._NOT_PLAIN.search(chr(c))]
    for c in allowed:
        assert bool(T._WORD_ONLY.fullmatch(c)) == bool(T._PLAIN_WORD_ONLY.fullmatch(c)), repr(c)
    rnd = random.Random(7)
    pool = allowed + ["ß", "İ", "Σ", "²", "½", "Ⅻ", "ı", "ﬁ"]
    for _ in range(3000):
        whole = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 40)))
        cut = rnd.randint(0, len(whole))
        parts = [whole[:cut], whole[cut:]]
        assert T.parts_word_texts(parts, whole) == [T.word_texts(p) for p in parts]
