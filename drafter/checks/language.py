"""Voikko spelling and grammar on Finnish paragraphs (rules in rules/fi/language.yaml).

Spelling reads every body paragraph (table cells and headings included) and
asks Voikko about each word that could be a misspelling: names (capitalised
words inside a sentence), numbers and codes, words with digits, ALL-CAPS
abbreviations with or without a case ending ("STM:n"), URLs and e-mail
addresses, and the accepted vocabulary (authority names, abbreviations and the
programme's term bank, from ``ctx.lexicon.accepted_words()``) are never
flagged. A misspelled form is reported once per paragraph, with its count.

Grammar runs Voikko's grammar checker on body paragraphs only: not on headings,
measure titles, field lines ("Vastuutaho: …") or table cells, which are not
running prose; list items are spared the capital-letter and final-punctuation
errors that lists legitimately break.

Without Voikko both kinds yield one info finding saying what was skipped.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterator

from drafter.checks.parallel import AFTER_PARTNER_WORK
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding, Severity
from drafter.nlp.voikko_cache import save_all as save_voikko_cache

MAIN_PART = "word/document.xml"
_MASK = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"”’)]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\.(?:fi|se|com|org|net|eu|int|gov|edu|info|io|uk|de)(?:/[^\s<>\"”’)]*)?(?!\w)",
    re.IGNORECASE,
)
_MASK_HINT = re.compile(r"@|://|www\.|\.(?:fi|se|com|org|net|eu|int|gov|edu|info|io|uk|de)\b", re.IGNORECASE)
_LETTERS = re.compile(r"^[^\W\d_]+(?:[-‐’':][^\W\d_]+)*$")
_LIST_CODES = (7, 9)
CODE_LOWER_CASE = 6             # "Harkitse sanan kirjoittamista pienellä alkukirjaimella"
CODE_NO_FINAL_PUNCTUATION = 9   # "Välimerkki puuttuu virkkeen lopusta"
_QUOTES = set("\"”“'’‘»«")
_TITLE_STYLE = re.compile(r"^(title|subtitle|otsikko|alaotsikko|nimi|rubrik|underrubrik)$", re.IGNORECASE)  # capital letter at start, final punctuation: lists may do without

# The forked partner of a long check ends without running atexit hooks: what Voikko
# told it (grammar, spelling, analyses) goes into the persistent cache before it
# sends its findings, so the next check finds it (see drafter.nlp.voikko_cache).
if save_voikko_cache not in AFTER_PARTNER_WORK:
    AFTER_PARTNER_WORK.append(save_voikko_cache)

SPELLING_PARAMS = {"min_length": False, "skip_other_languages": False}
GRAMMAR_PARAMS = {"ignore_codes": False, "list_ignore_codes": False, "description_language": False,
                  "skip_other_languages": False}


def accepted_words(ctx: CheckContext) -> frozenset[str]:
    """The lexicon's accepted words (lower-cased, multi-word entries split), or an empty set."""
    cached = getattr(ctx, "_accepted_words", None)
    if cached is not None:
        return cached
    words: set[str] = set()
    lexicon = ctx.lexicon
    getter = getattr(lexicon, "accepted_words", None) if lexicon is not None else None
    if getter is not None:
        try:
            for entry in getter() or ():
                for part in re.split(r"[\s/]+", str(entry)):
                    part = part.strip(".,;:()[]\"'”’")
                    if part:
                        words.add(part.lower())
        except Exception:  # noqa: BLE001 - a broken lexicon must not stop spelling
            words = set()
    result = frozenset(words)
    setattr(ctx, "_accepted_words", result)
    return result


def unavailable_finding(rule: Rule, ctx: CheckContext) -> Finding:
    """The info finding that says Finnish morphology was not available."""
    from drafter.nlp.language import UNAVAILABLE_FINDING

    finding = ctx.finding(rule, message=UNAVAILABLE_FINDING, details={"skipped": "voikko"})
    return dataclasses.replace(finding, severity=Severity.INFO, fix=None)


