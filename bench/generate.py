"""Generate large, realistic Finnish programme drafts for the benchmark.

A generated draft has the sample corpus's form (corpus/programme.py renders it
with corpus/docxwriter.py): a title page, an abbreviation table, chapters I–VII,
numbered objectives under chapter VI and typed bold measures "12. Laaditaan …"
with Vastuutaho / Aikataulu / Rahoitus lines. Measure texts are combinations of
a few hundred phrases, so words repeat as they do in real drafts but no two
measures are the same. About one measure in twenty carries a slip of the kind
the checks look for (hyphen in a year range, "klo 9:00", a double space, a
capitalised ministry, a placeholder, a missing field), and some carry comments
and tracked insertions or deletions.

Everything is seeded: the same ``measures`` always gives the same bytes.

    .venv/bin/python bench/generate.py 500 --out bench/results/drafts
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
if str(CORPUS) not in sys.path:
    sys.path.insert(0, str(CORPUS))

from docxwriter import CellSpec, Comment, Del, Ins, Metadata, Para, Run, TableBlock, accepted_text, write_docx  # noqa: E402
from programme import Chapter, Field, Measure, Objective, ProgrammeSpec, responsible  # noqa: E402

SIZES = (50, 500, 5000)
AUTHOR = "Virtanen Maija"
REVIEWER = "Korhonen Pekka"
NB = "\u00a0"
WORK = "Toteutetaan virkatyönä."
FRAMES = "Toteutetaan nykyisten kehysten puitteissa."
BUDGET_NOTE = ("Määrärahalisäyksistä päätetään normaalisti julkisen talouden suunnitelmaa sekä "
               "talousarvioita ja lisätalousarvioita koskevien päätösten yhteydessä.")

ABBREVIATIONS = (
    ("AVI", "aluehallintovirasto"),
    ("EU", "Euroopan unioni"),
    ("OKM", "opetus- ja kulttuuriministeriö"),
    ("OM", "oikeusministeriö"),
    ("SM", "sisäministeriö"),
    ("STM", "sosiaali- ja terveysministeriö"),
    ("TEM", "työ- ja elinkeinoministeriö"),
    ("THL", "Terveyden ja hyvinvoinnin laitos"),
    ("UM", "ulkoministeriö"),
    ("VM", "valtiovarainministeriö"),
)

AUTHORITIES = (
    "SM", "STM", "OM", "OKM", "TEM", "UM", "VM", "THL", "AVI", "Poliisihallitus", "Rajavartiolaitos",
    "Maahanmuuttovirasto", "Opetushallitus", "Työterveyslaitos", "Tilastokeskus", "Syyttäjälaitos",
    "hyvinvointialueet", "Suomen Kuntaliitto", "Digi- ja väestötietovirasto", "Väylävirasto",
    "ympäristöministeriö", "maa- ja metsätalousministeriö", "liikenne- ja viestintäministeriö",
    "puolustusministeriö", "Kansaneläkelaitos", "Sosiaali- ja terveysalan lupa- ja valvontavirasto",
)

# Verbs that take a total object (nominative) and those that take a partitive one.
TOTAL_VERBS = ("Laaditaan", "Käynnistetään", "Perustetaan", "Toteutetaan", "Otetaan käyttöön", "Valmistellaan",
               "Järjestetään", "Tuotetaan")
PARTIAL_VERBS = ("Vahvistetaan", "Kehitetään", "Lisätään", "Tehostetaan", "Parannetaan", "Tuetaan",
                 "Edistetään", "Arvioidaan", "Uudistetaan", "Selkeytetään", "Laajennetaan", "Seurataan")
TOTAL_OBJECTS = ("valtakunnallinen toimintamalli", "koulutusohjelma", "seurantajärjestelmä", "ohjeistus",
                 "selvitys", "tiedotuskampanja", "verkkopalvelu", "yhteistyöverkosto", "kehittämishanke",
                 "tarkistuslista", "tutkimushanke", "pilottikokeilu", "arviointimalli", "neuvontapalvelu",
                 "koulutuskokonaisuus", "tilannekuva", "toimenpidesuunnitelma", "laatusuositus")
PARTIAL_OBJECTS = ("yhteistyötä", "tunnistamista", "palvelujen saatavuutta", "ammattilaisten osaamista",
                   "tiedonvaihtoa", "järjestöjen toimintaa", "valvontaa", "neuvontaa", "ennaltaehkäisyä",
                   "tietopohjaa", "palveluohjausta", "koulutusta", "vertaistukea", "asiakkaiden osallisuutta",
                   "rahoituksen ennakoitavuutta", "digitaalisia palveluja", "tutkimusta")
DOMAINS = ("ihmiskaupan uhrien", "mielenterveyspalvelujen", "maahanmuuttajien", "nuorten", "ikääntyneiden",
           "työperäisen hyväksikäytön", "lähisuhdeväkivallan", "päihdepalvelujen", "kotouttamisen",
           "rikosprosessin", "lastensuojelun", "työsuojelun", "sosiaalihuollon", "oppilashuollon",
           "vammaispalvelujen", "rajavalvonnan", "asumisneuvonnan", "työllisyyspalvelujen")
PLACES = ("hyvinvointialueilla", "kunnissa", "oppilaitoksissa", "työpaikoilla", "verkossa", "poliisilaitoksissa",
          "vastaanottokeskuksissa", "järjestöissä", "terveydenhuollossa", "koko maassa", "rajanylityspaikoilla",
          "aluehallintovirastoissa")
SUBJECTS = ("Toimintamalli", "Ohjeistus", "Koulutus", "Selvitys", "Hanke", "Palvelu", "Verkosto", "Kokeilu",
            "Suunnitelma", "Aineisto")
PARTNERS = ("järjestöjen", "hyvinvointialueiden", "kuntien", "oppilaitosten", "työmarkkinajärjestöjen",
            "tutkimuslaitosten", "seurakuntien", "poliisin", "Rajavartiolaitoksen", "työsuojeluviranomaisten")
GROUPS = ("sosiaali- ja terveydenhuollon henkilöstö", "poliisit", "opettajat", "rajavartijat",
          "työsuojelutarkastajat", "vastaanottokeskusten työntekijät", "järjestöjen työntekijät",
          "kuntien virkamiehet", "nuorisotyöntekijät", "syyttäjät")
LANGUAGES = ("suomeksi ja ruotsiksi", "suomeksi, ruotsiksi ja englanniksi", "selkokielellä",
             "suomeksi, ruotsiksi, saameksi ja englanniksi")
SENTENCES = (
    "{Noun_nom} otetaan käyttöön {place}, ja sen avulla vahvistetaan {noun_gen} ja {noun2_gen} yhteensovittamista.",
    "Työssä hyödynnetään {noun_par} sekä {partner} kokemuksia {noun2_ine}.",
    "{Noun_gen} valmistelusta vastaa {noun2_nom}, jossa ovat edustettuina myös {partner} ja {partner2} asiantuntijat.",
    "Osana toimenpidettä uudistetaan {noun_par} ja laaditaan {noun2_nom}, joka julkaistaan {language}.",
    "{Noun_ine} kuvataan, miten {noun2_nom} liitetään {domain} palveluihin {place}.",
    "Vuoden {year} aikana toteutetaan {noun_nom}, jonka tulokset raportoidaan {noun2_ine}.",
    "{Subject} valmistellaan yhteistyössä {partner} ja {partner2} kanssa, ja sen käyttöönottoa seurataan vuosittain.",
    "Tavoitteena on, että {group} tunnistavat tilanteet nykyistä aiemmin ja osaavat ohjata asiakkaan oikeaan palveluun.",
    "{Subject} kattaa {domain} palvelut {place}, ja sen toteutumisesta raportoidaan ohjausryhmälle.",
    "Työn tuloksena syntyvä aineisto julkaistaan {language} ja se on maksutta kaikkien käytettävissä.",
    "Toimenpiteen vaikutuksia arvioidaan ohjelmakauden lopussa, ja arvioinnin tulokset otetaan huomioon seuraavan ohjelman valmistelussa.",
    "Selvityksessä kuvataan nykyiset käytännöt {place} ja arvioidaan, miten {domain} palveluja voidaan yhtenäistää.",
    "{Subject} toteutetaan vaiheittain siten, että ensimmäiset kokemukset kootaan vuoden {year} loppuun mennessä.",
    "Käytännön toteutuksessa hyödynnetään {partner} osaamista sekä aiemmissa hankkeissa kehitettyjä toimintatapoja.",
    "Erityistä huomiota kiinnitetään siihen, että {group} saavat riittävästi tukea ja koulutusta uusien käytäntöjen omaksumiseen.",
    "Lisäksi tarkastellaan, millaisia muutoksia lainsäädäntöön tai viranomaisten ohjeisiin toimenpide mahdollisesti edellyttää.",
    "{Subject} perustuu {domain} nykytilan arviointiin, joka valmistui vuonna {year0}.",
    "Asiakkaiden kokemuksia kerätään kyselyllä, ja niiden pohjalta {subject_lower} kehitetään edelleen.",
    "Yhteistyötä tiivistetään erityisesti {place}, joissa {domain} tarpeet ovat viime vuosina kasvaneet.",
    "Toimenpiteen toteutumista seurataan osana ohjelman vuosittaista raportointia valtioneuvostolle.",
)
# Compound nouns give the drafts a real draft's vocabulary: thousands of distinct
# words, each repeated here and there. A modifier joins a head given in four cases.
MODIFIERS = ("tieto", "asiakas", "laatu", "koulutus", "palvelu", "seuranta", "riski", "tuki", "neuvonta",
             "rahoitus", "työ", "terveys", "turvallisuus", "yhteistyö", "kehittämis", "arviointi", "valvonta",
             "viestintä", "osaamis", "kotoutumis", "asumis", "perhe", "nuoriso", "vanhus", "vammais", "kunta",
             "alue", "rikos", "uhri", "oikeus", "päihde", "mielenterveys", "liikunta", "kulttuuri", "ympäristö",
             "ilmasto", "energia", "liikenne", "digi", "tutkimus", "innovaatio", "elinkeino", "maaseutu",
             "kaupunki", "väestö", "lapsi", "oppilas", "opiskelija", "henkilöstö", "johtamis", "hankinta",
             "sopimus", "lupa", "rekisteri", "tilasto", "kieli", "vapaaehtois", "järjestö", "kriisi", "valmius")
HEADS = (
    ("malli", "mallin", "mallia", "mallissa"), ("palvelu", "palvelun", "palvelua", "palvelussa"),
    ("järjestelmä", "järjestelmän", "järjestelmää", "järjestelmässä"), ("ohje", "ohjeen", "ohjetta", "ohjeessa"),
    ("verkosto", "verkoston", "verkostoa", "verkostossa"), ("suunnitelma", "suunnitelman", "suunnitelmaa",
                                                          "suunnitelmassa"),
    ("ohjelma", "ohjelman", "ohjelmaa", "ohjelmassa"), ("toiminta", "toiminnan", "toimintaa", "toiminnassa"),
    ("prosessi", "prosessin", "prosessia", "prosessissa"), ("käytäntö", "käytännön", "käytäntöä", "käytännössä"),
    ("aineisto", "aineiston", "aineistoa", "aineistossa"), ("hanke", "hankkeen", "hanketta", "hankkeessa"),
    ("kokeilu", "kokeilun", "kokeilua", "kokeilussa"), ("selvitys", "selvityksen", "selvitystä", "selvityksessä"),
    ("rakenne", "rakenteen", "rakennetta", "rakenteessa"), ("tehtävä", "tehtävän", "tehtävää", "tehtävässä"),
    ("yksikkö", "yksikön", "yksikköä", "yksikössä"), ("keskus", "keskuksen", "keskusta", "keskuksessa"),
    ("foorumi", "foorumin", "foorumia", "foorumissa"), ("raportti", "raportin", "raporttia", "raportissa"),
    ("kartoitus", "kartoituksen", "kartoitusta", "kartoituksessa"), ("kysely", "kyselyn", "kyselyä", "kyselyssä"),
    ("tietokanta", "tietokannan", "tietokantaa", "tietokannassa"), ("suositus", "suosituksen", "suositusta",
                                                                 "suosituksessa"),
    ("strategia", "strategian", "strategiaa", "strategiassa"), ("koulutus", "koulutuksen", "koulutusta",
                                                             "koulutuksessa"),
    ("mittari", "mittarin", "mittaria", "mittarissa"), ("työryhmä", "työryhmän", "työryhmää", "työryhmässä"),
    ("sopimus", "sopimuksen", "sopimusta", "sopimuksessa"), ("avustus", "avustuksen", "avustusta", "avustuksessa"),
)
CASES = {"nom": 0, "gen": 1, "par": 2, "ine": 3}

CHAPTERS = (
    ("I", "Johdanto"), ("II", "Toimintaympäristön kuvaus"), ("III", "Kansainväliset velvoitteet"),
    ("IV", "Aiempien ohjelmien arviointi"), ("V", "Ohjelman valmistelu"),
    ("VI", "Ohjelman tavoitteet ja toimenpiteet"), ("VII", "Toimeenpano ja seuranta"),
)
OBJECTIVE_TITLES = ("{domain_cap} palvelut ovat yhdenvertaisesti saatavilla",
                    "{domain_cap} tunnistaminen paranee", "Viranomaisten yhteistyö {place} tiivistyy",
                    "{domain_cap} tietopohja vahvistuu", "Ennaltaehkäisy {place} tehostuu")
SLIPS = ("hyphen-range", "clock-colon", "double-space", "capital-ministry", "placeholder", "missing-field",
         "no-budget-note", "source-marker")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class DraftGenerator:
    """Turns a seed and a measure count into a ProgrammeSpec."""

    def __init__(self, measures: int, seed: int = 2024) -> None:
        self.count = measures
        self.rng = random.Random(seed * 100_003 + measures)
        self.used_titles: set[str] = set()

    # -- measures ------------------------------------------------------------------
    def title(self) -> str:
        rng = self.rng
        for _ in range(50):
            modifier, head = rng.choice(MODIFIERS), rng.choice(HEADS)
            roll = rng.random()
            if roll < 0.3:
                verb, obj = rng.choice(TOTAL_VERBS), rng.choice(TOTAL_OBJECTS)
            elif roll < 0.6:
                verb, obj = rng.choice(PARTIAL_VERBS), rng.choice(PARTIAL_OBJECTS)
            elif roll < 0.8:
                verb, obj = rng.choice(TOTAL_VERBS), modifier + head[0]
            else:
                verb, obj = rng.choice(PARTIAL_VERBS), modifier + head[2]
            title = f"{verb} {rng.choice(DOMAINS)} {obj} {rng.choice(PLACES)}"
            if title not in self.used_titles:
                break
            title += f" vuosina {rng.randint(2024, 2026)}–{rng.randint(2027, 2030)}"
            if title not in self.used_titles:
                break
        self.used_titles.add(title)
        return title

    def sentence(self) -> str:
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        partner, partner2 = rng.sample(PARTNERS, 2)
        nouns = {}
        for slot in ("noun", "noun2"):
            modifier, head = rng.choice(MODIFIERS), rng.choice(HEADS)
            for case, index in CASES.items():
                nouns[f"{slot}_{case}"] = modifier + head[index]
                nouns[f"{_cap(slot)}_{case}"] = _cap(modifier + head[index])
        return rng.choice(SENTENCES).format(
            **nouns, Subject=subject, subject_lower=subject.lower(), partner=partner, partner2=partner2,
            group=rng.choice(GROUPS), domain=rng.choice(DOMAINS), place=rng.choice(PLACES),
            language=rng.choice(LANGUAGES), year=rng.randint(2025, 2027), year0=rng.randint(2019, 2023),
        )

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def schedule(self) -> str:
        start = self.rng.randint(2024, 2026)
        end = start + self.rng.randint(0, 3)
        return str(start) if end == start else f"{start}–{end}"

    def funding(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return WORK
        if roll < 0.8:
            return FRAMES
        amount = f"{rng.randint(1, 99) * 10}{NB}000"
        start = rng.randint(2025, 2026)
        return f"Edellyttää {amount} euron lisärahoitusta vuosina {start}–{start + 2}. {BUDGET_NOTE}"

    def measure(self, number: int) -> Measure:
        rng = self.rng
        title = self.title()
        body: list[tuple] = [(self.paragraph(rng.randint(3, 4)),), (self.paragraph(rng.randint(3, 4)),),
                             (self.paragraph(rng.randint(2, 4)),)]
        if rng.random() < 0.5:
            body.append((self.paragraph(rng.randint(2, 3)),))
        names = rng.sample(AUTHORITIES, rng.choice((1, 2, 2, 3)))
        schedule, funding = self.schedule(), self.funding()
        fields = [responsible("Vastuutaho", *names), Field("schedule", "Aikataulu", (schedule,)),
                  Field("funding", "Rahoitus", (funding,))]
        if rng.random() < 0.05:
            body, fields = self.slip(rng.choice(SLIPS), body, fields, schedule, funding)
        roll = rng.random()
        if roll < 0.02:   # a reviewer's comment on the funding line
            fields[-1] = Field(fields[-1].key, fields[-1].label, (Comment(
                fields[-1].value, "Tarkistetaan rahoitus ministeriön kanssa.", REVIEWER, "KP",
                "2024-03-08T10:14:00Z"),))
        elif roll < 0.04:  # a tracked insertion at the end of the first paragraph
            body[0] = body[0] + (Ins(" " + self.sentence(), REVIEWER, "2024-03-08T10:20:00Z"),)
        elif roll < 0.06:  # a tracked deletion
            body[-1] = body[-1] + (Del(" " + self.sentence(), AUTHOR, "2024-03-07T15:40:00Z"),)
        return Measure(number, (title,), body, fields)

    def slip(self, kind: str, body, fields, schedule: str, funding: str):
        """One house-style slip of ``kind`` in a measure's body or fields."""
        first = accepted_text(body[0])
        if kind == "hyphen-range":
            fields[1] = Field("schedule", "Aikataulu", (schedule.replace("–", "-") if "–" in schedule
                                                        else f"{schedule}-{int(schedule) + 1}",))
        elif kind == "clock-colon":
            body[0] = (first + " Aloitustilaisuus pidetään klo 9:00.",)
        elif kind == "double-space":
            body[0] = (first.replace(" ", "  ", 1),)
        elif kind == "capital-ministry":
            body[0] = (first + " Työtä koordinoi Sisäministeriö.",)
        elif kind == "placeholder":
            body[0] = (first + " Kustannukset ovat arviolta XX euroa.",)
        elif kind == "missing-field":
            fields = fields[:-1]
        elif kind == "no-budget-note":
            fields[2] = Field("funding", "Rahoitus", (funding.replace(" " + BUDGET_NOTE, ""),))
        elif kind == "source-marker":
            body[0] = (first + " [lähde]",)
        return body, fields

    # -- the whole draft -------------------------------------------------------------
    def spec(self) -> ProgrammeSpec:
        rng = self.rng
        per_objective = 10 if self.count <= 100 else 25
        objectives: list[Objective] = []
        number = 1
        while number <= self.count:
            n = min(per_objective, self.count - number + 1)
            title = rng.choice(OBJECTIVE_TITLES).format(domain_cap=_cap(rng.choice(DOMAINS)),
                                                       place=rng.choice(PLACES))
            index = len(objectives) + 1
            intro = [(self.paragraph(3),)] if rng.random() < 0.3 else []
            objectives.append(Objective(index, f"Tavoite {index}: {title}", title,
                                        [self.measure(number + i) for i in range(n)], intro=intro))
            number += n
        # Background chapters grow with the draft: about a tenth of its words.
        background = max(3, self.count // 15)
        chapters = []
        for roman, name in CHAPTERS:
            if roman == "VI":
                chapters.append(Chapter(roman, f"{roman} {name}", name,
                                        [(self.paragraph(2),)], objectives))
            else:
                count = background if roman in ("II", "IV") else max(1, background // 4)
                chapters.append(Chapter(roman, f"{roman} {name}", name,
                                        [(self.paragraph(rng.randint(3, 5)),) for _ in range(count)]))
        title = f"Yhdenvertaisuuden toimintaohjelma 2025–2027 ({self.count} toimenpidettä)"
        return ProgrammeSpec(
            file=f"bench-{self.count}.docx", language="fi", title=title,
            front=_front(title), chapters=chapters,
            metadata=Metadata(title=title, creator=AUTHOR, last_modified_by=REVIEWER, revision=12,
                              created="2024-01-10T08:00:00Z", modified="2024-03-08T10:20:00Z",
                              template="Normal.dotm", company="Sisäministeriö", language="fi-FI"),
            header_text="LUONNOS", track_revisions=True,
        )


def _front(title: str) -> list:
    rows = ((CellSpec((Para((Run("Lyhenne", bold=True),)),)), CellSpec((Para((Run("Selitys", bold=True),)),))),
            *((CellSpec((Para((a,)),)), CellSpec((Para((b,)),))) for a, b in ABBREVIATIONS))
    return [
        Para(("LUONNOS 8.3.2024",), bold=True, align="right"),
        Para((title,), style="Title"),
        Para(("Sisäministeriön julkaisuja 2024:XX",), style="Subtitle"),
        Para(("Lyhenteet",), style="Heading1", page_break_before=True),
        TableBlock(rows=rows, widths=(1800, 7838), header_rows=1, caption="Lyhenteet"),
    ]


def word_count(spec: ProgrammeSpec) -> int:
    """Words of the accepted text of every paragraph (tables included)."""
    words = 0

    def walk(block) -> None:
        nonlocal words
        if isinstance(block, Para):
            words += len(block.text.split())
        elif isinstance(block, TableBlock):
            for row in block.rows:
                for cell in row:
                    for inner in cell.blocks:
                        walk(inner)

    for block in spec.doc_spec().blocks:
        walk(block)
    return words


def generate(measures: int, out: Path, seed: int = 2024) -> tuple[Path, int]:
    """Write ``bench-<measures>.docx`` into ``out``; return its path and word count."""
    spec = DraftGenerator(measures, seed).spec()
    path = out / spec.file
    write_docx(spec.doc_spec(), path)
    return path, word_count(spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measures", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "drafts")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    for n in args.measures:
        path, words = generate(n, args.out, args.seed)
        print(f"{path}  {n} measures  {words} words  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
