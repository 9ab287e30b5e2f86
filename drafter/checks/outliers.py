"""Find measures written differently from the rest of the draft, and say how in plain words.

Each measure is described by its form (:mod:`drafter.features`) and compared
with the draft's own majority, never with a fixed house style: a categorical
feature counts when a clear majority shares one value (``min_majority``), a
numeric one through the median and the median absolute deviation (a robust
z-score), so a draft whose house form is different is judged the same way.
A measure departing on several features (weighted ``score`` ≥ ``threshold`` and
at least ``min_features`` features) is an outlier. Neighbouring outliers make
one finding ("Measures 23–25 are written differently from the rest: …") on the
first of them; its ``details`` hold the feature table.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.features import FIELD_KEYS, MAIN_PART, TITLE_FORMS, MeasureForm, measure_forms

DEFAULT_WEIGHTS: dict[str, float] = {
    "title_form": 1.75, "first_person": 1.5, "hedging": 1.0,
    # Funding lines are left out of otherwise regular measures more often than the rest.
    "has_fields": 1.0, "has_responsible": 1.0, "has_schedule": 1.0, "has_funding": 0.75,
    "has_other_actors": 0.5, "has_indicators": 0.5,
    "label_responsible": 0.5, "label_schedule": 0.5, "label_funding": 0.5,
    "label_other_actors": 0.25, "label_indicators": 0.25, "fields_given_as": 0.5,
    "title_end": 0.5, "number_format": 1.0, "title_bold": 0.5, "title_italic": 0.5,
    "title_style": 0.25, "body_style": 0.25, "body_italic": 0.5, "bullets": 1.0,
    "title_words": 0.75, "body_words": 1.0, "body_sentences": 0.75, "mean_sentence_words": 0.75,
    "passive_share": 1.0, "conditional_share": 0.75, "past_share": 1.0, "verbless_share": 1.0,
}
# Facts are told in this order when as many measures share them.
_PRIORITY = ("title_form", "first_person", "hedging", "body_words", "body_sentences", "mean_sentence_words",
             "bullets", "verbless_share", "passive_share", "past_share", "conditional_share", "title_words",
             "number_format", "title_end")
FULL_MAJORITY = 0.8
EXTREME_RATIO = 4.0
EXTREME_STRENGTH = 1.5
SHARES = ("passive_share", "conditional_share", "past_share", "verbless_share")
VOICE_FEATURES = ("passive_share", "conditional_share", "past_share", "verbless_share")
PARAMS = {"threshold": False, "min_features": False, "min_measures": False, "min_majority": False,
          "z_score": False, "min_ratio": False, "min_share_difference": False, "weights": False}


@dataclass(frozen=True)
class Deviation:
    """How one measure departs from the majority on one feature."""

    feature: str
    value: Any
    typical: Any           # the majority value or the median
    count: int             # measures sharing the majority value (categorical)
    of: int                # measures that have the feature
    weight: float
    numeric: bool = False


@dataclass
class Judgement:
    """One measure's form, its deviations and score."""

    form: MeasureForm
    deviations: list[Deviation] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(d.weight for d in self.deviations)


@dataclass(frozen=True)
class Settings:
    threshold: float = 2.5
    min_features: int = 2
    min_measures: int = 6
    min_majority: float = 0.75
    z_score: float = 3.5
    min_ratio: float = 1.8
    min_share_difference: float = 0.6
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "Settings":
        weights = dict(DEFAULT_WEIGHTS)
        weights.update({k: float(v) for k, v in (params.get("weights") or {}).items()})
        values = {k: params[k] for k in ("threshold", "min_features", "min_measures", "min_majority",
                                         "z_score", "min_ratio", "min_share_difference") if k in params}
        return cls(weights=weights, **values)


