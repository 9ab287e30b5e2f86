"""Run Voikko's spelling and grammar kinds in a forked worker while the other rules run.

Voikko's grammar checker reads about 20,000 words a second and the speller
asks about every distinct word form: on a long draft the two are a third of
``drafter check``. They only read the context, so a forked copy of the process
can run them on a second core while this one runs every other rule. The
outlier check (per-measure features, ~10 % of the check) goes with them: it
shares no analysis with other rules and evens out the two processes' work
(5,000 measures: 24 s -> 21 s). The
engine then takes the worker's findings at the rules' own places in the rule
order, so the result is the same, in the same order, as running them inline.

Only drafts with more than :data:`MIN_CHARS` characters use a worker (forking
costs ~20 ms and short drafts check in well under a second), and only where
``fork`` exists and there is more than one CPU. If the worker cannot start or
dies, the engine runs the rules inline as before.
"""

from __future__ import annotations

import os
from typing import Iterator

from drafter.checks.registry import KINDS, CheckContext, Rule

BACKGROUND_KINDS = frozenset({"voikko-grammar", "voikko-spelling", "outlier-measures"})
MIN_CHARS = 150_000


class WorkerFailed(Exception):
    """The worker could not deliver (did not start, died, or sent nothing)."""


class Background:
    """Rules running in a forked worker; :meth:`findings` waits for one rule's result."""

    def __init__(self, rules: list[Rule], process, connection) -> None:
        self.ids = {rule.id for rule in rules}
        self._process = process
        self._connection = connection
        self._results: dict[str, tuple] | None = None

    def __contains__(self, rule: Rule) -> bool:
        return rule.id in self.ids

    def findings(self, rule: Rule) -> Iterator:
        """The worker's findings of ``rule`` as an iterator that ends as the rule's own run did.

        Findings the rule yielded before raising come first, then the same
        exception (by type name and message) is raised, so the engine keeps
        and reports exactly what it would inline. Raises
        :class:`WorkerFailed` at once when the worker delivered nothing; the
        caller then runs the rule itself.
        """
        if self._results is None:
            self._results = self._receive()
        outcome = self._results.get(rule.id)
        if outcome is None:
            raise WorkerFailed(rule.id)
        return _replay(*outcome)

    def _receive(self) -> dict[str, tuple]:
        try:
            results = self._connection.recv()
        except (EOFError, OSError):  # the worker died before sending
            results = {}
        except BaseException:  # the time limit, Ctrl-C: stop the worker too
            self.close()
            raise
        self._connection.close()
        self._process.join(timeout=5)
        return results if isinstance(results, dict) else {}

    def close(self) -> None:
        """Stop the worker if its results were never collected (idempotent)."""
        if self._results is None:
            self._results = {}
            self._connection.close()
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=5)


def start_background(selected: list[Rule], ctx: CheckContext) -> Background | None:
    """Fork a worker for the selected background rules when the draft is long enough, else None."""
    rules = [rule for rule in selected if rule.kind in BACKGROUND_KINDS and rule.kind in KINDS]
    if not rules or (os.cpu_count() or 1) < 2:
        return None
    if sum(len(p.text) for p in ctx.document.all_paragraphs()) <= MIN_CHARS:
        return None
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(sender, rules, ctx), daemon=True)
        process.start()
    except (ValueError, OSError, ImportError):  # no fork on this platform, or no resources
        return None
    sender.close()
    return Background(rules, process, receiver)


def _replay(found: list, error: tuple[str, str] | None) -> Iterator:
    yield from found
    if error is not None:
        type_name, message = error
        raise type(type_name, (Exception,), {})(message)


def _work(connection, rules: list[Rule], ctx: CheckContext) -> None:
    """In the worker: run each rule as the engine would and send every outcome at once."""
    results: dict[str, tuple[list, tuple[str, str] | None]] = {}
    for rule in rules:
        found: list = []
        try:
            for finding in KINDS[rule.kind].function(rule, ctx):
                found.append(finding)
            results[rule.id] = (found, None)
        except Exception as exc:  # noqa: BLE001 - reported by the engine, as inline
            results[rule.id] = (found, (type(exc).__name__, str(exc)))
    connection.send(results)
    connection.close()
