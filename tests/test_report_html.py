"""The HTML report: self-contained, escaped, accessible, and its filters work in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafter.report.html import funding_view, render_html
from report_samples import clean_result, sample_result, unreadable_result

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GENERATED = datetime(2021, 2, 1, 9, 30, tzinfo=timezone.utc)
FUNDING = [
    {"measure": 21, "status": "virkatyö", "amount": None, "budget_note": None},
    {"measure": 22, "status": "lisärahoitus", "amount": "250 000 €", "budget_note": False},
    {"measure": 23, "status": "lisärahoitus", "amount": "1,2 milj. €", "budget_note": True},
]


class _Page(HTMLParser):
    """Collect the elements of a page: (tag, attributes) in order, and the text of <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.elements if t == tag]


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def sample_html(**kwargs) -> str:
    return render_html([sample_result(funding=FUNDING)], generated=GENERATED, **kwargs)


def test_the_page_needs_nothing_from_the_network():
    html = render_html([sample_result(funding=FUNDING), unreadable_result(), clean_result()], generated=GENERATED)
    page = parse(html)
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    assert all("src" not in attrs for attrs in page.all("script"))
    for _, attrs in page.elements:
        for name in ("src", "href", "action", "srcset"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), f"{name}={value!r} reaches outside the page"
    css = "".join(page.styles)
    assert "@import" not in css and "url(" not in css
    assert not re.search(r"https?://", html)


def test_draft_text_is_escaped_and_the_only_script_is_the_report_s_own():
    html = sample_html()
    page = parse(html)
    assert len(page.all("script")) == 1
    assert "&lt;script&gt;-tunnisteiden" in html
    assert "<mark>TEM</mark> &amp; &lt;b&gt;Poliisihallitus&lt;/b&gt;" in html
    assert not page.all("b")


def test_the_offending_text_is_marked_inside_its_context():
    html = sample_html()
    assert "kello <mark>14:00</mark> alkaen" in html
    assert "<mark>21.</mark> Laaditaan poliisille" in html


def test_the_page_language_is_the_draft_s_and_report_chrome_is_marked_english():
    page = parse(sample_html())
    assert page.all("html")[0]["lang"] == "fi"
    assert page.all("header")[0]["lang"] == "en"
    assert all(attrs.get("lang") == "en" for attrs in page.all("p") if "message" in (attrs.get("class") or ""))


def test_every_finding_is_rendered_with_its_rule_category_severity_and_measure_key():
    page = parse(sample_html())
    findings = [a for a in page.all("li") if "finding" in (a.get("class") or "").split()]
    assert len(findings) == 7
    assert sorted(a["data-severity"] for a in findings) == ["error", "error", "info", "info",
                                                            "warning", "warning", "warning"]
    assert {a["data-measure"] for a in findings} == {"21", "22", "23", "document"}
    assert {a["data-category"] for a in findings} == {"numbering", "style", "authority", "outlier",
                                                      "leftover", "accessibility"}


def test_every_in_page_link_has_a_target_and_ids_are_unique():
    page = parse(render_html([sample_result(funding=FUNDING), clean_result()], generated=GENERATED))
    ids = [attrs["id"] for _, attrs in page.elements if attrs.get("id")]
    assert len(ids) == len(set(ids))
    targets = [attrs["href"][1:] for attrs in page.all("a")]
    assert targets and set(targets) <= set(ids)
    # Each finding inside a measure links to that measure's section.
    assert "f0-measure-22" in targets and "f1-measure-22" not in targets


def test_the_chart_is_an_accessible_svg_with_text_labels():
    html = sample_html()
    page = parse(html)
    svg = page.all("svg")[0]
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert {"id": title_id} == {k: v for k, v in page.all("title")[1].items()}
    assert "style: 1 warning, 1 info" in html
    assert re.search(r'<text class="bar-label"[^>]*>numbering</text>', html)
    assert len(page.all("rect")) == 7  # one segment per (category, severity) present


def test_filters_have_labels_for_every_control():
    page = parse(sample_html())
    labels = page.all("label")
    boxes = [a for a in page.all("input") if a.get("type") == "checkbox"]
    assert len(boxes) == 3 + 6  # severities + categories present
    assert page.all("select")[0]["id"] == "measure-filter"
    assert any(a.get("for") == "measure-filter" for a in labels)
    assert len(page.all("legend")) == 2  # the checkbox groups are fieldsets with legends


def test_the_funding_table_appears_only_when_a_summary_exists():
    with_funding = sample_html()
    assert "Funding</h3>" in with_funding and "250 000 €" in with_funding
    assert '<strong class="missing">missing</strong>' in with_funding
    without = render_html([sample_result()], generated=GENERATED)
    assert "Funding</h3>" not in without


