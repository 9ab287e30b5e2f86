"""drafter diff on small drafts: word operations, matching by content, statuses, splits and merges."""

from __future__ import annotations

import random
import time

import pytest

from drafter.diff import diff_json, diff_programmes, render_text
from drafter.diff.matching import MeasureText, match
from drafter.diff.textdiff import marked_segments, same_words, tokens, word_ops
from drafter.structure import recognise
from drafter.textdoc import document_from_text

HEAD = """# I Johdanto
Toimintaohjelma kattaa vuodet 2021–2023.
# II Tavoitteet ja toimenpiteet
"""

MEASURES = {
    "training": ("Laaditaan viranomaisille valtakunnallinen koulutusohjelma ihmiskaupan tunnistamisesta",
                 "Koulutus toteutetaan verkkokurssina ja alueellisina koulutuspäivinä poliisille ja rajavartijoille.",
                 ("SM, OM", "2021–2022", "Toteutetaan virkatyönä.")),
    "phone": ("Perustetaan ihmiskaupan uhreille valtakunnallinen neuvontapuhelin",
              "Neuvontapuhelin palvelee ympäri vuorokauden ja tarjoaa ohjausta useilla kielillä.",
              ("SM, Maahanmuuttovirasto", "2022–2023", "Edellyttää 200 000 euron lisärahoitusta.")),
    "housing": ("Kehitetään ihmiskaupan uhrien turvallista asumista turvakotien kanssa",
                "Uhreille järjestetään turvallinen majoitus, ja majoituksessa hyödynnetään turvakotien osaamista.",
                ("STM, THL", "2022", "Toteutetaan nykyisten kehysten puitteissa.")),
    "statistics": ("Kehitetään ihmiskauppaa koskevaa tilastointia yhteistyössä Tilastokeskuksen kanssa",
                   "Ihmiskauppa- ja paritusrikoksista kootaan vertailukelpoiset tilastot joka vuosi.",
                   ("OM, Tilastokeskus", "2022–2023", "Toteutetaan virkatyönä.")),
    "campaign": ("Toteutetaan valtakunnallinen ihmiskaupan vastainen tiedotuskampanja",
                 "Kampanja kohdistetaan nuorille ja työnantajille sosiaalisessa mediassa ja radiossa.",
                 ("SM", "2022", "Toteutetaan nykyisten kehysten puitteissa.")),
}


def measure_text(number: int, key: str, title: str | None = None, body: str | None = None,
                 fields: tuple | None = None) -> str:
    t, b, f = MEASURES[key]
    title, body, fields = title or t, body or b, fields or f
    return (f"{number}. {title}\n{body}\nVastuutaho: {fields[0]}\nAikataulu: {fields[1]}\n"
            f"Rahoitus: {fields[2]}\n")


def draft(*objectives: tuple[str, list[str]]) -> object:
    text = HEAD + "".join(f"## Tavoite {k}: {title}\n" + "".join(ms)
                          for k, (title, ms) in enumerate(objectives, start=1))
    return recognise(document_from_text(text, language="fi"), language="fi")


def entry(diff, old=None, new=None) -> dict:
    found = [e for e in diff_json(diff)["measures"] if (old is None or e["old"] == old)
             and (new is None or e["new"] == new)]
    assert len(found) == 1, found
    return found[0]


# -- word operations -----------------------------------------------------------------

def test_year_ranges_and_clock_times_are_single_tokens():
    assert [t.text for t in tokens("Aikataulu: 2021–2022 klo 14.00.")] == [
        "Aikataulu", ":", "2021–2022", "klo", "14.00", "."]


def test_an_inserted_word_is_one_insert_op_with_offsets_into_both_texts():
    ops = word_ops("Raportoidaan ohjausryhmälle.", "Raportoidaan vuosittain ohjausryhmälle.")
    assert [op.to_json() for op in ops] == [{"op": "insert", "text": "vuosittain"}]
    op = ops[0]
    assert (op.new_start, op.new_end) == (13, 23)
    assert op.old_start == op.old_end == 12


def test_a_changed_phrase_is_one_replace_op_keeping_its_inner_spaces():
    ops = word_ops("tarjoaa ohjausta useilla kielillä.", "tarjoaa ohjausta vähintään kuudella kielellä.")
    assert [op.to_json() for op in ops] == [
        {"op": "replace", "old": "useilla kielillä", "new": "vähintään kuudella kielellä"}]


def test_a_deleted_sentence_is_one_delete_op():
    ops = word_ops("Ensin tämä. Sitten tuo.", "Ensin tämä.")
    assert [op.to_json() for op in ops] == [{"op": "delete", "text": "Sitten tuo."}]


