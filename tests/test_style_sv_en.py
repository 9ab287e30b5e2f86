"""Swedish and English house-style packs: the same conventions in their own words."""

from __future__ import annotations

from _engine_helpers import findings_of

NBSP = "\u00a0"


def fixes(rule, text, language):
    return [f.fix.replacement if f.fix else None for f in findings_of(rule, text, language)]


def test_swedish_clock_times_ranges_numbers_and_quotes():
    assert fixes("STY101", "Mötet börjar kl. 09:30.", "sv") == ["kl. 9.30"]
    assert fixes("STY102", "Åren 2021-2023 och covid-19.", "sv") == ["2021–2023"]
    assert fixes("STY105", "Totalt 23100 euro år 2021.", "sv") == [f"23{NBSP}100"]
    assert fixes("STY107", "Minska med 50%.", "sv") == [f"50{NBSP}%"]
    assert fixes("STY109", "Den heter “Var med”.", "sv") == ["”"]


def test_swedish_allows_det_det():
    assert fixes("STY112", "Det det gäller är och och pengar.", "sv") == ["och"]


def test_english_ranges_and_repeated_words_with_allowed_doubles():
    assert fixes("STY201", "The period 2021-2023 after COVID-19.", "en") == ["2021–2023"]
    assert fixes("STY205", "What it had had was the the plan.", "en") == ["the"]


def test_english_quote_consistency_flags_the_minority_style_with_counts():
    found = findings_of("STY206", 'He said “yes”, “no” and "maybe".', "en")
    assert [f.location.text for f in found] == ['"', '"']
    assert "straight quotation marks 2 times" in found[0].message
    assert "curly quotation marks 4 times" in found[0].message


def test_rules_of_one_language_do_not_run_on_another():
    assert findings_of("STY001", "klo 14:00", "sv") == []
