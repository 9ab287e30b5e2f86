"""`drafter check`: options, outputs, exit statuses, and one line (never a traceback) for bad input."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import drafter.api
from drafter.cli import main
from drafter.report.results import FileResult
from report_samples import clean_result, sample_result

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "external"


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    """Three draft files whose check results are made up: findings, clean, unreadable."""
    paths = {name: tmp_path / name for name in ("luonnos.docx", "valmis.docx", "rikki.docx")}
    for path in paths.values():
        path.write_bytes(b"PK")
    calls = []

    def fake_check_file(path, config_path=None, select=None, ignore=None, cache=True):
        calls.append({"path": Path(path), "config_path": config_path, "select": select, "ignore": ignore})
        name = Path(path).name
        if name == "luonnos.docx":
            return FileResult(str(path), sample_result().programme, sample_result().findings)
        if name == "valmis.docx":
            return FileResult(str(path), clean_result().programme)
        return FileResult(str(path), error="not a Word document (the file is not a ZIP package)")

    monkeypatch.setattr(drafter.api, "check_file", fake_check_file)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return types.SimpleNamespace(calls=calls, **{k.split(".")[0]: v for k, v in paths.items()})


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_draft_with_errors_exits_1_and_prints_the_grouped_report(drafts):
    result = run("check", drafts.luonnos)
    assert result.exit_code == 1
    assert "  Toimenpide 22 — Vahvistetaan uhrien oikeudellista neuvontaa" in result.output
    assert result.output.splitlines()[-1].endswith("2 errors, 3 warnings, 2 info in 3 measures (4 fixable, 3 safe)")
    assert "\x1b[" not in result.output


def test_a_clean_draft_exits_0(drafts):
    assert run("check", drafts.valmis).exit_code == 0


def test_fail_on_moves_the_threshold(drafts, monkeypatch):
    assert run("check", drafts.luonnos, "--fail-on", "never").exit_code == 0
    assert run("check", drafts.valmis, "--fail-on", "info").exit_code == 0
    only_warnings = FileResult("w.docx", clean_result().programme,
                               tuple(f for f in sample_result().findings if f.severity.value == "warning"))
    monkeypatch.setattr(drafter.api, "check_file", lambda *a, **k: only_warnings)
    assert run("check", drafts.luonnos).exit_code == 0
    assert run("check", drafts.luonnos, "--fail-on", "warning").exit_code == 1


def test_an_unreadable_file_exits_2_and_the_others_are_still_reported(drafts):
    result = run("check", drafts.rikki, drafts.luonnos, drafts.valmis)
    assert result.exit_code == 2
    assert f"{drafts.rikki}: cannot be read: not a Word document" in result.output
    assert "STY001" in result.stdout and "valmis.docx: 0 errors" in result.stdout
    assert result.stdout.splitlines()[-1] == "3 files: 2 errors, 3 warnings, 2 info (1 could not be read)"
    (error_line,) = result.stderr.splitlines()
    assert error_line.startswith(f"drafter: {drafts.rikki}: not a Word document")


def test_json_on_stdout_is_one_document_with_an_entry_per_file(drafts):
    result = CliRunner().invoke(main, ["check", "--format", "json", str(drafts.luonnos), str(drafts.rikki)])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["schema"] == "drafter.check/1"
    assert [Path(f["file"]).name for f in data["files"]] == ["luonnos.docx", "rikki.docx"]
    assert data["files"][1]["error"].startswith("not a Word document")
    assert f"drafter: {drafts.rikki}: not a Word document" in result.stderr


def test_json_and_html_files_are_written_beside_the_terminal_report(drafts, tmp_path):
    report_json, report_html = tmp_path / "out.json", tmp_path / "out.html"
    result = run("check", drafts.luonnos, "--json", report_json, "--html", report_html, "-q")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1  # quiet: the summary line only
    assert json.loads(report_json.read_text(encoding="utf-8"))["files"][0]["summary"]["error"] == 2
    html = report_html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<mark>14:00</mark>" in html


def test_an_output_that_is_an_input_is_refused_before_any_work(drafts):
    result = CliRunner().invoke(main, ["check", str(drafts.luonnos), "--json", str(drafts.luonnos)])
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert drafts.calls == []


def test_verbose_shows_context_fix_and_the_explain_hint(drafts):
    result = run("check", "-v", drafts.luonnos)
    assert "fix (safe): replace '14:00' with '14.00'" in result.output
    assert "see: drafter explain STY001" in result.output


def test_quiet_and_verbose_together_are_a_usage_error(drafts):
    result = CliRunner().invoke(main, ["check", "-q", "-v", str(drafts.luonnos)])
    assert result.exit_code == 2 and "either --quiet or --verbose" in result.output


def test_select_and_ignore_accept_lists_and_repeats(drafts):
    run("check", drafts.valmis, "--select", "STY001,numbering", "--select", "leftover", "--ignore", "STY010")
    assert drafts.calls[-1]["select"] == ("STY001", "numbering", "leftover")
    assert drafts.calls[-1]["ignore"] == ("STY010",)


def test_annotate_without_the_comment_writer_is_one_clear_line(drafts, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "drafter.report.annotate", None)  # import fails
    result = CliRunner().invoke(main, ["check", str(drafts.luonnos), "--annotate", str(tmp_path / "a.docx")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "--annotate is not available" in result.stderr
    assert drafts.calls == []


def test_annotate_hands_the_findings_to_the_comment_writer(drafts, monkeypatch, tmp_path):
    written = []
    fake = types.ModuleType("drafter.report.annotate")
    fake.write_annotated = lambda source, findings, output: written.append((source, findings, output))
    monkeypatch.setitem(sys.modules, "drafter.report.annotate", fake)
    out = tmp_path / "kommentoitu.docx"
    assert run("check", drafts.luonnos, "--annotate", out).exit_code == 1
    (source, findings, output), = written
    assert source == str(drafts.luonnos) and Path(output) == out and len(findings) == 7


def test_annotate_takes_one_file(drafts, tmp_path):
    result = CliRunner().invoke(main, ["check", str(drafts.luonnos), str(drafts.valmis),
                                       "--annotate", str(tmp_path / "a.docx")])
    assert result.exit_code == 2 and "exactly one FILE" in result.output


def test_an_unexpected_failure_in_one_file_is_its_error_not_a_traceback(drafts, monkeypatch):
    def broken(path, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(drafter.api, "check_file", broken)
    monkeypatch.delenv("DRAFTER_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["check", str(drafts.valmis)])
    assert result.exit_code == 2
    assert "internal error (RuntimeError: boom)" in result.output
    assert "Traceback" not in result.output + result.stderr


# -- the real pipeline -----------------------------------------------------------

def test_missing_and_non_docx_files_are_reported_one_line_each_with_several_jobs(tmp_path):
    text_file = tmp_path / "muistio.docx"
    text_file.write_text("tämä ei ole Word-tiedosto", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--jobs", "2", str(tmp_path / "puuttuu.docx"), str(text_file)])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{tmp_path / 'puuttuu.docx'}: cannot be read: no such file"
    assert lines[1].startswith(f"{text_file}: cannot be read: ")
    assert "Traceback" not in result.output + result.stderr


def test_a_broken_config_fails_once_with_one_line(tmp_path):
    config = tmp_path / "drafter.toml"
    config.write_text("[rules\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(config), str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert result.stderr.startswith("drafter: ") and result.stderr.count("\n") == 1


def _pipeline_available() -> bool:
    try:
        import drafter.checks.engine  # noqa: F401
        import drafter.ooxml.reader  # noqa: F401
        from drafter.structure import recognise  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _pipeline_available(), reason="the reader, recogniser or engine is not in this tree yet")
def test_real_drafts_give_valid_json_and_html_and_a_contract_exit_status(tmp_path, external_corpus):
    docs = sorted(external_corpus.rglob("*.docx"))[:6]
    assert docs
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    result = CliRunner().invoke(main, ["check", "--format", "json", "--html", str(out_html),
                                       "--json", str(out_json), *map(str, docs)])
    assert result.exit_code in (0, 1, 2), result.output
    data = json.loads(result.stdout)
    assert len(data["files"]) == len(docs)
    assert json.loads(out_json.read_text(encoding="utf-8")) == data
    for entry in data["files"]:
        assert {"file", "summary", "findings"} <= entry.keys()
        assert ("error" in entry) == (entry.get("language") is None and "measures" not in entry)
    assert (result.exit_code == 2) == any("error" in e for e in data["files"])
    assert out_html.read_text(encoding="utf-8").count('<section class="file"') == len(docs)


@pytest.mark.skipif(not _pipeline_available(), reason="the reader, recogniser or engine is not in this tree yet")
def test_select_and_ignore_narrow_the_rules_of_a_real_check(external_corpus):
    doc = external_corpus / "Open-Xml-PowerTools" / "HC031-Complicated-Document.docx"
    if not doc.is_file():
        pytest.skip(f"{doc.name} is not in the corpus")

    def rules(*options: str) -> set[str]:
        result = CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", *options, str(doc)])
        assert result.exit_code == 0, result.output
        return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}

    everything = rules()
    assert {r for r in everything if r.startswith("LEF")} and {r for r in everything if not r.startswith("LEF")}
    assert rules("--select", "leftover") == {r for r in everything if r.startswith("LEF")}
    one = sorted(everything)[0]
    assert rules("--ignore", one) == everything - {one}


@pytest.mark.skipif(not _pipeline_available(), reason="the reader, recogniser or engine is not in this tree yet")
def test_check_file_returns_the_programme_or_the_reason_it_could_not_be_read(external_corpus, tmp_path):
    from drafter.api import check_file

    doc = sorted(external_corpus.rglob("*.docx"))[0]
    result = check_file(doc)
    assert result.readable and result.programme is not None and result.file == str(doc)
    assert all(f.rule for f in result.findings)
    broken = tmp_path / "rikki.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    failed = check_file(broken)
    assert not failed.readable and failed.programme is None and failed.error
    assert not failed.error.startswith(str(broken))  # the reason alone; reports add the file name