def test_spacing_and_paragraph_breaks_alone_are_no_change():
    assert same_words("Koulutus  toteutetaan\nverkossa.", "Koulutus toteutetaan verkossa.")
    assert word_ops("a\u00a0b", "a b") == []
    assert not same_words("2021–2022", "2021-2022")


def test_marked_segments_cover_the_text_exactly_once():
    text = "yksi kaksi kolme"
    pieces = marked_segments(text, [(5, 10)])
    assert pieces == [(False, "yksi "), (True, "kaksi"), (False, " kolme")]
    assert "".join(p for _, p in pieces) == text


# -- matching and statuses -----------------------------------------------------------------

def test_a_renumbered_measure_with_the_same_content_is_unchanged_and_renumbered():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(2, "phone")]))
    new = draft(("Uhrit tunnistetaan", [measure_text(1, "housing"), measure_text(2, "training"),
                                         measure_text(3, "phone")]))
    diff = diff_programmes(old, new)
    assert entry(diff, old=1) | {} == entry(diff, new=2)
    moved_one = entry(diff, old=1)
    assert (moved_one["new"], moved_one["status"], moved_one["renumbered"], moved_one["moved"]) == (
        2, "unchanged", True, False)
    assert entry(diff, new=1)["status"] == "added"
    assert diff.counts()["renumbered"] == 2


def test_word_changes_in_title_body_and_each_field_are_reported_per_part():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "phone")]))
    new = draft(("Uhrit tunnistetaan", [measure_text(
        1, "phone", title="Perustetaan ihmiskaupan uhreille valtakunnallinen neuvontapalvelu",
        body="Neuvontapuhelin palvelee ympäri vuorokauden ja tarjoaa ohjausta vähintään kuudella kielellä.",
        fields=("SM, Maahanmuuttovirasto, THL", "2022–2024",
                "Edellyttää 200 000 euron lisärahoitusta vuosittain."))]))
    e = entry(diff_programmes(old, new), old=1)
    assert e["status"] == "modified" and not e["renumbered"]
    assert e["changes"]["title"] == [{"op": "replace", "old": "neuvontapuhelin", "new": "neuvontapalvelu"}]
    assert e["changes"]["text"] == [{"op": "replace", "old": "useilla kielillä", "new": "vähintään kuudella kielellä"}]
    fields = e["changes"]["fields"]
    assert fields["responsible"]["ops"] == [{"op": "insert", "text": ", THL"}]
    assert fields["responsible"]["added"] == ["THL"] and fields["responsible"]["removed"] == []
    assert fields["schedule"] == {"old": "2022–2023", "new": "2022–2024",
                                  "ops": [{"op": "replace", "old": "2022–2023", "new": "2022–2024"}]}
    assert fields["funding"]["ops"] == [{"op": "insert", "text": "vuosittain"}]


def test_a_measure_under_another_objective_is_moved_even_when_objectives_are_renumbered():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(2, "phone")]),
                ("Tieto lisääntyy", [measure_text(3, "statistics"), measure_text(4, "campaign")]))
    new = draft(("Uusi tavoite alkuun", [measure_text(1, "housing")]),
                ("Uhrit tunnistetaan", [measure_text(2, "training")]),
                ("Tieto lisääntyy", [measure_text(3, "statistics"), measure_text(4, "campaign"),
                                     measure_text(5, "phone")]))
    diff = diff_programmes(old, new)
    assert entry(diff, old=1)["moved"] is False  # objective 1 became 2: not a move
    phone = entry(diff, old=2)
    assert phone["moved"] is True and phone["new"] == 5
    assert phone["old_place"] == {"chapter": "II", "objective": 1}
    assert phone["new_place"] == {"chapter": "II", "objective": 3}
    objectives = {(o["old"], o["new"]): o for o in diff_json(diff)["objectives"]}
    assert objectives[(1, 2)]["renumbered"] and objectives[(None, 1)]["status"] == "added"


def test_removed_and_added_measures_are_not_paired_when_nothing_is_alike():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(2, "campaign")]))
    new = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(2, "statistics")]))
    diff = diff_programmes(old, new)
    assert entry(diff, old=2)["status"] == "removed"
    assert entry(diff, new=2)["status"] == "added"
    assert [e["status"] for e in diff_json(diff)["measures"]] == ["unchanged", "removed", "added"]


def test_one_to_one_assignment_gives_each_old_measure_at_most_one_partner():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training")]))
    new = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(
        2, "training", title="Laaditaan viranomaisille valtakunnallinen koulutusohjelma ihmiskaupan torjunnasta")]))
    diff = diff_programmes(old, new)
    assert entry(diff, new=1)["status"] == "unchanged"
    assert entry(diff, new=2)["status"] == "added"


