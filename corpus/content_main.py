"""The main sample: a messy Finnish anti-trafficking programme draft (LUONNOS 10.12.2020).

Everything deliberately wrong in it is listed in :data:`FAULTS` next to the text
that carries it; the builder checks that each fault's text really occurs in the
document, so the list and the draft cannot drift apart.
"""

from __future__ import annotations

from docxwriter import (
    CellSpec, Comment, Del, Ins, Level, ListDef, Metadata, Para, Run, TableBlock,
)
from programme import Chapter, Field, Measure, Objective, ProgrammeSpec, fault, responsible

AUTHOR = "Virtanen Maija"
REVIEWER = "Korhonen Pekka"
WORK = "Toteutetaan virkatyönä."
FRAMES = "Toteutetaan nykyisten kehysten puitteissa."
BUDGET_NOTE = ("Määrärahalisäyksistä päätetään normaalisti julkisen talouden suunnitelmaa sekä "
               "talousarvioita ja lisätalousarvioita koskevien päätösten yhteydessä.")


def vt(*names: str, joiner: str | None = None) -> Field:
    return responsible("Vastuutaho", *names, joiner=joiner)


def at(value: str) -> Field:
    return Field("schedule", "Aikataulu", (value,))


def rh(*value) -> Field:
    return Field("funding", "Rahoitus", tuple(value))


def m(number, title, body=(), fields=(), **kw) -> Measure:
    title = (title,) if isinstance(title, str) else tuple(title)
    body = [(p,) if isinstance(p, str) else tuple(p) for p in body]
    return Measure(number, title, body, list(fields), **kw)


def std(resp: tuple, schedule: str, funding=WORK) -> list[Field]:
    funding = (funding,) if isinstance(funding, str) else funding
    return [vt(*resp), at(schedule), rh(*funding)]


# --------------------------------------------------------------------------- front matter

ABBREVIATIONS = (
    ("AVI", "aluehallintovirasto"),
    ("EU", "Euroopan unioni"),
    ("GRETA", "Euroopan neuvoston ihmiskaupan vastainen asiantuntijaryhmä"),
    ("ILO", "Kansainvälinen työjärjestö"),
    ("OKM", "opetus- ja kulttuuriministeriö"),
    ("OM", "oikeusministeriö"),
    ("SM", "sisäministeriö"),
    ("STM", "sosiaali- ja terveysministeriö"),
    ("TEM", "työ- ja elinkeinoministeriö"),
    ("THL", "Terveyden ja hyvinvoinnin laitos"),
    ("UM", "ulkoministeriö"),
    ("VM", "valtiovarainministeriö"),
    ("YK", "Yhdistyneet kansakunnat"),
)


def _front() -> list:
    return [
        Para(("LUONNOS 10.12.2020",), bold=True, align="right"),
        Para(("Ihmiskaupan vastainen toimintaohjelma 2021–2023",), style="Title"),
        Para(("Sisäministeriön julkaisuja 2021:XX",), style="Subtitle"),
        Para(("Ihmiskaupan vastaisen toimintaohjelman valmistelun työryhmä",)),
        Para(("Lyhenteet",), style="Heading1", page_break_before=True),
        _abbreviation_table(),
    ]


def _abbreviation_table() -> TableBlock:
    """The abbreviation list: front matter under an unnumbered Heading 1, not a chapter."""
    return TableBlock(
        rows=((CellSpec((Para((Run("Lyhenne", bold=True),)),)), CellSpec((Para((Run("Selitys", bold=True),)),))),
              *((CellSpec((Para((a,)),)), CellSpec((Para((b,)),))) for a, b in ABBREVIATIONS)),
        widths=(1800, 7838), header_rows=1, caption="Lyhenteet",
    )


# --------------------------------------------------------------------------- chapters I–V

CH_I = [
    "Ihmiskauppa on vakava rikos, joka loukkaa ihmisarvoa ja perus- ja ihmisoikeuksia. "
    "Pääministeri Sanna Marinin hallituksen ohjelman mukaan ihmiskaupan vastaista työtä "
    "vahvistetaan ja uhrien asemaa parannetaan. Tämä toimintaohjelma kattaa vuodet 2021-2023.",
    "Toimintaohjelman tavoitteena on, että ihmiskaupan uhrit tunnistetaan ja ohjataan avun piiriin "
    "nykyistä paremmin, rikosvastuu toteutuu ja ihmiskauppaa ennaltaehkäistään. Toimintaohjelma "
    "perustuu valtioneuvoston periaatepäätökseen, ja sen toimeenpanoa koordinoi sisäministeriö. "
    "Uhrien auttamisesta vastaa ihmiskaupan uhrien auttamisjärjestelmä, joka toimii Joutsenon "
    "vastaanottokeskuksen yhteydessä.",
]

