"""Finnish house-style rules: what they catch, what they fix, and what they must leave alone."""

from __future__ import annotations

import pytest

from _engine_helpers import findings_of

NBSP = "\u00a0"


def texts(rule, text, language="fi"):
    return [f.location.text for f in findings_of(rule, text, language)]


def fixes(rule, text, language="fi"):
    return [f.fix.replacement for f in findings_of(rule, text, language)]


@pytest.mark.parametrize("text, expected", [
    ("klo 14:00", ["klo 14.00"]), ("kello 09.15", ["kello 9.15"]), ("Klo 8:30", ["Klo 8.30"]),
    ("klo 14.00–16:00", ["16.00"]),
])
def test_clock_times_get_a_period_and_lose_the_leading_zero(text, expected):
    assert fixes("STY001", f"Tilaisuus alkaa {text}.") == expected


def test_correct_clock_times_and_ratios_are_left_alone():
    assert texts("STY001", "Klo 9.15 alkaa; tulos oli 3:2 ja suhde 14:00 ilman klo-sanaa.") == []


@pytest.mark.parametrize("text, replacement", [
    ("vuosina 2021-2023", "2021–2023"), ("sivut 23-25", "23–25"), ("klo 14.00-16.00", "14.00–16.00"),
    ("10-15 %", "10–15"), ("vuosien 2021-2023-ohjelma", "2021–2023"),
])
def test_hyphenated_ranges_get_an_en_dash(text, replacement):
    assert fixes("STY002", f"Teksti {text} tässä.") == [replacement]


@pytest.mark.parametrize("text", [
    "covid-19-pandemia", "COVID-19", "laki 123/2021", "2020-12-14", "ISBN 978-952-287-123-4",
    "Y-tunnus 1234567-8", "ISO 9001-2015", "puh. 0295-123 456", "https://example.fi/2021-2023",
    "SARS-CoV-2", "1990-luvulla",
])
def test_codes_compounds_dates_and_urls_are_not_ranges(text):
    assert texts("STY002", f"Katso {text} tässä.") == []


def test_a_spaced_dash_between_numbers_is_closed_up_but_a_parenthetical_dash_is_not():
    assert fixes("STY003", "Vuodet 2021 – 2023 ja 10 - 15 %.") == ["2021–2023", "10–15"]
    assert texts("STY003", "Vuonna 2021 – kuten sovittiin – aloitetaan.") == []


def test_dates_lose_leading_zeros_and_statute_numbers_are_not_dates():
    assert fixes("STY004", "Päivätty 01.02.2021 ja 5.09.2020.") == ["1.2.2021", "5.9.2020"]
    assert texts("STY004", "Laki 123/2021 annettiin 14.12.2020 ja versio 1.02.3 julkaistiin.") == []


def test_iso_dates_in_running_text_are_rewritten_day_first():
    assert fixes("STY005", "Kokous 2021-03-15 pidetään.") == ["15.3.2021"]


def test_two_digit_years_are_flagged_but_full_years_and_statutes_are_not():
    assert texts("STY006", "Päivitetty 14.12.20 illalla.") == ["14.12.20"]
    assert texts("STY006", "Päivitetty 14.12.2020 illalla (laki 123/20).") == []


@pytest.mark.parametrize("text, replacement", [
    ("23100 euroa", f"23{NBSP}100"), ("1200000 euroa", f"1{NBSP}200{NBSP}000"),
])
def test_long_numbers_are_grouped_by_threes(text, replacement):
    assert fixes("STY007", f"Varataan {text}.") == [replacement]


@pytest.mark.parametrize("text", [
    "vuonna 2021", "4500 euroa", "laki 12345/2021", "VN/12345/2021", "00100 Helsinki", "33100 Tampere",
    "puh. 0295 1234567", "+358 40 1234567", "Y-tunnus 1234567-8", "23 100 euroa", "www.stat.fi/12345678",
])
def test_years_short_numbers_statutes_postcodes_and_phone_numbers_are_not_grouped(text):
    assert texts("STY007", f"Katso {text} tässä.") == []


def test_wrong_thousands_separators_are_replaced_with_spaces():
    assert fixes("STY008", "Yhteensä 1,200,000 euroa ja 23.100 euroa.") == [
        f"1{NBSP}200{NBSP}000", f"23{NBSP}100"]
    assert texts("STY008", "Osuus 10,5 % ja päiväys 1.2.2021 sekä 1,200 kg.") == []


def test_percent_signs_get_a_space_and_keep_the_case_ending():
    assert fixes("STY009", "Kasvu 50% ja 25%:n osuus.") == [f"50{NBSP}%", f"25{NBSP}%"]
    assert texts("STY009", "Kasvu 50 % ja 25 %:n osuus.") == []


def test_decimal_points_become_commas_without_touching_times():
    assert fixes("STY010", "Osuus 10.5% ja 2.5 miljoonaa euroa.") == [f"10,5{NBSP}%", "2,5"]
    assert texts("STY009", "Osuus 10.5% kasvoi.") == [], "the decimal rule fixes both problems"
    assert texts("STY010", "Kokous klo 10.30 ja 1.2.2021.") == []


def test_opening_quotation_marks_are_replaced():
    assert fixes("STY011", "Nimi on “Turvassa” ja „Kotona“.") == ["”", "”", "”"]


def test_kts_becomes_ks_keeping_capitals():
    assert fixes("STY012", "Kts. liite ja kts. toimenpide 3.") == ["Ks.", "ks."]
    assert texts("STY012", "Sana tekstsi kts on ilman pistettä.") == []


def test_double_spaces_and_spaces_before_punctuation_are_fixed():
    assert fixes("STY013", "Yksi  kaksi   kolme.") == [" ", " "]
    assert fixes("STY014", "Yksi , kaksi .") == [",", "."]
    assert texts("STY014", "Ks. https://example.fi/a , b") == [" ,"]


def test_repeated_words_are_flagged_but_not_numbers_or_different_words():
    assert texts("STY015", "Tämä on on virhe ja Ja toinen.") == ["on on", "ja Ja"]
    assert texts("STY015", "Vuodet 2021 2021 taulukossa ja jatko jatkossa.") == []


def test_empty_paragraphs_are_reported_once_per_run_but_not_at_the_end():
    assert len(findings_of("STY016", "A.\n¶\n¶\nB.\n¶\nC.\n¶")) == 2
