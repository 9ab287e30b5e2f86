"""Authority names, preferred terms and abbreviations: the lexicon checks look things up in.

The data lives in YAML under ``rules/`` (``authorities.yaml`` and per language
``terms.yaml`` and ``abbreviations.yaml``); drafter.toml may add authorities,
terms and abbreviations. :func:`load_lexicon` merges both into a cached
:class:`Lexicon` that finds authority names in running text in any Finnish
inflection ("sisäministeriön", "Poliisihallitukselle", "STM:n"), matches a
responsible-field name fuzzily (misspellings), and tells which words and
abbreviations are known.

Finnish inflection is generated, not guessed: :func:`finnish_forms` builds the
singular and plural case forms of a name's last word (consonant gradation,
``-s``/``-kse-`` and ``-e``/``-ee-`` stems, vowel harmony), and the index maps
every form to its name, so scanning a text is one token pass with dictionary
look-ups. :func:`lemmatize` is the hook for lemmas: Voikko for Finnish when
libvoikko is installed, simplemma for Swedish and English, lowercase otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import yaml

from drafter.errors import ConfigError

LANGUAGES = ("fi", "sv", "en")
VOWELS = "aeiouyäöAEIOUYÄÖ"

# A word as the lexicon sees it: letters and digits with inner hyphens, colons
# ("STM:n") and apostrophes, plus a trailing hyphen ("työ-" in "työ- ja ...").
# Possessive quantifiers: the same matches (nothing after the words can fail), without backtracking states.
TOKEN = re.compile(r"\w++(?:[-:'’]\w++)*+-?")
_GAP = re.compile(r"[\s,\u00a0\u202f]*")
_PARENS = re.compile(r"\s*\([^()]*\)\s*")

_NONE_TYPE = type(None)

# Entries a lexicon remembers per distinct text before it starts afresh (bounds memory in long batches).
_MEMO_SIZE = 100_000

# Singular and plural cases; the values of finnish_forms() are keyed by these.
CASES = ("nom", "gen", "par", "ine", "ela", "ill", "ade", "abl", "all", "ess", "tra")
# Case endings written after a colon on an abbreviation ("STM:n", "THL:ssä").
_COLON_CASE = (
    (re.compile(r"^n$"), "gen"), (re.compile(r"^ss[aä]$"), "ine"), (re.compile(r"^st[aä]$"), "ela"),
    (re.compile(r"^ll[aä]$"), "ade"), (re.compile(r"^lt[aä]$"), "abl"), (re.compile(r"^lle$"), "all"),
    (re.compile(r"^ksi$"), "tra"), (re.compile(r"^n[aä]$"), "ess"),
    (re.compile(r"^(?:[aeiouyäö]?h?[aeiouyäö]n|ään|aan|iin|seen|hen|hin)$"), "ill"),
    (re.compile(r"^(?:t?[aä]|aa|ää)$"), "par"), (re.compile(r"^t$"), "pl_nom"),
)


# -- Finnish inflection -------------------------------------------------------

_GRADATION = {"kk": "k", "pp": "p", "tt": "t", "nt": "nn", "nk": "ng", "mp": "mm", "lt": "ll", "rt": "rr"}
_GRADABLE = re.compile(r"(kk|pp|tt|nt|nk|mp|lt|rt)([aeiouyäö])$", re.IGNORECASE)


def _is_back(word: str) -> bool:
    """Vowel harmony of the word's last part: back (a o u) or front (ä ö y)."""
    for ch in reversed(word.lower()):
        if ch in "aou":
            return True
        if ch in "äöy":
            return False
    return False


def _weak(word: str) -> str:
    """The word with its last consonant cluster in the weak grade (liitto → liito)."""
    m = _GRADABLE.search(word)
    if not m:
        return word
    cluster = m.group(1)
    weak = _GRADATION[cluster.lower()]
    if cluster[0].isupper():
        weak = weak.capitalize()
    return word[: m.start(1)] + weak + word[m.end(1):]