def judge(forms: Sequence[MeasureForm], settings: Settings | None = None) -> list[Judgement]:
    """Compare every form with the majority of ``forms``; [] when there are too few to judge."""
    settings = settings or Settings()
    judgements = [Judgement(f) for f in forms]
    if len(forms) < settings.min_measures:
        return judgements
    # Every feature's measures and values in one pass over the forms, in draft
    # order, as parallel lists: no tuple per value (on 5,000 measures the
    # garbage collector's passes over the draft cost more than the judging).
    categorical: dict[str, tuple[list[Judgement], list[str]]] = {}
    numeric: dict[str, tuple[list[Judgement], list[float]]] = {}
    for j in judgements:
        for table, features in ((categorical, j.form.categorical), (numeric, j.form.numeric)):
            for name in features:
                entry = table.get(name)
                if entry is None:
                    entry = table[name] = ([], [])
                entry[0].append(j)
                entry[1].append(features[name])
    for name in sorted(categorical):
        weight = settings.weights.get(name, 0.5)
        measures, values = categorical[name]
        if len(values) < settings.min_measures:
            continue
        majority, count = Counter(values).most_common(1)[0]
        share = count / len(values)
        if share < settings.min_majority or count == len(values):
            continue
        # A clear majority counts in full; one near the bar counts a little less.
        strength = min(1.0, share / FULL_MAJORITY)
        for j, value in zip(measures, values):
            if value != majority:
                j.deviations.append(Deviation(name, value, majority, count, len(values), weight * strength))
    for name in sorted(numeric):
        weight = settings.weights.get(name, 0.5)
        measures, numbers = numeric[name]
        if len(numbers) < settings.min_measures:
            continue
        median = statistics.median(numbers)
        mad = statistics.median([abs(v - median) for v in numbers])
        if name in SHARES:
            scale = max(1.4826 * mad, 0.15)
        else:
            scale = max(1.4826 * mad, 0.15 * median, 1.0)
        for j, value in zip(measures, numbers):
            if abs(value - median) / scale < settings.z_score:
                continue
            if name in SHARES:
                if abs(value - median) < settings.min_share_difference:
                    continue
            elif not (value >= settings.min_ratio * median + 1 or value * settings.min_ratio + 1 <= median):
                continue
            strength = 1.0
            if name not in SHARES and (value >= EXTREME_RATIO * median + 1 or value * EXTREME_RATIO + 1 <= median):
                strength = EXTREME_STRENGTH  # a 150-word body among 10-word ones says more than a 25-word one
            j.deviations.append(Deviation(name, value, median, 0, len(numbers), weight * strength, numeric=True))
    return judgements


def outlier_groups(judgements: Sequence[Judgement], settings: Settings) -> list[list[Judgement]]:
    """Outliers, neighbours (adjacent in the draft) grouped together."""
    groups: list[list[Judgement]] = []
    previous = -2
    for i, j in enumerate(judgements):
        if j.score < settings.threshold or len(j.deviations) < settings.min_features:
            continue
        if i == previous + 1 and groups:
            groups[-1].append(j)
        else:
            groups.append([j])
        previous = i
    return groups


@kind("outlier-measures", PARAMS)
def outlier_measures(rule: Rule, ctx: CheckContext):
    """Flag measures whose form departs from the draft's majority on several features."""
    programme = ctx.programme
    settings = Settings.from_params(rule.params)
    if len(programme.measures) < settings.min_measures:
        return
    language = ctx.nlp
    forms = measure_forms(programme, language)
    judgements = judge(forms, settings)
    by_form = {id(f): m for f, m in zip(forms, programme.measures)}
    for group in outlier_groups(judgements, settings):
        first = by_form[id(group[0].form)]
        location = first.title_location or first.location
        paragraph = ctx.paragraph(location.part, location.paragraph) if location is not None else None
        start = end = None
        if paragraph is not None and location.part == MAIN_PART and first.title_location is not None:
            start = first.title_location.start
            end = first.title_location.end if first.title_location.end is not None else len(paragraph.text)
        details = feature_table(group, forms)
        details["titles"] = {str(j.form.name): by_form[id(j.form)].title for j in group}
        if not language.has_morphology:
            details["note"] = "Finnish morphology unavailable (Voikko not installed): voice features were skipped"
        yield ctx.finding(rule, message=describe_group(group, forms), paragraph=paragraph, start=start,
                          end=end, measure=first, details=details)


# -- plain words -------------------------------------------------------------------

_FIELD_NAMES = {"fields": "field", "responsible": "responsible authority", "schedule": "schedule", "funding": "funding",
                "other_actors": "other actors", "indicators": "indicators"}
_FORM_SHORT = {
    "passive-verb": "a passive verb", "imperative": "an imperative", "active-verb": "an active verb",
    "actor-verb": "an actor and an active verb", "passive-clause": "a clause with a passive verb",
    "clause": "a clause", "first-person": "first person", "question": "a question",
    "noun-phrase": "a noun phrase", "empty": "no title",
}
_NUMERIC = {
    "body_words": ("its body is {v} words", "their bodies are {v} words", "against a median of {m}"),
    "body_sentences": ("its body has {v} sentences", "their bodies have {v} sentences", "against a median of {m}"),
    "mean_sentence_words": ("its sentences average {v} words", "their sentences average {v} words",
                            "against a median of {m}"),
    "title_words": ("its title is {v} words long", "their titles are {v} words long", "against a median of {m}"),
    "passive_share": ("{v} of its finite verbs are passive", "{v} of their finite verbs are passive",
                      "against a median of {m}"),
    "conditional_share": ("{v} of its finite verbs are conditional", "{v} of their finite verbs are conditional",
                          "against a median of {m}"),
    "past_share": ("{v} of its finite verbs are in the past tense",
                   "{v} of their finite verbs are in the past tense", "against a median of {m}"),
    "verbless_share": ("{v} of its sentences have no finite verb", "{v} of their sentences have no finite verb",
                       "against a median of {m}"),
}
_BINARY = {
    "first_person": ("speaks in the first person", "speak in the first person"),
    "hedging": ("hedges or gives opinions", "hedge or give opinions"),
    "bullets": ("uses bullet points", "use bullet points"),
    "title_bold": ("has a bold title", "have bold titles"),
    "title_italic": ("has an italic title", "have italic titles"),
    "body_italic": ("is set in italics", "are set in italics"),
}


