"""Clean Finnish samples: fi-puhdas and the Finnish layout samples.

fi-puhdas is written against /work/shared/reference/finnish-house-style.md
(en dashes in ranges, grouped numbers with no-break spaces, lowercase ministry
names, abbreviations defined at first use, the budget note wherever money is
requested). The layout samples render one small anti-discrimination programme in
several layouts, so the same measures can be compared across layouts, plus a
theme-grouped sample in the style of the 2024 anti-racism programme.
"""

from __future__ import annotations

from docxwriter import Level, ListDef, Metadata, Para, TextBox
from programme import Chapter, Field, Measure, Objective, ProgrammeSpec, responsible

NB = "\u00a0"  # no-break space inside grouped numbers and before %
WORK = "Toteutetaan virkatyönä."
FRAMES = "Toteutetaan nykyisten kehysten puitteissa."
BUDGET_NOTE = ("Määrärahalisäyksistä päätetään normaalisti julkisen talouden suunnitelmaa sekä "
               "talousarvioita ja lisätalousarvioita koskevien päätösten yhteydessä.")


def money(amount: str, years: str, yearly: bool = False) -> str:
    kind = "vuosittaista lisärahoitusta" if yearly else "lisärahoitusta"
    return f"Edellyttää {amount.replace(' ', NB)} euron {kind} vuosina {years}. {BUDGET_NOTE}"


def fields(resp: tuple, schedule: str, funding: str, label: str = "Vastuutaho") -> list[Field]:
    return [responsible(label, *resp), Field("schedule", "Aikataulu", (schedule,)),
            Field("funding", "Rahoitus", (funding,))]


def m(number, title: str, body: list, flds: list[Field], **kw) -> Measure:
    return Measure(number, (title,), [(p,) if isinstance(p, str) else tuple(p) for p in body], flds, **kw)


def metadata(title: str, creator: str, editor: str, company: str, revision: int, template: str) -> Metadata:
    return Metadata(title=title, creator=creator, last_modified_by=editor, revision=revision,
                    created="2021-11-02T08:00:00Z", modified="2022-01-18T14:25:00Z",
                    template=template, company=company, language="fi-FI")


# --------------------------------------------------------------------------- fi-puhdas

