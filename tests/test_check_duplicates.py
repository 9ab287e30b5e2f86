"""Duplicate check: near-identical measures, reported once per pair, fast on thousands of measures."""

from __future__ import annotations

import random
import time
from pathlib import Path

from drafter.blocks import Location
from drafter.checks.duplicates import normalise, similar_pairs
from drafter.checks.engine import run_checks
from drafter.checks.loader import rule_index
from drafter.checks.registry import KINDS, CheckContext
from drafter.config import config_from_mapping
from drafter.model import Measure, Programme
from drafter.structure import recognise
from drafter.textdoc import document_from_text

RULES = rule_index()
ROOT = Path(__file__).resolve().parent.parent


def check(text: str, language: str = "fi"):
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping({}), only={"DUP001"})
    return [f for f in result.findings if f.rule == "DUP001"]


def test_a_near_identical_measure_is_reported_once_on_the_later_one():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi
### 2. Koulutetaan sosiaali- ja terveydenhuollon henkilöstöä tunnistamaan uhrit
## Tavoite 2: Uhrit saavat apua
### 3. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamista varten
"""
    (finding,) = check(text)
    assert finding.location.measure == 3
    assert dict(finding.details)["other"] == 1
    assert finding.message.startswith("measure 3 is nearly identical to measure 1")


def test_inflection_differences_are_caught_through_lemmas():
    # Only the case endings differ; Voikko lemmas (when present) make them equal.
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Vahvistetaan kuntien sosiaalitoimen valmiuksia tunnistaa ihmiskaupan uhreja
### 2. Vahvistetaan kunnan sosiaalitoimen valmiutta tunnistaa ihmiskaupan uhri
"""
    assert len(check(text)) == 1


