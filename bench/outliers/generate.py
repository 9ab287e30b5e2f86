"""Generate labelled drafts for the outlier evaluation, as drafter.textdoc markup.

``make_draft(language, seed, style)`` returns a :class:`LabelledDraft`: the
markup of a whole programme draft (chapter, objectives, 12–40 measures with
responsible, schedule and funding lines) and the numbers of the measures
written in a deviant ``style`` (none for a clean draft). Everything is
deterministic in ``seed``.

Clean drafts vary the way real ones do: one to three body sentences, now and
then four, an "other actors" line on some measures, a funding line missing
here and there. Deviant drafts rewrite one to three neighbouring measures:

- ``first_person``: "Ehdotamme, että …", opinions and hedging
- ``narrative``: a long body of long sentences
- ``noun_list``: a noun-phrase title and a bare bullet list
- ``missing_fields``: no responsible, schedule or funding lines
- ``register``: meeting minutes in the past tense ("Työryhmä käsitteli …")

Run ``python bench/outliers/generate.py fi 3 first_person`` to print one.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import CONTENT  # noqa: E402

STYLES = ("first_person", "narrative", "noun_list", "missing_fields", "register")
LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class LabelledDraft:
    language: str
    seed: int
    style: str | None
    markup: str
    measures: int
    deviant: frozenset[int]


def make_draft(language: str, seed: int, style: str | None = None) -> LabelledDraft:
    """A draft in ``language``; with ``style``, 1–3 neighbouring measures written that way."""
    rng = random.Random(f"{language}-{seed}-{style}")
    c = CONTENT[language]
    count = rng.randint(12, 40)
    deviant: set[int] = set()
    if style is not None:
        size = rng.choice((1, 1, 2, 3))
        first = rng.randint(2, count - size)
        deviant = set(range(first, first + size))
    titles = rng.sample(c["titles"], k=min(count, len(c["titles"])))
    while len(titles) < count:
        titles.append(rng.choice(c["titles"]))
    lines = [c["chapter"]]
    per_objective = rng.randint(5, 9)
    objective = 0
    for n in range(1, count + 1):
        if (n - 1) % per_objective == 0:
            objective += 1
            lines.append(c["objective"].format(n=objective, title=c["objectives"][(objective - 1) % 6]))
        lines.extend(_measure(n, titles[n - 1], c, rng, style if n in deviant else None))
    return LabelledDraft(language, seed, style, "\n".join(lines) + "\n", count, frozenset(deviant))


def _measure(n: int, title: str, c: dict, rng: random.Random, style: str | None) -> list[str]:
    responsible, others, schedule, funding = c["labels"]
    body: list[str]
    if style == "first_person":
        title = rng.choice(c["first_person_titles"])
        body = [" ".join(rng.sample(c["first_person_sentences"], k=rng.randint(2, 4)))]
    elif style == "narrative":
        body = [" ".join(rng.sample(c["narrative_sentences"], k=rng.randint(4, 6)))]
        if rng.random() < 0.5:
            body.append(" ".join(rng.sample(c["narrative_sentences"], k=2)))
    elif style == "noun_list":
        title = rng.choice(c["noun_titles"])
        body = rng.sample(c["bullets"], k=rng.randint(3, 5))
    elif style == "register":
        title = rng.choice(c["register_titles"])
        body = [" ".join(rng.sample(c["register_sentences"], k=rng.randint(2, 4)))]
    else:
        k = rng.choices((1, 2, 3, 4), weights=(3, 5, 3, 1))[0]
        body = [" ".join(rng.sample(c["sentences"], k=k))]
    lines = [f"{n}. {title}", *body]
    if style == "missing_fields":
        return lines
    names = rng.sample(c["actors"], k=rng.choice((1, 1, 2)))
    lines.append(f"{responsible}: {', '.join(names)}")
    if rng.random() < 0.3:
        lines.append(f"{others}: {rng.choice(c['others'])}")
    lines.append(f"{schedule}: {rng.choice(c['schedules'])}")
    if rng.random() > 0.07:
        lines.append(f"{funding}: {rng.choice(c['funding'])}")
    return lines


if __name__ == "__main__":
    lang = sys.argv[1] if len(sys.argv) > 1 else "fi"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    chosen = sys.argv[3] if len(sys.argv) > 3 else None
    draft = make_draft(lang, seed, chosen)
    print(draft.markup)
    print(f"# deviant measures: {sorted(draft.deviant)}", file=sys.stderr)