def clean_spec() -> ProgrammeSpec:
    """A clean suicide-prevention programme draft: nothing for drafter to report."""
    stm, thl = "STM", "THL"
    objectives = [
        Objective(1, "Tavoite 1: Mielenterveysosaaminen vahvistuu", "Mielenterveysosaaminen vahvistuu", [
            m(1, "Laaditaan itsemurhien ehkäisyn koulutusohjelma sosiaali- ja terveydenhuollon ammattilaisille",
              ["Koulutusohjelma kattaa itsemurhavaaran arvioinnin, asian puheeksi ottamisen ja hoitoon ohjaamisen. "
               "Koulutus toteutetaan verkkokurssina, joka on maksuton kaikille alan ammattilaisille."],
              fields((stm, thl), "2022–2023", FRAMES)),
            m(2, "Lisätään mielenterveystaitojen opetusta perusopetuksessa ja toisella asteella",
              ["Opettajille tuotetaan opetusmateriaalia tunnetaidoista ja avun hakemisesta. Materiaali "
               "julkaistaan Opetushallituksen verkkopalvelussa."],
              fields(("opetus- ja kulttuuriministeriö", "Opetushallitus"), "2022–2024", WORK)),
            m(3, "Koulutetaan poliisin ja pelastustoimen henkilöstöä kohtaamaan itsetuhoinen ihminen",
              ["Koulutus sisällytetään poliisin ja pelastustoimen täydennyskoulutukseen, ja sen "
               "toteutumista seurataan vuosittain."],
              fields(("sisäministeriö", "Poliisihallitus"), "2023", WORK)),
            m(4, "Vahvistetaan työterveyshuollon valmiuksia tunnistaa itsemurhavaarassa olevat työntekijät",
              ["Työterveyshuollolle laaditaan toimintamalli, jolla itsemurhavaara otetaan puheeksi "
               "terveystarkastuksissa ja sairauspoissaolojen yhteydessä."],
              fields((stm, "Työterveyslaitos"), "2023–2024", money("150 000", "2023–2024"))),
            m(5, "Tuotetaan läheisille tietoa itsemurhavaaran merkeistä ja avun hakemisesta",
              ["Tieto julkaistaan selkokielellä sekä suomeksi, ruotsiksi, saameksi ja englanniksi."],
              fields((thl,), "2022", FRAMES)),
        ]),
        Objective(2, "Tavoite 2: Apua on saatavilla oikeaan aikaan", "Apua on saatavilla oikeaan aikaan", [
            m(6, "Varmistetaan, että kriisipuhelin päivystää ympäri vuorokauden",
              ["Kriisipuhelimen toimintaa tuetaan niin, että puheluihin vastataan kaikkina vuorokauden "
               "aikoina myös ruotsiksi ja englanniksi."],
              fields((stm,), "2022–2025", money("400 000", "2023–2025", yearly=True))),
            m(7, "Otetaan käyttöön itsemurhaa yrittäneiden jatkohoidon toimintamalli",
              ["Päivystyksessä hoidettu itsemurhaa yrittänyt ohjataan jatkohoitoon ennen kotiutusta, ja "
               "hänelle varataan seurantakäynti viikon kuluessa."],
              fields((stm, "hyvinvointialueet"), "2023–2024", FRAMES)),
            m(8, "Laajennetaan digitaalisia mielenterveyspalveluja",
              ["Verkossa toimivien omahoito-ohjelmien valikoimaa laajennetaan, ja ohjelmat liitetään "
               "hyvinvointialueiden palveluketjuihin."],
              fields((stm, "hyvinvointialueet"), "2022–2024", FRAMES)),
            m(9, "Vahvistetaan nuorten matalan kynnyksen mielenterveyspalveluja",
              ["Nuorille tarjotaan lyhytterapiaa ja ohjausta ilman lähetettä oppilaitoksissa ja "
               "nuorisotyön yhteydessä."],
              fields((stm, "opetus- ja kulttuuriministeriö"), "2023–2025", money("1 000 000", "2024–2025"))),
            m(10, "Tuetaan itsemurhan kautta läheisensä menettäneiden vertaistukea",
              ["Vertaistukiryhmiä järjestetään kaikilla hyvinvointialueilla yhteistyössä järjestöjen kanssa."],
              fields((stm, "Sosiaali- ja terveysjärjestöjen avustuskeskus"), "2022–2025",
                     "Rahoitetaan järjestöavustuksista nykyisten kehysten puitteissa.")),
        ]),
        Objective(3, "Tavoite 3: Itsemurhakeinojen saatavuutta rajoitetaan",
                  "Itsemurhakeinojen saatavuutta rajoitetaan", [
            m(11, "Selvitetään lääkepakkausten koon rajoittamisen vaikutuksia",
              ["Selvityksessä arvioidaan, vähentäisivätkö pienemmät pakkauskoot myrkytyksiä ilman, että "
               "hoito vaikeutuu."],
              fields((stm, "Lääkealan turvallisuus- ja kehittämiskeskus"), "2023", WORK)),
            m(12, "Tehostetaan aseluvan haltijoiden terveydentilan arviointia",
              ["Lääkärien ilmoitusvelvollisuutta koskevaa ohjetta täsmennetään, ja lääkäreille järjestetään "
               "siitä koulutusta."],
              fields(("sisäministeriö", "Poliisihallitus"), "2022–2023", WORK)),
            m(13, "Parannetaan rautateiden ja siltojen rakenteellista turvallisuutta",
              ["Riskikohteet kartoitetaan, ja niihin asennetaan suoja-aitoja perusparannusten yhteydessä."],
              fields(("liikenne- ja viestintäministeriö", "Väylävirasto"), "2023–2025", FRAMES)),
            m(14, "Laaditaan tiedotusvälineille suositus itsemurhista uutisoinnista",
              ["Suositus laaditaan yhdessä toimittajien järjestöjen kanssa, ja sen käyttöä seurataan."],
              fields((stm, thl), "2022", WORK)),
        ]),
        Objective(4, "Tavoite 4: Tieto ja tutkimus tukevat ehkäisytyötä",
                  "Tieto ja tutkimus tukevat ehkäisytyötä", [
            m(15, "Kootaan itsemurhakuolemista ajantasainen seurantatieto",
              ["Kuolinsyytilastoja täydennetään ennakkotiedoilla, jotka julkaistaan neljännesvuosittain."],
              fields((thl, "Tilastokeskus"), "2022–2025", WORK)),
            m(16, "Käynnistetään itsemurhakuolemien jälkiselvitysten valtakunnallinen malli",
              ["Jälkiselvityksissä kootaan tietoa kuolemaa edeltäneistä palvelukontakteista, ja tulokset "
               "raportoidaan vuosittain."],
              fields((stm, thl), "2023–2025", money("250 000", "2023–2025"))),
            m(17, "Arvioidaan toimintaohjelman vaikuttavuutta",
              ["Ulkopuolinen arvioija arvioi toimenpiteiden toteutumista ja vaikutuksia itsemurhakuolleisuuteen."],
              fields((stm,), "2025", FRAMES)),
            m(18, "Perustetaan itsemurhien ehkäisyn kansallinen koordinaatioryhmä",
              ["Koordinaatioryhmä seuraa toimintaohjelman toimeenpanoa ja kokoontuu neljä kertaa vuodessa."],
              fields((stm,), "2022", WORK)),
        ]),
    ]
    chapters = [
        Chapter("I", "I Johdanto", "Johdanto", [
            "Suomessa kuolee vuosittain itsemurhaan noin 750 ihmistä. Itsemurhakuolleisuus on laskenut "
            "1990-luvun alusta yli puolella, mutta se on edelleen Länsi-Euroopan korkeimpia.",
            "Toimintaohjelman on valmistellut sosiaali- ja terveysministeriön (STM) asettama työryhmä "
            "yhdessä Terveyden ja hyvinvoinnin laitoksen (THL) kanssa. Toimintaohjelma kattaa vuodet "
            "2022–2025, ja se toteuttaa kansallista mielenterveysstrategiaa.",
        ]),
        Chapter("II", "II Toimintaympäristö", "Toimintaympäristö", [
            "Itsemurhaan kuolleista noin kolme neljäsosaa on miehiä. Noin 10" + NB + "% itsemurhaan "
            "kuolleista on yrittänyt itsemurhaa aiemmin, ja moni heistä on ollut yhteydessä "
            "terveyspalveluihin kuolemaa edeltäneen vuoden aikana.",
            "Vuoden 2023 alusta sosiaali- ja terveyspalvelujen järjestämisvastuu siirtyy hyvinvointialueille. "
            "Uudistus luo mahdollisuuden yhtenäistää itsemurhaa yrittäneiden hoitoketjuja.",
        ]),
        Chapter("III", "III Tavoitteet ja toimenpiteet", "Tavoitteet ja toimenpiteet", [
            "Toimintaohjelmassa on neljä tavoitetta ja 18 toimenpidettä. Kullekin toimenpiteelle on "
            "nimetty vastuutaho, aikataulu ja rahoitus.",
        ], objectives),
        Chapter("IV", "IV Toimeenpano ja seuranta", "Toimeenpano ja seuranta", [
            "Toimintaohjelman toimeenpanoa seuraa koordinaatioryhmä (ks. toimenpide 18). Väliraportti "
            "valmistuu vuoden 2024 lopussa, ja loppuraportti keväällä 2026.",
            "Lisärahoitusta edellyttävien toimenpiteiden 4, 6, 9 ja 16 rahoituksesta päätetään julkisen "
            "talouden suunnitelman ja talousarvioiden yhteydessä.",
        ]),
    ]
    return ProgrammeSpec(
        file="fi-puhdas.docx", language="fi",
        title="Itsemurhien ehkäisyn toimintaohjelma 2022–2025",
        front=[Para(("Itsemurhien ehkäisyn toimintaohjelma 2022–2025",), style="Title"),
               Para(("Sosiaali- ja terveysministeriön julkaisuja 2022:3",), style="Subtitle")],
        chapters=chapters,
        metadata=metadata("Itsemurhien ehkäisyn toimintaohjelma 2022–2025", "Laine Anna", "Nieminen Juha",
                          "Sosiaali- ja terveysministeriö", 12, "STM_raporttipohja.dotx"),
    )