def test_measures_on_different_subjects_are_not_duplicates():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi
### 2. Laaditaan rajavartiolaitokselle ohje työperäisen hyväksikäytön tunnistamiseksi
### 3. Koulutetaan sosiaali- ja terveydenhuollon henkilöstöä
"""
    assert check(text) == []


def test_a_short_measure_whose_words_occur_in_a_longer_one_is_not_its_duplicate():
    texts = [normalise("Laaditaan toimintamalli poliisille"),
             normalise("Laaditaan toimintamalli poliisille ja koulutetaan sen pohjalta kaikki "
                       "rajavartiolaitoksen ja tullin työntekijät tunnistamaan uhrit")]
    assert similar_pairs(texts, 90) == []


def test_swedish_duplicates():
    text = """
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En nationell verksamhetsmodell för identifiering av offer utarbetas för polisen
Åtgärd 2: Myndigheterna utbildas i arbetsrelaterad exploatering
Åtgärd 3: En nationell verksamhetsmodell för identifiering av offren utarbetas för polisen
"""
    assert [f.location.measure for f in check(text, "sv")] == [3]


def test_field_lines_and_numbers_do_not_make_measures_alike():
    assert normalise("12. Laaditaan malli 2021–2022, SM") == "laaditaan malli sm"


def test_five_thousand_measures_are_compared_in_one_batch_quickly():
    random.seed(7)
    letters = "abdeghijklmnoprstuvyäö"
    vocabulary = ["".join(random.choice(letters) for _ in range(random.randint(4, 11))) for _ in range(4000)]
    texts = [" ".join(random.choice(vocabulary) for _ in range(random.randint(8, 30))) for _ in range(5000)]
    texts[4321] = texts[17] + " lisäksi"
    measures = tuple(Measure(i + 1, f"{i + 1}.", t, "", Location(paragraph=0)) for i, t in enumerate(texts))
    programme = Programme("t.docx", "fi", None, (), (), measures, document_from_text("x"))
    rule = RULES["DUP001"]
    context = CheckContext(programme, nlp=object())  # no lemmatiser: plain tokens
    started = time.perf_counter()
    found = list(KINDS[rule.kind].function(rule, context))
    elapsed = time.perf_counter() - started
    assert [(f.location.measure, dict(f.details)["other"]) for f in found] == [(4322, 18)]
    assert elapsed < 30, f"5,000 measures took {elapsed:.1f} s"


def _random_measures(count: int, seed: int) -> list[str]:
    random.seed(seed)
    letters = "abdeghijklmnoprstuvyäö"
    vocabulary = ["".join(random.choice(letters) for _ in range(random.randint(4, 11))) for _ in range(3000)]
    return [" ".join(random.choice(vocabulary) for _ in range(random.randint(40, 120))) for _ in range(count)]


def _plant_near_duplicates(texts: list[str]) -> set[tuple[int, int]]:
    """Near-duplicates as drafts carry them: an added sentence, a changed word, a dropped word, reordering."""
    base = texts[10].split()
    texts[900] = texts[10] + " ja lisäksi arvioidaan toimenpiteen vaikutukset"
    texts[1500] = " ".join(base[:5] + ["toisenlainen"] + base[6:])
    texts[2500] = " ".join(base[:20] + base[21:])
    half = len(base) // 2
    texts[4000] = " ".join(texts[20].split()[half:] + texts[20].split()[:half])
    return {(10, 900), (10, 1500), (10, 2500), (900, 1500), (900, 2500), (1500, 2500), (20, 4000)}


def test_planted_near_duplicates_among_five_thousand_measures_are_found_in_seconds():
    texts = _random_measures(5000, seed=11)
    planted = _plant_near_duplicates(texts)
    started = time.perf_counter()
    found = {(i, j) for i, j, _ in similar_pairs([normalise(t) for t in texts], 90)}
    elapsed = time.perf_counter() - started
    assert planted <= found
    assert elapsed < 15, f"5,000 measures took {elapsed:.1f} s"


def test_lsh_candidates_give_the_same_pairs_as_comparing_every_pair(monkeypatch):
    from drafter.checks import duplicates

    texts = [normalise(t) for t in _random_measures(5000, seed=3)[:400]]
    texts += [texts[5] + " lisäksi", texts[7].replace(" ", " ja ", 1), " ".join(texts[9].split()[:-2])]
    assert sum(len(t) for t in texts) > duplicates.EXHAUSTIVE_CHARS  # the LSH path
    through_lsh = similar_pairs(texts, 90)
    monkeypatch.setattr(duplicates, "EXHAUSTIVE_CHARS", 10**12)
    every_pair = similar_pairs(texts, 90)
    assert through_lsh == every_pair
    assert {(5, 400), (7, 401), (9, 402)} <= {(i, j) for i, j, _ in every_pair}


def test_lsh_candidates_do_not_depend_on_the_process():
    import os
    import subprocess
    import sys

    script = ("from tests.test_check_duplicates import _random_measures; "
              "from drafter.checks.duplicates import lsh_candidates, normalise; "
              "texts = [normalise(t) for t in _random_measures(600, seed=5)]; "
              "texts.append(texts[3] + ' lisäksi'); print(lsh_candidates(texts))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1 and "(3, 600)" in outputs.pop()


def test_the_plain_token_pattern_agrees_with_the_full_one_on_every_plain_character():
    from drafter.checks.duplicates import _PLAIN_TOKEN, _TOKEN
    from drafter.nlp.text import only_plain_letters

    plain = [chr(c) for c in range(0x3000) if only_plain_letters(chr(c))]
    assert len(plain) > 128
    for ch in plain:
        assert bool(_PLAIN_TOKEN.fullmatch(ch)) == bool(_TOKEN.fullmatch(ch)), repr(ch)
    text = "Toimenpide 12: åtgärd_3 Škoda, 2024–2025 « ks. » § 4 ° € café"
    assert normalise(text) == " ".join(_TOKEN.findall(text.lower()))


def test_colliding_finds_exactly_the_rows_that_share_a_whole_band():
    """The numpy grouping gives the same sorted codes as comparing every pair of rows band by band."""
    import numpy as np

    from drafter.checks.duplicates import _colliding

    rng = np.random.default_rng(11)
    for trial in range(150):
        count = int(rng.integers(0, 30))
        rows, bands = int(rng.integers(1, 4)), int(rng.integers(1, 6))
        signature = rng.integers(0, 3, size=(count, rows * bands)).astype(np.uint32)
        expected = sorted(i * count + j for i in range(count) for j in range(i + 1, count)
                          if any((signature[i, b * rows:(b + 1) * rows] == signature[j, b * rows:(b + 1) * rows]).all()
                                 for b in range(bands)))
        assert _colliding(signature, rows, bands).tolist() == expected, trial


def test_lemmas_give_the_text_and_words_normalise_gives():
    """Cached lower-cased lemmas join to normalise()'s text; odd lemmas (empty, with spaces) are split again."""
    from drafter.checks.duplicates import _Lemmas

    def lemma(word: str) -> str:
        if word == "tyhjä":
            return ""
        if word == "kaksi":
            return "Kaksi Sanaa"
        if word == "virhe":
            raise ValueError(word)
        return word.upper()

    lemmas = _Lemmas(lemma)
    for text in ("Laaditaan malli", "tyhjä kaksi virhe ja Malli", "ΑΣ ΒΣ İstanbul", "", "12 34"):
        joined, words = lemmas.normalised(text)
        assert joined == normalise(text, lambda tokens: [_safe(lemma, t) for t in tokens])
        assert words == joined.split()


def _safe(function, token: str) -> str:
    try:
        return function(token)
    except ValueError:
        return token