CH_II = [
    "Ihmiskaupan uhriksi tunnistettujen määrä on kasvanut Suomessa 2010-luvulla tasaisesti. Vuonna 2019 "
    "auttamisjärjestelmään otettiin 219 uutta asiakasta, joista valtaosa oli joutunut työperäisen "
    "ihmiskaupan uhriksi [lähde]. EMN:n selvityksen mukaan myös pakkoavioliittoihin ja rikollisuuteen "
    "pakottamiseen liittyvät tapaukset ovat lisääntyneet.",
    "Ihmiskaupan uhreja on tunnistettu erityisesti rakennus-, ravintola-, siivous- ja maatalousaloilla. "
    "Seksuaaliseen hyväksikäyttöön liittyvää ihmiskauppaa tunnistetaan edelleen huonosti, ja "
    "piilorikollisuuden arvioidaan olevan laajaa. Poliisin tietoon tuli vuonna 2019 yhteensä XX "
    "ihmiskauppa- ja paritusrikosta.",
]

CH_III = [
    "Suomea sitovat Euroopan neuvoston ihmiskaupan vastainen yleissopimus, YK:n Palermon pöytäkirja "
    "sekä EU:n ihmiskaupan vastainen direktiivi. GRETA on arvioinut Suomen lainsäädäntöä ja käytäntöjä "
    "kolmesti ja suosittanut muun muassa uhrien tunnistamisen tehostamista.",
    "Euroopan muuttoliikeverkosto (EMN) kokoaa jäsenvaltioiden tietoa ihmiskaupan ilmiöistä. ILO:n "
    "pakkotyösopimuksen pöytäkirjan ratifiointi edellyttää Suomelta kansallista toimintasuunnitelmaa "
    "pakkotyön poistamiseksi, ja tämä toimintaohjelma toimii osin sellaisena.",
]

CH_IV = [
    "Edellinen ihmiskaupan vastainen toimintaohjelma laadittiin vuosiksi 2016–2017. Sen arvioinnissa "
    "todettiin, että koordinaatio oli jäänyt ohueksi ja että toimenpiteiden vastuut ja rahoitus oli "
    "kuvattu monin paikoin epätäsmällisesti. Tästä syystä jokaiselle toimenpiteelle on nyt nimetty "
    "vastuutaho, aikataulu ja rahoitus.",
]

CH_V = [
    "Sisäministeriö asetti 1.3.2020 työryhmän valmistelemaan toimintaohjelmaa. Työryhmässä olivat "
    "edustettuina keskeiset ministeriöt, viranomaiset ja järjestöt. Luonnoksesta järjestetään "
    "lausuntokierros, ja lausuntoja pyydetään viimeistään 01.02.2021.",
    "Työryhmä kuuli valmistelun aikana ihmiskaupan uhreja tukevia järjestöjä, ammattiliittoja ja "
    "työnantajajärjestöjä. Kuulemistilaisuus järjestettiin 14.10.2020 klo 9.00–12.00.",
]


# --------------------------------------------------------------------------- measures

