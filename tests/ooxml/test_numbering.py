"""Rendered list numbers: what Word shows in front of auto-numbered paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.ooxml.numbering import NumberingRenderer, format_number
from drafter.ooxml.package import Package

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lvl(ilvl: int, fmt: str = "decimal", text: str | None = None, start: int | None = 1, extra: str = "") -> str:
    """A w:lvl element; text defaults to "%<ilvl+1>."."""
    text = f"%{ilvl + 1}." if text is None else text
    start_xml = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}">{start_xml}<w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering(*parts: str) -> etree._Element:
    return etree.fromstring(f"<w:numbering {NS}>{''.join(parts)}</w:numbering>")


def abstract(abstract_id: str, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: str, abstract_id: str, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def labels(renderer: NumberingRenderer, *items: tuple[str, int]) -> list[str | None]:
    out = []
    for num_id, ilvl in items:
        result = renderer.number(num_id, ilvl)
        out.append(result.label if result else None)
    return out


# -- simple lists ---------------------------------------------------------------


def test_a_simple_decimal_list_counts_from_one():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0)), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0), ("1", 0)) == ["1.", "2.", "3."]


def test_the_numbering_value_names_num_level_format_and_abstract_list():
    renderer = NumberingRenderer(numbering(abstract("7", lvl(0)), num("3", "7")), None)
    renderer.number("3", 0)
    second = renderer.number("3", 0)
    assert (second.num_id, second.level, second.label, second.value, second.format, second.abstract_id) == \
        ("3", 0, "2.", 2, "decimal", "7")


def test_a_list_starts_at_its_start_value():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, start=12)), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0)) == ["12.", "13."]


def test_a_level_without_start_counts_from_zero_as_the_standard_says():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, start=None)), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0)) == ["0.", "1."]


def test_a_paren_level_text_renders_as_number_and_paren():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, text="%1)")), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0)) == ["1)", "2)"]


def test_upper_roman_renders_the_fourth_item_as_iv():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, "upperRoman", "%1")), num("1", "0")), None)
    assert labels(renderer, *[("1", 0)] * 4)[-1] == "IV"


def test_lower_letter_renders_the_second_item_as_b_paren():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, "lowerLetter", "%1)")), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0)) == ["a)", "b)"]


def test_letters_beyond_z_repeat_the_letter_as_word_does():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, "lowerLetter", "%1)", start=26)), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0), ("1", 0)) == ["z)", "aa)", "bb)"]


def test_bullets_render_their_character_and_have_no_value():
    parts = numbering(
        abstract("0", lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "o"), lvl(2, "bullet", "–")),
        num("1", "0"),
    )
    renderer = NumberingRenderer(parts, None)
    first = renderer.number("1", 0)
    assert (first.label, first.value, first.format) == ("•", None, "bullet")
    assert labels(renderer, ("1", 1), ("1", 2)) == ["o", "–"]


# -- continuing and restarting lists ------------------------------------------------


def test_two_nums_of_one_abstract_list_continue_one_count():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0)), num("1", "0"), num("2", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0), ("2", 0), ("1", 0)) == ["1.", "2.", "3.", "4."]


def test_two_abstract_lists_count_separately():
    parts = numbering(abstract("0", lvl(0)), abstract("1", lvl(0)), num("1", "0"), num("2", "1"))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("2", 0), ("1", 0), ("2", 0)) == ["1.", "1.", "2.", "2."]


def test_a_start_override_restarts_the_shared_count_at_the_first_paragraph_of_its_num():
    parts = numbering(abstract("0", lvl(0)), num("1", "0"), num("2", "0", start_override(0, 1)))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 0), ("1", 0), ("2", 0), ("2", 0), ("1", 0)) == \
        ["1.", "2.", "3.", "1.", "2.", "3."]


def test_a_start_override_can_restart_at_any_value():
    parts = numbering(abstract("0", lvl(0)), num("17", "0", start_override(0, 1)),
                      num("18", "0", start_override(0, 7)))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("17", 0), ("17", 0), ("18", 0), ("18", 0)) == ["1.", "2.", "7.", "8."]


def test_a_start_override_is_also_the_start_when_its_level_restarts_later():
    parts = numbering(abstract("0", lvl(0), lvl(1, "lowerLetter", "%2)")),
                      num("1", "0", start_override(1, 4)))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1)) == \
        ["1.", "d)", "e)", "2.", "d)"]


def test_a_level_override_with_its_own_lvl_replaces_the_format_for_that_num_only():
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "upperRoman", "%1 -")}</w:lvlOverride>'
    parts = numbering(abstract("0", lvl(0)), num("1", "0"), num("2", "0", override))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("2", 0), ("1", 0)) == ["1.", "II -", "3."]


def test_a_partial_level_override_keeps_what_it_does_not_redefine():
    override = '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="upperLetter"/></w:lvl></w:lvlOverride>'
    parts = numbering(abstract("0", lvl(0, text="%1)")), num("1", "0", override))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 0)) == ["A)", "B)"]


def test_numid_zero_and_unknown_numids_have_no_label():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0)), num("1", "0")), None)
    assert renderer.number("0", 0) is None
    assert renderer.number("99", 0) is None
    assert labels(renderer, ("1", 0)) == ["1."]


# -- multilevel lists ----------------------------------------------------------------


def multilevel(*extra_levels: str) -> etree._Element:
    return numbering(
        abstract("0", lvl(0, text="%1."), lvl(1, text="%1.%2."), lvl(2, text="%1.%2.%3."), *extra_levels),
        num("1", "0"),
    )


def test_multilevel_text_shows_every_level_and_lower_levels_restart():
    renderer = NumberingRenderer(multilevel(), None)
    assert labels(renderer, ("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 0), ("1", 1), ("1", 2), ("1", 2)) == \
        ["1.", "1.1.", "1.2.", "1.2.1.", "2.", "2.1.", "2.1.1.", "2.1.2."]


def test_a_level_used_before_its_parent_shows_the_parents_start_value_and_the_parent_counts_on():
    renderer = NumberingRenderer(multilevel(), None)
    assert labels(renderer, ("1", 1), ("1", 1), ("1", 0), ("1", 2)) == ["1.1.", "1.2.", "2.", "2.1.1."]


def test_lvl_restart_zero_keeps_a_lower_level_counting_across_higher_levels():
    parts = numbering(
        abstract("0", lvl(0), lvl(1, text="%1.%2.", extra='<w:lvlRestart w:val="0"/>')),
        num("1", "0"),
    )
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1)) == ["1.", "1.1.", "1.2.", "2.", "2.3."]


def test_lvl_restart_one_restarts_a_third_level_only_when_the_first_level_is_used():
    parts = numbering(
        abstract("0", lvl(0), lvl(1, text="%1.%2."),
                 lvl(2, text="(%3)", extra='<w:lvlRestart w:val="1"/>')),
        num("1", "0"),
    )
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 1), ("1", 2), ("1", 1), ("1", 2), ("1", 0), ("1", 1), ("1", 2)) == \
        ["1.", "1.1.", "(1)", "1.2.", "(2)", "2.", "2.1.", "(1)"]


def test_each_placeholder_uses_its_own_levels_format():
    parts = numbering(
        abstract("0", lvl(0, "upperRoman", "%1"), lvl(1, "lowerLetter", "%1.%2)")),
        num("1", "0"),
    )
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 0), ("1", 1)) == ["I", "II", "II.a)"]


def test_legal_numbering_shows_every_level_as_decimal():
    parts = numbering(
        abstract("0", lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "%1.%2.", extra="<w:isLgl/>")),
        num("1", "0"),
    )
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 0), ("1", 1), ("1", 1)) == ["I.", "II.", "2.1.", "2.2."]
    assert renderer.number("1", 1).format == "lowerLetter"


def test_a_single_level_list_numbers_every_paragraph_at_level_zero():
    parts = numbering(abstract("0", lvl(0), lvl(1, "lowerLetter", "%2)"),
                               extra='<w:multiLevelType w:val="singleLevel"/>'), num("1", "0"))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 1), ("1", 3)) == ["1.", "2.", "3."]


# -- list styles -----------------------------------------------------------------------


STYLES_WITH_LIST_STYLE = f"""
<w:styles {NS}>
  <w:style w:type="numbering" w:styleId="Toimenpiteet">
    <w:name w:val="Toimenpiteet"/>
    <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Toimenpide">
    <w:name w:val="Toimenpide"/>
    <w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr>
  </w:style>
