"""Cheap tokens and sentences for government text, without spaCy.

Checks that only need words and sentence boundaries (spelling, the outlier
features) use these regular-expression functions; they are what the spaCy
pipelines of :mod:`drafter.nlp.pipeline` use too, so both paths agree on where
sentences end.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by space and a word
that may start a sentence, except after an abbreviation of the language
("ks.", "esim.", "bl.a.", "e.g."), an initial ("A. Virtanen"), a measure or
list number at the start of the text ("12. Laaditaan"), or before a lower-case
word, "§", a dash or a comma ("25. luku", "3. §", "1.–4.1.", "14.12.2020").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

# A word: letters and digits, joined by hyphens, apostrophes or the colon of
# Finnish case endings on abbreviations ("EU:n", "covid-19-pandemian").
_WORD = r"\w+(?:[-‐’':]\w+)*"
_TOKEN = re.compile(_WORD + r"|[^\w\s]", re.UNICODE)
_WORD_ONLY = re.compile(_WORD, re.UNICODE)
# The same words for texts written only in these characters (every Finnish or
# Swedish draft seen so far): a plain character class scans faster than \w's
# Unicode test. A text with any other character takes _WORD_ONLY.
_PLAIN_LETTERS = "0-9A-Za-z_äöåÄÖÅéÉüÜšŠžŽ"
# Possessive (nothing follows that could need a shorter match): ~10% faster.
_PLAIN_WORD_ONLY = re.compile(f"[{_PLAIN_LETTERS}]++(?:[-‐’':][{_PLAIN_LETTERS}]++)*+")
_NOT_PLAIN = re.compile(r"[^\x00-\x7fäöåÄÖÅéÉüÜšŠžŽ\xa0€“”‘’«»•…–—‐§°\xad]")
# A run of marks with closing quotes or brackets, then space and the next word's first character.
_SENTENCE_END = re.compile(r"(?:[.!?…]+)[\"”’»)\]]*(?=\s+(\S))")
_DAY_MONTH = re.compile(r"\d{1,2}\.\d{1,2}")

# Abbreviations after which a period does not end a sentence (lower-cased, with
# their periods). Shared ones first, then per language.
_COMMON_ABBREVIATIONS = ("ks.", "esim.", "mm.", "n.", "ns.", "yms.", "jne.", "s.", "v.", "klo.", "t.",
                         "nk.", "vrt.", "ym.", "mt.", "mrd.", "milj.", "ts.", "em.", "ao.", "tms.", "nro.",
                         "puh.", "p.", "os.", "huom.", "eli.", "ed.", "k.", "l.", "kpl.", "lk.", "vp.",
                         "hp.", "tp.")
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "fi": frozenset(_COMMON_ABBREVIATIONS),
    "sv": frozenset(("bl.a.", "t.ex.", "s.k.", "kl.", "m.m.", "o.s.v.", "osv.", "dvs.", "d.v.s.", "ca.",
                     "jfr.", "resp.", "nr.", "s.", "f.", "inkl.", "exkl.", "t.o.m.", "fr.o.m.", "p.g.a.",
                     "pga.", "m.fl.", "mfl.", "st.", "kap.", "mom.", "prop.", "sek.", "milj.", "mrd.",
                     "tel.", "ang.", "enl.")),
    "en": frozenset(("e.g.", "i.e.", "no.", "nos.", "etc.", "cf.", "vs.", "mr.", "mrs.", "ms.", "dr.",
                     "p.", "pp.", "vol.", "art.", "sec.", "ch.", "para.", "approx.", "incl.", "fig.",
                     "st.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
                     "oct.", "nov.", "dec.", "mln.", "bn.", "eur.", "co.", "ltd.", "inc.")),
}
# Words that cannot start a sentence after a period: they continue it.
_CONTINUES = set("§–—-,;:)]")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets in the text it came from.

    A named tuple, not a dataclass: long drafts make millions of them.
    """

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"

    @property
    def is_alpha_word(self) -> bool:
        """A word of letters only (hyphens and case colons allowed), no digits."""
        return self.is_word and not any(ch.isdigit() for ch in self.text) and "_" not in self.text


# tuple.__new__ skips the named tuple's Python-level __new__: a fifth of the cost.
_new = tuple.__new__