def _objective_1() -> list[Measure]:
    return [
        m(1, "Laaditaan ihmiskaupan uhrien tunnistamisen valtakunnallinen koulutusohjelma viranomaisille",
          ["Koulutusohjelma kattaa poliisin, Rajavartiolaitoksen, Maahanmuuttoviraston, työsuojeluviranomaisten "
           "sekä sosiaali- ja terveydenhuollon henkilöstön. Koulutus toteutetaan verkkokurssina ja alueellisina "
           "koulutuspäivinä."],
          std(("SM", "OM", "STM"), "2021–2022", FRAMES)),
        m(2, "Vahvistetaan työsuojeluviranomaisten valmiuksia tunnistaa työperäistä ihmiskauppaa",
          ["Työsuojelutarkastajille laaditaan tarkastuksia varten ohje työperäisen hyväksikäytön tunnusmerkeistä. "
           "Ohjeen käyttöä seurataan osana työsuojelun valvonnan vuosiraportointia."],
          std(("STM", "AVI"), "2021–2023")),
        m(3, "Laaditaan vastaanottokeskuksille ohje ihmiskaupan uhrien tunnistamisesta turvapaikkamenettelyssä",
          ["Ohjeessa kuvataan, miten vastaanottokeskuksen työntekijä tunnistaa ihmiskaupan merkit ja ohjaa "
           "asiakkaan auttamisjärjestelmään. Ohje laaditaan yhteistyössä järjestöjen kanssa."],
          std(("sisäasiainministeriö", "Maahanmuuttovirasto"), "2021")),
        m(4, "Selvitetään mahdollisuudet ottaa terveydenhuollossa käyttöön ihmiskaupan uhrien tunnistamisen tarkistuslista",
          ["Selvityksessä arvioidaan, miten tarkistuslista voidaan liittää potilastietojärjestelmiin ja "
           "päivystyksen toimintamalleihin."],
          std(("STM", "THL"), "2022", FRAMES)),
        m(5, "Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan tunnistamiseksi",
          ["Toimintamalli sisältää ohjeet ihmiskaupan tunnusmerkkien tunnistamisesta poliisin valvonta- ja "
           "hälytystehtävissä, uhrin ohjaamisesta auttamisjärjestelmään sekä yhteydenpidosta "
           "ihmiskaupparikoksiin erikoistuneisiin tutkijoihin.",
           "Toimintamallin käyttöönottoa tuetaan poliisilaitosten yhteyshenkilöverkostolla."],
          std(("SM", "Poliisihallitus"), "2021–2022")),
        m(6, "Parannetaan Rajavartiolaitoksen valmiuksia tunnistaa ihmiskaupan uhreja rajatarkastuksissa",
          ["Rajatarkastuksia tekevälle henkilöstölle laaditaan  haastatteluopas, ja ihmiskaupan tunnistaminen "
           "sisällytetään rajavartijoiden peruskoulutukseen."],
          std(("SM", "Rajavartiolaitos"), "2021–2022")),
        m(7, "Kootaan ihmiskaupan tunnistamista koskeva tieto yhteiselle verkkosivustolle",
          ["Verkkosivustolle kootaan viranomaisten ohjeet, koulutusaineistot ja yhteystiedot. Sivusto "
           "toteutetaan suomeksi, ruotsiksi ja englanniksi."],
          std(("SM", "ihmiskaupan uhrien auttamisjärjestelmä"), "2021")),
        m(8, "Käynnistetään ihmiskaupan uhrien tunnistamista tukeva tutkimushanke",
          ["Tutkimushankkeessa selvitetään, miksi osa ihmiskaupan uhreista jää tunnistamatta ja millaisissa "
           "palveluissa uhrit asioivat ennen tunnistamista."],
          [vt("OM", "Kriminologian ja oikeuspolitiikan instituutti"), at("2022–2023"),
           rh("Edellyttää 150 000 euron lisärahoitusta vuonna 2022.")]),
        m(9, "Vahvistetaan edustustojen valmiuksia tunnistaa ihmiskaupan uhreja viisumimenettelyssä",
          [("Edustustojen henkilöstölle järjestetään koulutusta ja laaditaan tarkistuslista viisumihaastatteluihin.",
            Ins(" Koulutuksen toteutumisesta raportoidaan ohjausryhmälle.", REVIEWER, "2020-12-08T10:14:00Z"))],
          std(("UM",), "2021–2022")),
    ]


def _objective_2() -> list[Measure]:
    return [
        m(10, "Uudistetaan ihmiskaupan uhrien auttamisjärjestelmää koskeva lainsäädäntö",
          ["Lainsäädännön uudistamista valmistelee työryhmä, jonka Sisäministeriö asettaa vuoden 2021 alussa. "
           "Tavoitteena on, että auttamisjärjestelmään pääsy ei jatkossa riipu rikosprosessin etenemisestä."],
          std(("SM", "STM"), "2021–2023")),
        m(11, "Varmistetaan, että ihmiskaupan uhrit saavat tietoa oikeuksistaan ymmärtämällään kielellä",
          ["Uhreille laaditaan selkokielinen esite avustamisjärjestelmän palveluista ja oikeuksista. Esite "
           "käännetään vähintään kymmenelle kielelle."],
          std(("Maahanmuuttovirasto",), "2021")),
        m(12, "Perustetaan ihmiskaupan uhreille valtakunnallinen neuvontapuhelin",
          ["Neuvontapuhelin palvelee ympäri vuorokauden ja tarjoaa tietoa ja ohjausta useilla kielillä."],
          [vt("SM", "Maahanmuuttovirasto"), at("2022–2023"),
           rh("Edellyttää 200 000 euron lisärahoitusta vuosina 2022–2023. " + BUDGET_NOTE)]),
        m(13, "Turvataan ihmiskaupan uhrien oikeudellinen neuvonta",
          ["Neuvontapuhelimen yhteyteen (ks. toimenpide 12) järjestetään oikeudellista neuvontaa "
           "yhteistyössä RIKUn kanssa."],
          std(("OM",), "2022")),
        m(14, "Kehitetään ihmiskaupan uhrien turvallista asumista",
          ["Uhreille, jotka eivät voi palata aiempaan asuntoonsa, järjestetään turvallinen majoitus. "
           "Majoituksen järjestämisessä hyödynnetään turvakotien osaamista."],
          [vt("STM", "THL"), rh(FRAMES)]),
        m(15, "Selvitetään ihmiskaupan uhrien oleskelulupakäytännöt",
          ["Selvityksessä arvioidaan, miten ulkomaalaislain 52 a §:ää on sovellettu ja kuinka monelle "
           "hakijalle oleskelulupa on myönnetty."],
          std(("SM", "Migri"), "2021–2022")),
        m(16, "Vahvistetaan ihmiskaupan uhrien pääsyä terveydenhuollon palveluihin",
          ["Kunnille laaditaan ohje siitä, miten ihmiskaupan uhrien kiireelliset ja välttämättömät "
           "terveyspalvelut järjestetään kotikunnasta riippumatta."],
          [vt("sosiaali- ja terveysministerö", "THL"), at("2022"),
           rh(Comment(("Toteutetaan nykyisten kehysten puitteissa.",),
                      "Tarkistetaan STM:n kanssa, riittävätkö nykyiset kehykset.",
                      REVIEWER, "KP", "2020-12-09T13:02:00Z"))]),
        m(17, "Parannetaan lapsiuhrien tunnistamista ja auttamista",
          ["Lastensuojelun työntekijöille laaditaan toimintaohje, ja lapsiuhrien auttamisessa otetaan "
           "käyttöön Barnahus-toimintamalli."],
          [vt("STM", "OM", "THL"), at("2021 – 2023"), rh(WORK)]),
        m(18, "Kehitetään ihmiskaupan uhrien palveluohjausta kunnissa",
          ["Kunnille laaditaan malli, jolla auttamisjärjestelmän asiakkuus päättyy hallitusti ja uhri "
           "siirtyy kunnan palveluihin."],
          std(("STM", "Suomen Kuntaliitto"), "2022–2023")),
    ]