@kind("voikko-spelling", SPELLING_PARAMS)
def voikko_spelling(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag words Voikko does not know, once per form and paragraph, with suggestions."""
    language = ctx.nlp
    if not language.has_spelling:
        yield unavailable_finding(rule, ctx)
        return
    accepted = accepted_words(ctx)
    min_length = int(rule.params.get("min_length", 2))
    skip_other = bool(rule.params.get("skip_other_languages", True))
    known_good: set[str] = set()
    never_asked: set[str] = set()
    other_language = _other_language_memo(ctx)
    for paragraph in ctx.paragraphs():
        text = paragraph.text
        if not text.strip():
            continue
        misspelled = _misspellings(text, language, accepted, min_length, known_good, never_asked)
        # A paragraph in another language is not spelled as Finnish. Telling its language
        # costs more than spelling it (Voikko's answers are cached), so it is asked only
        # when there is something to report.
        if misspelled and skip_other and other_language(text):
            continue
        for places in misspelled.values():
            start, end = places[0]
            word = text[start:end]
            suggestions = language.suggest(word, 3)
            count = f" ({len(places)} times in this paragraph)" if len(places) > 1 else ""
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "."
            message = rule.format(word=word, count=count, hint=hint, suggestions=", ".join(suggestions))
            yield ctx.finding(rule, message=message, paragraph=paragraph, start=start, end=end,
                              replacement=suggestions[0] if suggestions else None,
                              details={"word": word, "count": len(places), "suggestions": suggestions})


def _misspellings(text: str, language, accepted: frozenset[str], min_length: int,
                  known_good: set[str], never_asked: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Misspelled forms of ``text``, lower-cased, with their offsets.

    ``known_good`` holds the forms Voikko spelled right (its answer does not
    depend on the paragraph, so a form learnt in any paragraph holds for all)
    and ``never_asked`` the
    forms no paragraph asks about (too short, numbers and codes, ALL-CAPS,
    accepted vocabulary): both are skipped at once. The filters that depend
    on a word's place (a name inside a sentence, a case ending after a
    number) are applied only to words Voikko does not know, as a word it knows
    is never reported wherever it stands.
    """
    misspelled: dict[str, list[tuple[int, int]]] = {}
    masked = _MASK.sub(lambda m: " " * len(m.group()), text) if _MASK_HINT.search(text) else text
    sentence_starts: set[int] | None = None
    for match in language.word_matches(masked):
        word = match.group()
        if word in known_good or word in never_asked:
            continue
        if _never_asked(word, accepted, min_length):
            never_asked.add(word)
            continue
        start, end = match.span()
        if end < len(masked) and masked[end] in "-‐" and (end + 1 == len(masked) or masked[end + 1] in " ,"):
            word = word + masked[end]  # "sosiaali- ja terveysministeriö"
            end += 1
            if word in known_good:
                continue
        if language.spell(word):
            known_good.add(word)
            continue
        if start and masked[start - 1] == ":":
            continue  # a case ending after a symbol or number: "3 §:ää", "2021:n"
        if word[0].isupper():
            if sentence_starts is None:
                sentence_starts = {s for s, _ in language.sentences(masked)}
            if start not in sentence_starts and not _after_list_label(masked, start):
                continue  # a name
        if text[end:end + 1] == "." and language.spell(word + "."):
            continue  # an abbreviation: "ks.", "esim.", "vrt."
        misspelled.setdefault(word.lower(), []).append((start, end))
    return misspelled


def _never_asked(word: str, accepted: frozenset[str], min_length: int) -> bool:
    """Whether ``word`` is never a candidate misspelling, wherever it stands."""
    if len(word) < min_length or not _LETTERS.match(word):
        return True  # numbers, codes, words with digits
    rest = word[1:]
    if rest and not rest.islower():
        return True  # ALL-CAPS, "STM:n", camel case: abbreviations, product and system names
    lower = word.lower()
    return lower in accepted or lower.split(":")[0] in accepted


def _after_list_label(text: str, start: int) -> bool:
    """Whether the word opens the text after a number label ("12. Laaditaan")."""
    return re.fullmatch(r"\s*(?:\d{1,3}[.)]?\s*)*", text[:start]) is not None


def _other_language_memo(ctx: CheckContext):
    """:func:`_other_language` for ``ctx``'s language, remembered per text for the whole run.

    Spelling and grammar ask it about the same paragraphs; detection costs
    about 0.3 ms a paragraph, so asking once saves a second on 3,000 paragraphs.
    """
    memo: dict[str, bool] = ctx.cached("language:other-language", dict)
    language = ctx.language

    def other_language(text: str) -> bool:
        answer = memo.get(text)
        if answer is None:
            answer = memo[text] = _other_language(text, language)
        return answer

    return other_language


def _other_language(text: str, language: str) -> bool:
    from drafter.language import detect_text_language

    if len(text) < 40:
        return False
    guess = detect_text_language(text[:400])
    return guess is not None and guess != language


@kind("voikko-grammar", GRAMMAR_PARAMS)
def voikko_grammar(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Run Voikko's grammar checker on body prose (no headings, titles, field lines or cells)."""
    language = ctx.nlp
    if not language.has_spelling:
        yield unavailable_finding(rule, ctx)
        return
    ignore = {int(c) for c in rule.params.get("ignore_codes", ()) or ()}
    list_ignore = {int(c) for c in rule.params.get("list_ignore_codes", _LIST_CODES) or ()}
    description_language = str(rule.params.get("description_language", "fi"))
    skip_other = bool(rule.params.get("skip_other_languages", True))
    excluded, title_ends = _non_prose(ctx)
    accepted = accepted_words(ctx)
    seen: dict[str, list] = {}
    other_language = _other_language_memo(ctx)
    for paragraph in ctx.paragraphs():
        if paragraph.is_heading or paragraph.container == "table" or not paragraph.text.strip():
            continue
        if paragraph.location.part == MAIN_PART and paragraph.location.paragraph in excluded:
            continue
        offset = title_ends.get(paragraph.location.paragraph, 0) if paragraph.location.part == MAIN_PART else 0
        text = paragraph.text[offset:]
        if not text.strip() or _TITLE_STYLE.match(paragraph.style_name or paragraph.style_id or ""):
            continue
        # Most paragraphs have no error: their language (slower to tell than a cached
        # grammar check) is asked only for those that have one.
        errors = _grammar_errors(language, text, description_language, seen)
        if not errors or (skip_other and other_language(text)):
            continue
        is_list = paragraph.numbering is not None
        for error in errors:
            if error.code in ignore or (is_list and error.code in list_ignore):
                continue
            if error.code == CODE_NO_FINAL_PUNCTUATION and not _has_finite_verb(text, language):
                continue  # "LUONNOS 10.12.2020", a signature, a caption: not a sentence
            if error.code == CODE_LOWER_CASE and (text[error.start:error.end].lower() in accepted
                                                  or text[error.start - 1:error.start] in _QUOTES):
                continue  # a name the lexicon knows ("Terveyden ja hyvinvoinnin laitos"); authority rules own it
            start, end = error.start + offset, error.end + offset
            suggestion = error.suggestions[0] if error.suggestions else None
            yield ctx.finding(
                rule, message=rule.format(description=error.description.rstrip("."),
                                          match=paragraph.text[start:end],
                                          suggestions=", ".join(error.suggestions[:3])),
                paragraph=paragraph, start=start, end=end, replacement=suggestion,
                details={"code": error.code, "description": error.description,
                         "suggestions": list(error.suggestions[:3])},
            )


def _has_finite_verb(text: str, language) -> bool:
    from drafter.features import finite_reading

    return any(finite_reading(language.analyses(m.group())) is not None for m in language.word_matches(text))


def _grammar_errors(language, text: str, description_language: str, seen: dict[str, list]) -> list:
    """Voikko's grammar errors of ``text``, once per distinct paragraph text (boilerplate repeats)."""
    errors = seen.get(text)
    if errors is None:
        errors = language.grammar_errors(text, description_language)
        seen[text] = errors
    return errors


def _non_prose(ctx: CheckContext) -> tuple[set[int], dict[int, int]]:
    """Main-part paragraphs that are field lines, and where titles end in title paragraphs."""
    excluded: set[int] = set()
    title_ends: dict[int, int] = {}
    programme = ctx.programme
    for measure in programme.measures:
        for f in measure.fields:
            if f.source == "line" and f.location.part == MAIN_PART:
                excluded.add(f.location.paragraph)
        title = measure.title_location
        if title is not None and title.part == MAIN_PART:
            paragraph = ctx.paragraph(MAIN_PART, title.paragraph)
            end = title.end if title.end is not None else (len(paragraph.text) if paragraph else 0)
            if paragraph is not None:
                rest = paragraph.text[end:]
                end += len(rest) - len(rest.lstrip(" .:–—-"))
                if not paragraph.text[end:].strip():
                    excluded.add(title.paragraph)
                else:
                    title_ends[title.paragraph] = end
    for item in list(programme.chapters) + list(programme.objectives):
        if item.location.part == MAIN_PART:
            excluded.add(item.location.paragraph)
    return excluded, title_ends