def tokens(text: str) -> list[Token]:
    """Words and punctuation marks of ``text`` with their offsets."""
    return [_new(Token, (m[0], m.start(), m.end())) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[Token]:
    """The words of ``text`` (no punctuation)."""
    return [_new(Token, (m[0], m.start(), m.end())) for m in _WORD_ONLY.finditer(text)]


def word_texts(text: str) -> list[str]:
    """The words of ``text`` as strings, without offsets: a third of the cost of :func:`words`."""
    return _WORD_ONLY.findall(text)


def parts_word_texts(parts: list[str], whole: str) -> list[list[str]]:
    """:func:`word_texts` of each of ``parts`` (substrings of ``whole``), the pattern chosen once for ``whole``."""
    findall = (_PLAIN_WORD_ONLY if only_plain_letters(whole) else _WORD_ONLY).findall
    return [findall(part) for part in parts]


def only_plain_letters(text: str) -> bool:
    """True when ``text`` holds no letter but a–z, ä, ö, å, é, ü, š and ž (either case).

    In such a text a plain character class of those letters finds what a
    Unicode class (``\\w``, ``[^\\W\\d_]``) finds, and scans faster: every other
    character it may hold is no letter.
    """
    return _NOT_PLAIN.search(text) is None


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` as regex matches: the fast path for whole-document passes."""
    return _WORD_ONLY.finditer(text)


@lru_cache(maxsize=8)
def abbreviations(language: str) -> frozenset[str]:
    """Abbreviations of ``language`` that end with a period (lower-cased)."""
    return ABBREVIATIONS.get(language, ABBREVIATIONS["fi"])


@lru_cache(maxsize=8)
def _longest(known: frozenset[str]) -> int:
    """The length of the longest abbreviation in ``known``, its period included (at least 2).

    ``longest`` letters before a period are a word no abbreviation or initial can be.
    """
    return max(2, max((len(a) for a in known), default=2))


def sentences(text: str, language: str = "fi") -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, surrounding space excluded."""
    spans: list[tuple[int, int]] = []
    known = abbreviations(language)
    longest = _longest(known)
    # Most texts end sentences with periods only: then candidates are found
    # by str.find, far faster than the pattern's scan of every character.
    candidates = _SENTENCE_END.finditer if "!" in text or "?" in text or "…" in text else _period_matches
    for part_start, part_end in _lines(text):
        start = part_start
        # Candidates are marks followed by space and a word on the same line
        # (the end of the line closes the sentence anyway).
        for match in candidates(text, part_start, part_end):
            first = match[1]
            if first in _CONTINUES or first.islower():
                continue
            mark = match.start()
            if text[mark] == "." and not _period_ends(text, start, mark, known, longest):
                continue
            end = match.end()
            if start == part_start:
                _add(spans, text, start, end)  # the line may open with space
            else:
                spans.append((start, end))  # starts at a word, ends at a mark
            start = match.start(1)  # the next sentence's first character
        _add(spans, text, start, part_end)
    return spans


def _period_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_SENTENCE_END.finditer(text, start, end)`` for a text whose only marks are periods.

    A match can begin only at a mark, so trying the pattern at each period in
    turn, from the end of the last match, finds the same matches.
    """
    match = _SENTENCE_END.match
    find = text.find
    mark = find(".", start, end)
    while mark != -1:
        found = match(text, mark, end)
        if found is None:
            mark = find(".", mark + 1, end)
        else:
            yield found
            mark = find(".", found.end(), end)


def _lines(text: str) -> list[tuple[int, int]]:
    """Hard breaks: a newline always ends a sentence."""
    if "\n" not in text:
        return [(0, len(text))]
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` without its surrounding space, unless nothing is left."""
    if start < end and (text[start].isspace() or text[end - 1].isspace()):
        chunk = text[start:end]
        stripped = chunk.strip()
        start += len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
    if end > start:
        spans.append((start, end))


def _period_ends(text: str, sentence_start: int, mark: int, known: frozenset[str], longest: int) -> bool:
    """Whether the period at ``mark`` ends the sentence begun at ``sentence_start`` (a word follows it)."""
    if mark - longest >= sentence_start and text[mark - longest:mark].isalpha():
        # A run of letters as long as any abbreviation with its period: no
        # abbreviation, initial, number or date, so the period ends the sentence.
        return True
    # The run of non-space before the period: found from the last plain space
    # (rfind is C), then cut at any other space (no-break, tab) within it.
    near = max(sentence_start, text.rfind(" ", sentence_start, mark) + 1)
    chunk = text[near:mark + 1].rsplit(None, 1)[-1]
    chunk_start = mark + 1 - len(chunk)
    chunk = chunk.lstrip("([\"“”'‘’«»").lower()
    if chunk in known:
        return False
    word = chunk[:-1]
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "A. Virtanen", "s. 12"
    if word.isdigit() and not text[sentence_start:chunk_start].strip():
        return False  # "12. Laaditaan …": a list or measure number opens the text
    if _DAY_MONTH.fullmatch(word):
        return False  # a date without its year: "14.12. Hallitus" reads on
    return True