def describe_group(group: Sequence[Judgement], forms: Sequence[MeasureForm]) -> str:
    """The finding's message: who differs, then the three to five strongest facts."""
    names = [j.form.name for j in group]
    plural = len(group) > 1
    head = (f"Measures {_range(names)} are written differently from the rest" if plural
            else f"Measure {names[0]} is written differently from the rest")
    facts = _facts(group, len(forms), forms)
    return head + ": " + " ".join(facts)


def _facts(group: Sequence[Judgement], total: int, forms: Sequence[MeasureForm]) -> list[str]:
    plural = len(group) > 1
    who = "they" if plural else "it"
    by_feature: dict[str, list[tuple[Judgement, Deviation]]] = {}
    for j in group:
        for d in j.deviations:
            by_feature.setdefault(d.feature, []).append((j, d))
    ranked = sorted(by_feature.items(), key=lambda item: (
        -len(item[1]), _PRIORITY.index(item[0]) if item[0] in _PRIORITY else len(_PRIORITY),
        -max(d.weight for _, d in item[1])))
    facts: list[str] = []
    missing: list[tuple[str, Deviation]] = []
    for key in FIELD_KEYS:
        items = by_feature.get(f"has_{key}")
        if items and items[0][1].value == "no":
            missing.append((key, items[0][1]))
    if "title_form" in by_feature:
        facts.append(_fact("title_form", by_feature["title_form"], group, forms, who, plural))
    if missing:
        fields = _join([_FIELD_NAMES.get(k, k) for k, _ in missing], "or")
        counts = min(d.count for _, d in missing), missing[0][1].of
        line = "line" if len(missing) == 1 else "lines"
        facts.append(f"{who.capitalize()} {'have' if plural else 'has'} no {fields} {line}, which "
                     f"{counts[0]} of {counts[1]} measures have.")
    done = {f"has_{k}" for k, _ in missing} | {"title_form"}
    if missing and "has_fields" in by_feature:
        done.add("has_fields")
    if "body_words" in by_feature and "body_sentences" in by_feature:
        done.add("body_sentences")  # one fact about length: "Its body is 98 words in 9 sentences …"
    for name, items in ranked:
        if name in done or len(facts) >= 5:
            continue
        fact = _fact(name, items, group, forms, who, plural)
        if name == "body_words" and "body_sentences" in done and fact:
            fact = _with_sentences(fact, items, by_feature["body_sentences"])
        if fact:
            facts.append(fact)
    return facts


