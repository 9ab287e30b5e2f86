"""spaCy blank pipelines with drafter's sentencizer and morphology components.

``spacy.blank(lang)`` gives spaCy's tokenizer for Finnish, Swedish or English.
Two components follow it:

- ``drafter_sentences`` marks sentence starts where :func:`drafter.nlp.text.sentences`
  puts them (no break after "ks.", "bl.a.", "e.g.", ordinals or dates), so the
  cheap path and the Doc path agree;
- ``drafter_morphology`` sets ``token.lemma_``, ``token.pos_``, ``token.morph``
  and the custom extension ``token._.voikko`` (the raw analysis, or None) from
  :meth:`drafter.nlp.language.Language.analyses`, which caches per word form.

When the optional model ``spacy-fi-experimental-web-md`` is installed, the
Finnish pipeline is that model loaded without NER, with the sentencizer added
before its parser-free parts; it is never required.
"""

from __future__ import annotations

import importlib.util

OPTIONAL_FI_MODEL = "spacy_fi_experimental_web_md"


def build_pipeline(language):
    """A spaCy Language for ``language`` (a drafter.nlp.language.Language)."""
    import spacy
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Token

    if not Token.has_extension("voikko"):
        Token.set_extension("voikko", default=None)
    _register_components(SpacyLanguage)
    nlp = None
    if language.code == "fi" and importlib.util.find_spec(OPTIONAL_FI_MODEL) is not None:
        try:
            nlp = spacy.load(OPTIONAL_FI_MODEL, exclude=["ner"])
        except Exception:  # noqa: BLE001 - a broken optional model falls back to blank
            nlp = None
    if nlp is None:
        nlp = spacy.blank(language.code)
        nlp.add_pipe("drafter_sentences", config={"language": language.code})
        nlp.add_pipe("drafter_morphology", config={"language": language.code})
    else:
        nlp.add_pipe("drafter_sentences", config={"language": language.code}, first=True)
    return nlp


_registered = False


def _register_components(SpacyLanguage) -> None:
    global _registered
    if _registered:
        return
    _registered = True

    @SpacyLanguage.factory("drafter_sentences", default_config={"language": "fi"})
    def make_sentences(nlp, name, language: str):
        return SentenceMarker(language)

    @SpacyLanguage.factory("drafter_morphology", default_config={"language": "fi"})
    def make_morphology(nlp, name, language: str):
        from drafter.nlp.language import load_language

        return MorphologySetter(load_language(language))


class SentenceMarker:
    """Set ``is_sent_start`` from the government-text sentence splitter."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc):
        from drafter.nlp.text import sentences

        starts = {start for start, _ in sentences(doc.text, self.language)}
        for i, token in enumerate(doc):
            token.is_sent_start = i == 0 or token.idx in starts
        return doc


class MorphologySetter:
    """Set lemma, POS, morphology and ``token._.voikko`` from the language's analyses."""

    def __init__(self, language) -> None:
        self.language = language

    def __call__(self, doc):
        for token in doc:
            if not token.text[:1].isalpha():
                continue
            found = self.language.analyses(token.text)
            if not found:
                token.lemma_ = token.lower_
                continue
            first = _preferred(found)
            token.lemma_ = first.lemma if first.pos == "PROPN" else first.lemma.lower()
            if first.pos != "X":
                token.pos_ = first.pos
            if first.morph:
                token.set_morph(first.morph_string)
            if first.raw:
                token._.voikko = dict(first.raw)
        return doc


def _preferred(found):
    """The reading to show: a finite verb when one exists (titles and clauses hinge on it)."""
    for analysis in found:
        if analysis.is_finite_verb:
            return analysis
    return found[0]