def finnish_forms(word: str, abbreviation: bool = False) -> dict[str, tuple[str, ...]]:
    """The singular and plural case forms of a Finnish word, first one canonical.

    Covers the noun types authority names and terms end in: vowel stems with
    consonant gradation (virasto, kanslia, valtuutettu, hallinto), ``-s`` words
    with a ``-kse-`` stem (laitos, hallitus, keskus), ``-mies``, ``-e`` words
    (alue), plural names (Puolustusvoimat) and consonant-final loans or
    abbreviations (Stakes → Stakesin). Keys are :data:`CASES` and the same
    prefixed ``pl_``.

    >>> finnish_forms("Poliisihallitus")["gen"]
    ('Poliisihallituksen',)
    >>> finnish_forms("yhdenvertaisuusvaltuutettu")["ade"]
    ('yhdenvertaisuusvaltuutetulla',)
    """
    w = word
    low = w.lower()
    back = _is_back(low)
    A = "a" if back else "ä"
    O = "o" if back else "ö"
    forms: dict[str, list[str]] = {}

    def add(case: str, *values: str) -> None:
        forms.setdefault(case, []).extend(v for v in values if v)

    def singular(weak: str, strong: str, par: Sequence[str], ill: Sequence[str]) -> None:
        add("nom", w)
        add("gen", weak + "n")
        add("par", *par)
        add("ine", weak + "ss" + A)
        add("ela", weak + "st" + A)
        add("ill", *ill)
        add("ade", weak + "ll" + A)
        add("abl", weak + "lt" + A)
        add("all", weak + "lle")
        add("ess", strong + "n" + A)
        add("tra", weak + "ksi")

    def plural(nom: str, weak: str, strong: str, gen: Sequence[str], par: Sequence[str], ill: Sequence[str]) -> None:
        add("pl_nom", nom)
        add("pl_gen", *gen)
        add("pl_par", *par)
        add("pl_ine", weak + "ss" + A)
        add("pl_ela", weak + "st" + A)
        add("pl_ill", *ill)
        add("pl_ade", weak + "ll" + A)
        add("pl_abl", weak + "lt" + A)
        add("pl_all", weak + "lle")
        add("pl_ess", strong + "n" + A)
        add("pl_tra", weak + "ksi")

    if len(low) < 2:
        return {"nom": (w,)}
    if not abbreviation and len(low) > 3 and low.endswith("t") and low[-2] in VOWELS and not low.endswith("ut"):
        # A plural name (Puolustusvoimat, järjestöt): inflect its singular as plural.
        singular_forms = finnish_forms(w[:-1])
        return {k: v for k, v in singular_forms.items() if k.startswith("pl_")} | {"nom": (w,), "pl_nom": (w,)}
    if low.endswith("mies"):
        A = "ä"                                # harmony of the head word "mies"
        s = w[:-1] + "he"                      # miehe-
        singular(s, s, [w + "t" + A], [s + "en"])
        p = w[:-1] + "hi"                      # miehi-
        plural(s + "t", p, p, [w + "ten", p + "en"], [p + A], [p + "in"])
    elif not abbreviation and re.search(r"[aeiouyäö]s$", low):
        s = w[:-1] + "kse"                     # laitokse-
        singular(s, s, [w + "t" + A], [s + "en"])
        p = w[:-1] + "ksi"                     # laitoksi-
        plural(s + "t", p, p, [w + "ten", p + "en"], [p + A], [p + "in"])
    elif not abbreviation and low[-1] == "e":
        s = w + "e"                            # aluee-
        singular(s, s, [w + "tt" + A], [s + "seen"])
        p = w[:-1] + "ei"                      # aluei-
        plural(s + "t", p, p, [p + "den", p + "tten"], [p + "t" + A], [p + "siin", p + "hin"])
    elif low[-1] in VOWELS:
        vowel = w[-1]
        weak = _weak(w)
        par = [w + "t" + A] if low[-2] in VOWELS and low[-1] not in "aä" else [w + A]
        singular(weak, w, par, [w + vowel.lower() + "n"])
        if low[-1] in "aä":
            stems = [w[:-1] + "i", w[:-1] + O + "i"]
            weak_stems = [weak[:-1] + "i", weak[:-1] + O + "i"]
            gen = [w[:-1] + "ien", w[:-1] + O + "iden", w[:-1] + O + "jen"]
            par = [w[:-1] + "i" + A, w[:-1] + O + "it" + A, w[:-1] + O + "j" + A]
        elif low[-1] == "i":
            stems = [w[:-1] + "ei"]
            weak_stems = [weak[:-1] + "ei"]
            gen = [w[:-1] + "ien", w[:-1] + "eiden"]
            par = [w[:-1] + "ej" + A, w[:-1] + "eit" + A]
        else:
            stems = [w + "i"]
            weak_stems = [weak + "i"]
            gen = [w + "jen", w + "iden", w + "itten"]
            par = [w + "j" + A, w + "it" + A]
        for strong_p, weak_p in zip(stems, weak_stems):
            plural(weak + "t", weak_p, strong_p, gen, par, [strong_p + "hin", strong_p + "in"])
    else:
        s = w + "i"                            # Stakesi-, Polamki-
        singular(s, s, [s + A], [s + "in"])
        plural(s + "t", w + "ei", w + "ei", [w + "ien"], [w + "ej" + A], [w + "eihin"])
    return {case: tuple(dict.fromkeys(values)) for case, values in forms.items()}


def inflect_like(target: str, source_form: str, source_base: str, language: str = "fi") -> str | None:
    """``target`` in the case ``source_form`` has as a form of ``source_base``.

    Used by fixes: "sisäasiainministeriön" as a form of "sisäasiainministeriö"
    is genitive, so "sisäministeriö" becomes "sisäministeriön". Multi-word names
    inflect their last word. Returns None when the case cannot be told.
    """
    case = case_of(source_form, source_base, language)
    if case is None:
        return None
    return inflect(target, case, language)


def case_of(form: str, base: str, language: str = "fi") -> str | None:
    """Which case ``form`` is of ``base`` ("nom", "gen", ...), or None."""
    form_last = form.split()[-1] if form.split() else form
    base_last = base.split()[-1] if base.split() else base
    if ":" in form_last:  # STM:n
        ending = form_last.split(":", 1)[1].lower()
        for pattern, case in _COLON_CASE:
            if pattern.match(ending):
                return case
        return None
    if form_last.lower() == base_last.lower():
        return "nom"
    if language == "fi":
        for case, values in finnish_forms(base_last, abbreviation=_looks_abbreviation(base_last)).items():
            if any(v.lower() == form_last.lower() for v in values):
                return case
        return None
    if form_last.lower() in (base_last.lower() + "s", base_last.lower() + "'s", base_last.lower() + "’s"):
        return "gen"
    return None