def test_a_measure_split_in_two_names_its_parts_and_the_part_names_its_source():
    body_a = "Verkkosivustolle kootaan viranomaisten ohjeet, koulutusaineistot ja yhteystiedot kolmella kielellä."
    body_b = "Sivustoa ylläpitää auttamisjärjestelmä, joka päivittää yhteystiedot ja tiedotteet kuukausittain."
    old = draft(("Uhrit tunnistetaan", [
        f"1. Kootaan ihmiskaupan tunnistamista koskeva tieto verkkosivustolle\n{body_a}\n{body_b}\n"
        "Vastuutaho: SM\nAikataulu: 2021\nRahoitus: Toteutetaan virkatyönä.\n"]))
    new = draft(("Uhrit tunnistetaan", [
        f"1. Kootaan ihmiskaupan tunnistamista koskeva tieto verkkosivustolle\n{body_a}\n"
        "Vastuutaho: SM\nAikataulu: 2021\nRahoitus: Toteutetaan virkatyönä.\n",
        f"2. Ylläpidetään verkkosivustoa auttamisjärjestelmässä\n{body_b}\n"
        "Vastuutaho: SM\nAikataulu: 2021\nRahoitus: Toteutetaan virkatyönä.\n"]))
    diff = diff_programmes(old, new)
    first, part = entry(diff, new=1), entry(diff, new=2)
    assert (first["old"], first["status"], first["split_into"]) == (1, "modified", [2])
    assert first["changes"]["text"] == [{"op": "delete", "text": body_b}]
    assert (part["status"], part["split_from"]) == ("added", 1)
    assert diff.counts()["split"] == 1


def test_two_measures_merged_into_one_are_linked_both_ways():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "statistics"), measure_text(2, "campaign")]))
    t1, b1, f1 = MEASURES["statistics"]
    _, b2, _ = MEASURES["campaign"]
    new = draft(("Uhrit tunnistetaan", [
        f"1. {t1}\n{b1}\n{b2}\nVastuutaho: {f1[0]}\nAikataulu: {f1[1]}\nRahoitus: {f1[2]}\n"]))
    diff = diff_programmes(old, new)
    kept, gone = entry(diff, old=1), entry(diff, old=2)
    assert (kept["new"], kept["status"], kept["merged_from"]) == (1, "modified", [2])
    assert kept["changes"]["text"] == [{"op": "insert", "text": b2}]
    assert (gone["status"], gone["merged_into"]) == ("removed", 1)


def test_the_text_summary_lists_changed_measures_and_gathers_plain_renumbering():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(2, "phone")]))
    new = draft(("Uhrit tunnistetaan", [measure_text(1, "housing"), measure_text(2, "training"),
                                         measure_text(3, "phone", body=MEASURES["phone"][1].replace(
                                             "useilla", "monilla"))]))
    text = render_text(diff_programmes(old, new, old_name="a.docx", new_name="b.docx"))
    assert text.splitlines()[0] == "a.docx → b.docx"
    assert "1 unchanged, 1 modified, 1 added, 0 removed; 2 renumbered" in text
    assert "   2 → 3    modified  Perustetaan" in text
    assert "text: “useilla” → “monilla”" in text
    assert "renumbered only: 1→2" in text


def test_identical_drafts_have_no_changes():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training"), measure_text(2, "phone")]))
    diff = diff_programmes(old, old)
    assert not diff.has_changes
    assert render_text(diff).endswith("no changes\n")


def test_a_threshold_outside_zero_to_one_is_refused():
    old = draft(("Uhrit tunnistetaan", [measure_text(1, "training")]))
    with pytest.raises(ValueError):
        diff_programmes(old, old, threshold=1.5)


# -- scale ---------------------------------------------------------------------------------

def _synthetic(count: int, seed: int) -> list[MeasureText]:
    rng = random.Random(seed)
    words = [f"sana{k}" for k in range(4000)]
    return [MeasureText(" ".join(rng.choices(words, k=8)), " ".join(rng.choices(words, k=40)),
                        f"schedule: {2020 + k % 7}") for k in range(count)]


def test_five_thousand_shuffled_and_edited_measures_are_matched_one_to_one_quickly():
    old = _synthetic(5000, 1)
    rng = random.Random(2)
    order = list(range(5000))
    rng.shuffle(order)
    new = []
    for k in order:  # every measure edited a little, so the identical-text shortcut never applies
        t = old[k]
        new.append(MeasureText(t.title, t.body.replace(t.body.split()[3], "muutettu", 1), t.fields))
    started = time.perf_counter()
    pairs = match(old, new, 0.6)
    elapsed = time.perf_counter() - started
    assert len(pairs) == 5000
    assert all(order[p.new] == p.old for p in pairs)
    assert elapsed < 60, f"matching took {elapsed:.1f} s"
