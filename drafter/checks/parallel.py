"""Share a long draft's rules between this process and a forked partner, one group at a time.

Every rule only reads the check context, so a forked copy of the process can
run some of them on the second core while this one runs the rest. Rules are
grouped by the module of their kind (see :data:`SHARED_GROUPS`), because
kinds of one module share their analyses through ``ctx.cached`` and would
otherwise compute them twice. Both processes claim groups from one shared
counter, heaviest group first (longest processing time first), so the work
evens out whatever the draft's mix is: on a first check Voikko's grammar
checker is the heaviest group, on a re-check with Voikko's answers cached it
costs almost nothing and the other core takes the next groups instead. The
engine then puts the partner's findings at the rules' own places in the rule
order, so the result is the same, in the same order, as running every rule here.

Only drafts with more than :data:`MIN_CHARS` characters are shared (forking
and collecting cost ~20 ms; short drafts check in well under a second), and
only where ``fork`` exists and there is more than one CPU. A rule whose
partner died or delivered nothing runs here, so a failed partner costs time,
never findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from drafter.checks.registry import KINDS, CheckContext, Rule

MIN_CHARS = 150_000

# Kind modules whose rules share analyses across module lines (terminology and the
# abbreviations read the authority check's token lists and mentions) run as one group.
SHARED_GROUPS = {
    "drafter.checks.abbreviations": "drafter.checks.authorities",
    "drafter.checks.terminology": "drafter.checks.authorities",
}

# Kinds that form a group of their own. Voikko's grammar checker shares nothing with
# the speller but a cheap language memo, and on a first check (nothing cached yet)
# each of them is about a second on 500 measures: apart, they run on both cores.
OWN_GROUP_KINDS = frozenset({"voikko-grammar"})

# Relative cost of each group on a Finnish draft with every rule on (bench/run.py
# --stages; bench-5000 with Voikko's cache warm, CPU seconds × 10). Only the order
# matters: the heaviest groups are handed out first, so the last ones to be claimed
# are short and neither process waits long for the other. Voikko's two groups come
# first whatever they cost warm, because on a first check (nothing cached) they are
# by far the heaviest. Groups not listed weigh 1.
GROUP_WEIGHTS = {
    "voikko-grammar": 1000,
    "drafter.checks.language": 900,
    "drafter.checks.authorities": 16,
    "drafter.checks.duplicates": 12,
    "drafter.checks.outliers": 10,
    "drafter.checks.text_kinds": 9,
    "drafter.checks.funding": 5,  # with the funding summary the reports want (see Wanted)
    "drafter.checks.legal": 5,
    "drafter.checks.references": 2,
}

# Called in the partner after its last rule, before it sends its results (for
# example to save what it learnt into a cache the parent would not see).
AFTER_PARTNER_WORK: list[Callable[[], None]] = []


@dataclass(frozen=True)
class Wanted:
    """An analysis the caller wants back from a check, built once in whichever process runs its group.

    ``group`` is the kind module whose rules read it through ``ctx.cached``
    under the same key: it is built first in that group, so they find it.
    """

    group: str
    build: Callable[[], Any]


Item = int | str  # a rule's index in the selection, or a wanted analysis's key


def rule_groups(rules: list[Rule], wanted: Mapping[str, Wanted] | None = None) -> list[list[Item]]:
    """Rule indices (and wanted analyses' keys) grouped by kind module, heaviest group first.

    Within a group the wanted analyses come first, then the rules in rule order.
    """
    groups: dict[str, list[Item]] = {}
    for key, analysis in (wanted or {}).items():
        groups.setdefault(SHARED_GROUPS.get(analysis.group, analysis.group), []).append(key)
    for index, rule in enumerate(rules):
        groups.setdefault(group_name(rule), []).append(index)
    order = {name: position for position, name in enumerate(groups)}
    ordered = sorted(groups.items(), key=lambda item: (-GROUP_WEIGHTS.get(item[0], 1), order[item[0]]))
    return [items for _, items in ordered]


def group_name(rule: Rule) -> str:
    """The group ``rule`` runs in: its kind's module (or the module it shares with), or its own kind."""
    if rule.kind in OWN_GROUP_KINDS:
        return rule.kind
    kind = KINDS.get(rule.kind)
    module = kind.function.__module__ if kind is not None else ""
    return SHARED_GROUPS.get(module, module)


def build_wanted(key: str, analysis: Wanted, ctx: CheckContext) -> tuple[Any, str | None]:
    """Build one wanted analysis into ``ctx``: (value, None), or (None, "Type: message") when it failed."""
    try:
        return ctx.cached(key, analysis.build), None
    except Exception as exc:  # noqa: BLE001 - the caller reports it; the rules still run
        return None, f"{type(exc).__name__}: {exc}"


class Sharing:
    """The claim counter both processes draw groups from, and the partner's results."""

    def __init__(self, groups: list[list[Item]], counter, process, connection) -> None:
        self._groups = groups
        self._counter = counter
        self._process = process
        self._connection = connection
        self._results: dict[Item, tuple] | None = None

    def claims(self) -> Iterator[list[Item]]:
        """The groups of rules (indices) and analyses (keys) this process is to run, as it claims them."""
        yield from _claims(self._groups, self._counter)

    def partner_results(self) -> dict[Item, tuple]:
        """Wait for the partner: rule index -> (findings, error as (type name, message) or None),
        wanted analysis key -> (value, error or None).

        Empty when the partner died or sent nothing; the caller runs those
        rules itself.
        """
        if self._results is None:
            self._results = self._receive()
        return self._results

    def _receive(self) -> dict[Item, tuple]:
        try:
            results = self._connection.recv()
        except (EOFError, OSError):  # the partner died before sending
            results = {}
        except BaseException:  # the time limit, Ctrl-C: stop the partner too
            self.close()
            raise
        self._connection.close()
        self._process.join(timeout=5)
        return results if isinstance(results, dict) else {}

    def close(self) -> None:
        """Stop the partner if its results were never collected (idempotent)."""
        if self._results is None:
            self._results = {}
            self._connection.close()
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=5)


