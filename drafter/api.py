"""The library's front door: read a draft into a programme, check it, publish it."""

from __future__ import annotations

from pathlib import Path


def read_programme(path, config_path: Path | None = None, config=None):
    """Read the DOCX at ``path`` and recognise its programme structure.

    Raises drafter.errors.InputError when the file cannot be read as a DOCX.
    """
    from drafter.config import load_config
    from drafter.ooxml.reader import read_document
    from drafter.structure import recognise

    if config is None:
        config = load_config(Path(path), config_path)
    document = read_document(str(path))
    return recognise(document, language=config.language, profile=config.profile)


def check_file(path, config_path: Path | None = None, select=None, ignore=None, cache: bool = True):
    """Read, recognise and check the draft at ``path``; never raises for bad input.

    Returns a drafter.report.results.FileResult. A file that cannot be read
    (missing, not a DOCX, hostile, or its drafter.toml invalid) gives a result
    with ``error`` set and no programme, so a run over many files reports all
    of them. ``select``/``ignore`` are rule ids, names or categories: with
    ``select`` only matching rules run; ``ignore`` rules never do. ``cache=False``
    neither reads nor writes the persistent cache of Voikko's answers
    (drafter.nlp.voikko_cache); otherwise what the check learnt is saved there
    before returning.
    """
    from drafter.config import load_config
    from drafter.errors import DrafterError
    from drafter.nlp.voikko_cache import cache_session
    from drafter.report.results import FileResult

    label = str(path)
    source = Path(path)
    if not source.exists():
        return FileResult(file=label, error="no such file")
    if source.is_dir():
        return FileResult(file=label, error="is a folder, not a Word file")
    try:
        with cache_session(cache):
            config = _with_selection(load_config(source, config_path), select, ignore)
            programme = read_programme(source, config=config)
            return _checked(label, programme, config, select, ignore)
    except DrafterError as exc:
        return FileResult(file=label, error=getattr(exc, "reason", None) or str(exc))
    except OSError as exc:
        return FileResult(file=label, error=f"cannot read the file ({exc.strerror or exc})")


def _checked(label: str, programme, config, select, ignore):
    from drafter.checks.engine import run_checks
    from drafter.checks.funding import SUMMARY_KEY
    from drafter.checks.parallel import Wanted
    from drafter.findings import Severity
    from drafter.funding import funding_summary
    from drafter.report.results import FileResult

    # The funding summary the reports show is the one the funding rules read: the
    # engine builds it once, in whichever process runs those rules.
    wanted = {SUMMARY_KEY: Wanted("drafter.checks.funding", lambda: funding_summary(programme, config))}
    result = run_checks(programme, config, wanted=wanted)
    funding = result.analyses.get(SUMMARY_KEY)
    funding_error = result.analysis_errors.get(SUMMARY_KEY)
    findings = [f for f in result.findings if _selected(f, select, ignore)]
    suppressed = getattr(result, "suppressed", 0) or 0
    notices = list(dict.fromkeys([*getattr(config, "notices", ()), *getattr(result, "notices", ())]))
    if funding_error is not None:  # the summary is extra; the check still stands
        notices.append(f"funding summary unavailable ({funding_error})")
    return FileResult(
        file=label, programme=programme, findings=tuple(findings), notices=tuple(notices),
        suppressed=suppressed if isinstance(suppressed, int) else len(suppressed), funding=funding,
        fail_on=getattr(config, "fail_on", None) or Severity.ERROR,
    )


def _with_selection(config, select, ignore):
    """``config`` with the command line's rule selection laid over the file's."""
    from dataclasses import replace

    select = tuple(select or ())
    ignore = tuple(ignore or ())
    if select:
        config = replace(config, enabled=select, disabled=("all",))
    if ignore:
        config = replace(config, enabled=tuple(s for s in config.enabled if s not in ignore),
                         disabled=(*config.disabled, *ignore))
    return config


def _selected(finding, select, ignore) -> bool:
    """Whether a finding passes --select/--ignore, whatever the config enabled."""
    names = {finding.rule, finding.name, finding.category, "all"}
    if ignore and names & set(ignore):
        return False
    return not select or bool(names & set(select))
