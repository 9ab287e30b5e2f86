"""The terminal report: grouping by measure, summary lines, verbose and quiet modes, colour."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import given, strategies as st

from drafter.checks.registry import context_excerpt
from drafter.report.results import FileResult, group_by_measure, split_context
from drafter.report.text import render_text, summary_line
from report_samples import clean_result, sample_result, unreadable_result

GOLDEN = Path(__file__).parent / "golden" / "reports"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DRAFTER_REGENERATE"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; DRAFTER_REGENERATE=1 rewrites it"


def test_verbose_report_matches_the_golden_file():
    check_golden("sample-verbose.txt", render_text([sample_result(), unreadable_result(), clean_result()], verbose=True))


def test_findings_are_grouped_by_measure_in_document_order_then_document_level():
    text = render_text([sample_result()])
    headings = [line.strip() for line in text.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert headings == [
        "note: spaCy model for Finnish is not installed: LAN rules skipped.",
        "Toimenpide 21 — Laaditaan poliisille valtakunnallinen toimintamalli …",
        "Toimenpide 22 — Vahvistetaan uhrien oikeudellista neuvontaa",
        "Toimenpide 23 — Ehdotamme, että työ- ja elinkeinoministeriö selvittää …",
        "Document",
    ]
    assert [g.number for g in group_by_measure(sample_result())] == [21, 22, 23, None]


def test_each_finding_is_one_line_with_location_severity_rule_and_message():
    lines = render_text([sample_result()]).splitlines()
    line = next(l for l in lines if "STY001" in l)
    assert re.fullmatch(r"\s+¶46\s+warning\s+STY001 clock-time-colon\s+Clock times take a period: "
                        r"write '14\.00', not '14:00'\.", line)
    assert any(re.fullmatch(r"\s+footnote ¶3\s+info\s+STY010 double-space\s+Two spaces in a row\.", l) for l in lines)


def test_summary_line_counts_severities_measures_and_fixes():
    assert summary_line(sample_result()) == (
        "toimintaohjelma-luonnos.docx: 2 errors, 3 warnings, 2 info in 3 measures (4 fixable, 3 safe; 2 suppressed)")
    assert summary_line(clean_result()) == "valmis.docx: 0 errors, 0 warnings, 0 info in 3 measures (0 fixable, 0 safe)"


def test_singular_counts_read_as_singular():
    result = sample_result()
    one_each = FileResult(result.file, result.programme,
                          tuple(f for f in result.findings if f.rule in {"NUM001", "STY001", "OUT001"}))
    assert "1 error, 1 warning, 1 info in 3 measures (2 fixable, 2 safe)" in summary_line(one_each)


def test_quiet_mode_prints_only_the_summary_lines():
    text = render_text([sample_result(), clean_result()], quiet=True)
    assert text.splitlines() == [
        summary_line(sample_result()), summary_line(clean_result()),
        "2 files: 2 errors, 3 warnings, 2 info",
    ]


def test_an_unreadable_file_is_one_line_and_the_others_are_still_reported():
    text = render_text([unreadable_result(), sample_result()])
    broken = [l for l in text.splitlines() if "broken.docx" in l]
    assert broken == ["broken.docx: cannot be read: not a Word document (the file is not a ZIP package)"]
    assert "STY001" in text
    assert text.splitlines()[-1] == "2 files: 2 errors, 3 warnings, 2 info (1 could not be read)"


def test_verbose_mode_marks_the_offending_text_under_the_context():
    lines = render_text([sample_result()], verbose=True).splitlines()
    at = next(i for i, l in enumerate(lines) if "STY001" in l)
    context, carets = lines[at + 1], lines[at + 2]
    assert context.strip().startswith("│ Neuvontaa tarjotaan")
    assert re.fullmatch(r"\s+│ +\^{5}", carets)
    assert context[carets.index("^"):carets.index("^") + 5] == "14:00"
    assert lines[at + 3].strip() == "fix (safe): replace '14:00' with '14.00'"
    assert lines[at + 4].strip() == "see: drafter explain STY001"


def test_verbose_mode_names_fixes_of_every_applicability_and_shows_details():
    text = render_text([sample_result()], verbose=True)
    assert "fix (unsafe): replace 'TEM' with 'työ- ja elinkeinoministeriö'" in text
    assert "fix (display-only): Rephrase in the passive" in text
    assert "typical: passive (40 of 45)" in text


def test_plain_output_has_no_escape_codes_and_colour_output_styles_severities():
    plain = render_text([sample_result()], verbose=True)
    assert "\x1b[" not in plain
    coloured = render_text([sample_result()], verbose=True, color=True)
    assert "\x1b[31m" in coloured and "\x1b[33m" in coloured  # red errors, yellow warnings
    assert ANSI.sub("", coloured) == plain


def test_swedish_drafts_head_groups_with_the_swedish_word_for_measure():
    result = sample_result()
    programme = replace(result.programme, language="sv")
    text = render_text([FileResult(result.file, programme, result.findings)])
    assert "  Åtgärd 22 — Vahvistetaan uhrien oikeudellista neuvontaa" in text.splitlines()


@given(
    st.text(alphabet="abc äö.,:", min_size=1, max_size=200),
    st.integers(min_value=0, max_value=199), st.integers(min_value=1, max_value=8),
)
def test_the_offending_text_is_found_again_in_its_context_excerpt(paragraph, start, length):
    start = min(start, len(paragraph) - 1)
    end = min(len(paragraph), start + length)
    text = paragraph[start:end]
    context = context_excerpt(paragraph, start, end)
    parts = split_context(context, text, start)
    assert parts is not None and "".join(parts) == context and parts[1] == text
    if not context.startswith("…"):
        assert parts[0] == paragraph[:start]
    elif context.count(text) == 1:
        assert paragraph[:start].endswith(parts[0][1:])
