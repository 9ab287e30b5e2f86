"""Rendered list numbers for Word auto-numbered paragraphs, from numbering.xml.

python-docx and pandoc do not say that a list paragraph shows "23."; Word computes
it while laying out. :class:`NumberingRenderer` repeats that computation: feed it
every list paragraph of a story in document order and it returns the label Word
shows, as a :class:`drafter.blocks.Numbering`.

How Word numbers (ECMA-376 Part 1 §17.9, with Word's deviations from
[MS-OI29500]), and so how this module numbers:

* A paragraph's ``w:numId`` names a ``w:num``; the num names a ``w:abstractNum``
  whose ``w:lvl`` elements (``w:ilvl`` 0–8) define start value, number format,
  level text ("%1.%2.") and restart rule. A num may override single levels with
  ``w:lvlOverride``: a ``w:lvl`` child replaces the level's definition (merged
  child by child over the abstract level here, so a partial override keeps the
  rest), a ``w:startOverride`` child restarts the level.
* **Counters belong to the abstract definition, not to the num.** Two nums that
  share one abstractNum continue one list: numId 1 items 1–3, numId 2 item 4 …
  unless numId 2 carries a ``w:startOverride``. That override restarts the level
  at the first paragraph of numId 2; later paragraphs of *any* num of the same
  abstractNum continue from there. The override also becomes numId 2's start
  value whenever that level restarts later (§17.9.27).
* A level restarts when a higher level (smaller ilvl) is used, by default.
  ``w:lvlRestart`` = n restarts it only when level n-1 or a higher one is used;
  0 means never. Word reads ``w:lvlRestart`` from the abstract level only and
  ignores it inside a level override ([MS-OI29500] §2.1.275).
* "%k" in the level text is level k-1's current counter in that level's own
  format. A paragraph whose parent levels have not been used since their last
  restart shows them at their start value, and they count on from there: "1.1"
  followed by a level-0 item gives "2." (as Word, LibreOffice and Open XML
  PowerTools render it).
  ``w:isLgl`` shows every level as decimal (decimalZero and none stay).
* An abstractNum with ``w:numStyleLink`` has no levels of its own: it points to a
  numbering style in styles.xml whose ``w:numPr/w:numId`` leads to the abstractNum
  with the real levels (the one carrying ``w:styleLink``). The chain is followed,
  cycles are cut, and counters are kept per the *resolved* abstractNum, so every
  list built on one list style is one list (and ``abstract_id`` is that id).
* ``w:multiLevelType singleLevel`` lists use level 0 whatever the paragraph's ilvl.
* A missing level falls back to the nearest defined level above it; ilvl is
  clamped to 0–8; a missing ``w:start`` is 0 (§17.9.25) and an unreadable one is
  treated as missing; an unknown ``w:numFmt`` renders as decimal.

:meth:`NumberingRenderer.number` returns None — the paragraph shows no label —
for numId "0" (numbering switched off), unknown numIds, nums whose abstractNum is
missing or has no levels, levels without ``w:lvlText``, and levels whose
rendered label is empty (``numFmt none`` with empty level text). Counters still
advance for labels that render empty, as in Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from lxml import etree

from drafter.blocks import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
LEVELS = 9
_MAX_LINK_HOPS = 16

_PLACEHOLDER = re.compile(r"%([1-9])")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element: etree._Element | None, child: str) -> str | None:
    """The ``w:val`` of ``element``'s first ``w:child``, or None."""
    if element is None:
        return None
    found = element.find(_w(child))
    if found is None:
        return None
    return found.get(_w("val"))


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        return None


def _id(text: str | None) -> str | None:
    """An id attribute normalised so that "01" and "1" name the same thing."""
    if text is None:
        return None
    text = text.strip()
    number = _int(text)
    return str(number) if number is not None else text or None


def _on(element: etree._Element | None) -> bool:
    """Whether an on/off property element is present and not switched off."""
    if element is None:
        return False
    return element.get(_w("val"), "true").strip().lower() not in {"0", "false", "off"}


