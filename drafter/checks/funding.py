"""Funding checks: every measure says how it is funded, and resource requests carry the budget note.

The classification itself lives in drafter.funding, shared with the HTML
report and publish; these kinds turn it into findings.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.checks.structure_checks import measure_name, on_title, required_fields
from drafter.findings import Finding
from drafter.funding import (
    FundingSummary,
    MeasureFunding,
    budget_note_for,
    format_euros,
    funding_params,
    funding_summary,
)

_PHRASE_PARAMS = {
    "official_work": False, "existing_resources": False, "separate_funding": False,
    "increase_words": False, "unclear_words": False,
}


def _summary_key(params: Mapping[str, Any]) -> str:
    return "funding:" + repr(sorted(params.items(), key=lambda kv: kv[0]))


# The key under which the summary with the packs' own params (what the HTML and JSON
# reports show) is kept in a check context; drafter.api asks the engine for it under
# this key, so the rules and the reports classify the measures once.
SUMMARY_KEY = _summary_key({})


def _summary(rule: Rule, ctx: CheckContext) -> FundingSummary:
    """The programme's funding summary with this rule's params layered over the pack's."""
    params: dict[str, Any] = {k: v for k, v in rule.params.items() if k != "problem"}
    pack = funding_params(ctx.language)
    if all(k in pack and pack[k] == v for k, v in params.items()):
        params = {}  # the pack's own params: the same summary as the report's
    return ctx.cached(_summary_key(params), lambda: funding_summary(ctx.programme, ctx.config, params))


def _measures(ctx: CheckContext, summary: FundingSummary) -> Iterator[tuple[Any, MeasureFunding]]:
    yield from zip(ctx.programme.measures, summary.measures)


@kind("funding-status", params={"problem": True, **_PHRASE_PARAMS})
def funding_status(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Each measure says how it is funded ("missing"), in words that can be classified ("unclear")."""
    problem = rule.params.get("problem", "missing")
    summary = _summary(rule, ctx)
    # Missing funding is a finding only where funding is a required field
    # (the default; drafter.toml's required_fields can drop it). An empty
    # funding line is the measure-field-empty rule's business.
    if problem == "missing" and "funding" not in required_fields(rule, ctx):
        return
    for measure, funding in _measures(ctx, summary):
        if funding.status != problem:
            continue
        if problem == "missing" and measure.field("funding") is not None:
            continue
        yield _on_funding_line(ctx, rule, measure, rule.format(
            measure=measure_name(measure), funding=(funding.funding_text or "").strip()))


@kind("budget-note", params={"budget_note": False, "threshold": False, **_PHRASE_PARAMS})
def budget_note(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """A measure needing separate funding says that appropriation increases are decided in the budget process."""
    summary = _summary(rule, ctx)
    note = budget_note_for(ctx.language, ctx.config, rule.params)
    for measure, funding in _measures(ctx, summary):
        if not funding.needs_separate_funding or funding.budget_note:
            continue
        yield _on_funding_line(ctx, rule, measure, rule.format(
            measure=measure_name(measure), request=funding.describe_request(), note=note),
            details={"request": funding.describe_request(), "euros": funding.euros or None})


@kind("funding-summary", params={"budget_note": False, "threshold": False, **_PHRASE_PARAMS})
def funding_summary_kind(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One programme-level note listing the measures that need separate funding and the total."""
    summary = _summary(rule, ctx)
    separate = summary.separate
    if not separate:
        return
    listed = "; ".join(f"{_number(m)} ({m.describe_request()})" for m in separate)
    total_parts = []
    if summary.total_euros:
        total_parts.append(format_euros(summary.total_euros))
    if summary.total_person_years:
        years = summary.total_person_years
        total_parts.append(f"{int(years) if years == int(years) else years} person-years")
    total = " and ".join(total_parts) if total_parts else "no amount stated"
    message = rule.format(count=len(separate), all=len(summary.measures), measures=listed, total=total,
                          without_note=len(summary.without_budget_note))
    yield ctx.finding(rule, message, details={"funding": summary.to_json()})


def _number(funding: MeasureFunding) -> str:
    return f"measure {funding.measure}" if funding.measure is not None else f"\u201c{funding.title[:40]}\u201d"


def _on_funding_line(ctx: CheckContext, rule: Rule, measure, message: str,
                     details: Mapping[str, Any] | None = None) -> Finding:
    line = measure.field("funding")
    if line is not None and line.source != "title-brackets":
        paragraph = ctx.paragraph(line.location.part, line.location.paragraph)
        if paragraph is not None:
            value = line.value.strip()
            at = paragraph.text.find(value) if value else -1
            start, end = (at, at + len(value)) if at != -1 else (None, None)
            return ctx.finding(rule, message, paragraph=paragraph, start=start, end=end, measure=measure,
                               details=details)
    return on_title(ctx, rule, measure, message, details=details)


__all__ = ["funding_status", "budget_note", "funding_summary_kind"]