def inflect(name: str, case: str, language: str = "fi") -> str:
    """``name`` (one or more words) with its last word in ``case``."""
    if case == "nom":
        return name
    head, _, last = name.rpartition(" ")
    prefix = head + " " if head else ""
    if _looks_abbreviation(last) and last.isupper():
        ending = {"gen": "n", "ine": "ssa", "ela": "sta", "ade": "lla", "abl": "lta", "all": "lle",
                  "tra": "ksi", "ess": "na", "par": "ta", "ill": "ään"}.get(case)
        return name if ending is None else f"{name}:{ending}"
    if language == "fi":
        values = finnish_forms(last, abbreviation=_looks_abbreviation(last)).get(case)
        return prefix + values[0] if values else name
    if case == "gen":
        return name + ("'s" if language == "en" else ("" if name.endswith("s") else "s"))
    return name


def _looks_abbreviation(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def strip_finnish_ending(word: str) -> str:
    """A crude base form of a Finnish word: common case endings removed (fallback lemma)."""
    low = word.lower()
    for ending in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 5:
            return low[: -len(ending)]
    return low


_ENDINGS = sorted({
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä",
    "n", "a", "ä", "ta", "tä", "t", "en", "ien", "iden", "jen", "seen", "hin", "iin",
    "ssaan", "ssään", "staan", "stään", "lleen",
}, key=len, reverse=True)


# -- lemmas ---------------------------------------------------------------------

_VOIKKO: dict[str, Any] = {}


def voikko(language: str = "fi"):
    """A shared libvoikko.Voikko for ``language``, or None when Voikko is unavailable."""
    if language not in _VOIKKO:
        try:
            import libvoikko

            _VOIKKO[language] = libvoikko.Voikko(language)
        except Exception:  # noqa: BLE001 - missing library or dictionary: fall back
            _VOIKKO[language] = None
    return _VOIKKO[language]


@lru_cache(maxsize=65536)
def _analyses(word: str) -> tuple[Mapping[str, str], ...]:
    """Voikko's analyses of ``word``, through the persistent cache of Voikko's answers.

    The cache (:mod:`drafter.nlp.voikko_cache`) is the one drafter.nlp's
    analyser keeps: analyses do not depend on the spelling options its handle
    sets (checked on 22,784 forms), so both read and fill one section, and a
    re-check analyses only new word forms. Spelling answers do depend on them
    and are not shared.
    """
    engine = voikko("fi")
    if engine is None:
        return ()
    from drafter.nlp.morphology import is_raw_analyses
    from drafter.nlp.voikko_cache import ANALYZE

    store = _persistent_cache(engine)
    if store is not None:
        cached = store.get(ANALYZE, word)
        if is_raw_analyses(cached):
            return tuple(cached)
    try:
        raw = [dict(a) for a in engine.analyze(word)]
    except Exception:  # noqa: BLE001 - odd input must never crash a check
        return ()
    if store is not None:
        store.put(ANALYZE, word, raw)
    return tuple(raw)


_STORE: dict[int, Any] = {}


def _persistent_cache(engine):
    """:func:`drafter.nlp.morphology.persistent_cache` of ``engine``, remembered for the handle."""
    key = id(engine)
    if key not in _STORE:
        from drafter.nlp.morphology import persistent_cache

        _STORE.clear()
        _STORE[key] = persistent_cache(engine)
    return _STORE[key]


@lru_cache(maxsize=65536)
def lemmatize(word: str, language: str = "fi") -> str:
    """The lowercase base form of ``word`` ("auttamisjärjestelmän" → "auttamisjärjestelmä").

    Finnish uses Voikko (the first analysis that is a common noun, else the
    first analysis), falling back to :func:`strip_finnish_ending`; Swedish and
    English use simplemma; anything else is lowercased.
    """
    if language == "fi":
        analyses = _analyses(word)
        if analyses:
            nouns = [a for a in analyses if a.get("CLASS") == "nimisana"]
            base = (nouns or list(analyses))[0].get("BASEFORM")
            if base:
                return base.lower()
        if voikko("fi") is None:
            return strip_finnish_ending(word)
        return word.lower()
    if language in ("sv", "en"):
        try:
            import simplemma

            return simplemma.lemmatize(word.lower(), lang=language).lower()
        except Exception:  # noqa: BLE001
            return word.lower()
    return word.lower()


_WORDBASE = re.compile(r"\+([^+(]+)(?:\(([^)]*)\))?")


@lru_cache(maxsize=65536)
def lemma_set(word: str, language: str = "fi") -> frozenset[str]:
    """Every base form ``word`` may have ("laiton": laiton and laitto), for comparing words."""
    out = {lemmatize(word, language), word.lower()}
    if language == "fi":
        out.update((a.get("BASEFORM") or "").lower() for a in _analyses(word))
        out.discard("")
    return frozenset(out)


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a Finnish compound ("auttamisjärjestelmä" → ("auttamis", "järjestelmä")).

    From Voikko's WORDBASES when available; otherwise the word as one part.
    """
    for analysis in _analyses(word):
        bases = analysis.get("WORDBASES")
        if not bases:
            continue
        parts: list[str] = []
        for m in _WORDBASE.finditer(bases):
            part, origin = m.group(1), m.group(2) or ""
            if origin.startswith("+") and parts:
                parts[-1] += part  # a derivational suffix: yhdenvertaisu + us
            else:
                parts.append(part)
        parts = [p.lower() for p in parts if p]
        if parts:
            return tuple(parts)
    return (word.lower(),)


def _is_common_noun(name: str) -> bool:
    """Whether a one-word name is also an ordinary Finnish noun ("Tulli": tulli, "Syke": syke).

    Such names are matched only when capitalised, in every form. Compounds
    ("Poliisihallitus") are not: a lowercase "poliisihallitus" is still the agency.
    """
    low = name.lower()
    return any(a.get("CLASS") == "nimisana" and (a.get("BASEFORM") or "").lower() == low
               and (a.get("WORDBASES") or "").count("+") == 1 for a in _analyses(low))


def is_known_word(word: str) -> bool | None:
    """Whether Voikko knows ``word`` as correctly spelt Finnish; None without Voikko."""
    engine = voikko("fi")
    if engine is None:
        return None
    try:
        return bool(engine.spell(word))
    except Exception:  # noqa: BLE001
        return None


# -- data -------------------------------------------------------------------------

@dataclass(frozen=True)
class FormerName:
    """A name an authority no longer has; ``since`` is the year the current one took effect."""

    name: str
    language: str
    since: int | None = None
    abbreviation: bool = False


@dataclass(frozen=True)
class Authority:
    """A state authority (or another body a draft names) in every language drafter reads."""

    id: str
    kind: str
    names: Mapping[str, str]
    abbreviations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    former: tuple[FormerName, ...] = ()
    note: str | None = None

    def name(self, language: str = "fi") -> str:
        """The official name in ``language`` (Finnish when it has none)."""
        return self.names.get(language) or self.names.get("fi") or next(iter(self.names.values()))

    def abbreviation(self, language: str = "fi") -> str | None:
        values = self.abbreviations.get(language) or ()
        return values[0] if values else None

    @property
    def lowercase_name(self) -> bool:
        """Whether the Finnish name is written with a lowercase initial (ministries)."""
        name = self.names.get("fi", "")
        return bool(name) and name[0].islower()


@dataclass(frozen=True)
class AuthorityMatch:
    """An authority name found in a text or a field, and how it was written.

    ``form`` is the listed form that matched (nominative), ``text`` the words as
    written, ``kind`` one of name, alias, abbreviation, former,
    former-abbreviation; ``score`` is 100 for exact or inflected matches and the
    rapidfuzz ratio for fuzzy ones; ``case`` the Finnish case ("gen") or None.
    """

    authority: Authority
    text: str
    form: str
    kind: str
    language: str
    score: float = 100.0
    case: str | None = "nom"
    since: int | None = None

    @property
    def exact(self) -> bool:
        return self.score >= 100

    @property
    def outdated(self) -> bool:
        return self.kind.startswith("former")

    @property
    def is_abbreviation(self) -> bool:
        return self.kind in ("abbreviation", "former-abbreviation")

    def corrected(self, language: str) -> str:
        """The current name in ``language``, inflected like the text when the case is known."""
        name = self.authority.name(language)
        if self.case and self.case != "nom":
            return inflect(name, self.case, language)
        return name


@dataclass(frozen=True)
class Term:
    """A preferred term with the variants to avoid (``mode`` avoid) or not to mix (consistency)."""

    preferred: str
    variants: tuple[str, ...]
    mode: str = "avoid"
    reason: str = ""
    source: str = ""


@dataclass(frozen=True)
class _Form:
    authority: Authority
    text: str
    kind: str
    language: str
    words: tuple[str, ...]     # lowercase tokens before the last one
    since: int | None = None


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _read_yaml(relative: str) -> Any:
    """A data file under rules/, parsed (installed package first, then the source tree)."""
    text = None
    try:
        from importlib.resources import files

        resource = files("drafter.rules").joinpath(*relative.split("/"))
        if resource.is_file():
            text = resource.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        text = None
    if text is None:
        from pathlib import Path

        path = Path(__file__).resolve().parent.parent / "rules" / relative
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
    try:
        # The C loader: the pure-Python one spent ~0.19 s per process on authorities.yaml.
        return yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"rules/{relative}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _authority_from_data(entry: Mapping[str, Any], where: str) -> Authority:
    if not isinstance(entry, Mapping) or "id" not in entry:
        raise ConfigError(f"{where}: every authority needs an 'id' and language sections")
    names, abbrs, aliases = {}, {}, {}
    for lang in LANGUAGES:
        section = entry.get(lang)
        if not section:
            continue
        if not isinstance(section, Mapping) or "name" not in section:
            raise ConfigError(f"{where}: authority {entry['id']} needs {{name: ...}} under {lang}")
        names[lang] = str(section["name"])
        abbrs[lang] = _as_tuple(section.get("abbr"))
        aliases[lang] = _as_tuple(section.get("aliases"))
    if not names:
        raise ConfigError(f"{where}: authority {entry['id']} has no name in fi, sv or en")
    former = []
    for item in entry.get("former") or ():
        since = item.get("since")
        for lang in LANGUAGES:
            if item.get(lang):
                former.append(FormerName(str(item[lang]), lang, since))
        for lang, values in (item.get("abbr") or {}).items():
            for value in _as_tuple(values):
                former.append(FormerName(value, lang, since, abbreviation=True))
    return Authority(
        id=str(entry["id"]), kind=str(entry.get("kind", "agency")), names=names,
        abbreviations=abbrs, aliases=aliases, former=tuple(former), note=entry.get("note"),
    )


def _authority_from_config(entry: Any, default_language: str, index: int) -> Authority:
    """An authority from drafter.toml: a name, or {name, abbreviation, aliases, ...}."""
    if isinstance(entry, str):
        entry = {"name": entry}
    language = entry.get("language") or default_language
    names = {language: entry["name"]}
    if entry.get("swedish"):
        names["sv"] = entry["swedish"]
    if entry.get("english"):
        names["en"] = entry["english"]
    abbrs = {language: _as_tuple(entry.get("abbreviation"))}
    aliases = {language: _as_tuple(entry.get("aliases"))}
    former = tuple(FormerName(n, language) for n in _as_tuple(entry.get("former_names")))
    return Authority(
        id=f"config:{index}:{entry['name']}", kind=str(entry.get("kind", "config")), names=names,
        abbreviations=abbrs, aliases=aliases, former=former,
    )


def _terms_from_data(data: Any, where: str) -> list[Term]:
    out = []
    for entry in (data or {}).get("terms") or ():
        if not isinstance(entry, Mapping) or "preferred" not in entry:
            raise ConfigError(f"{where}: every term needs 'preferred' and 'variants'")
        mode = entry.get("mode", "avoid")
        if mode not in ("avoid", "consistency"):
            raise ConfigError(f"{where}: term {entry['preferred']!r}: mode must be avoid or consistency")
        out.append(Term(str(entry["preferred"]), _as_tuple(entry.get("variants")), mode,
                        str(entry.get("reason", "")), str(entry.get("source", ""))))
    return out


# -- the lexicon --------------------------------------------------------------------

class Lexicon:
    """Authorities, terms and abbreviations for one language, with fast look-ups."""

    def __init__(
        self,
        language: str,
        authorities: Iterable[Authority],
        terms: Iterable[Term] = (),
        common_abbreviations: Mapping[str, str] | None = None,
        official_abbreviations: Mapping[str, str] | None = None,
    ) -> None:
        self.language = language
        self.authorities: tuple[Authority, ...] = tuple(authorities)
        self.terms: tuple[Term, ...] = tuple(terms)
        self.common_abbreviations: dict[str, str] = dict(common_abbreviations or {})
        self.official_abbreviations: dict[str, str] = dict(official_abbreviations or {})
        self._by_token: dict[str, list[tuple[_Form, str | None]]] = {}
        self._by_abbr: dict[str, list[_Form]] = {}
        self._choices: list[tuple[str, _Form, str]] = []
        self._accepted: frozenset[str] | None = None
        self._owners: dict[str, Authority] | None = None
        # Per distinct string: drafts repeat their field lines and names, and
        # several checks ask about the same paragraph.
        self._found: dict[str, tuple[tuple[int, int, AuthorityMatch], ...]] = {}
        self._matched: dict[tuple[str, float], AuthorityMatch | None] = {}
        self._derived: dict[str, Any] = {}
        self._build_index()
        # Every look-up key of the index, lowercased: a text none of whose words is
        # one of them holds no authority name, and is dismissed without a scan.
        self._keys = frozenset(k.lower() for k in (*self._by_token, *self._by_abbr))
        self._key_tokens = _Verdicts(self._ends_name)
        self._alone: dict[str, AuthorityMatch | bool | None] = _Verdicts(self._match_alone)

    # index -------------------------------------------------------------------

    def _forms(self) -> Iterator[_Form]:
        for auth in self.authorities:
            for lang, name in auth.names.items():
                yield self._form(auth, name, "name", lang)
            for lang, values in auth.aliases.items():
                for value in values:
                    yield self._form(auth, value, "alias", lang)
            for lang, values in auth.abbreviations.items():
                for value in values:
                    yield self._form(auth, value, "abbreviation", lang)
            for former in auth.former:
                kind = "former-abbreviation" if former.abbreviation else "former"
                yield self._form(auth, former.name, kind, former.language, former.since)

    @staticmethod
    def _form(auth: Authority, text: str, kind: str, language: str, since: int | None = None) -> _Form:
        tokens = [t.lower() for t in TOKEN.findall(text)]
        return _Form(auth, text, kind, language, tuple(tokens[:-1]), since)

    def _build_index(self) -> None:
        for form in self._forms():
            own_language = form.language == self.language
            if form.authority.kind == "generic" and not own_language:
                continue
            tokens = TOKEN.findall(form.text)
            if not tokens:
                continue
            last = tokens[-1]
            is_abbr = form.kind in ("abbreviation", "former-abbreviation")
            if is_abbr:
                if not own_language:
                    continue  # "FM", "KM", "JO" mean other things in other languages
                if last.isupper() or len(tokens) > 1 or any(c.isdigit() for c in last):
                    self._by_abbr.setdefault(form.text, []).append(form)
                    continue
            # Registered names are singular: "tulleista" is customs duties, not Tulli.
            plural = form.authority.kind == "generic" or not last[:1].isupper() or "-" in last
            common_word = len(tokens) == 1 and last[:1].isupper() and _is_common_noun(last) and form.language == "fi"
            for surface, case in self._surfaces(last, form.language, own_language, is_abbr, plural):
                if common_word and surface[:1].islower():
                    continue
                self._by_token.setdefault(surface if common_word else surface.lower(), []).append((form, case))
            if not is_abbr or len(form.text) > 3:
                self._choices.append((form.text.lower(), form, "nom"))
                if form.language == "fi" and own_language:
                    gen = inflect(form.text, "gen", "fi")
                    self._choices.append((gen.lower(), form, "gen"))

    @staticmethod
    def _surfaces(last: str, language: str, own_language: bool, abbreviation: bool,
                  plural: bool = True) -> Iterator[tuple[str, str | None]]:
        yield last, "nom"
        if language == "fi":
            forms = finnish_forms(last, abbreviation)
            if not own_language:
                forms = {k: v for k, v in forms.items() if k == "gen"}
            elif not plural:
                forms = {k: v for k, v in forms.items() if not k.startswith("pl_") or k == "pl_nom" and v == (last,)}
            for case, values in forms.items():
                for value in values:
                    yield value, case
        elif language == "sv":
            if not last.endswith("s"):
                yield last + "s", "gen"
            if plural and last.endswith("iet"):          # ministeriet → ministerierna
                yield last[:-2] + "erna", "pl_nom"
                yield last[:-2] + "ernas", "pl_gen"
            elif plural and last.endswith("et"):         # verket → verken
                yield last[:-2] + "en", "pl_nom"
                yield last[:-2] + "ens", "pl_gen"
        else:
            yield last + "'s", "gen"
            yield last + "’s", "gen"

    # authorities ---------------------------------------------------------------

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        """``build()`` once per lexicon: indexes the checks derive from the lexicon's data alone."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def find_authorities(self, text: str, *, words: list[str] | None = None,
                         remember: bool = True) -> list[tuple[int, int, AuthorityMatch]]:
        """Every authority name in ``text`` as (start, end, match), in text order.

        One pass over the words: each word is looked up (lowercased, in any
        generated inflection) as the last word of a name, and the name's
        earlier words are compared backwards; abbreviations match exactly,
        with or without a colon ending ("STM", "STM:n"). Overlapping matches
        keep the longest ("valtioneuvoston kanslia" over "valtioneuvosto").
        Remembered per text. ``words``: ``TOKEN.findall(text)``, when the caller has it;
        ``remember=False`` for a caller that asks once per text and keeps the answers itself.
        """
        found = self._found.get(text)
        if found is None:
            if not remember:
                return self._find_authorities(text, words)
            if len(self._found) >= _MEMO_SIZE:
                self._found.clear()
            found = self._found[text] = tuple(self._find_authorities(text, words))
        return list(found)

    def _ends_name(self, token: str) -> bool:
        """Whether ``token`` is a look-up key of the index once lowercased ("STM:n" by the part before its colon)."""
        keys = self._keys
        return token.lower() in keys or (":" in token and token.partition(":")[0].lower() in keys)

    def _find_authorities(self, text: str, words: list[str] | None = None) -> list[tuple[int, int, AuthorityMatch]]:
        if words is None:
            words = TOKEN.findall(text)
        # Only words that are look-up keys can end a name. The verdict is kept per
        # distinct token, so a paragraph's other words cost a dictionary hit each,
        # without a Python step.
        if len(self._key_tokens) >= _MEMO_SIZE:
            self._key_tokens.clear()
        if len(self._alone) >= _MEMO_SIZE:
            self._alone.clear()
        candidates = list(compress(range(len(words)), map(self._key_tokens.__getitem__, words)))
        if not candidates:
            return []
        found: list[tuple[int, int, AuthorityMatch]] = []
        alone = self._alone
        verdicts = list(map(alone.__getitem__, map(words.__getitem__, candidates)))
        every: list[int] = []
        if _NONE_TYPE in map(type, verdicts):  # (types: no AuthorityMatch.__eq__ per look)
            # A name of several words may end here: the words before it need their offsets too.
            every = token_starts(text, words, candidates[-1] + 1)
            starts = [every[i] for i in candidates]
        else:
            starts = candidate_starts(text, words, candidates)
        for i, match, start in zip(candidates, verdicts, starts):
            if match is None:
                best = self._match_ending_at(text, words, every, i)
                if best is not None:
                    found.append(best)
            elif match:
                found.append((start, start + len(words[i]), match))
        return _without_overlaps(found)

    def _match_alone(self, token: str) -> AuthorityMatch | bool | None:
        """The match ``token`` makes by itself, False for none, None when the words before it may matter.

        A token no multi-word name ends in matches the same wherever it stands,
        so its verdict is made once per distinct token.
        """
        entries = (*self._by_token.get(token.lower(), ()), *self._by_token.get(token, ()))
        if any(form.words for form, _ in entries):
            return None
        best = self._match_ending_at(token, [token], [0], 0)
        return best[2] if best is not None else False

    def _match_ending_at(self, text: str, words: list[str], starts: list[int],
                         i: int) -> tuple[int, int, AuthorityMatch] | None:
        """The best name ending with ``words[i]`` as (start, end, match), or None."""
        token = words[i]
        start, end = starts[i], starts[i] + len(token)
        best: tuple[int, int, AuthorityMatch] | None = None
        base, colon, ending = token.partition(":")
        for form in self._by_abbr.get(base if colon else token, ()):
            if colon and not ending.isalpha():
                continue
            case = case_of(token, base, "fi") if colon and self.language == "fi" else ("gen" if colon else "nom")
            best = (start, end, AuthorityMatch(form.authority, token, form.text, form.kind,
                                               form.language, 100.0, case, form.since))
            break
        for form, case in (*self._by_token.get(token.lower(), ()), *self._by_token.get(token, ())):
            if form.kind in ("abbreviation", "former-abbreviation") and not token[0].isupper():
                continue
            k = len(form.words)
            if k > i:
                continue
            ok = True
            for j in range(k):
                if words[i - k + j].lower() != form.words[j]:
                    ok = False
                    break
                gap_start, gap_end = starts[i - k + j] + len(words[i - k + j]), starts[i - k + j + 1]
                if not _GAP.fullmatch(text, gap_start, gap_end):
                    ok = False
                    break
            if not ok:
                continue
            s = starts[i - k]
            if best is None or s < best[0] or (s == best[0] and self._prefer(form, best[2])):
                best = (s, end, AuthorityMatch(form.authority, text[s:end], form.text, form.kind,
                                               form.language, 100.0, case, form.since))
        return best

    def _prefer(self, form: _Form, current: AuthorityMatch) -> bool:
        rank = {"name": 0, "alias": 1, "abbreviation": 2, "former": 3, "former-abbreviation": 4}
        own = (form.language != self.language, rank.get(form.kind, 5))
        other = (current.language != self.language, rank.get(current.kind, 5))
        return own < other

    def match_authority(self, name: str, min_score: float = 50.0) -> AuthorityMatch | None:
        """The authority ``name`` denotes: exact or inflected (score 100), else fuzzy.

        Bracketed remarks are ignored ("SM (koordinointi)"). A fuzzy match
        carries rapidfuzz's ratio (0–100) as its score; below ``min_score`` the
        result is None.
        """
        key = (name, min_score)
        if key in self._matched:
            return self._matched[key]
        if len(self._matched) >= _MEMO_SIZE:
            self._matched.clear()
        match = self._matched[key] = self._match_authority(name, min_score)
        return match

    def _match_authority(self, name: str, min_score: float) -> AuthorityMatch | None:
        clean = _PARENS.sub(" ", name).strip(" .,;:\t\n")
        clean = re.sub(r"\s+", " ", clean)
        if not clean:
            return None
        for start, end, match in self.find_authorities(clean):
            if start == 0 and end == len(clean):
                return match
        if not self._choices:
            return None
        from rapidfuzz import fuzz, process

        result = process.extractOne(
            clean.lower(), [c[0] for c in self._choices], scorer=fuzz.ratio, score_cutoff=min_score,
        )
        if result is None:
            return None
        _, score, index = result
        _, form, case = self._choices[index]
        return AuthorityMatch(form.authority, clean, form.text, form.kind, form.language,
                              float(score), case, form.since)

    def authority(self, authority_id: str) -> Authority | None:
        for auth in self.authorities:
            if auth.id == authority_id:
                return auth
        return None

    def name_words(self) -> dict[str, list[tuple[str, Authority]]]:
        """Distinctive last words of names in this language → (listed name, authority).

        For misspelling search: only words of 8 letters or more, and only words
        that belong to one authority's name ("terveysministeriö", not "laitos").
        """
        owners: dict[str, set[str]] = {}
        texts: dict[str, list[tuple[str, Authority]]] = {}
        for form in self._forms():
            if form.language != self.language or form.kind in ("abbreviation", "former-abbreviation"):
                continue
            tokens = TOKEN.findall(form.text)
            if not tokens:
                continue
            last = tokens[-1].lower()
            if len(last) < 8:
                continue
            owners.setdefault(last, set()).add(form.authority.id)
            texts.setdefault(last, []).append((form.text, form.authority))
        return {w: texts[w] for w, ids in owners.items() if len(ids) == 1}

    # words and abbreviations ---------------------------------------------------

    def accepted_words(self) -> set[str]:
        """Lowercased words of every name, abbreviation and term (for the spelling check)."""
        if self._accepted is None:
            self._accepted = frozenset(_accepted_words(self))
        return set(self._accepted)

    def is_known_abbreviation(self, abbr: str) -> bool:
        """Whether ``abbr`` is in the abbreviation bank, the config or an authority's abbreviations."""
        return self.abbreviation_full(abbr) is not None

    def needs_definition(self, abbr: str) -> bool:
        """False for abbreviations so common (or configured) that house style needs no definition."""
        return abbr not in self.common_abbreviations

    def abbreviation_full(self, abbr: str) -> str | None:
        """The full form the lexicon knows for ``abbr`` in the lexicon's language, or None."""
        if abbr in self.common_abbreviations:
            return self.common_abbreviations[abbr]
        if abbr in self.official_abbreviations:
            return self.official_abbreviations[abbr]
        for form in self._by_abbr.get(abbr, ()):
            return form.authority.name(self.language)
        owner = self._abbreviation_owners().get(abbr)
        return owner.name(self.language) if owner is not None else None

    def _abbreviation_owners(self) -> dict[str, Authority]:
        """Abbreviation → the first authority listing it in this language (built on first use).

        :meth:`abbreviation_full` is asked about every capitalised token of a
        draft and most are not abbreviations: a scan over every authority per
        token made it 2.6 s of a 500-measure check.
        """
        if self._owners is None:
            owners: dict[str, Authority] = {}
            for auth in self.authorities:
                for abbr in auth.abbreviations.get(self.language, ()):
                    owners.setdefault(abbr, auth)
            self._owners = owners
        return self._owners

    def term_for(self, word: str) -> Term | None:
        low = word.lower()
        for term in self.terms:
            if low == term.preferred.lower() or low in (v.lower() for v in term.variants):
                return term
        return None