# -- level definitions --------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One numbering level as the renderer needs it."""

    start: int = 0
    format: str = "decimal"
    text: str | None = None        # w:lvlText; None when absent (no label)
    restart: int | None = None     # w:lvlRestart: None = default, 0 = never, n = after level n-1
    legal: bool = False            # w:isLgl
    style_id: str | None = None    # w:pStyle
    zero_pad: int = 0              # custom "001, 002, ..." formats: minimum digits


def _parse_level(lvl: etree._Element, base: Level | None = None) -> Level:
    """Read a ``w:lvl``; children it lacks come from ``base`` (override merging)."""
    level = base or Level()
    changes: dict = {}
    start = lvl.find(_w("start"))
    if start is not None:
        changes["start"] = _int(start.get(_w("val"))) or 0
    fmt, pad = _number_format(lvl)
    if fmt is not None:
        changes["format"], changes["zero_pad"] = fmt, pad
    text = lvl.find(_w("lvlText"))
    if text is not None:
        changes["text"] = text.get(_w("val"), "")
    restart = lvl.find(_w("lvlRestart"))
    if restart is not None:
        changes["restart"] = _int(restart.get(_w("val")))
    legal = lvl.find(_w("isLgl"))
    if legal is not None:
        changes["legal"] = _on(legal)
    style = _val(lvl, "pStyle")
    if style:
        changes["style_id"] = style
    return replace(level, **changes)


_CUSTOM_ZERO_PADDED = re.compile(r"^\s*(0+1)\s*,")


def _number_format(lvl: etree._Element) -> tuple[str | None, int]:
    """The level's numFmt and zero padding, reading Word 2010 custom formats too."""
    fmt = _val(lvl, "numFmt")
    if fmt is not None and fmt != "custom":
        return fmt.strip(), 0
    # Word 2010+ writes custom formats as mc:AlternateContent: a w14 Choice with
    # numFmt="custom" w:format="001, 002, 003, ..." and a Fallback for older readers.
    for numfmt in lvl.iterfind(f"{{{MC}}}AlternateContent/*/{_w('numFmt')}"):
        value = (numfmt.get(_w("val")) or "").strip()
        if value == "custom":
            match = _CUSTOM_ZERO_PADDED.match(numfmt.get(_w("format"), ""))
            if match:
                return "decimalZero", len(match.group(1))
            continue
        if value:
            return value, 0
    return fmt, 0


@dataclass(frozen=True)
class _ListDef:
    """A num resolved to the levels it shows and the counters it advances."""

    num_id: str
    counter_key: str                   # resolved abstractNum id: whose counters advance
    levels: tuple[Level | None, ...]   # LEVELS entries, None where nothing is defined
    start_overrides: dict[int, int]
    single_level: bool
    restart_rules: tuple[int | None, ...]  # w:lvlRestart of the abstract levels only

    def level(self, ilvl: int) -> Level | None:
        """The definition for ``ilvl``, else the nearest defined level above it."""
        for index in range(ilvl, -1, -1):
            if self.levels[index] is not None:
                return self.levels[index]
        return None

    def start(self, ilvl: int) -> int:
        if ilvl in self.start_overrides:
            return self.start_overrides[ilvl]
        level = self.level(ilvl)
        return level.start if level else 0


# -- counters ---------------------------------------------------------------