def _objective_3() -> list[Measure]:
    auto = dict(layout="autonumber")
    return [
        m(19, "Perustetaan poliisiin ihmiskaupparikoksiin erikoistunut valtakunnallinen tutkintaryhmä",
          ["Tutkintaryhmä toimii keskusrikospoliisin yhteydessä ja tukee poliisilaitoksia vaativissa "
           "ihmiskauppa- ja paritusrikosten tutkinnoissa."],
          [vt("SM", "Poliisihallitus"), at("2021"),
           rh("Edellyttää 900 000 euron vuosittaista lisärahoitusta vuodesta 2022 alkaen. " + BUDGET_NOTE)],
          **auto),
        m(20, "Vahvistetaan syyttäjien erikoistumista ihmiskaupparikoksiin",
          ["Syyttäjälaitokseen nimetään ihmiskaupparikoksiin erikoistuneet syyttäjät, jotka tukevat "
           "muita syyttäjiä rikoslain 25 luvun 3 a §:n soveltamisessa."],
          std(("OM", "Syyttäjälaitos"), "2021–2022"), **auto),
        m(21, "Selvitetään ihmiskaupan ja kiskonnantapaisen työsyrjinnän rajanvetoa oikeuskäytännössä",
          [("Selvityksessä käydään läpi vuosina 2015–2020 annetut tuomioistuinratkaisut",
            Del(" ja syyttäjien päätökset", AUTHOR, "2020-12-07T15:40:00Z"),
            " ja arvioidaan, miten rikoslain 25 luvun 3§:ää on sovellettu.")],
          std(("OM",), "2022"), **auto),
        m(22, "Lisätään esitutkintaviranomaisten ja työsuojeluviranomaisten yhteistyötä",
          ["Poliisi ja työsuojeluviranomaiset sopivat yhteisistä tarkastuksista ja tietojenvaihdon "
           "käytännöistä."],
          std(("SM", "STM", "Poliisihallitus", "AVI"), "2021–2023"), **auto),
    ]