# --------------------------------------------------------------------------- the layout programme

LAYOUT_TITLE = "Syrjinnän vastainen toimintaohjelma 2022–2025"

OBJECTIVE_TITLES = (
    "Syrjintä tunnistetaan ja siihen puututaan",
    "Yhdenvertaisuus toteutuu työelämässä ja koulutuksessa",
    "Viha- ja syrjintärikoksiin puututaan tehokkaasti",
)


def _pool(label: str = "Vastuutaho") -> list[list[Measure]]:
    """Ten anti-discrimination measures in three objectives (fresh objects every call)."""
    f = lambda resp, sched, fund: fields(resp, sched, fund, label)  # noqa: E731
    return [
        [
            m(1, "Laaditaan viranomaisille ohje syrjinnän tunnistamisesta asiakaspalvelussa",
              ["Ohjeessa kuvataan välittömän ja välillisen syrjinnän tyypillisiä tilanteita sekä keinoja "
               "niiden ehkäisemiseksi."],
              f(("oikeusministeriö", "yhdenvertaisuusvaltuutettu"), "2022", WORK)),
            m(2, "Toteutetaan syrjintäkokemuksia koskeva kansallinen kyselytutkimus",
              ["Kyselytutkimus toistetaan kahden vuoden välein, jotta syrjintäkokemusten kehitystä voidaan "
               "seurata."],
              f(("oikeusministeriö", "Tilastokeskus"), "2022–2024", money("180 000", "2023–2024"))),
            m(3, "Vahvistetaan syrjintää kokeneiden neuvontaa",
              ["Yhdenvertaisuusvaltuutetun neuvontapalvelua laajennetaan niin, että neuvontaa saa myös "
               "verkkokeskustelun kautta."],
              f(("yhdenvertaisuusvaltuutettu",), "2022–2023", FRAMES)),
            m(4, "Selvitetään automaattisen päätöksenteon syrjintäriskit julkisessa hallinnossa",
              ["Selvityksessä arvioidaan, miten algoritmien käyttö voi johtaa välilliseen syrjintään, ja "
               "laaditaan suositukset riskien hallitsemiseksi."],
              f(("valtiovarainministeriö", "oikeusministeriö"), "2023", WORK)),
        ],
        [
            m(5, "Laaditaan työnantajille opas anonyymin rekrytoinnin käytöstä",
              ["Oppaassa kuvataan anonyymin rekrytoinnin menetelmät ja julkishallinnon kokeilujen tulokset."],
              f(("työ- ja elinkeinoministeriö",), "2022", WORK)),
            m(6, "Lisätään oppilaitosten yhdenvertaisuussuunnittelun tukea",
              ["Oppilaitoksille tuotetaan suunnittelun malli ja koulutusta yhdenvertaisuussuunnitelman "
               "laatimiseen."],
              f(("opetus- ja kulttuuriministeriö", "Opetushallitus"), "2022–2024", FRAMES)),
            m(7, "Edistetään maahan muuttaneiden pääsyä julkisen sektorin tehtäviin",
              ["Valtion virastoille laaditaan suositus kielitaitovaatimusten arvioimisesta tehtäväkohtaisesti."],
              f(("valtiovarainministeriö", "työ- ja elinkeinoministeriö"), "2023–2025", WORK)),
        ],
        [
            m(8, "Perustetaan poliisiin viharikosten tutkintaan erikoistunut valtakunnallinen verkosto",
              ["Verkosto tukee poliisilaitoksia viharikosten tunnistamisessa ja tutkinnassa."],
              f(("sisäministeriö", "Poliisihallitus"), "2022", money("350 000", "2022–2023"))),
            m(9, "Koulutetaan syyttäjiä ja tuomareita viharikosasioiden käsittelyssä",
              ["Koulutus sisällytetään syyttäjien ja tuomareiden täydennyskoulutusohjelmiin."],
              f(("oikeusministeriö", "Syyttäjälaitos", "Tuomioistuinvirasto"), "2023", FRAMES)),
            m(10, "Kehitetään viharikoksia koskevaa tilastointia",
              ["Poliisin tietoon tulleista viharikoksista julkaistaan vuosittain raportti, jossa rikokset "
               "eritellään motiivin mukaan."],
              f(("sisäministeriö", "Poliisiammattikorkeakoulu"), "2022–2025", WORK)),
        ],
    ]