def _fact(name: str, items, group, forms, who: str, plural: bool) -> str | None:
    d: Deviation = items[0][1]
    names = [j.form.name for j, _ in items]
    subject = ("measures " + _range(names)) if len(names) > 1 else "measure " + names[0]
    if name == "title_form":
        examples = [f.evidence.get("title_form", "").split(" ")[0].rstrip(",") for f in forms
                    if f.categorical.get("title_form") == d.typical][:2]
        examples = [e for e in examples if e]
        shown = f" ({', '.join(examples)}, …)" if examples else ""
        quoted = [f"'{j.form.evidence['title_form']}'" for j, _ in items if j.form.evidence.get("title_form")]
        kinds = _join(sorted({_FORM_SHORT.get(x.value, x.value) for _, x in items}), "or")
        lead = f"{d.count} of {d.of} measures {TITLE_FORMS.get(d.typical, d.typical)}{shown}; "
        if len(quoted) == len(items):
            return f"{lead}{subject} {'begin' if len(items) > 1 else 'begins'} {_join(quoted, 'and')} ({kinds})."
        return f"{lead}{subject} {'are' if len(items) > 1 else 'is'} {kinds}."
    if name in _NUMERIC:
        single, many, against = _NUMERIC[name]
        if d.typical == 0 and name in ("body_words", "body_sentences"):
            against = "where most measures have no body text"
        values = [_number(name, x.value) for _, x in items]
        text = (many if len(items) > 1 else single).format(v=_join(values, "and"))
        sentence = f"{text} {against.format(m=_number(name, d.typical))}."
        return sentence[0].upper() + sentence[1:]
    if name.startswith("has_") and d.value == "yes":
        field_name = _FIELD_NAMES.get(name[4:], name[4:])
        actor = who if len(items) == len(group) else subject
        return (f"{actor[0].upper() + actor[1:]} {'have' if len(items) > 1 else 'has'} "
                f"{'an' if field_name[0] in 'aeiou' else 'a'} {field_name} line, which "
                f"{d.count} of {d.of} measures do not.")
    if name in _BINARY:
        single, many = _BINARY[name]
        verb = many if len(items) > 1 else single
        if d.value == "yes":
            quoted = [j.form.evidence.get(name) for j, _ in items if j.form.evidence.get(name)]
            shown = f" ({'; '.join(quoted[:2])})" if quoted else ""
            actor = who if len(items) == len(group) else subject
            return f"{actor[0].upper() + actor[1:]} {verb}{shown}, which {d.count} of {d.of} measures do not."
        return f"{d.count} of {d.of} measures {many}; {subject} {'do' if len(items) > 1 else 'does'} not."
    if name.startswith("label_"):
        field_name = _FIELD_NAMES.get(name[6:], name[6:])
        labels = _join(sorted({f"'{x.value}'" for _, x in items}), "and")
        return (f"{who.capitalize()} {'label' if plural else 'labels'} the {field_name} line {labels}, "
                f"where {d.count} of {d.of} measures write '{d.typical}'.")
    if name == "title_end":
        values = _join(sorted({x.value for _, x in items}), "or")
        return (f"{'Their titles end' if plural else 'Its title ends'} with {_article(values)}, where "
                f"{d.count} of {d.of} titles end with {_article(d.typical)}.")
    if name == "number_format":
        values = _join(sorted({x.value for _, x in items}), "and")
        return (f"{'Their numbers are' if plural else 'Its number is'} written as {values}, where "
                f"{d.count} of {d.of} measures use {d.typical}.")
    if name in ("title_style", "body_style"):
        part = "titles" if name == "title_style" else "bodies"
        values = _join(sorted({f"'{x.value}'" for _, x in items}), "and")
        return (f"{'Their' if plural else 'Its'} {part[:-1] if not plural and part == 'titles' else part} "
                f"{'use' if plural else 'uses'} paragraph style {values}, where {d.count} of {d.of} "
                f"measures use '{d.typical}'.")
    if name == "fields_given_as":
        return (f"{'Their' if plural else 'Its'} fields are given as {items[0][1].value}, where {d.count} of "
                f"{d.of} measures give them as {d.typical}.")
    return None


def _with_sentences(fact: str, word_items, sentence_items) -> str:
    """Add the sentence counts to the body-length fact of the same measures."""
    counts = {j.form.name: round(d.value) for j, d in sentence_items}
    if not all(j.form.name in counts for j, _ in word_items):
        return fact
    median = round(sentence_items[0][1].typical)
    values = _join([str(counts[j.form.name]) for j, _ in word_items], "and")
    head, sep, tail = fact.partition(" words ")
    if not sep:
        return fact
    tail = tail.rstrip(".")
    if median and "median of" in tail:
        tail += f" words in {median}"
    return f"{head} words in {values} sentences {tail}{' sentences' if median and 'median of' in tail else ''}."


def _article(mark: str) -> str:
    return "no final punctuation" if mark == "none" else f"a {mark}"


def _number(name: str, value: float) -> str:
    if name in SHARES:
        return f"{round(value * 100)}%"
    return str(round(value)) if abs(value - round(value)) < 0.05 or value >= 10 else f"{value:.1f}"


def _range(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    if all(n.isdigit() for n in names):
        numbers = [int(n) for n in names]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{numbers[0]}–{numbers[-1]}"
    return _join(list(names), "and")


def _join(items: Sequence[str], conjunction: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def feature_table(group: Sequence[Judgement], forms: Sequence[MeasureForm]) -> dict[str, Any]:
    """Details for reports: each group member's deviations with the majority or median."""
    rows = []
    for j in group:
        for d in j.deviations:
            row: dict[str, Any] = {"measure": j.form.number, "feature": d.feature,
                                   "value": d.value, "weight": round(d.weight, 2)}
            if d.numeric:
                row["median"] = d.typical
            else:
                row["majority"] = d.typical
                row["majority_count"] = d.count
            row["of"] = d.of
            rows.append(row)
    return {
        "measures": [j.form.number for j in group],
        "scores": {j.form.name: round(j.score, 2) for j in group},
        "measures_compared": len(forms),
        "features": rows,
    }
