"""The text kinds' short cut: a pattern runs only over units holding the strings every match needs.

``required_strings`` reads those strings off a parsed pattern; ``candidates``
narrows a scope's units with them. Neither may change what a rule finds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter.checks import text_kinds
from drafter.checks.engine import run_checks, select_rules
from drafter.checks.loader import load_rules
from drafter.checks.registry import KINDS
from drafter.checks.text_kinds import required_strings, token_pattern

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "samples").glob("*.docx"))


def _rule_patterns() -> list[str]:
    """Every regex the loaded packs give the text kinds."""
    found: set[str] = set()
    for rule in load_rules():
        params = rule.params
        for key in ("patterns", "exceptions"):
            value = params.get(key)
            found.update([value] if isinstance(value, str) else value or ())
        found.update(token_pattern(t) for t in params.get("tokens") or ())
        found.update(params.get("swap") or ())
        for key in ("if", "then"):
            if isinstance(params.get(key), str):
                found.add(params[key])
        for group in params.get("variants") or ():
            found.update(token_pattern(v) if isinstance(v, str) else v["pattern"] for v in group)
    return sorted(found)


PATTERNS = _rule_patterns() + [
    r"(?:ab|cd){2}x", r"a{2,}b?c", r"(?i)klo\s+\d", r"x(?=yz|w)", r"(?<=q)rs", r"[a-c]{3}", r"(?:foo|ba(?:r|z))+!",
    r"\bT(?:ODO|BD)\b", r"(?i:ä)X", r"a(?!b)c", r"(a)\1b",
]


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!\w)kts\.", [{"kts."}]),
    (r"(?<=\S) {2,}(?=\S)", [{"  "}, {" "}]),
    (r"(?<!\w)(?:TODO|TBD)(?!\w)", [{"TODO", "TBD"}, {"D"}, {"T"}]),
    (r"\[(?i:lähde|viite)\]", [{"["}, {"]"}]),
    (r"(?i)abc", []),
    (r"(?<=\w) +([,.;:!?])(?=\s|$)", [{" "}, {" ,", " .", " ;", " :", " !", " ?"}]),
    (r"(?<!\w)(?:xx|XX|xxx|XXX|X{4,}|x{4,})(?!\w)", [{"XX", "xx"}, {"X", "x"}]),
    (r"(?<!\w)(?:xx|XX|\d)\.(?:20)?(?:xx|XX)(?!\w)", [{".20XX", ".20xx", ".XX", ".xx"}, {"."}]),
    (r"(?<!\w)(\w+)(\s+)(\1)(?!\w)", []),
])
def test_required_strings_of_some_patterns(pattern, expected):
    compiled = re.compile(pattern)
    assert [set(r) for r in required_strings(compiled.pattern, compiled.flags)] == expected


_FOLD = str.maketrans("123456789", "000000000")


def _holds_requirements(compiled: re.Pattern, text: str) -> None:
    plain_digits = not any(char.isdecimal() and char not in "0123456789" for char in text)
    for match in compiled.finditer(text):
        rest = text[match.start():]
        for requirement in required_strings(compiled.pattern, compiled.flags):
            assert any(needle in rest for needle in requirement), (compiled, text, requirement)
        if plain_digits:  # the digit-folded requirements hold where 0-9 are the only digits
            for requirement in required_strings(compiled.pattern, compiled.flags, True):
                assert any(needle in rest.translate(_FOLD) for needle in requirement), (compiled, text, requirement)


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_holds_a_string_of_each_requirement(pattern, flags, data):
    compiled = re.compile(pattern, flags)
    text = data.draw(st.from_regex(compiled))
    assume(compiled.search(text))
    _holds_requirements(compiled, text)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_matches_in_the_sample_drafts_hold_their_requirements(pattern, sample_texts):
    for flags in (0, re.IGNORECASE):
        compiled = re.compile(pattern, flags)
        for text in sample_texts:
            _holds_requirements(compiled, text)


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    from drafter.ooxml.reader import read_document

    texts = []
    for path in SAMPLES:
        texts += [p.text for p in read_document(str(path)).all_paragraphs() if p.text]
    return texts


def _text_rule_ids(language: str) -> set[str]:
    return {r.id for r in select_rules(load_rules(), language, None, {r.id for r in load_rules()})
            if r.kind in KINDS and KINDS[r.kind].function.__module__ == text_kinds.__name__}


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<![\w.,/§–-])[1-9]\d{4,}", [{"00000"}, {"0"}]),
    (r"(?<![\w.,])0?([1-9]|[12]\d|3[01])\.0?([1-9]|1[0-2])\.((?:19|20)\d\d)", [
        {"0.0.0000", "0.00.0000", "0.000.0000"}, {"."}, {"0"}]),
    (r"klo\s+\d", [{"klo"}, {"0"}]),
])
def test_digit_folded_requirements(pattern, expected):
    compiled = re.compile(pattern)
    assert [set(r) for r in required_strings(compiled.pattern, compiled.flags, True)] == expected


def test_digits_beyond_0_to_9_turn_the_folded_requirements_off():
    """Arabic-Indic digits are digits to \\d: number rules must see them with and without the short cut."""
    from _engine_helpers import bare_programme

    text = "Määrä on 1٢٣٤٥٦ euroa, päivä 3.٤.٢٠٢٤.\n\nToinen on 1234567 euroa, päivä 3.4.2024.\n"
    programme = bare_programme(text)
    only = {"STY004", "STY006", "STY007", "STY008"}
    narrowed = run_checks(programme, only=only).findings
    assert any(f.location.text == "1٢٣٤٥٦" for f in narrowed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_kinds, "candidates", lambda ctx, scope, pattern: None)
        assert run_checks(programme, only=only).findings == narrowed


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_short_cut_finds_what_every_unit_gives(path, monkeypatch):
    """Each sample draft: the text kinds' findings with and without narrowing the units."""
    from drafter.ooxml.reader import read_document
    from drafter.structure import recognise

    programme = recognise(read_document(str(path)))
    only = _text_rule_ids(programme.language)
    narrowed = run_checks(programme, only=only).findings
    monkeypatch.setattr(text_kinds, "candidates", lambda ctx, scope, pattern: None)
    everywhere = run_checks(programme, only=only).findings
    assert narrowed == everywhere
