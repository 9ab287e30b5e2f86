"""One language's tools: tokens, sentences, lemmas, analyses, spelling; spaCy on demand.

:class:`Language` is what checks get from ``ctx.nlp``. Its cheap methods
(``tokens``, ``sentences``, ``lemma``, ``analyses``, ``spell``) never import
spaCy: importing it costs most of a second and the checks that run on every
paragraph need only words, sentence boundaries and per-form analyses. A full
spaCy ``Doc`` (blank pipeline, government-text sentencizer, Voikko morphology
for Finnish) is built only through :meth:`Language.doc` / :attr:`Language.pipeline`.
"""

from __future__ import annotations

import sys
from functools import lru_cache

from drafter.nlp import text as _text
from drafter.nlp.morphology import Analysis, GrammarError, SimpleAnalyser, VoikkoAnalyser, open_voikko

SUPPORTED = ("fi", "sv", "en")
MORPHOLOGY_NOTICE = ("drafter: Finnish morphology is reduced: Voikko (libvoikko with the voikko-fi "
                     "dictionary) is not installed; spelling, grammar and the voice features of the "
                     "outlier check are skipped.")
UNAVAILABLE_FINDING = ("Finnish morphology unavailable (Voikko not installed): spelling and outlier "
                       "voice features were skipped.")

_notice_given = False


def _voikko_loader():
    """Open Voikko (tests replace this to simulate a machine without it)."""
    return open_voikko()


def _give_notice() -> None:
    global _notice_given
    if not _notice_given:
        _notice_given = True
        print(MORPHOLOGY_NOTICE, file=sys.stderr)


class Language:
    """Tokens, sentences, lemmas and morphology of one language (fi, sv or en)."""

    def __init__(self, code: str) -> None:
        self.code = code if code in SUPPORTED else "fi"
        self._voikko: VoikkoAnalyser | None = None
        self._simple: SimpleAnalyser | None = None
        self._pipeline = None
        if self.code == "fi":
            handle = _voikko_loader()
            if handle is None:
                _give_notice()
            else:
                self._voikko = VoikkoAnalyser(handle)
        else:
            self._simple = SimpleAnalyser(self.code)

    def __repr__(self) -> str:
        return f"Language({self.code!r}, has_morphology={self.has_morphology})"

    @property
    def has_morphology(self) -> bool:
        """Whether full morphology is available (Voikko for Finnish; always for sv/en cues)."""
        return self.code != "fi" or self._voikko is not None

    @property
    def has_spelling(self) -> bool:
        """Whether spelling and grammar checking are available (Finnish with Voikko only)."""
        return self._voikko is not None

    # -- the cheap path ----------------------------------------------------------

    def tokens(self, text: str) -> list[_text.Token]:
        """Words and punctuation of ``text`` with offsets."""
        return _text.tokens(text)

    def words(self, text: str) -> list[_text.Token]:
        """The words of ``text`` with offsets."""
        return _text.words(text)

    def word_matches(self, text: str):
        """The words of ``text`` as ``re.Match`` objects (no Token objects: fastest)."""
        return _text.word_matches(text)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence offsets of ``text`` (abbreviations, ordinals and dates do not end one)."""
        return _text.sentences(text, self.code)

    def analyses(self, word: str) -> tuple[Analysis, ...]:
        """Every reading of ``word`` (empty when unknown or morphology is unavailable)."""
        if self._voikko is not None:
            found = self._voikko.analyses(word)
            if not found and word[:1].isupper():
                found = self._voikko.analyses(word.lower())
            return found
        if self._simple is not None:
            return self._simple.analyses(word)
        return ()

    def lemma(self, word: str) -> str:
        """The base form of ``word`` (its lower-cased self when unknown)."""
        first = self._first_reading(word)
        if first is not None and first[0]:
            lemma, pos = first
            return lemma if pos == "PROPN" else lemma.lower()
        return word.lower()

    def _first_reading(self, word: str) -> tuple[str, str] | None:
        """(lemma, part of speech) of the first of :meth:`analyses`, None when there is none.

        With Voikko, read from its cached answer where it can be, without
        building every reading.
        """
        if self._voikko is not None:
            first = self._voikko.first_reading(word)
            if first is None and word[:1].isupper():
                first = self._voikko.first_reading(word.lower())
            return first
        found = self.analyses(word)
        return (found[0].lemma, found[0].pos) if found else None

    def spell(self, word: str) -> bool | None:
        """True/False from Voikko, None when spelling cannot be checked in this language."""
        return self._voikko.spell(word) if self._voikko is not None else None

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` spelling suggestions (Voikko), else []."""
        return self._voikko.suggest(word, limit) if self._voikko is not None else []

    def grammar_errors(self, text: str, description_language: str = "fi") -> list[GrammarError]:
        """Voikko's grammar errors in ``text`` (offsets into it), [] without Voikko."""
        if self._voikko is None or not text.strip():
            return []
        return self._voikko.grammar_errors(text, description_language)

    # -- spaCy ---------------------------------------------------------------------

    @property
    def pipeline(self):
        """The spaCy blank pipeline of this language (built on first use)."""
        if self._pipeline is None:
            from drafter.nlp.pipeline import build_pipeline

            self._pipeline = build_pipeline(self)
        return self._pipeline

    def doc(self, text: str):
        """A spaCy Doc of ``text`` with sentences, lemmas and morphology set."""
        return self.pipeline(text)


@lru_cache(maxsize=None)
def load_language(lang: str) -> Language:
    """The :class:`Language` of ``lang`` ("fi", "sv" or "en"), one per process."""
    return Language((lang or "fi").lower()[:2])