def _accepted_words(lexicon: Lexicon) -> Iterator[str]:
    texts: list[str] = []
    for auth in lexicon.authorities:
        texts.extend(auth.names.values())
        for values in (*auth.abbreviations.values(), *auth.aliases.values()):
            texts.extend(values)
        texts.extend(f.name for f in auth.former)
    for term in lexicon.terms:
        texts.append(term.preferred)
        texts.extend(term.variants)
    texts.extend(lexicon.common_abbreviations)
    texts.extend(lexicon.official_abbreviations)
    for text in texts:
        for token in TOKEN.findall(text):
            word = token.lower().rstrip("-")
            if word:
                yield word
                yield from (p for p in word.split("-") if p)


class _Verdicts(dict):
    """token → ``decide(token)``, decided on first look-up (a dict, so ``map`` over it runs in C)."""

    def __init__(self, decide: Callable[[str], bool]) -> None:
        super().__init__()
        self._decide = decide

    def __missing__(self, token: str) -> bool:
        verdict = self[token] = self._decide(token)
        return verdict


def token_starts(text: str, words: list[str], count: int) -> list[int]:
    """Where the first ``count`` of ``words`` (``TOKEN.findall(text)``) start in ``text``.

    Between two tokens no word character stands, and a token begins with
    one, so each token is the first occurrence of its text after the one
    before: a find per word, without a match object per word.
    """
    starts: list[int] = []
    at = 0
    for word in words[:count]:
        at = text.find(word, at)
        starts.append(at)
        at += len(word)
    return starts


