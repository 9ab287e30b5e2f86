"""Language layer: spaCy blank pipelines per language, Voikko for Finnish.

``load_language(lang)`` returns the process-wide :class:`Language` of "fi", "sv"
or "en". Checks use its cheap methods (``tokens``, ``sentences``, ``lemma``,
``analyses``, ``spell``, ``grammar_errors``), which need no spaCy; ``doc(text)``
builds a spaCy Doc with the same sentence boundaries and Voikko morphology on
``token.lemma_``, ``token.morph`` and ``token._.voikko``. Without Voikko the
layer still works: ``has_morphology`` is False and one notice goes to stderr.
"""

from drafter.nlp.language import Language, load_language
from drafter.nlp.morphology import Analysis, GrammarError
from drafter.nlp.text import Token

__all__ = ["Analysis", "GrammarError", "Language", "Token", "load_language"]