class _Counters:
    """The running counters of one abstract list; None = not used since a restart."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: list[int | None] = [None] * LEVELS

    def restart_from(self, ilvl: int) -> None:
        for index in range(ilvl, LEVELS):
            self.values[index] = None

    def shown(self, ilvl: int, definition: _ListDef) -> int:
        value = self.values[ilvl]
        return definition.start(ilvl) if value is None else value


def _restarts(restart: int | None, own: int, used: int) -> bool:
    """Whether level ``own`` restarts when a paragraph of level ``used`` is met."""
    if used >= own:
        return False
    if restart is None or restart > own or restart > 8 or restart < 0:
        return True  # default (also for values Word ignores): any higher level restarts it
    if restart == 0:
        return False
    return used <= restart - 1


# -- the renderer --------------------------------------------------------------


class NumberingRenderer:
    """Computes the list label Word shows for each list paragraph, in document order.

    Build one per story whose numbering runs together (the main body; use fresh
    renderers for text boxes, notes, headers and footers, as Open XML PowerTools
    does), then call :meth:`number` once for every paragraph that has numbering,
    in reading order, skipping paragraphs the accepted view drops. The label
    excludes the separator Word puts after it (``w:suff``: tab, space, nothing).
    ``language`` ("fi", "sv-FI", "en-GB", ...) changes only the ``ordinal``
    format: Finnish and Swedish ordinals render as "1.", English as "1st".
    """

    def __init__(
        self,
        numbering_root: "etree._Element | None",
        styles_root: "etree._Element | None",
        *,
        language: str | None = None,
    ) -> None:
        self._language = (language or "en").split("-")[0].lower()
        self._abstracts: dict[str, etree._Element] = {}
        self._nums: dict[str, etree._Element] = {}
        self._style_num_ids: dict[str, str] = {}
        self._definitions: dict[str, _ListDef | None] = {}
        self._counters: dict[str, _Counters] = {}
        self._started: set[str] = set()
        if numbering_root is not None:
            for abstract in numbering_root.iterchildren(_w("abstractNum")):
                key = _id(abstract.get(_w("abstractNumId")))
                if key is not None:
                    self._abstracts.setdefault(key, abstract)
            for num in numbering_root.iterchildren(_w("num")):
                key = _id(num.get(_w("numId")))
                if key is not None:
                    self._nums.setdefault(key, num)
        if styles_root is not None:
            self._style_num_ids = _numbering_style_num_ids(styles_root)

    # -- public API ----------------------------------------------------------

    def number(self, num_id: str, ilvl: int) -> Numbering | None:
        """Advance counters for one list paragraph met in document order; return its rendered label."""
        definition = self._definition(num_id)
        if definition is None:
            return None
        ilvl = 0 if definition.single_level else max(0, min(LEVELS - 1, _int(str(ilvl)) or 0))
        level = definition.level(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(definition.counter_key, _Counters())
        if definition.num_id not in self._started:
            self._started.add(definition.num_id)
            for overridden in sorted(definition.start_overrides):
                counters.restart_from(overridden)

        for higher in range(ilvl):
            # A deeper item shows its unused parents at their start value, and
            # from then on they count from there (Word, LibreOffice, PowerTools).
            if counters.values[higher] is None:
                counters.values[higher] = definition.start(higher)
        current = counters.values[ilvl]
        value = definition.start(ilvl) if current is None else current + 1
        counters.values[ilvl] = value
        for lower in range(ilvl + 1, LEVELS):
            if _restarts(definition.restart_rules[lower], lower, ilvl):
                counters.values[lower] = None

        if level.text is None:
            return None
        label = self._render(level, definition, counters).strip()
        if not label:
            return None
        return Numbering(
            num_id=definition.num_id,
            level=ilvl,
            label=label,
            value=None if level.format == "bullet" else value,
            format=level.format,
            abstract_id=definition.counter_key,
        )

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The ilvl whose w:pStyle is style_id in num_id's abstractNum (styles with numPr but no ilvl)."""
        definition = self._definition(num_id)
        if definition is None or not style_id:
            return None
        for ilvl, level in enumerate(definition.levels):
            if level is not None and level.style_id == style_id:
                return ilvl
        return None

    # -- rendering -------------------------------------------------------------

    def _render(self, level: Level, definition: _ListDef, counters: _Counters) -> str:
        text = level.text or ""
        if level.format == "bullet":
            return _bullet_text(_PLACEHOLDER.sub("", text))

        def substitute(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            shown = counters.shown(index, definition)
            referenced = definition.level(index) or level
            fmt, pad = referenced.format, referenced.zero_pad
            if level.legal and fmt not in {"decimalZero", "none"}:
                fmt, pad = "decimal", 0
            return format_number(shown, fmt, language=self._language, zero_pad=pad)

        return _PLACEHOLDER.sub(substitute, text)

    # -- resolution ------------------------------------------------------------

    def _definition(self, num_id: str) -> _ListDef | None:
        key = _id(num_id if isinstance(num_id, str) else str(num_id))
        if key is None or key == "0":
            return None
        if key not in self._definitions:
            self._definitions[key] = self._resolve(key)
        return self._definitions[key]

    def _resolve(self, num_id: str) -> _ListDef | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_key = _id(_val(num, "abstractNumId"))
        abstract = self._abstracts.get(abstract_key) if abstract_key else None
        if abstract is None:
            return None
        definition_key, definition = self._follow_style_links(abstract_key, abstract)
        base_levels: list[Level | None] = [None] * LEVELS
        for lvl in definition.iterchildren(_w("lvl")):
            ilvl = _int(lvl.get(_w("ilvl")))
            if ilvl is not None and 0 <= ilvl < LEVELS and base_levels[ilvl] is None:
                base_levels[ilvl] = _parse_level(lvl)
        levels = list(base_levels)
        start_overrides: dict[int, int] = {}
        for override in num.iterchildren(_w("lvlOverride")):
            ilvl = _int(override.get(_w("ilvl")))
            if ilvl is None or not 0 <= ilvl < LEVELS:
                continue
            lvl = override.find(_w("lvl"))
            if lvl is not None:
                levels[ilvl] = _parse_level(lvl, base_levels[ilvl])
            start = _int(_val(override, "startOverride"))
            if start is not None:
                start_overrides[ilvl] = start
        if all(level is None for level in levels):
            return None
        single = (_val(definition, "multiLevelType") or "").strip() == "singleLevel"
        restart_rules = tuple(level.restart if level else None for level in base_levels)
        return _ListDef(num_id, definition_key, tuple(levels), start_overrides, single, restart_rules)

    def _follow_style_links(self, key: str, abstract: etree._Element) -> tuple[str, etree._Element]:
        """Follow ``w:numStyleLink`` to the abstractNum that holds the levels."""
        seen = {key}
        for _ in range(_MAX_LINK_HOPS):
            style_id = _val(abstract, "numStyleLink")
            if not style_id:
                break
            num = self._nums.get(self._style_num_ids.get(style_id.strip(), ""))
            target_key = _id(_val(num, "abstractNumId")) if num is not None else None
            target = self._abstracts.get(target_key) if target_key else None
            if target is None or target_key in seen:
                break
            seen.add(target_key)
            key, abstract = target_key, target
        return key, abstract


def _numbering_style_num_ids(styles_root: etree._Element) -> dict[str, str]:
    """numId of every style's pPr/numPr, following basedOn (for numStyleLink targets)."""
    direct: dict[str, str | None] = {}
    based_on: dict[str, str] = {}
    for style in styles_root.iterchildren(_w("style")):
        style_id = style.get(_w("styleId"))
        if not style_id:
            continue
        num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
        direct.setdefault(style_id, _id(_val(num_pr, "numId")) if num_pr is not None else None)
        parent = _val(style, "basedOn")
        if parent:
            based_on.setdefault(style_id, parent)
    resolved: dict[str, str] = {}
    for style_id in direct:
        current, seen = style_id, set()
        while current is not None and current not in seen:
            seen.add(current)
            if direct.get(current):
                resolved[style_id] = direct[current]
                break
            current = based_on.get(current)
    return resolved


# -- number formats -------------------------------------------------------------

# Symbol and Wingdings bullets are stored as private-use characters (U+F0xx).
_SYMBOL_BULLETS = {
    "\uf0b7": "•", "\uf0a7": "▪", "\uf06e": "■", "\uf071": "❑", "\uf076": "❖",
    "\uf0d8": "➢", "\uf0fc": "✓", "\uf0a8": "◆", "\uf02d": "–", "\uf0e0": "➔",
    "\uf0f0": "⇨", "\uf0a1": "○", "\uf06f": "□", "\uf075": "◆", "\uf0b2": "◇",
}


def _bullet_text(text: str) -> str:
    return "".join(_SYMBOL_BULLETS.get(char, char) for char in text)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _letters(value: int) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa … (the letter repeats)."""
    repeat, index = divmod(value - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}


def _cardinal_words(value: int) -> str:
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    for size, name in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"), (100, "hundred")):
        if value >= size:
            high, rest = divmod(value, size)
            words = f"{_cardinal_words(high)} {name}"
            if rest:
                words += (" and " if size == 100 or rest < 100 else " ") + _cardinal_words(rest)
            return words
    return str(value)  # unreachable


def _ordinal_words(value: int) -> str:
    words = _cardinal_words(value)
    head, sep, last = words.rpartition(" ")
    prefix, dash, final = last.rpartition("-")
    if final in _ORDINAL_WORDS:
        final = _ORDINAL_WORDS[final]
    elif final.endswith("y"):
        final = final[:-1] + "ieth"
    else:
        final += "th"
    return head + sep + prefix + dash + final


def _ordinal_suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


_CJK_DIGITS = "〇一二三四五六七八九"


def _cjk_counting(value: int) -> str:
    """Chinese/Japanese counting numerals for 1–9999: 十一, 二十, 一百零五, 三千二百."""
    if value < 10:
        return _CJK_DIGITS[value]
    out, pending_zero = [], False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, size)
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if not (size == 10 and digit == 1 and not out):
            out.append(_CJK_DIGITS[digit])
        out.append(unit)
    return "".join(out)


_CJK_COUNTING = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"}
_CHICAGO = "*†‡§"
_MAX_SYMBOLIC = 3999  # largest value shown in roman, letters or chicago symbols
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def format_number(value: int, fmt: str, *, language: str = "en", zero_pad: int = 0) -> str:
    """Render ``value`` in the w:numFmt ``fmt`` the way Word shows it.

    Values a format cannot show (0 or negative in roman or letters, above 3999
    in roman, letters or chicago symbols, beyond the enclosed-character range)
    fall back to decimal; unknown formats render as
    decimal. ``language`` matters only for ordinal formats ("fi" and "sv" use
    "1.", English "1st").
    """
    if fmt == "none" or fmt == "bullet":
        return ""
    if value <= 0 and fmt not in {"decimal", "decimalZero", "numberInDash"}:
        return str(value)
    if fmt == "decimalZero":
        return str(value).zfill(max(2, zero_pad)) if value >= 0 else str(value)
    if value > _MAX_SYMBOLIC and fmt in {"upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "chicago"}:
        return str(value)  # would be an absurdly long run of repeated symbols
    if fmt in {"upperRoman", "lowerRoman"}:
        numeral = _roman(value)
        return numeral if fmt == "upperRoman" else numeral.lower()
    if fmt in {"upperLetter", "lowerLetter"}:
        letters = _letters(value)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt == "ordinal":
        return f"{value}." if language in {"fi", "sv", "de", "da", "nb", "no", "nn", "is"} else f"{value}{_ordinal_suffix(value)}"
    if fmt == "cardinalText":
        return _cardinal_words(value).capitalize()
    if fmt == "ordinalText":
        return _ordinal_words(value).capitalize()
    if fmt == "hex":
        return format(value, "X")
    if fmt == "chicago":
        repeat, index = divmod(value - 1, len(_CHICAGO))
        return _CHICAGO[index] * (repeat + 1)
    if fmt == "numberInDash":
        return f"- {value} -"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(_FULL_WIDTH)
    if fmt in _CJK_COUNTING and value < 10000:
        return _cjk_counting(value)
    if fmt == "ideographTraditional" and value <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[value - 1]
    if fmt == "decimalEnclosedCircle" and value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedFullstop" and value <= 20:
        return chr(0x2488 + value - 1)
    if fmt == "decimalEnclosedParen" and value <= 20:
        return chr(0x2474 + value - 1)
    return str(value)