def start_sharing(selected: list[Rule], ctx: CheckContext,
                  wanted: Mapping[str, Wanted] | None = None) -> Sharing | None:
    """Fork a partner to share ``selected`` (and ``wanted``) with when the draft is long enough, else None."""
    if len(selected) < 2 or (os.cpu_count() or 1) < 2:
        return None
    if sum(len(p.text) for p in ctx.document.all_paragraphs()) <= MIN_CHARS:
        return None
    wanted = dict(wanted or {})
    groups = rule_groups(selected, wanted)
    if len(groups) < 2:
        return None
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        counter = context.Value("i", 0)
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_partner, args=(sender, selected, wanted, groups, counter, ctx),
                                  daemon=True)
        process.start()
    except (ValueError, OSError, ImportError):  # no fork on this platform, or no resources
        return None
    sender.close()
    return Sharing(groups, counter, process, receiver)


def replay(found: list, error: tuple[str, str] | None) -> Iterator:
    """The partner's findings of one rule, then its error re-raised (by type name and message)."""
    yield from found
    if error is not None:
        type_name, message = error
        raise type(type_name, (Exception,), {})(message)


def _claims(groups: list[list[Item]], counter) -> Iterator[list[Item]]:
    while True:
        with counter.get_lock():
            claimed = counter.value
            counter.value = claimed + 1
        if claimed >= len(groups):
            return
        yield groups[claimed]


def _run_item(item: Item, rules: list[Rule], wanted: dict[str, Wanted], ctx: CheckContext) -> tuple:
    if isinstance(item, str):
        return build_wanted(item, wanted[item], ctx)
    rule = rules[item]
    found: list = []
    try:
        found.extend(KINDS[rule.kind].function(rule, ctx))
        return found, None
    except Exception as exc:  # noqa: BLE001 - reported by the engine, as inline
        return found, (type(exc).__name__, str(exc))


def _partner(connection, rules: list[Rule], wanted: dict[str, Wanted], groups: list[list[Item]], counter,
             ctx: CheckContext) -> None:
    """In the partner: run the claimed rules and analyses as the engine would and send every outcome at once."""
    results: dict[Item, tuple] = {}
    for group in _claims(groups, counter):
        with ctx.scope():
            for item in group:
                results[item] = _run_item(item, rules, wanted, ctx)
    for callback in AFTER_PARTNER_WORK:
        try:
            callback()
        except Exception:  # noqa: BLE001 - a cache that cannot be saved is not worth a lost check
            pass
    connection.send(results)
    connection.close()