def _layout_chapters(objectives: list[Objective], intro_extra: list | None = None) -> list[Chapter]:
    return [
        Chapter("I", "I Johdanto", "Johdanto", [
            "Toimintaohjelma toteuttaa hallitusohjelman tavoitetta syrjinnän vähentämisestä. Sen on "
            "valmistellut oikeusministeriön asettama työryhmä.",
            *(intro_extra or []),
        ]),
        Chapter("II", "II Tavoitteet ja toimenpiteet", "Tavoitteet ja toimenpiteet", [
            "Toimintaohjelmassa on kolme tavoitetta ja kymmenen toimenpidettä.",
        ], objectives),
        Chapter("III", "III Toimeenpano ja seuranta", "Toimeenpano ja seuranta", [
            "Toimeenpanoa seuraa yhdenvertaisuusasioiden neuvottelukunta, joka raportoi "
            "oikeusministeriölle vuosittain.",
        ]),
    ]


def _objectives(pool: list[list[Measure]], heading: str = "Tavoite {n}: {t}") -> list[Objective]:
    return [Objective(n, heading.format(n=n, t=t), t, measures)
            for n, (t, measures) in enumerate(zip(OBJECTIVE_TITLES, pool), start=1)]


def _layout_front(subtitle: str) -> list:
    return [Para((LAYOUT_TITLE,), style="Title"), Para((subtitle,), style="Subtitle")]