</w:styles>
"""


def list_style_numbering() -> etree._Element:
    return numbering(
        abstract("10", lvl(0, text="%1)", extra='<w:pStyle w:val="Toimenpide"/>'),
                 lvl(1, "lowerLetter", "%1%2)"), extra='<w:styleLink w:val="Toimenpiteet"/>'),
        abstract("11", extra='<w:numStyleLink w:val="Toimenpiteet"/>'),
        abstract("12", extra='<w:numStyleLink w:val="Toimenpiteet"/>'),
        num("5", "10"), num("6", "11"), num("7", "12"),
    )


def test_a_num_style_link_takes_its_levels_from_the_list_style():
    renderer = NumberingRenderer(list_style_numbering(), etree.fromstring(STYLES_WITH_LIST_STYLE))
    first = renderer.number("6", 0)
    assert (first.label, first.abstract_id) == ("1)", "10")
    assert labels(renderer, ("6", 1), ("6", 0)) == ["1a)", "2)"]


def test_lists_built_on_one_list_style_continue_one_count():
    renderer = NumberingRenderer(list_style_numbering(), etree.fromstring(STYLES_WITH_LIST_STYLE))
    assert labels(renderer, ("6", 0), ("7", 0), ("5", 0)) == ["1)", "2)", "3)"]


def test_a_style_link_cycle_degrades_to_no_label_without_raising():
    styles = etree.fromstring(f"""<w:styles {NS}>
      <w:style w:type="numbering" w:styleId="A"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
      <w:style w:type="numbering" w:styleId="B"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>""")
    parts = numbering(
        abstract("0", extra='<w:numStyleLink w:val="B"/>'),
        abstract("1", extra='<w:numStyleLink w:val="A"/>'),
        num("1", "0"), num("2", "1"),
    )
    renderer = NumberingRenderer(parts, styles)
    assert renderer.number("1", 0) is None
    assert renderer.number("2", 0) is None


def test_the_level_for_a_paragraph_style_is_found_through_the_style_link():
    renderer = NumberingRenderer(list_style_numbering(), etree.fromstring(STYLES_WITH_LIST_STYLE))
    assert renderer.level_for_style("6", "Toimenpide") == 0
    assert renderer.level_for_style("6", "Normal") is None
    assert renderer.level_for_style("404", "Toimenpide") is None


def test_level_for_style_finds_a_deeper_level():
    parts = numbering(
        abstract("0", lvl(0, extra='<w:pStyle w:val="Heading1"/>'), lvl(1, text="%1.%2", extra='<w:pStyle w:val="Heading2"/>')),
        num("1", "0"),
    )
    assert NumberingRenderer(parts, None).level_for_style("1", "Heading2") == 1


# -- malformed definitions ------------------------------------------------------------------


def test_a_missing_level_borrows_the_definition_of_the_nearest_level_above_it():
    parts = numbering(abstract("0", lvl(0, text="%1)"), lvl(1, "lowerLetter", "%2)")), num("1", "0"))
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 0), ("1", 1), ("1", 3), ("1", 3), ("1", 1)) == ["1)", "a)", "a)", "a)", "b)"]


def test_a_non_integer_start_is_read_as_no_start():
    parts = numbering(abstract("0", '<w:lvl w:ilvl="0"><w:start w:val="x1"/><w:numFmt w:val="decimal"/>'
                                    '<w:lvlText w:val="%1."/></w:lvl>'), num("1", "0"))
    assert labels(NumberingRenderer(parts, None), ("1", 0)) == ["0."]


def test_a_missing_abstract_list_gives_no_label():
    assert NumberingRenderer(numbering(num("1", "42")), None).number("1", 0) is None


def test_a_num_without_abstract_id_gives_no_label():
    parts = numbering(abstract("0", lvl(0)), '<w:num w:numId="1"/>')
    assert NumberingRenderer(parts, None).number("1", 0) is None


def test_a_level_without_level_text_or_with_empty_none_format_shows_no_label_but_counts():
    parts = numbering(
        abstract("0", '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>',
                 lvl(1, "none", "")),
        num("1", "0"),
    )
    renderer = NumberingRenderer(parts, None)
    assert renderer.number("1", 0) is None
    assert renderer.number("1", 1) is None


def test_an_unknown_format_renders_as_decimal():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, "klingon")), num("1", "0")), None)
    assert labels(renderer, ("1", 0), ("1", 0)) == ["1.", "2."]


def test_out_of_range_levels_are_clamped_and_garbage_ids_ignored():
    parts = numbering(abstract("0", *[lvl(i, text=f"L{i}-%{i + 1}") for i in range(9)]), num("1", "0"),
                      '<w:num w:numId="x"><w:abstractNumId w:val="zz"/></w:num>',
                      '<w:abstractNum><w:lvl w:ilvl="nine"/></w:abstractNum>')
    renderer = NumberingRenderer(parts, None)
    assert labels(renderer, ("1", 12), ("1", -3)) == ["L8-1", "L0-2"]
    assert renderer.number("x", 0) is None


def test_no_numbering_part_gives_no_labels():
    assert NumberingRenderer(None, None).number("1", 0) is None
    assert NumberingRenderer(None, None).level_for_style("1", "ListNumber") is None


def test_word_2010_custom_zero_padded_format_is_honoured():
    lvl_xml = ('<w:lvl w:ilvl="0"><w:start w:val="1"/>'
               '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
               '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
               '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
               '<w:lvlText w:val="%1."/></w:lvl>')
    renderer = NumberingRenderer(numbering(abstract("0", lvl_xml), num("1", "0")), None)
    assert labels(renderer, ("1", 0)) == ["001."]


# -- number formats --------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (7, "decimalZero", "07"),
    (12, "decimalZero", "12"),
    (1994, "upperRoman", "MCMXCIV"),
    (9, "lowerRoman", "ix"),
    (1, "upperLetter", "A"),
    (27, "upperLetter", "AA"),
    (53, "lowerLetter", "aaa"),
    (1, "ordinal", "1st"),
    (12, "ordinal", "12th"),
    (23, "ordinal", "23rd"),
    (3, "cardinalText", "Three"),
    (42, "cardinalText", "Forty-two"),
    (2, "ordinalText", "Second"),
    (21, "ordinalText", "Twenty-first"),
    (5, "decimalEnclosedCircle", "⑤"),
    (6, "chineseCounting", "六"),
    (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"),
    (105, "chineseCountingThousand", "一百零五"),
    (3010, "chineseCountingThousand", "三千零一十"),
    (0, "upperRoman", "0"),
    (10**20, "upperRoman", str(10**20)),
    (10**20, "lowerLetter", str(10**20)),
])
def test_number_formats_render_like_word(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_ordinals_in_finnish_and_swedish_take_a_period():
    assert format_number(3, "ordinal", language="fi") == "3."
    assert format_number(3, "ordinal", language="sv") == "3."


def test_the_renderer_language_reaches_ordinal_labels():
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, "ordinal", "%1")), num("1", "0")), None, language="fi-FI")
    assert labels(renderer, ("1", 0), ("1", 0)) == ["1.", "2."]


# -- a real document ------------------------------------------------------------------------


def _direct_or_style_num_pr(paragraph, styles_root) -> tuple[str, int | None, str | None] | None:
    """(numId, ilvl, styleId) from the paragraph's numPr, else from its style's (basedOn followed)."""
    ppr = paragraph.find(f"{W}pPr")
    style_el = ppr.find(f"{W}pStyle") if ppr is not None else None
    style_id = style_el.get(f"{W}val") if style_el is not None else None
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is not None and num_pr.find(f"{W}numId") is not None:
        ilvl_el = num_pr.find(f"{W}ilvl")
        return num_pr.find(f"{W}numId").get(f"{W}val"), \
            int(ilvl_el.get(f"{W}val")) if ilvl_el is not None else None, style_id
    seen, current = set(), style_id
    while current and current not in seen:
        seen.add(current)
        style = next((s for s in styles_root.iter(f"{W}style") if s.get(f"{W}styleId") == current), None)
        if style is None:
            return None
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            ilvl_el = num_pr.find(f"{W}ilvl")
            return num_pr.find(f"{W}numId").get(f"{W}val"), \
                int(ilvl_el.get(f"{W}val")) if ilvl_el is not None else None, current
        based = style.find(f"{W}basedOn")
        current = based.get(f"{W}val") if based is not None else None
    return None


def test_pandoc_list_restart_document_numbers_as_word_shows_it(external_corpus):
    # pandoc issue 8367: section 2 restarts with a startOverride on a second num of
    # the same abstract list, and its later items (style numbering, numId 1)
    # continue that restarted count: Word shows 1–3, then 1–4 (pandoc's
    # test/docx/lists_restart_8367.native has the same two lists).
    package = Package(external_corpus / "pandoc" / "lists_restart_8367.docx")
    styles = package.xml("word/styles.xml")
    renderer = NumberingRenderer(package.xml("word/numbering.xml"), styles)
    rendered = []
    for paragraph in package.xml(package.main_part).iter(f"{W}p"):
        text = "".join(paragraph.itertext()).strip()
        num_pr = _direct_or_style_num_pr(paragraph, styles)
        if num_pr is None:
            continue
        num_id, ilvl, style_id = num_pr
        if ilvl is None:
            ilvl = renderer.level_for_style(num_id, style_id) or 0
        result = renderer.number(num_id, ilvl)
        rendered.append(f"{result.label} {text}" if result else text)
    assert rendered == [
        "1. Item 1", "2. Item 2", "3. Item 3",
        "1. Item 1", "2. Item 2", "3. Item 3", "4. Item 4",
    ]


# -- robustness -------------------------------------------------------------------------------

_ATTR_TEXT = st.sampled_from(["1", "0", "-2", "7", "x", "", " 3 ", "99999999999999999999"])
_FORMATS = st.sampled_from(["decimal", "bullet", "none", "upperRoman", "lowerLetter", "ordinalText", "chicago",
                            "decimalZero", "custom", "chineseCounting", "", "bogus"])
_LEVEL_TEXT = st.text(alphabet="%123456789.)( a\uf0b7", max_size=8)


@st.composite
def hostile_numbering(draw):
    levels = []
    for ilvl in draw(st.lists(st.sampled_from(["0", "1", "2", "8", "9", "-1", "a"]), max_size=5)):
        children = []
        if draw(st.booleans()):
            children.append(f'<w:start w:val="{draw(_ATTR_TEXT)}"/>')
        if draw(st.booleans()):
            children.append(f'<w:numFmt w:val="{draw(_FORMATS)}"/>')
        if draw(st.booleans()):
            children.append(f'<w:lvlText w:val="{draw(_LEVEL_TEXT)}"/>')
        if draw(st.booleans()):
            children.append(f'<w:lvlRestart w:val="{draw(_ATTR_TEXT)}"/>')
        if draw(st.booleans()):
            children.append("<w:isLgl/>")
        levels.append(f'<w:lvl w:ilvl="{ilvl}">{"".join(children)}</w:lvl>')
    link = draw(st.sampled_from(["", '<w:numStyleLink w:val="S"/>', '<w:styleLink w:val="S"/>']))
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{draw(_ATTR_TEXT)}"><w:startOverride w:val="{draw(_ATTR_TEXT)}"/>'
        f'{levels[0] if levels and draw(st.booleans()) else ""}</w:lvlOverride>'
        for _ in range(draw(st.integers(0, 2)))
    )
    parts = [abstract(draw(st.sampled_from(["0", "1"])), *levels, extra=link),
             abstract("1", lvl(0), extra=draw(st.sampled_from(["", '<w:numStyleLink w:val="S"/>']))),
             num("1", "0", overrides), num("2", draw(st.sampled_from(["1", "5", ""])))]
    styles = etree.fromstring(f'<w:styles {NS}><w:style w:type="numbering" w:styleId="S"><w:pPr><w:numPr>'
                              f'<w:numId w:val="{draw(st.sampled_from(["1", "2", "3"]))}"/></w:numPr></w:pPr></w:style></w:styles>')
    return numbering(*parts), styles


@settings(max_examples=300, deadline=None)
@given(hostile_numbering(), st.lists(st.tuples(st.sampled_from(["0", "1", "2", "3", "x"]), st.integers(-2, 12)), max_size=12))
def test_malformed_numbering_never_raises_and_labels_are_text_or_none(parts, paragraphs):
    numbering_root, styles_root = parts
    renderer = NumberingRenderer(numbering_root, styles_root)
    for num_id, ilvl in paragraphs:
        result = renderer.number(num_id, ilvl)
        assert result is None or (isinstance(result.label, str) and result.label.strip() == result.label != "")
        renderer.level_for_style(num_id, "S")


@given(st.integers(0, 500), st.integers(1, 60))
def test_a_plain_list_of_n_items_ends_at_start_plus_n_minus_one(start, count):
    renderer = NumberingRenderer(numbering(abstract("0", lvl(0, start=start)), num("1", "0")), None)
    assert labels(renderer, *[("1", 0)] * count)[-1] == f"{start + count - 1}."
