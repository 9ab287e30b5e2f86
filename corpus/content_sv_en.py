"""The Swedish and English layout samples ("Åtgärd 12." and "Measure 12." prefixes)."""

from __future__ import annotations

from docxwriter import Footnote, Metadata, Para
from programme import Chapter, Field, Measure, Objective, ProgrammeSpec, responsible

NB = "\u00a0"

SV_WORK = "Genomförs som tjänsteuppdrag."
SV_FRAMES = "Genomförs inom ramen för befintliga anslag."
SV_NOTE = ("Beslut om anslagsökningar fattas på normalt sätt i samband med besluten om planen för de "
           "offentliga finanserna samt budgetpropositionerna och tilläggsbudgetpropositionerna.")

EN_WORK = "Carried out as part of official duties."
EN_FRAMES = "Carried out within existing appropriations."
EN_NOTE = ("Decisions on increases in appropriations are made in the normal way in connection with the "
           "decisions on the general government fiscal plan and on the budgets and supplementary budgets.")


def _measure(number: int, title: str, body: list, resp: tuple, schedule: str, funding: str,
             labels: tuple[str, str, str]) -> Measure:
    return Measure(number, (title,), [(p,) if isinstance(p, str) else tuple(p) for p in body],
                   [responsible(labels[0], *resp), Field("schedule", labels[1], (schedule,)),
                    Field("funding", labels[2], (funding,))])


# --------------------------------------------------------------------------- Swedish

def swedish_spec() -> ProgrammeSpec:
    labels = ("Ansvarig", "Tidtabell", "Finansiering")

    def a(n, title, body, resp, sched, fund):
        return _measure(n, title, body, resp, sched, fund, labels)

    objectives = [
        Objective(1, "Mål 1: Offren för människohandel identifieras bättre",
                  "Offren för människohandel identifieras bättre", [
            a(1, "En nationell verksamhetsmodell för identifiering av människohandel utarbetas för polisen",
              ["Modellen innehåller anvisningar om hur tecken på människohandel känns igen i polisens "
               "övervaknings- och larmuppdrag och hur offret hänvisas till hjälpsystemet."],
              ("inrikesministeriet", "Polisstyrelsen"), "2021–2022", SV_WORK),
            a(2, "Arbetarskyddsmyndigheternas beredskap att identifiera arbetsrelaterad människohandel stärks",
              ["Arbetarskyddsinspektörerna får en anvisning om kännetecken på arbetsrelaterat utnyttjande."],
              ("social- och hälsovårdsministeriet", "regionförvaltningsverken"), "2021–2023", SV_WORK),
            a(3, "Gränsbevakningsväsendets förmåga att identifiera offer vid gränskontroller förbättras",
              ["Personalen vid gränskontrollerna får en intervjuguide, och identifieringen av människohandel "
               "ingår i gränsbevakarnas grundutbildning."],
              ("inrikesministeriet", "Gränsbevakningsväsendet"), "2021–2022", SV_FRAMES),
        ]),
        Objective(2, "Mål 2: Offrens rättigheter tillgodoses", "Offrens rättigheter tillgodoses", [
            a(4, "En riksomfattande rådgivningstelefon för offer för människohandel inrättas",
              ["Rådgivningstelefonen betjänar dygnet runt och ger information på flera språk."],
              ("inrikesministeriet", "Migrationsverket"), "2022–2023",
              f"Förutsätter tilläggsfinansiering på 200{NB}000 euro 2022–2023. {SV_NOTE}"),
            a(5, "Offrens tillgång till hälso- och sjukvårdstjänster stärks",
              [("Kommunerna får en anvisning om hur brådskande och nödvändig vård ordnas oberoende av "
                "hemkommun.", Footnote("Jfr lagen om hjälp till offer för människohandel."))],
              ("social- och hälsovårdsministeriet", "Institutet för hälsa och välfärd"), "2022", SV_FRAMES),
            a(6, "Barn som utsatts för människohandel identifieras och får hjälp bättre",
              ["Barnskyddets anställda får en handlingsanvisning, och Barnahus-modellen tas i bruk."],
              ("social- och hälsovårdsministeriet", "justitieministeriet"), "2021–2023", SV_WORK),
        ]),
        Objective(3, "Mål 3: Straffansvaret för människohandel förverkligas",
                  "Straffansvaret för människohandel förverkligas", [
            a(7, "En riksomfattande utredningsgrupp för människohandelsbrott inrättas inom polisen",
              ["Utredningsgruppen verkar i anslutning till Centralkriminalpolisen och stöder "
               "polisinrättningarna i krävande utredningar."],
              ("inrikesministeriet", "Polisstyrelsen"), "2021",
              f"Förutsätter årlig tilläggsfinansiering på 900{NB}000 euro från och med 2022. {SV_NOTE}"),
            a(8, "Åklagarnas specialisering på människohandelsbrott stärks",
              ["Åklagarmyndigheten utser åklagare som specialiserar sig på människohandelsbrott."],
              ("justitieministeriet", "Åklagarmyndigheten"), "2021–2022", SV_WORK),
            a(9, "Samarbetet mellan förundersökningsmyndigheterna och arbetarskyddsmyndigheterna utökas",
              ["Polisen och arbetarskyddsmyndigheterna kommer överens om gemensamma inspektioner och "
               "informationsutbyte."],
              ("inrikesministeriet", "social- och hälsovårdsministeriet"), "2021–2023", SV_WORK),
        ]),
    ]
    title = "Handlingsplan mot människohandel 2021–2023"
    chapters = [
        Chapter("I", "I Inledning", "Inledning", [
            "Människohandel är ett allvarligt brott som kränker människovärdet och de grundläggande fri- "
            "och rättigheterna. Handlingsplanen omfattar åren 2021–2023.",
        ]),
        Chapter("II", "II Mål och åtgärder", "Mål och åtgärder", [
            "Handlingsplanen har tre mål och nio åtgärder. För varje åtgärd anges ansvarig, tidtabell och "
            "finansiering.",
        ], objectives),
        Chapter("III", "III Genomförande och uppföljning", "Genomförande och uppföljning", [
            "Genomförandet följs upp av en styrgrupp som rapporterar till inrikesministeriet varje år.",
        ]),
    ]
    return ProgrammeSpec(
        file="sv-handlingsplan.docx", language="sv", title=title,
        front=[Para((title,), style="Title"), Para(("Inrikesministeriets publikationer 2021:7",), style="Subtitle")],
        chapters=chapters, label=lambda n: f"Åtgärd {n}.",
        metadata=Metadata(title=title, creator="Lindqvist Eva", last_modified_by="Holmström Johan", revision=9,
                          created="2021-01-11T09:00:00Z", modified="2021-02-03T12:40:00Z",
                          template="IM_promemoria.dotx", company="Inrikesministeriet", language="sv-FI"),
    )