def _layout_meta(revision: int) -> Metadata:
    return metadata(LAYOUT_TITLE, "Salminen Laura", "Heikkinen Mikko", "Oikeusministeriö", revision,
                    "OM_muistiopohja.dotx")


def numbered_headings_spec() -> ProgrammeSpec:
    """Objectives as Heading 2 "1. …", measures as Heading 3 "1. Laaditaan …"; a text box note."""
    note = TextBox(("Lukijalle:", "Toimenpiteiden kustannusarviot tarkentuvat syksyllä 2022."))
    chapters = _layout_chapters(
        _objectives(_pool(), "{n}. {t}"),
        [("Toimenpiteet on ryhmitelty kolmen tavoitteen alle.", note)],
    )
    return ProgrammeSpec(file="fi-numeroidut-otsikot.docx", language="fi", title=LAYOUT_TITLE,
                         front=_layout_front("Oikeusministeriön julkaisuja 2022:14"),
                         chapters=chapters, metadata=_layout_meta(8), layout="heading")


def table_spec() -> ProgrammeSpec:
    """One table per objective, one row per measure; a nested table in one cell."""
    pool = _pool()
    pool[0][1].nested_table = (("Vaihe", "Ajankohta"), ("Kysely", "2022"), ("Raportti", "2024"))
    return ProgrammeSpec(file="fi-taulukko.docx", language="fi", title=LAYOUT_TITLE,
                         front=_layout_front("Oikeusministeriön julkaisuja 2022:14"),
                         chapters=_layout_chapters(_objectives(pool)), metadata=_layout_meta(5),
                         layout="table",
                         table_headers=("Nro", "Toimenpide", "Vastuutaho", "Aikataulu", "Rahoitus"),
                         table_widths=(600, 3900, 1900, 1300, 1938))