def candidate_starts(text: str, words: list[str], indices: list[int]) -> list[int]:
    """Where ``words[i]`` (``TOKEN.findall(text)``) starts in ``text``, for each of ``indices`` (ascending).

    A word that occurs once in the text from the end of the one before on
    starts where it is found: two finds, instead of one for every word
    before it (:func:`token_starts`). When one of them occurs again, its
    place is counted out the plain way.
    """
    starts: list[int] = []
    at = 0
    find = text.find
    for i in indices:
        word = words[i]
        at = find(word, at)
        if at < 0 or find(word, at + 1) >= 0:
            every = token_starts(text, words, indices[-1] + 1)
            return [every[i] for i in indices]
        starts.append(at)
        at += len(word)
    return starts


def _without_overlaps(found: list[tuple[int, int, AuthorityMatch]]) -> list[tuple[int, int, AuthorityMatch]]:
    """The longest of overlapping matches (the earlier of equally long ones), in text order."""
    if len(found) < 2 or (len(found) == 2 and found[0][1] <= found[1][0]) or all(
            a[1] <= b[0] for a, b in zip(found, found[1:])):
        return found  # already in order and disjoint: the usual case, kept whole
    kept: list[tuple[int, int, AuthorityMatch]] = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f[0])


# -- loading --------------------------------------------------------------------------