def _objective_4() -> list[Measure]:
    return [
        m(23, "Ehdotamme, että työnantajille suunnattua ihmiskaupan vastaista viestintää lisätään",
          ["Olemme työryhmässä keskustelleet paljon siitä, että monet työnantajat eivät välttämättä tunnista "
           "työperäisen ihmiskaupan merkkejä omalla toimialallaan tai alihankintaketjuissaan. Meidän "
           "mielestämme olisi ehkä hyvä, jos työnantajille voitaisiin jatkossa tarjota enemmän tietoa "
           "esimerkiksi työnantajajärjestöjen kautta, mutta emme ole vielä täysin varmoja siitä, mikä taho "
           "tätä työtä luontevimmin koordinoisi. Katsomme kuitenkin, että asiaan tulisi kiinnittää huomiota "
           "jo tämän toimintaohjelman aikana, koska hyväksikäytön riski näyttää kasvaneen erityisesti "
           "rakennusalalla, siivousalalla ja ravintola-alalla. Mahdollisesti viestintää voitaisiin toteuttaa "
           "yhdessä työsuojeluviranomaisten kanssa, ja sen vaikuttavuutta olisi hyvä arvioida jollakin "
           "tavalla ohjelmakauden lopussa."]),
        m(24, "Katsomme, että meidän tulisi selvittää, voitaisiinko riskialojen valvontaa tehostaa",
          ["Työryhmän kuulemisissa tuli esiin, että valvontaa ei nykyisellään välttämättä kohdenneta niille "
           "aloille, joilla ihmiskaupan riski on suurin. Meidän käsityksemme mukaan tilanne saattaa vaihdella "
           "alueittain melko paljon, eikä meillä ole tällä hetkellä kovin kattavaa kuvaa siitä, miten eri "
           "viranomaiset jakavat tietoa keskenään.",
           "Katsomme, että meidän tulisi ensin selvittää nykyiset käytännöt ja vasta sen jälkeen harkita, "
           "tarvitaanko uusia säännöksiä tai lisäresursseja. Olisi myös hyvä pohtia, voisivatko "
           "verohallinto ja työsuojeluviranomaiset tehdä nykyistä enemmän yhteisiä tarkastuksia, vaikka "
           "tähän liittyy todennäköisesti tietosuojaan liittyviä kysymyksiä, joita emme ole ehtineet käydä "
           "läpi."]),
        m(25, "Ehdotamme, että kansalaisjärjestöjen roolia ihmiskaupan vastaisessa työssä vahvistetaan",
          ["Järjestöt tekevät meidän nähdäksemme erittäin tärkeää työtä, sillä ne tavoittavat usein sellaisia "
           "ihmiskaupan uhreja, jotka eivät syystä tai toisesta halua olla yhteydessä viranomaisiin. "
           "Ehdotamme, että järjestöjen kanssa käytäisiin vuoden 2021 aikana keskusteluja siitä, millaista "
           "tukea ne toivoisivat valtiolta, ja että näiden keskustelujen pohjalta mietittäisiin mahdollisia "
           "jatkotoimia. Emme halua tässä vaiheessa sitoutua mihinkään tiettyyn rahoitusmalliin, mutta "
           "katsomme, että pitkäjänteisempi rahoitus voisi ehkä parantaa järjestöjen mahdollisuuksia "
           "suunnitella toimintaansa. Asiaa olisi luontevaa käsitellä myös ohjausryhmässä, kun se aloittaa "
           "työnsä. Tämä on kuitenkin vasta alustava ajatus, josta meidän pitää vielä keskustella."]),
        m(26, "Toteutetaan valtakunnallinen ihmiskaupan vastainen tiedotuskampanja",
          ["Kampanjan tavoitteena on, että vähintään 50% vastaajista tunnistaa kampanjan jälkeen "
           "ihmiskaupan keskeiset tunnusmerkit. Kampanjan vaikuttavuus mitataan kyselytutkimuksella."],
          std(("SM", "OM"), "2022", FRAMES)),
        m(27, "Kehitetään ihmiskaupan ennaltaehkäisyä kausityössä",
          ["Kausityöntekijöille tarjotaan tietoa työehdoista ja oikeuksista jo ennen maahantuloa, ja "
           "kausityölupien valvontaa tehostetaan."],
          [vt("TEM", "Maahanmuuttovirasto"), at("2022–2023"),
           rh("Edellyttää 300 000 euron lisärahoitusta vuosina 2022–2023.")]),
        m(28, "Lisätään ihmiskauppaa käsittelevää opetusta ammatillisessa koulutuksessa",
          ["Oppilaitoksille tuotetaan “Ihmiskauppa ei ole kaukana” -opetusmateriaali, jota voidaan "
           "käyttää työelämäjaksoja edeltävässä opetuksessa."],
          std(("OKM", "Opetushallitus"), "2022")),
        m(29, "Tehostetaan julkisten hankintojen ihmiskauppariskien hallintaa",
          ["Hankintayksiköille laaditaan ohje, jolla vähennetään riskiä, että julkisten hankintojen "
           "alihankintaketjuissa käytetään ihmiskaupan kohteiden työvoimaa."],
          std(("TEM", "VM"), "2022–2023")),
        m(30, "Vahvistetaan ulkomaisten työntekijöiden neuvontaa",
          ["Ulkomaisille työntekijöille tarkoitettua neuvontapalvelua laajennetaan, ja palvelun "
           "puhelinneuvonta on auki arkisin klo 14:00 asti."],
          std(("TEM",), "2021–2023")),
        m(31, "Lisätään tietoisuutta ihmiskaupasta sosiaalisessa mediassa",
          ["Sosiaalisessa mediassa julkaistaan lyhyitä videoita, joissa kerrotaan ihmiskaupan tunnusmerkeistä "
           "ja avun hakemisesta."],
          [vt("SM"), at("2021–2022")]),
        m(32, "Kehitetään ihmiskaupan ennaltaehkäisyä kehitysyhteistyössä",
          ["Ihmiskaupan ehkäisy otetaan huomioon kehitysyhteistyöhankkeissa, joissa tuetaan naisten ja "
           "tyttöjen asemaa lähtömaissa."],
          std(("UM",), "2021–2023", "Toteutetaan kehitysyhteistyömäärärahojen puitteissa.")),
        m(33, (Comment(("Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi",),
                       "Onko tämä sama kuin toimenpide 5? Yhdistetäänkö?", AUTHOR, "MV",
                       "2020-12-10T08:55:00Z"),),
          ["Toimintamalli sisältää ohjeet ihmiskaupan tunnusmerkkien tunnistamisesta poliisin valvonta- ja "
           "hälytystehtävissä, uhrin ohjaamisesta auttamisjärjestelmään sekä yhteydenpidosta "
           "ihmiskaupparikoksiin erikoistuneisiin tutkijoihin."],
          std(("Poliisihallitus", "SM"), "2022")),
        m(34, "Selvitetään seksikaupan ja ihmiskaupan välisiä yhteyksiä",
          ["Selvityksessä hyödynnetään poliisin ja järjestöjen aineistoja (kts. luku II)."],
          std(("OM", "STM"), "2022")),
        m(35, "Tuetaan järjestöjen ihmiskaupan vastaista etsivää työtä",
          ["Järjestöjen etsivää työtä laajennetaan uusille paikkakunnille. Hankkeen kustannukset ovat "
           "arviolta 23100 euroa vuodessa."],
          std(("STM", "Sosiaali- ja terveysjärjestöjen avustuskeskus"), "2021–2023", FRAMES)),
    ]