def test_the_funding_summary_of_drafter_funding_fills_the_table_and_totals():
    funding = pytest.importorskip("drafter.funding")
    result = sample_result()
    summary = funding.funding_summary(result.programme)
    html = render_html([sample_result(funding=summary)], generated=GENERATED)
    table = html[html.index('<table class="funding-table">'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr class=\"status-([\w-]+)\">(.*?)</tr>", table, re.S)
    # The measures that need a decision come first; routine ones are folded into <details>.
    assert [status for status, _ in rows] == ["separate-funding", "separate-funding"]
    request, noted = (cells for _, cells in rows)
    routine = html[html.index('<details class="funding-routine">'):]
    routine = routine[:routine.index("</details>")]
    assert "1 measure is carried out as ordinary official work or within existing resources" in routine
    (official,) = re.findall(r"<tr class=\"status-official-work\">(.*?)</tr>", routine, re.S)
    assert "Toteutetaan virkatyönä." in official and "<td lang=\"en\">—</td>" in official
    assert "250 000 euroa" in request and '<strong class="missing">missing</strong>' in request
    assert "present" in noted
    assert '<a href="#f0-measure-22">22</a>' in request
    assert "2 measures ask for separate funding" in html
    assert "1 without the standard budget note." in html


def test_funding_summaries_of_other_shapes_are_read():
    class Row:
        def __init__(self, **kw):
            self.__dict__.update(kw)

        def to_json(self):
            return dict(self.__dict__)

    view = funding_view({"rows": [Row(measure=4, status="separate-funding", euros=10000, has_budget_note=True)]},
                        "f0", {4})
    assert view["attention"] == view["rows"] and view["routine"] == []
    assert view["rows"] == [{"measure": 4, "anchor": "f0-measure-4", "title": None, "status": "separate funding",
                             "status_key": "separate-funding", "amount": "10\u202f000 €", "budget_note": True,
                             "text": None}]
    assert view["totals"] is None
    assert funding_view(None) is None
    assert funding_view([]) == {"rows": [], "attention": [], "routine": [], "totals": None}


def test_several_files_make_one_page_with_a_section_each_and_unreadable_ones_say_so():
    html = render_html([sample_result(), unreadable_result(), clean_result()], generated=GENERATED)
    page = parse(html)
    sections = [a["id"] for a in page.all("section") if "file" in (a.get("class") or "").split()]
    assert sections == ["f0", "f1", "f2"]
    assert "This file could not be read:</strong> not a Word document" in html
    assert "<h1>Check report: 3 files</h1>" in html
    assert any(a.get("label") == "toimintaohjelma-luonnos.docx" for a in page.all("optgroup"))
    assert {a["data-measure"] for a in page.all("li") if a.get("data-measure")} >= {"f0:21", "f0:document"}


def test_print_styles_hide_the_controls_and_keep_findings_whole():
    css = "".join(parse(sample_html()).styles)
    print_css = css[css.index("@media print"):]
    assert ".filters fieldset" in print_css and "break-inside: avoid" in print_css


# -- in a real browser ---------------------------------------------------------

def _chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps",
        f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000",
        "--enable-logging=stderr", "--v=0", *extra, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _page_console(stderr: str, page: Path) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line and page.name in line]


def _visible_findings(dom: str) -> list[str]:
    return re.findall(r'<li class="finding[^"]*"[^>]*data-severity="(\w+)"(?![^>]*hidden)[^>]*>', dom)


@pytest.fixture
def report_page(tmp_path: Path) -> Path:
    page = tmp_path / "report.html"
    page.write_text(render_html([sample_result(funding=FUNDING), clean_result()], generated=GENERATED),
                    encoding="utf-8")
    return page


@pytest.mark.slow
def test_in_chromium_the_script_runs_without_errors_and_writes_the_live_count(tmp_path, report_page):
    run = _chromium(tmp_path, report_page.as_uri(), "--dump-dom")
    assert "Showing 7 of 7 findings" in run.stdout
    assert 'data-visible-findings="7"' in run.stdout
    assert '<form id="filters"' in run.stdout and not re.search(r'<form id="filters"[^>]*hidden', run.stdout)
    assert _page_console(run.stderr, report_page) == []


@pytest.mark.slow
def test_in_chromium_a_severity_filter_in_the_hash_shows_only_those_findings(tmp_path, report_page):
    run = _chromium(tmp_path, report_page.as_uri() + "#severity=error", "--dump-dom")
    assert _visible_findings(run.stdout) == ["error", "error"]
    assert "Showing 2 of 7 findings" in run.stdout
    # Measure 22 has no error: its whole section is hidden.
    assert re.search(r'<section class="group" id="f0-measure-22"[^>]*hidden', run.stdout)
    assert _page_console(run.stderr, report_page) == []


@pytest.mark.slow
def test_in_chromium_category_and_measure_filters_combine(tmp_path, report_page):
    run = _chromium(tmp_path, report_page.as_uri() + "#category=style,outlier&measure=f0:23", "--dump-dom")
    assert "Showing 1 of 7 findings" in run.stdout
    assert re.findall(r'<li class="finding[^"]*" id="([^"]+)"(?![^>]*hidden)', run.stdout) == ["f0-measure-23-0"]
    assert re.search(r'<option value="f0:23" selected', run.stdout) or 'value="f0:23"' in run.stdout


@pytest.mark.slow
def test_in_chromium_the_page_renders_to_a_screenshot(tmp_path, report_page):
    shot = tmp_path / "report.png"
    run = _chromium(tmp_path, report_page.as_uri(), f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.is_file(), run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a blank page compresses to far less
    assert _page_console(run.stderr, report_page) == []


def _contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colours_meet_wcag_aa_contrast():
    css = "".join(parse(sample_html()).styles)
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6});", css))
    text_pairs = [("text", "bg"), ("muted", "bg"), ("muted", "panel"), ("link", "bg"), ("text", "mark"),
                  ("error", "error-bg"), ("warning", "warning-bg"), ("info", "info-bg"), ("text", "panel")]
    for fg, bg in text_pairs:
        assert _contrast(colours[fg], colours[bg]) >= 4.5, (fg, bg)
    for fill in ("error-fill", "warning-fill", "info-fill"):  # chart bars: non-text contrast
        assert _contrast(colours[fill], colours["bg"]) >= 3.0, fill