# --------------------------------------------------------------------------- English

def english_spec() -> ProgrammeSpec:
    labels = ("Responsible", "Schedule", "Funding")

    def a(n, title, body, resp, sched, fund):
        return _measure(n, title, body, resp, sched, fund, labels)

    objectives = [
        Objective(1, "Objective 1: Racism is recognised and addressed", "Racism is recognised and addressed", [
            a(1, "A national survey on experiences of racism will be carried out",
              ["The survey will be repeated every two years so that changes in experiences of racism can be "
               "monitored."],
              ("Ministry of Justice", "Statistics Finland"), "2021–2023",
              f"Requires additional funding of EUR 180,000 in 2022–2023. {EN_NOTE}"),
            a(2, "Guidance on recognising discrimination in customer service will be drawn up for authorities",
              [("The guidance will describe typical situations of direct and indirect discrimination and the "
                "means of preventing them.", Footnote("See the Non-Discrimination Act (1325/2014)."))],
              ("Ministry of Justice", "Non-Discrimination Ombudsman"), "2021", EN_WORK),
            a(3, "Advice for people who have experienced discrimination will be strengthened",
              ["The Non-Discrimination Ombudsman's advisory service will also be available through an online "
               "chat."],
              ("Non-Discrimination Ombudsman",), "2021–2022", EN_FRAMES),
        ]),
        Objective(2, "Objective 2: Equal opportunities in education and working life",
                  "Equal opportunities in education and working life", [
            a(4, "A guide on anonymous recruitment will be published for employers",
              ["The guide will present the methods of anonymous recruitment and the results of trials in "
               "central government."],
              ("Ministry of Economic Affairs and Employment",), "2022", EN_WORK),
            a(5, "Support for equality planning in educational institutions will be increased",
              ["Educational institutions will receive a planning model and training."],
              ("Ministry of Education and Culture", "Finnish National Agency for Education"), "2021–2023",
              EN_FRAMES),
            a(6, "Occupational safety and health authorities will target supervision of discrimination",
              ["Supervision will be directed at sectors where discrimination is most often detected."],
              ("Ministry of Social Affairs and Health",), "2022–2023", EN_WORK),
        ]),
        Objective(3, "Objective 3: Good relations between population groups",
                  "Good relations between population groups", [
            a(7, "An annual dialogue on combating racism will be organised",
              ["Representatives of ministries, organisations and religious communities will be invited to the "
               "dialogue."],
              ("Prime Minister's Office",), "2021–2023", EN_WORK),
            a(8, "A police network specialising in hate crime will be established",
              ["The network will support police departments in identifying and investigating hate crime."],
              ("Ministry of the Interior", "National Police Board"), "2022",
              f"Requires additional funding of EUR 350,000 in 2022–2023. {EN_NOTE}"),
            a(9, "Statistics on hate crime will be developed",
              ["A report on hate crimes that come to the attention of the police will be published every year."],
              ("Ministry of the Interior", "Police University College"), "2021–2023", EN_WORK),
        ]),
    ]
    title = "Action Plan for Combating Racism and Promoting Good Relations between Population Groups 2021–2023"
    chapters = [
        Chapter("1", "Chapter 1 Introduction", "Introduction", [
            "The action plan implements the Government Programme's objective of combating racism. It was "
            "prepared by a working group appointed by the Ministry of Justice.",
        ]),
        Chapter("2", "Chapter 2 Objectives and measures", "Objectives and measures", [
            "The action plan has three objectives and nine measures. Each measure names who is responsible, "
            "its schedule and its funding.",
        ], objectives),
        Chapter("3", "Chapter 3 Implementation and monitoring", "Implementation and monitoring", [
            "The Advisory Board for Ethnic Relations will monitor implementation and report to the Ministry "
            "of Justice every year.",
        ]),
    ]
    return ProgrammeSpec(
        file="en-action-plan.docx", language="en", title=title,
        front=[Para((title,), style="Title"),
               Para(("Publications of the Ministry of Justice 2021:23",), style="Subtitle")],
        chapters=chapters, label=lambda n: f"Measure {n}.",
        metadata=Metadata(title=title, creator="Smith Anna", last_modified_by="Mäkinen Ville", revision=6,
                          created="2021-03-01T10:00:00Z", modified="2021-04-12T15:05:00Z",
                          template="Normal.dotm", company="Ministry of Justice", language="en-GB"),
    )
