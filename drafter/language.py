"""Detect a draft's language (fi, sv or en) from its text, without an external model.

Function words (stop words) are the strongest signal: a Finnish text is full of
"ja", "on", "että", a Swedish one of "och", "att", "för", an English one of
"the", "and", "of". Letters break ties on short texts: "å" only occurs in Swedish,
doubled vowels ("aa", "ää", "uu") are typical of Finnish, "w" and "th" of English.
When the body says too little, the document's default language (w:lang of the
document defaults, or the core property) decides, and Finnish after that.
"""

from __future__ import annotations

import re
from collections import Counter

from drafter.blocks import Document

SUPPORTED = ("fi", "sv", "en")
FALLBACK = "fi"

_STOP_WORDS = {
    "fi": frozenset(
        "ja on ei että se sekä myös tai kuin jotta joka jotka jonka joiden mutta ovat oli olla "
        "tämä tämän nämä niiden sen sitä hänen heidän kanssa mukaan osalta lisäksi voidaan "
        "tulee kuten eri kaikki vuoden vuonna siihen siitä niin nyt jo vain vielä ole eikä".split()
    ),
    "sv": frozenset(
        "och att det som en ett är för på med av till den de inte om har var vid från "
        "eller också samt under genom mot efter skall ska kan sina sin detta dessa när "
        "även hos där inom utan deras vilket vilka blir".split()
    ),
    "en": frozenset(
        "the and of to in is for that with be on are by this as an it or from at which "
        "will have has not was were its their these those should would can also into "
        "through between".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FINNISH_VOWELS = re.compile(r"aa|ää|ii|uu|yy|oo|öö|ee")
_MIN_WORDS = 8
_MAX_CHARS = 30_000  # about ten pages: ample to decide, and a title page or abstract in another language is outvoted


def detect_language(document: Document) -> str:
    """Return "fi", "sv" or "en": the body's language, else the document default, else "fi"."""
    text = _sample_text(document)
    guess = detect_text_language(text)
    if guess:
        return guess
    return normalise_language(document.default_language) or normalise_language(
        document.properties.language) or FALLBACK


def detect_text_language(text: str) -> str | None:
    """Return the language of ``text``, or None when it holds too few words to tell.

    Each line (paragraph) votes for its own language with its word count, so a
    Finnish draft quoting an English passage stays Finnish.
    """
    votes = {lang: 0 for lang in SUPPORTED}
    short_lines: list[str] = []
    for line in text.splitlines():
        words = _WORD.findall(line)
        if len(words) < 4:
            short_lines.append(line)
            continue
        best = _best_language(line, words)
        if best:
            votes[best] += len(words)
    if short_lines:
        pooled = " ".join(short_lines)
        words = _WORD.findall(pooled)
        best = _best_language(pooled, words) if len(words) >= 4 else None
        if best:
            votes[best] += len(words)
    winner = max(votes, key=votes.get)
    if votes[winner] < _MIN_WORDS:
        return None
    return winner


def _best_language(text: str, words: list[str]) -> str | None:
    # Called for every paragraph spelling and grammar look at: set and map
    # operations, no Python step per word or character.
    counts = Counter(map(str.lower, words))
    scores = {
        lang: sum(counts[w] for w in stops.intersection(counts)) / len(words)
        for lang, stops in _STOP_WORDS.items()
    }
    lowered = text.lower()
    letters = max(1, sum(map(str.isalpha, lowered)))
    # Character evidence, scaled to be comparable with stop-word rates.
    scores["sv"] += 4 * lowered.count("å") / letters
    scores["fi"] += 2 * len(_FINNISH_VOWELS.findall(lowered)) / letters
    scores["en"] += 2 * (lowered.count("w") + lowered.count("th")) / letters
    if "ä" not in lowered and "ö" not in lowered and "å" not in lowered:  # (they only occur in words)
        scores["fi"] *= 0.8
        scores["sv"] *= 0.8
    best = max(scores, key=scores.get)
    return best if scores[best] > 0.01 else None


def normalise_language(tag: str | None) -> str | None:
    """Map a language tag ("fi-FI", "sv_SE", "en-GB", "FI") to "fi"/"sv"/"en", else None."""
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip().lower())[0]
    aliases = {"fin": "fi", "swe": "sv", "eng": "en", "se": "sv"}
    primary = aliases.get(primary, primary)
    return primary if primary in SUPPORTED else None


def _sample_text(document: Document) -> str:
    parts: list[str] = []
    size = 0
    for paragraph in document.paragraphs():
        if paragraph.deleted or paragraph.container in ("comment", "textbox"):
            continue
        parts.append(paragraph.text)
        size += len(paragraph.text)
        if size > _MAX_CHARS:
            break
    return "\n".join(parts)