def _objective_5() -> list[Measure]:
    return [
        m(36, "Vakiinnutetaan ihmiskaupan vastaisen toiminnan koordinaattorin tehtävä",
          [("Koordinaattori toimii yhteistyössä ", Run("kansallisen raportoijan", highlight="yellow"),
            " kanssa ja raportoi ohjausryhmälle vuosittain.")],
          std(("SM",), "2021")),
        m(37, "Asetetaan ihmiskaupan vastaisen toiminnan ohjausryhmä",
          ["Ohjausryhmä seuraa toimintaohjelman toimeenpanoa ja kokoontuu vähintään neljä kertaa vuodessa."],
          std(("SM",), "2021")),
        m(39, "Kehitetään ihmiskauppaa koskevaa tilastointia",
          ["Ihmiskauppa- ja paritusrikoksista sekä auttamisjärjestelmän asiakkaista kootaan vertailukelpoiset "
           "tilastot yhteistyössä Tilastokeskuksen kanssa."],
          std(("OM", "SM", "Tilastokeskus"), "2022–2023")),
        m(40, "Laaditaan ihmiskaupan vastaisen toiminnan seurantamittaristo",
          ["Mittaristo kattaa kaikki toimintaohjelman tavoitteet, ja sen tiedot kootaan vuosittain "
           "(ks. toimenpide 62)."],
          std(("SM",), "2022")),
        m(41, "Vahvistetaan kansainvälistä yhteistyötä ihmiskaupan torjunnassa",
          ["Suomi osallistuu aktiivisesti EU:n, Euroopan neuvoston ja Itämeren valtioiden neuvoston "
           "ihmiskaupan vastaiseen työhön ja toimeenpanee GRETAn suositukset."],
          std(("UM", "SM"), "2021–2023")),
        m(41, "Osallistutaan EU:n ihmiskaupan vastaisen strategian toimeenpanoon",
          ["Suomi nimeää strategian kansalliset yhteyshenkilöt ja raportoi toimeenpanosta komissiolle."],
          std(("SM", "OM", "UM"), "2021–2023")),
        m(42, "Perustetaan ihmiskaupan vastaisen työn alueelliset verkostot",
          ["Verkostoihin kutsutaan poliisilaitokset, kunnat, maahanmuuttovirasto ja järjestöt."],
          std(("SM", "STM"), "2022–2023")),
        m(43, "Varmistetaan ihmiskaupan uhrien tietosuoja viranomaisten tietojenvaihdossa",
          ["Viranomaisten tietojenvaihtoa koskevat säännökset käydään läpi, ja niistä laaditaan ohje."],
          std(("OM", "SM"), "2022")),
        m(44, "Arvioidaan toimintaohjelman toteutumista väliarvioinnilla",
          ["Ulkopuolinen arvioija arvioi toimenpiteiden toteutumista ja vaikuttavuutta."],
          [vt("SM"), at("2022"),
           rh("Edellyttää 80 000 euron lisärahoitusta vuonna 2022. " + BUDGET_NOTE)]),
        m(45, "Laaditaan ihmiskaupan vastaisen työn viestintäsuunnitelma",
          ["Viestintäsuunnitelmassa sovitetaan yhteen ministeriöiden ja virastojen viestintä."],
          std(("SM",), "2021")),
        m(46, "Valmistellaan seuraava toimintaohjelma väliarvioinnin pohjalta",
          ["Valmistelu aloitetaan, kun väliarvioinnin tulokset ovat käytettävissä."],
          std(("SM",), "2023")),
    ]


CH_VII = [
    "Toimintaohjelman toimeenpanoa seuraa ohjausryhmä (ks. toimenpide 37), joka raportoi "
    "sisäministeriölle vuosittain. Ministeriöt vastaavat toimenpiteiden toteuttamisesta omilla "
    "hallinnonaloillaan.",
    "Toimenpiteissä 23–25 esitetyt ehdotukset täsmennetään ohjausryhmän ensimmäisessä kokouksessa. "
    "Lisärahoitusta edellyttävien toimenpiteiden kustannuksia käsitellään tarkemmin luvussa VIII.",
]