def autonumber_spec() -> ProgrammeSpec:
    """Word multilevel list: level 0 "1.", level 1 "a)"; one numId across all objectives."""
    pool = _pool()
    first = pool[0][0]
    first.body = [("välittömän syrjinnän tilanteet asiakaspalvelussa",),
                  ("välillisen syrjinnän tunnistaminen menettelyistä ja ohjeista",),
                  ("keinot syrjinnän ehkäisemiseksi ja siihen puuttumiseksi",)]
    first.sub_points = True
    pool[2][0].body = [("viharikosten tunnistaminen ilmoitusvaiheessa",),
                       ("tutkinnan tuki poliisilaitoksille",)]
    pool[2][0].sub_points = True
    lists = (ListDef(3, (Level("decimal", "%1.", 360, bold=True), Level("lowerLetter", "%2)", 720)),
                     ((3, {}),), multilevel=True),)
    return ProgrammeSpec(file="fi-automaattinumerointi.docx", language="fi", title=LAYOUT_TITLE,
                         front=_layout_front("Oikeusministeriön julkaisuja 2022:14"),
                         chapters=_layout_chapters(_objectives(pool)), metadata=_layout_meta(11),
                         layout="autonumber", lists=lists, measure_num_id=3)


def prefix_spec() -> ProgrammeSpec:
    """"Toimenpide 1: Laaditaan … ." with a content control around measure 3."""
    pool = _pool()
    for objective in pool:
        for measure in objective:
            measure.title_period = True
    pool[0][2].content_control = True
    return ProgrammeSpec(file="fi-toimenpide-etuliite.docx", language="fi", title=LAYOUT_TITLE,
                         front=_layout_front("Oikeusministeriön julkaisuja 2022:14"),
                         chapters=_layout_chapters(_objectives(pool)), metadata=_layout_meta(6),
                         layout="prefix", label=lambda n: f"Toimenpide {n}:")


# --------------------------------------------------------------------------- fi-teemat

