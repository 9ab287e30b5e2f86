"""Split a responsible-authority line into names without breaking names that contain "ja"/"och"/"and".

"SM, Poliisihallitus ja työ- ja elinkeinoministeriö" holds three names, but
"Terveyden ja hyvinvoinnin laitos", "Institutet för hälsa och välfärd" and
"Ministry of Economic Affairs and Employment" are one name each. Commas and
semicolons always separate; a conjunction separates unless

- it sits inside an authority name the lexicon knows (rules/authorities.yaml),
- it follows a hyphenated first part ("työ- ja elinkeinoministeriö"),
- it joins two genitive modifiers of one head noun ("Kriminologian ja
  oikeuspolitiikan instituutti"), or
- it joins a single last word to a name with a preposition ("… of Economic
  Affairs and Employment", "… för hälsa och välfärd").
"""

from __future__ import annotations

import re

_COMMA = re.compile(r"\s*[,;]\s*")
_CONJUNCTION = re.compile(r"\s+(?:ja|sekä|och|samt|and)\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w.-]*")
_PREPOSITION = re.compile(r"\s(?:of|for|för|av|till|on)\s", re.IGNORECASE)


def split_responsible(value: str, language: str | None = None) -> list[str]:
    """Names in ``value`` as written, split on commas and conjunctions between names.

    >>> split_responsible("SM, Poliisihallitus ja työ- ja elinkeinoministeriö", "fi")
    ['SM', 'Poliisihallitus', 'työ- ja elinkeinoministeriö']
    >>> split_responsible("OM ja Kriminologian ja oikeuspolitiikan instituutti", "fi")
    ['OM', 'Kriminologian ja oikeuspolitiikan instituutti']
    """
    value = value.strip().rstrip(".").strip()
    if not value:
        return []
    protected = _known_name_spans(value, language)
    names: list[str] = []
    for part in _split_keeping_offsets(value, _COMMA):
        start, text = part
        names.extend(_split_conjunctions(text, start, protected))
    return [n.strip(" .") for n in names if n.strip(" .")]


def _split_keeping_offsets(text: str, pattern: re.Pattern) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _split_conjunctions(text: str, offset: int, protected: list[tuple[int, int]]) -> list[str]:
    cuts = []
    for m in _CONJUNCTION.finditer(text):
        at = offset + m.start()
        if any(s <= at < e for s, e in protected):
            continue
        left, right = text[: m.start()], text[m.end():]
        if left.endswith("-") or _modifiers_of_one_name(left, right):
            continue
        cuts.append(m)
    out, pos = [], 0
    for m in cuts:
        out.append(text[pos:m.start()])
        pos = m.end()
    out.append(text[pos:])
    return out


def _modifiers_of_one_name(left: str, right: str) -> bool:
    left_words = _WORD.findall(left)
    right_words = _WORD.findall(_CONJUNCTION.split(right)[0])
    if not left_words or not right_words:
        return False
    last, first = left_words[-1], right_words[0]
    # Finnish: two genitives before one head ("Terveyden ja hyvinvoinnin laitos").
    if (len(right_words) >= 2 and last.lower().endswith("n") and first.lower().endswith("n")
            and first[0].islower() and not last.isupper()):
        return True
    # Swedish/English: "… för hälsa och välfärd", "… of Economic Affairs and Employment".
    if len(right_words) == 1 and not first.isupper() and _PREPOSITION.search(f" {left} "):
        return True
    return False


def _known_name_spans(value: str, language: str | None) -> list[tuple[int, int]]:
    try:
        from drafter.lexicon import load_lexicon

        lexicon = load_lexicon(language or "fi")
        return [(start, end) for start, end, _ in lexicon.find_authorities(value)]
    except Exception:  # noqa: BLE001 - the lexicon only refines splitting; heuristics still apply
        return []