def spec() -> ProgrammeSpec:
    lists = (
        ListDef(1, (Level("decimal", "%1.", 720, bold=True),), ((1, {0: 19}),)),
    )
    objectives = [
        Objective(1, "Tavoite 1: Ihmiskaupan uhrit tunnistetaan nykyistä paremmin",
                  "Ihmiskaupan uhrit tunnistetaan nykyistä paremmin", _objective_1()),
        Objective(2, "Tavoite 2: Ihmiskaupan uhrien oikeudet toteutuvat ja auttaminen vahvistuu",
                  "Ihmiskaupan uhrien oikeudet toteutuvat ja auttaminen vahvistuu", _objective_2()),
        Objective(3, "Tavoite 3: Ihmiskauppaa koskeva rikosvastuu toteutuu",
                  "Ihmiskauppaa koskeva rikosvastuu toteutuu", _objective_3()),
        Objective(4, "Tavoite 4: Ihmiskauppaa ennaltaehkäistään ja tietoisuus siitä lisääntyy",
                  "Ihmiskauppaa ennaltaehkäistään ja tietoisuus siitä lisääntyy", _objective_4()),
        Objective(5, "Tavoite 5: Ihmiskaupan vastaisen työn koordinaatio ja seuranta vahvistuvat",
                  "Ihmiskaupan vastaisen työn koordinaatio ja seuranta vahvistuvat", _objective_5()),
    ]
    chapters = [
        Chapter("I", "I Johdanto", "Johdanto", CH_I),
        Chapter("II", "II Ihmiskauppa ilmiönä Suomessa", "Ihmiskauppa ilmiönä Suomessa", CH_II),
        Chapter("III", "III Kansainväliset velvoitteet", "Kansainväliset velvoitteet", CH_III),
        Chapter("IV", "IV Aiempien toimintaohjelmien arviointi", "Aiempien toimintaohjelmien arviointi", CH_IV),
        Chapter("V", "V Toimintaohjelman valmistelu", "Toimintaohjelman valmistelu", CH_V),
        Chapter("VI", "VI Toimintaohjelman tavoitteet ja toimenpiteet", "Toimintaohjelman tavoitteet ja toimenpiteet",
                ["Toimintaohjelmassa on viisi tavoitetta. Kunkin tavoitteen alla esitetään toimenpiteet, "
                 "niiden vastuutahot, aikataulu ja rahoitus."],
                objectives),
        Chapter("VII", "VII Toimeenpano ja seuranta", "Toimeenpano ja seuranta", CH_VII),
    ]
    return ProgrammeSpec(
        file="toimintaohjelma-luonnos.docx",
        language="fi",
        title="Ihmiskaupan vastainen toimintaohjelma 2021–2023",
        front=_front(),
        chapters=chapters,
        metadata=Metadata(
            title="Ihmiskaupan vastainen toimintaohjelma 2021–2023",
            creator=AUTHOR, last_modified_by=REVIEWER, revision=37,
            created="2020-09-14T07:21:00Z", modified="2020-12-10T08:58:00Z",
            template="\\\\sm.intra\\pohjat\\SM_muistio_2019.dotx", company="Sisäministeriö",
            subject="Toimintaohjelman luonnos", keywords="ihmiskauppa; toimintaohjelma; luonnos",
            language="fi-FI",
        ),
        lists=lists, measure_num_id=1,
        header_text="LUONNOS", track_revisions=True,
    )