def themes_spec() -> ProgrammeSpec:
    """Unnumbered measures grouped by theme, noun-phrase titles with the period in brackets."""
    def t(title: str, period: str, body: list[str], ministry: str, funding: str) -> Measure:
        return Measure(None, (title,), [(b,) for b in body],
                       [responsible("Vastuuministeriö", ministry), Field("funding", "Rahoitus", (funding,))],
                       layout="unnumbered", bracket_period=period)

    themes = [
        Objective(None, "Tietoisuuden lisääminen rasismista", "Tietoisuuden lisääminen rasismista", [
            t("Vuosittaisen rasismin vastaisen keskustelun järjestäminen", "2024–2027",
              ["Valtioneuvosto järjestää vuosittain keskustelutilaisuuden, johon kutsutaan ministeriöiden, "
               "järjestöjen ja uskonnollisten yhdyskuntien edustajat.",
               "Keskustelujen tulokset julkaistaan valtioneuvoston verkkosivuilla."],
              "valtioneuvoston kanslia", WORK),
            t("Rasismia koskevan tutkimustiedon kokoaminen", "2024–2025",
              ["Rasismia ja syrjintää koskeva tutkimustieto kootaan yhteen katsaukseen, joka päivitetään "
               "toimintaohjelman puolivälissä."],
              "oikeusministeriö", FRAMES),
            t("Valtionhallinnon henkilöstön rasismin vastaisen koulutuksen toteuttaminen", "2024–2026",
              ["Valtion virastojen henkilöstölle tarjotaan verkkokoulutus rasismin tunnistamisesta "
               "työyhteisössä ja asiakastyössä."],
              "valtiovarainministeriö", FRAMES),
        ]),
        Objective(None, "Rasismin vastainen työ koulutuksessa", "Rasismin vastainen työ koulutuksessa", [
            t("Opettajankoulutuksen yhdenvertaisuussisältöjen vahvistaminen", "2024–2027",
              ["Opettajankoulutukseen lisätään rasismin tunnistamista ja siihen puuttumista käsitteleviä "
               "opintoja."],
              "opetus- ja kulttuuriministeriö", money("600 000", "2025–2027")),
            t("Oppilaitosten rasismin vastaisen toimintamallin laatiminen", "2025–2026",
              ["Oppilaitoksille laaditaan malli rasististen tilanteiden käsittelystä. Malli otetaan "
               "käyttöön osana yhdenvertaisuussuunnittelua."],
              "opetus- ja kulttuuriministeriö", WORK),
            t("Nuorisotyön rasismin vastaisten hankkeiden tukeminen", "2024–2027",
              ["Nuorisotyön hankkeita, joissa ehkäistään rasismia, tuetaan valtionavustuksin."],
              "opetus- ja kulttuuriministeriö",
              "Rahoitetaan nuorisotyön määrärahoista nykyisten kehysten puitteissa."),
        ]),
        Objective(None, "Rasismi työelämässä", "Rasismi työelämässä", [
            t("Rekrytointisyrjintää koskevan tilannekuvan laatiminen", "2024–2025",
              ["Tilannekuvassa kootaan tutkimukset ja työsuojeluviranomaisten havainnot "
               "rekrytointisyrjinnästä."],
              "työ- ja elinkeinoministeriö", WORK),
            t("Työsuojeluviranomaisten syrjintävalvonnan kehittäminen", "2025–2027",
              ["Työsuojeluviranomaisten valvontaa kohdennetaan aloille, joilla syrjintää havaitaan eniten."],
              "sosiaali- ja terveysministeriö", FRAMES),
            t("Julkisen sektorin monimuotoisuussuunnitelman laatiminen", "2024",
              ["Suunnitelmassa asetetaan tavoitteet valtionhallinnon henkilöstön monimuotoisuudelle."],
              "valtiovarainministeriö", WORK),
        ]),
    ]
    title = "Valtioneuvoston rasismin vastainen toimintaohjelma 2024–2027"
    chapters = [
        Chapter("I", "I Johdanto", "Johdanto", [
            "Toimintaohjelma on osa hallituksen toimia rasismin kitkemiseksi. Toimenpiteet on ryhmitelty "
            "teemoittain, ja kunkin toimenpiteen toteutusaika on merkitty sen nimen perään.",
        ]),
        Chapter("II", "II Toimenpiteet", "Toimenpiteet", [], themes),
        Chapter("III", "III Seuranta", "Seuranta", [
            "Toimintaohjelman toteutumista seurataan valtioneuvoston kanslian johdolla kerran vuodessa.",
        ]),
    ]
    return ProgrammeSpec(file="fi-teemat.docx", language="fi", title=title,
                         front=[Para((title,), style="Title"),
                                Para(("Valtioneuvoston julkaisuja 2024:20",), style="Subtitle")],
                         chapters=chapters, layout="unnumbered",
                         metadata=metadata(title, "Koskinen Sari", "Koskinen Sari", "Valtioneuvoston kanslia",
                                           4, "VNK_asiakirjapohja.dotx"))

