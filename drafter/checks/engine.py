"""Run the rules over a programme: select, configure, run each kind, tidy the findings.

One :class:`~drafter.checks.registry.CheckContext` serves every rule of a run, so
what one kind computes from the document (paragraph lists, text units, the
lexicon) is there for the next. A kind that raises does not end the check: its
failure becomes a ``parse`` finding naming the rule.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from drafter.checks.parallel import Wanted, build_wanted, replay, rule_groups, start_sharing
from drafter.checks.registry import KINDS, CheckContext, Rule, RuleDocs
from drafter.findings import Finding, FindingLocation, Severity
from drafter.lifetime import collector_paused

log = logging.getLogger(__name__)

CHECK_FAILED = "check-failed"
STRUCTURE_PROBLEM = "structure-problem"
READ_NOTICE = "read-notice"


@dataclass
class CheckResult:
    """The findings of one draft, what the run could not do, and what was silenced."""

    findings: list[Finding]
    notices: list[str] = field(default_factory=list)
    suppressed: int = 0
    suppressed_by_rule: dict[str, int] = field(default_factory=dict)
    rules_run: tuple[str, ...] = ()
    analyses: dict[str, Any] = field(default_factory=dict)        # the wanted analyses that were built
    analysis_errors: dict[str, str] = field(default_factory=dict)  # and why the others were not


def select_rules(rules: Iterable[Rule], language: str | None, config=None,
                 only: set[str] | None = None) -> list[Rule]:
    """The rules that apply to ``language``, with config's switches and overrides applied.

    ``only`` (rule ids or names) runs just those rules, whether or not they are
    enabled by default or by the config; they must still fit the language.
    """
    chosen = []
    for rule in rules:
        if rule.language not in ("any", language) and language is not None:
            continue
        if only is not None:
            if rule.id not in only and rule.name not in only:
                continue
        elif config is not None:
            if not config.rule_state(rule):
                continue
        elif not rule.enabled:
            continue
        if config is not None:
            severity = config.severity_for(rule)
            overrides = config.params_for(rule)
            if severity is not rule.severity or overrides:
                rule = dataclasses.replace(rule, severity=severity,
                                           params={**rule.params, **overrides} if overrides else rule.params)
        chosen.append(rule)
    return chosen


def make_context(programme, config=None) -> tuple[CheckContext, list[str]]:
    """A context for ``programme`` with its lexicon (None when none can be loaded)."""
    notices: list[str] = []
    lexicon = None
    try:
        from drafter.lexicon import load_lexicon
    except ImportError:
        load_lexicon = None
    if load_lexicon is not None:
        try:
            lexicon = load_lexicon(programme.language, config)
        except Exception as exc:  # noqa: BLE001 - lexicon trouble must not stop style checks
            notices.append(f"the lexicon for {programme.language!r} could not be loaded: {exc}")
    return CheckContext(programme, config=config, lexicon=lexicon), notices


def run_checks(programme, config=None, rules: Iterable[Rule] | None = None,
               only: set[str] | None = None, wanted: Mapping[str, Wanted] | None = None) -> CheckResult:
    """Check ``programme`` with ``rules`` (default: every loaded pack) under ``config``.

    ``wanted`` are analyses the caller needs too (the reports' funding summary),
    by their ``ctx.cached`` keys: each is built once, beside the rules that read
    it, and returned in :attr:`CheckResult.analyses`.
    """
    if rules is None:
        from drafter.checks.loader import load_rules

        rules = load_rules()
    rules = tuple(rules)
    language = programme.language
    selected = select_rules(rules, language, config, only)
    ctx, notices = make_context(programme, config)
    notices.extend(getattr(config, "notices", ()) or ())
    failed_rule = _check_failed_rule(rules, config)
    # Each rule's findings and notices go to its own slot, kept in rule order. On a
    # long draft a forked partner runs some of the rules (see drafter.checks.parallel).
    # The cyclic garbage collector is paused while the rules run, as it is while the
    # reader and the structure work: the rules' analyses are big, short-lived and free
    # of cycles, and each full collection the allocations set off walked the whole
    # document again (bench-5000: a third of the rules' time; paused, peak memory is
    # no higher). The document is frozen too, so a forked partner shares its pages.
    with collector_paused(freeze=True):
        slots, built = _run_selected(selected, ctx, failed_rule, dict(wanted or {}))
    findings = [finding for found, _ in slots for finding in found]
    notices.extend(notice for _, notes in slots for notice in notes)
    kept, suppressed = _suppress(findings, programme.document, config)
    ordered = sorted(_without_generic_repeats(list(_unique(kept))), key=lambda f: f.sort_key)
    return CheckResult(
        findings=ordered, notices=notices, suppressed=sum(suppressed.values()),
        suppressed_by_rule=dict(suppressed), rules_run=tuple(r.id for r in selected),
        analyses={key: value for key, (value, error) in built.items() if error is None},
        analysis_errors={key: error for key, (_, error) in built.items() if error is not None},
    )


def _outcome(rule: Rule, run, failed_rule: Rule | None) -> tuple[list[Finding], list[str]]:
    """Run one rule: its findings (kept up to a crash, then the crash's finding) and notices."""
    if rule.kind not in KINDS:
        return [], [f"rule {rule.id} ({rule.name}) was skipped: kind {rule.kind!r} is not registered"]
    found: list[Finding] = []
    try:
        found.extend(run())
    except Exception as exc:  # noqa: BLE001 - one broken check must not end the run
        log.debug("rule %s failed", rule.id, exc_info=True)
        if failed_rule is None:
            return found, [f"rule {rule.id} ({rule.name}) failed: {type(exc).__name__}: {exc}"]
        found.append(Finding(
            rule=failed_rule.id, name=failed_rule.name, category="parse",
            severity=failed_rule.severity,
            message=failed_rule.format(rule=rule.id, name=rule.name, error=f"{type(exc).__name__}: {exc}"),
            details=(("failed_rule", rule.id), ("error", f"{type(exc).__name__}: {exc}")),
        ))
    return found, []


def _run_selected(selected: list[Rule], ctx: CheckContext, failed_rule: Rule | None,
                  wanted: dict[str, Wanted]) -> tuple[list[tuple[list[Finding], list[str]]], dict[str, tuple]]:
    """Each selected rule's findings and notices in rule order, and each wanted analysis as (value, error).

    On a long draft the work is shared with a forked partner.
    """
    def here(rule: Rule) -> tuple[list[Finding], list[str]]:
        return _outcome(rule, lambda: KINDS[rule.kind].function(rule, ctx), failed_rule)

    slots: list[tuple[list[Finding], list[str]] | None] = [None] * len(selected)
    built: dict[str, tuple] = {}

    def run_group(group: list) -> None:
        # What a group's rules cached is of no use to the next group: forgetting it
        # keeps the peak memory at the largest group's, not the sum of all.
        with ctx.scope():
            for item in group:
                if isinstance(item, str):
                    built[item] = build_wanted(item, wanted[item], ctx)
                else:
                    slots[item] = here(selected[item])

    sharing = start_sharing(selected, ctx, wanted)
    if sharing is None:
        for group in rule_groups(selected, wanted):
            run_group(group)
        return slots, built
    try:
        for group in sharing.claims():
            run_group(group)
        delivered = sharing.partner_results()
    finally:
        sharing.close()
    for key, analysis in wanted.items():
        if key not in built:
            built[key] = delivered[key] if key in delivered else build_wanted(key, analysis, ctx)
    for index, rule in enumerate(selected):
        if slots[index] is not None:
            continue
        if index in delivered:
            slots[index] = _outcome(rule, lambda outcome=delivered[index]: replay(*outcome), failed_rule)
        else:  # the partner died or never got to it
            slots[index] = here(rule)
    return slots, built


def _check_failed_rule(rules: tuple[Rule, ...], config) -> Rule | None:
    for rule in rules:
        if rule.name == CHECK_FAILED:
            if config is not None:
                return dataclasses.replace(rule, severity=config.severity_for(rule))
            return rule
    return _BUILTIN_CHECK_FAILED


_BUILTIN_CHECK_FAILED = Rule(
    id="PAR004", name=CHECK_FAILED, category="parse", severity=Severity.WARNING, kind=CHECK_FAILED,
    message="Rule {rule} ({name}) could not run on this draft: {error}.",
    docs=RuleDocs(why="A check failed on this draft; its findings are missing.", bad="", good=""),
)


def _suppress(findings: list[Finding], document, config) -> tuple[list[Finding], Counter]:
    from drafter.checks.suppression import apply_suppressions

    return apply_suppressions(findings, document, config)


def _unique(findings: Iterable[Finding]) -> Iterable[Finding]:
    seen: set[tuple] = set()
    for finding in findings:
        loc: FindingLocation = finding.location
        key = (finding.rule, finding.message, loc.part, loc.paragraph, loc.start, loc.end, loc.measure)
        if key in seen:
            continue
        seen.add(key)
        yield finding


# Voikko's spelling and grammar checkers are generic: where a specific rule has
# already spoken about the same text (a double space, a misspelt ministry), their
# finding says the same thing less precisely and is dropped.
GENERIC_CATEGORIES = frozenset({"language"})


def _without_generic_repeats(findings: list[Finding]) -> list[Finding]:
    specific: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for f in findings:
        loc = f.location
        if f.category not in GENERIC_CATEGORIES and loc.paragraph is not None and loc.start is not None:
            specific.setdefault((loc.part, loc.paragraph), []).append((loc.start, loc.end or loc.start))
    kept = []
    for f in findings:
        loc = f.location
        if f.category in GENERIC_CATEGORIES and loc.paragraph is not None and loc.start is not None:
            end = loc.end if loc.end is not None else loc.start
            spans = specific.get((loc.part, loc.paragraph), ())
            if any(start < end and loc.start < stop for start, stop in spans):
                continue
        kept.append(f)
    return kept


# -- parse kinds: what reading and recognising could not do ---------------------------

from drafter.checks.registry import kind  # noqa: E402 - kept next to the kinds it serves


@kind("no-measures", {})
def no_measures(rule: Rule, ctx: CheckContext):
    """Flag a draft in which no numbered measures were recognised."""
    if not ctx.programme.measures:
        first = next((p for p in ctx.document.paragraphs() if p.text.strip()), None)
        advice = next((p for p in ctx.programme.problems if _is_no_measures_problem(p)), None)
        yield ctx.finding(rule, message=advice, paragraph=first, start=0,
                          end=0 if first is None else len(first.text))


def _is_no_measures_problem(problem: str) -> bool:
    """Structure recognition's own "no measures" advice, which PAR001 reports instead."""
    return problem.startswith(("No measures", "No numbered measures"))


@kind("read-notices", {})
def read_notices(rule: Rule, ctx: CheckContext):
    """Turn each notice of the DOCX reader into a finding."""
    for notice in ctx.document.notices:
        finding = ctx.finding(rule, message=rule.format(code=notice.code, message=notice.message,
                                                        part=notice.part or ""),
                              details={"code": notice.code})
        if notice.part:
            finding = dataclasses.replace(finding, location=dataclasses.replace(finding.location, part=notice.part,
                                                                                 paragraph=None))
        yield finding


@kind("structure-problems", {})
def structure_problems(rule: Rule, ctx: CheckContext):
    """Turn each problem structure recognition reported into a finding."""
    for problem in ctx.programme.problems:
        if not ctx.programme.measures and _is_no_measures_problem(problem):
            continue
        yield ctx.finding(rule, message=rule.format(problem=problem))


@kind(CHECK_FAILED, {})
def check_failed(rule: Rule, ctx: CheckContext):
    """Placeholder kind: the engine itself reports rules that crash, under this rule."""
    return iter(())