def faults() -> list[dict]:
    """Every deliberate fault of the main draft, in document order of first appearance."""
    return [
        fault("leftover", None, "LUONNOS", "Draft watermark text in the page header.", where="header"),
        fault("leftover", None, "LUONNOS 10.12.2020", "Draft marking and date on the title page."),
        fault("leftover", None, "XX", "Placeholder in the series number 'Sisäministeriön julkaisuja 2021:XX'."),
        fault("style", None, "2021-2023", "Year range with a hyphen instead of an en dash (chapter I)."),
        fault("leftover", None, "[lähde]", "Source placeholder left in chapter II."),
        fault("abbreviation", None, "EMN", "EMN used in chapter II before it is defined in chapter III."),
        fault("leftover", None, "XX", "Placeholder for a number ('yhteensä XX ihmiskauppa- ja paritusrikosta')."),
        fault("style", None, "01.02.2021", "Date with leading zeros (chapter V)."),
        fault("authority", 3, "sisäasiainministeriö", "Outdated ministry name (sisäministeriö since 2008)."),
        fault("style", 6, "laaditaan  haastatteluopas", "Double space in the body of measure 6."),
        fault("funding", 8, "Edellyttää 150 000 euron lisärahoitusta vuonna 2022.",
              "Requests money without the standard budget-process note.", where="field"),
        fault("leftover", 9, " Koulutuksen toteutumisesta raportoidaan ohjausryhmälle.",
              "Tracked insertion by Korhonen Pekka still in the draft."),
        fault("authority", 10, "Sisäministeriö",
              "Ministry name capitalised mid-sentence ('jonka Sisäministeriö asettaa')."),
        fault("terminology", 11, "avustamisjärjestelmän",
              "Term variant: the draft otherwise says 'auttamisjärjestelmä'."),
        fault("abbreviation", 13, "RIKU", "Abbreviation never defined (Rikosuhripäivystys)."),
        fault("structure", 14, "Kehitetään ihmiskaupan uhrien turvallista asumista", "Measure has no schedule."),
        fault("legal", 15, "ulkomaalaislain 52 a §:ää",
              "Statute reference the measure relies on but the draft never explains."),
        fault("authority", 15, "Migri", "Maahanmuuttovirasto written as 'Migri' (also lowercase in measure 42).",
              where="field"),
        fault("authority", 16, "sosiaali- ja terveysministerö", "Misspelt ministry name.", where="field"),
        fault("leftover", 16, "Tarkistetaan STM:n kanssa, riittävätkö nykyiset kehykset.",
              "Word comment left in the draft (anchored on the funding line).", where="comment"),
        fault("style", 17, "2021 – 2023", "Spaced en dash in a year range.", where="field"),
        fault("numbering", 19, "Perustetaan poliisiin ihmiskaupparikoksiin erikoistunut valtakunnallinen tutkintaryhmä",
              "Objective 3 (measures 19–22) is a Word auto-numbered list (startOverride 19) while all "
              "other measures have typed numbers: mixed numbering."),
        fault("legal", 20, "rikoslain 25 luvun 3 a §:n",
              "Statute reference the measure relies on but the draft never explains."),
        fault("leftover", 21, " ja syyttäjien päätökset", "Tracked deletion by Virtanen Maija still in the draft."),
        fault("legal", 21, "3§", "Section sign without a space ('3§:ää'; write '3 §:ää')."),
        fault("outlier", 23, "Ehdotamme, että työnantajille suunnattua ihmiskaupan vastaista viestintää lisätään",
              "First person plural, hedging, a long narrative body and no field lines, unlike the other measures."),
        fault("structure", 23, "Ehdotamme, että työnantajille suunnattua ihmiskaupan vastaista viestintää lisätään",
              "No responsible authority, schedule or funding line."),
        fault("outlier", 24, "Katsomme, että meidän tulisi selvittää, voitaisiinko riskialojen valvontaa tehostaa",
              "First person plural ('Katsomme, että meidän tulisi…'), hedging, long narrative, no field lines."),
        fault("structure", 24, "Katsomme, että meidän tulisi selvittää, voitaisiinko riskialojen valvontaa tehostaa",
              "No responsible authority, schedule or funding line."),
        fault("outlier", 25, "Ehdotamme, että kansalaisjärjestöjen roolia ihmiskaupan vastaisessa työssä vahvistetaan",
              "First person plural, hedging, long narrative body and no field lines."),
        fault("structure", 25, "Ehdotamme, että kansalaisjärjestöjen roolia ihmiskaupan vastaisessa työssä vahvistetaan",
              "No responsible authority, schedule or funding line."),
        fault("style", 26, "50%", "Percent sign without a space (write '50 %')."),
        fault("funding", 27, "Edellyttää 300 000 euron lisärahoitusta vuosina 2022–2023.",
              "Requests money without the standard budget-process note.", where="field"),
        fault("style", 28, "“Ihmiskauppa ei ole kaukana”",
              "Curly opening quote “ (Finnish uses ” at both ends)."),
        fault("terminology", 29, "ihmiskaupan kohteiden",
              "Term variant: the draft otherwise says 'ihmiskaupan uhri'."),
        fault("style", 30, "klo 14:00", "Clock time with a colon (write 'klo 14.00')."),
        fault("funding", 31, "Lisätään tietoisuutta ihmiskaupasta sosiaalisessa mediassa",
              "Measure has no funding line at all."),
        fault("duplicate", 33, "Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi",
              "Near-identical to measure 5 (title and body)."),
        fault("leftover", 33, "Onko tämä sama kuin toimenpide 5? Yhdistetäänkö?",
              "Word comment left in the draft (anchored on the title).", where="comment"),
        fault("style", 34, "kts.", "Write 'ks.', not 'kts.'."),
        fault("style", 35, "23100 euroa", "Five-digit number not grouped (write '23 100 euroa')."),
        fault("leftover", 36, "kansallisen raportoijan", "Highlighted phrase left in the draft."),
        fault("numbering", 39, "39.", "Measure 38 is missing: numbering jumps from 37 to 39."),
        fault("reference", 40, "ks. toimenpide 62", "Cross-reference to a measure that does not exist."),
        fault("numbering", 41, "41.", "Measure number 41 is used twice."),
        fault("authority", 42, "maahanmuuttovirasto",
              "Maahanmuuttovirasto written in lowercase (also 'Migri' in measure 15)."),
        fault("reference", None, "luvussa VIII", "Cross-reference to chapter VIII, which does not exist."),
        fault("leftover", None, "trackRevisions", "Track changes is still switched on in settings.xml.",
              where="settings"),
    ]