_CACHE: dict[tuple, Lexicon] = {}


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def load_lexicon(language: str | None, config=None) -> Lexicon:
    """The lexicon for ``language`` ("fi", "sv", "en") with the config's additions (cached).

    ``config`` is a drafter.config.Config or None; its ``authorities`` (names
    or tables), ``terms`` (preferred → variants, mode avoid) and
    ``abbreviations`` (ABBR → full form, treated as common: no definition
    needed) extend the data in rules/.
    """
    language = language if language in LANGUAGES else "fi"
    if config is None:  # the name splitter asks for every field: no config to freeze
        cached = _CACHE.get((language, (), (), ()))
        if cached is not None:
            return cached
    extra_authorities = getattr(config, "authorities", None) or ()
    extra_terms = getattr(config, "terms", None) or {}
    extra_abbreviations = getattr(config, "abbreviations", None) or {}
    key = (language, _freeze(extra_authorities), _freeze(extra_terms), _freeze(extra_abbreviations))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    authorities = list(_base_authorities())
    for i, entry in enumerate(extra_authorities):
        authorities.append(_authority_from_config(entry, language, i))
    terms = list(_terms_from_data(_read_yaml(f"{language}/terms.yaml"), f"rules/{language}/terms.yaml"))
    for preferred, variants in dict(extra_terms).items():
        terms.append(Term(preferred, _as_tuple(variants), "avoid", "drafter.toml prefers it", "drafter.toml"))
    data = _read_yaml(f"{language}/abbreviations.yaml") or {}
    common = {str(e["abbr"]): str(e.get("full", "")) for e in data.get("common") or ()}
    official = {str(e["abbr"]): str(e.get("full", "")) for e in data.get("official") or ()}
    common.update({str(k): str(v) for k, v in dict(extra_abbreviations).items()})
    lexicon = Lexicon(language, authorities, terms, common, official)
    _CACHE[key] = lexicon
    return lexicon


@lru_cache(maxsize=None)
def _base_authorities() -> tuple[Authority, ...]:
    data = _read_yaml("authorities.yaml") or {}
    entries = data.get("authorities") or ()
    return tuple(_authority_from_data(e, f"rules/authorities.yaml (entry {i + 1})") for i, e in enumerate(entries))
