"""Word analyses: Voikko for Finnish, simplemma plus suffix cues for Swedish and English.

An :class:`Analysis` is one reading of a word form: its lemma, part of speech
(Universal Dependencies tags), compound parts and a morphology mapping in UD
feature names (``Voice=Pass``, ``Mood=Cnd``, ``Person=1``, ``Case=Ine``).
Analysers cache per distinct word form: a draft repeats its words heavily, so a
800 000-word draft costs only as many Voikko calls as it has distinct forms, and
:class:`VoikkoAnalyser` keeps Voikko's answers on disk too (see
:mod:`drafter.nlp.voikko_cache`), so a re-check asks only about what changed.

Voikko is optional at run time: when the library or its Finnish dictionary is
missing, :func:`open_voikko` returns None and the caller reports the reduction
once (see :mod:`drafter.nlp.language`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Mapping

from drafter.nlp import voikko_cache
from drafter.nlp.voikko_cache import ANALYZE, GRAMMAR, SPELL, SUGGEST, VoikkoCache

CACHE_LIMIT = 500_000  # distinct forms kept per analyser; far above any real draft
# The options open_voikko sets: part of the persistent cache's key, as they change Voikko's answers.
VOIKKO_OPTIONS = (("setIgnoreDot", True), ("setIgnoreNumbers", True), ("setAcceptFirstUppercase", True),
                  ("setAcceptAllUppercase", True))

_CLASS_TO_POS = {
    "teonsana": "VERB", "nimisana": "NOUN", "laatusana": "ADJ", "nimisana_laatusana": "ADJ",
    "seikkasana": "ADV", "asemosana": "PRON", "suhdesana": "ADP", "huudahdussana": "INTJ",
    "sidesana": "CCONJ", "etunimi": "PROPN", "sukunimi": "PROPN", "paikannimi": "PROPN",
    "nimi": "PROPN", "lukusana": "NUM", "lyhenne": "X", "kieltosana": "AUX", "etuliite": "X",
}
_MOODS = {"indicative": "Ind", "conditional": "Cnd", "imperative": "Imp", "potential": "Pot"}
_INFINITE = {"A-infinitive": "Inf", "E-infinitive": "Inf", "MA-infinitive": "Inf",
             "MINEN-infinitive": "Vnoun", "MAINEN-infinitive": "Inf"}
_CASES = {
    "nimento": "Nom", "omanto": "Gen", "osanto": "Par", "sisaolento": "Ine", "sisaeronto": "Ela",
    "sisatulento": "Ill", "ulkoolento": "Ade", "ulkoeronto": "Abl", "ulkotulento": "All",
    "olento": "Ess", "tulento": "Tra", "vajanto": "Abe", "keinonto": "Ins", "seuranto": "Com",
    "kohdanto": "Acc", "kerrontosti": "Adv",
}
_TENSES = {"present_simple": "Pres", "past_imperfective": "Past"}


@dataclass(frozen=True)
class Analysis:
    """One reading of a word form."""

    lemma: str
    pos: str                                 # UD tag: VERB, NOUN, ADJ, PROPN, …
    morph: Mapping[str, str] = field(default_factory=dict)  # UD features
    parts: tuple[str, ...] = ()              # compound parts' base forms ("ympäristö", "ministeriö")
    raw: Mapping[str, Any] = field(default_factory=dict)    # the analyser's own output

    @property
    def is_finite_verb(self) -> bool:
        return self.pos in ("VERB", "AUX") and "Mood" in self.morph

    @property
    def is_passive(self) -> bool:
        return self.is_finite_verb and self.morph.get("Voice") == "Pass"

    @property
    def morph_string(self) -> str:
        """The features as a UD FEATS string, sorted ("Mood=Ind|Voice=Pass")."""
        return "|".join(f"{k}={v}" for k, v in sorted(self.morph.items()))


class VoikkoAnalyser:
    """Finnish analyses, spelling and grammar from libvoikko, cached per word form.

    Besides its own per-process memo, the analyser asks ``cache`` before it
    asks Voikko, and tells it every new answer. By default (``True``) a
    libvoikko handle from :func:`open_voikko` gets the persistent
    :mod:`drafter.nlp.voikko_cache`, keyed by the library, its dictionary and
    :data:`VOIKKO_OPTIONS`; any other handle (a test's stand-in) gets none.
    The cache holds Voikko's raw answers only; an entry that cannot be read
    back is asked again.
    """

    def __init__(self, voikko, cache: VoikkoCache | bool | None = True) -> None:
        self._voikko = voikko
        self._analyses: dict[str, tuple[Analysis, ...]] = {}
        self._spelling: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()  # libvoikko handles are not thread-safe
        if cache is True:
            cache = persistent_cache(voikko)
        self._store: VoikkoCache | None = cache or None

    def analyses(self, word: str) -> tuple[Analysis, ...]:
        cached = self._analyses.get(word)
        if cached is not None:
            return cached
        store = self._store
        result = _analyses_from_cache(store.get(ANALYZE, word)) if store is not None else None
        if result is None:
            with self._lock:
                raw = [dict(a) for a in self._voikko.analyze(word)]
            result = tuple(_from_voikko(a) for a in raw)
            if store is not None:
                store.put(ANALYZE, word, raw)
        if len(self._analyses) < CACHE_LIMIT:
            self._analyses[word] = result
        return result

    def first_reading(self, word: str) -> tuple[str, str] | None:
        """(lemma, UD part of speech) of the first of :meth:`analyses`, None when there is none.

        When the persistent cache holds the answer and no analysis of
        ``word`` was built yet, it is read from the raw answer: a caller
        wanting lemmas only (the duplicate check) builds no :class:`Analysis`.
        """
        found = self._analyses.get(word)
        if found is None and self._store is not None:
            raw = self._store.get(ANALYZE, word)
            if is_raw_analyses(raw):  # what _analyses_from_cache accepts, and builds in the same way
                if not raw:
                    return None
                first = raw[0]
                return first.get("BASEFORM", ""), _CLASS_TO_POS.get(first.get("CLASS", ""), "X")
        if found is None:
            found = self.analyses(word)
        return (found[0].lemma, found[0].pos) if found else None

    def spell(self, word: str) -> bool:
        cached = self._spelling.get(word)
        if cached is None:
            store = self._store
            if store is not None:
                cached = store.get(SPELL, word)
            if type(cached) is not bool:
                with self._lock:
                    cached = bool(self._voikko.spell(word))
                if store is not None:
                    store.put(SPELL, word, cached)
            if len(self._spelling) < CACHE_LIMIT:
                self._spelling[word] = cached
        return cached

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        # Voikko takes 5-15 ms a word to suggest; a misspelling tends to recur.
        suggestions = self._suggestions.get(word)
        if suggestions is None:
            store = self._store
            if store is not None:
                suggestions = _strings(store.get(SUGGEST, word))
            if suggestions is None:
                with self._lock:
                    suggestions = tuple(self._voikko.suggest(word) or [])
                if store is not None:
                    store.put(SUGGEST, word, list(suggestions))
            if len(self._suggestions) < CACHE_LIMIT:
                self._suggestions[word] = suggestions
        return list(suggestions)[:limit]

    def grammar_errors(self, text: str, description_language: str = "fi") -> list["GrammarError"]:
        store = self._store
        key = voikko_cache.grammar_key(text, description_language) if store is not None else ""
        if store is not None:
            cached = _grammar_from_cache(store.get(GRAMMAR, key))
            if cached is not None:
                return cached
        with self._lock:
            errors = self._voikko.grammarErrors(text, description_language)
        raw = [[e.startPos, e.errorLen, e.errorCode, list(e.suggestions or ()), e.shortDescription or ""]
               for e in errors]
        if store is not None:
            store.put(GRAMMAR, key, raw)
        return [GrammarError(start, start + length, code, tuple(suggestions), description)
                for start, length, code, suggestions, description in raw]

    @property
    def cached_forms(self) -> int:
        return len(self._analyses)


def persistent_cache(voikko) -> VoikkoCache | None:
    """The process's persistent cache of Voikko's answers for a libvoikko handle; None for any other.

    A test's stand-in handle never gets it, so it cannot fill the cache with
    made-up answers.
    """
    if type(voikko).__module__ != "libvoikko":
        return None
    return voikko_cache.shared(lambda: voikko_cache.voikko_key(VOIKKO_OPTIONS))


def is_raw_analyses(value: Any) -> bool:
    """Whether a cached value is Voikko's analyses: a list of str -> str mappings (anything else is asked again)."""
    return type(value) is list and all(
        type(item) is dict and _ONLY_STR.issuperset(map(type, item)) and _ONLY_STR.issuperset(map(type, item.values()))
        for item in value)


_ONLY_STR = frozenset((str,))


def _analyses_from_cache(raw) -> tuple[Analysis, ...] | None:
    """Analyses from a cached raw answer, None when it is not one."""
    if not is_raw_analyses(raw):
        return None
    try:
        return tuple(_from_voikko(item) for item in raw)
    except Exception:  # noqa: BLE001 - a damaged entry is asked again
        return None


def _strings(raw) -> tuple[str, ...] | None:
    """A cached list of strings as a tuple, None when it is not one."""
    if type(raw) is not list or not all(type(item) is str for item in raw):
        return None
    return tuple(raw)


def _grammar_from_cache(raw) -> list["GrammarError"] | None:
    """Grammar errors from a cached raw answer, None when it is not one."""
    if type(raw) is not list:
        return None
    errors = []
    for item in raw:
        if type(item) is not list or len(item) != 5:
            return None
        start, length, code, suggestions, description = item
        if (type(start) is not int or type(length) is not int or type(code) is not int
                or type(description) is not str):
            return None
        suggestions = _strings(suggestions)
        if suggestions is None:
            return None
        errors.append(GrammarError(start, start + length, code, suggestions, description))
    return errors


@dataclass(frozen=True)
class GrammarError:
    """One error Voikko's grammar checker found: offsets into the checked text."""

    start: int
    end: int
    code: int
    suggestions: tuple[str, ...]
    description: str


def open_voikko():
    """A ``libvoikko.Voikko("fi")`` handle, or None when the library or dictionary is missing."""
    try:
        import libvoikko
    except Exception:  # noqa: BLE001 - the Python binding itself may be absent
        return None
    try:
        voikko = libvoikko.Voikko("fi")
    except Exception:  # noqa: BLE001 - libvoikko raises OSError or VoikkoException
        return None
    for option, value in VOIKKO_OPTIONS:
        getattr(voikko, option)(value)
    return voikko


def _from_voikko(raw: Mapping[str, str]) -> Analysis:
    """An :class:`Analysis` of one raw Voikko reading."""
    key = tuple(map(raw.get, _FEATURE_KEYS))
    found = _features.get(key)
    if found is None:
        found = _features[key] = _features_of(*key)
    pos, morph = found
    wordbases = raw.get("WORDBASES", "")
    # Most words are no compound ("+sana(sana)"): fewer than two pieces give no parts.
    parts = _compound_parts(wordbases) if wordbases.count("+") > (wordbases[:1] == "+") else ()
    analysis = _new_analysis(Analysis)
    analysis.__dict__.update(lemma=raw.get("BASEFORM", ""), pos=pos, morph=dict(morph), parts=parts,
                             raw=dict(raw))
    return analysis


# The raw keys a reading's part of speech and features depend on, and those computed
# per distinct combination of their values (a draft's forms share a few hundred).
_FEATURE_KEYS = ("MOOD", "PARTICIPLE", "PERSON", "NUMBER", "SIJAMUOTO", "TENSE", "NEGATIVE", "CLASS")
_features: dict[tuple, tuple[str, dict[str, str]]] = {}
# Filling the instance dict directly stores what the frozen dataclass's __init__
# stores (one object.__setattr__ per field), in a third of the time.
_new_analysis = object.__new__


def _features_of(mood, participle, person, number, case, tense, negative, word_class) -> tuple[str, dict[str, str]]:
    """(UD part of speech, UD features) of a reading from its raw values (None where absent)."""
    morph: dict[str, str] = {}
    if mood in _MOODS:
        morph["Mood"] = _MOODS[mood]
        morph["VerbForm"] = "Fin"
    elif mood in _INFINITE:
        morph["VerbForm"] = _INFINITE[mood]
    if participle:
        morph["VerbForm"] = "Part"
    if person == "4":
        morph["Voice"] = "Pass"
    elif person in ("1", "2", "3"):
        morph["Voice"] = "Act"
        morph["Person"] = person
    if number in ("singular", "plural"):
        morph["Number"] = "Sing" if number == "singular" else "Plur"
    if case in _CASES:
        morph["Case"] = _CASES[case]
    if tense in _TENSES:
        morph["Tense"] = _TENSES[tense]
    if negative == "true":
        morph["Polarity"] = "Neg"
    pos = _CLASS_TO_POS.get(word_class or "", "X")
    if pos == "AUX" and "Mood" not in morph:
        morph["Polarity"] = "Neg"
    return pos, morph


def _compound_parts(wordbases: str) -> tuple[str, ...]:
    """Base forms of a compound's parts from WORDBASES ("+ympäristö(ympäristö)+ministeriö(…)")."""
    parts = []
    for piece in wordbases.split("+"):
        if not piece:
            continue
        base = piece[piece.find("(") + 1:piece.rfind(")")] if "(" in piece else piece
        if base and not base.startswith("-"):
            parts.append(base)
    return tuple(parts) if len(parts) > 1 else ()


class SimpleAnalyser:
    """Swedish and English: lemmas from simplemma and suffix cues for voice and finiteness.

    These are cues, not a parser: a Swedish word ending in -s whose lemma is a
    verb infinitive in -a ("utreds" → "utreda") is read as an s-passive, one
    ending in -r ("utreder", "föreslår") as an active present; in English "will
    be"/"is"/"are" + a past participle are passive (see ``drafter.features``).
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self._analyses: dict[str, tuple[Analysis, ...]] = {}

    def lemma(self, word: str) -> str:
        try:
            import simplemma
        except ImportError:
            return word.lower()
        try:
            return simplemma.lemmatize(word.lower(), lang=self.language)
        except Exception:  # noqa: BLE001 - simplemma raises on unknown languages
            return word.lower()

    def analyses(self, word: str) -> tuple[Analysis, ...]:
        cached = self._analyses.get(word)
        if cached is not None:
            return cached
        lemma = self.lemma(word)
        morph: dict[str, str] = {}
        pos = "X"
        lower = word.lower()
        if self.language == "sv" and lemma != lower and lemma[-1:] in "aeiouyåäö" and len(lower) >= 3:
            # Genitives of definite nouns ("samhällets", "kommunens") look like s-passives.
            genitive = lower.endswith(("ets", "ens", "ns", "nas")) and lower != lemma + "s"
            if lower.endswith("s") and not lower.endswith("ss") and not genitive:
                pos, morph = "VERB", {"Voice": "Pass", "Mood": "Ind", "VerbForm": "Fin"}
                if lower.endswith(("ades", "des", "tes")) and not lower.endswith(lemma[-1] + "s"):
                    morph["Tense"] = "Past"
            elif lower.endswith("r") and not (lemma.endswith("a") and lower == lemma[:-1] + "or"):
                pos, morph = "VERB", {"Voice": "Act", "Mood": "Ind", "VerbForm": "Fin"}
            elif lower.endswith(("de", "te")) and lower.startswith(lemma[:-1]):
                pos, morph = "VERB", {"Voice": "Act", "Mood": "Ind", "VerbForm": "Fin", "Tense": "Past"}
        result = (Analysis(lemma=lemma, pos=pos, morph=morph),)
        if len(self._analyses) < CACHE_LIMIT:
            self._analyses[word] = result
        return result
