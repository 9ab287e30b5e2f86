"""The long fuzz run: mutate real DOCX files and run drafter over every mutant.

Usage::

    .venv/bin/python tools/fuzz.py --count 10000 [--seed N] [--jobs 2] [--no-publish]
                                    [--crash-dir DIR] [--json summary.json]

Each mutant is made from one of the sample drafts (corpus/samples) or the
external corpus (/work/shared/corpus/external, read in place) by
tests/fuzz/fuzz_mutations.py, then read, recognised, checked and published in a
worker process under a per-mutant time budget (--time-limit, default 60 s) and
the memory cap (DRAFTER_MAX_MEMORY_MB, default 2048). Results:

- ``ok``: drafter read the mutant and published it;
- ``refused``: one-line DrafterError (counted by reason);
- ``crash``: any other exception, a timeout or a worker death. The mutant is
  saved as ``<crash-dir>/crash-<seed>-<n>.docx`` with a ``.txt`` beside it
  (seed file, seed, mutation, traceback). Reproduce one with
  ``tools/fuzz.py --replay <crash-dir>/crash-....docx``.

Exit status 0 when there were no crashes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fuzz"))
sys.path.insert(1, str(REPO))

import fuzz_mutations  # noqa: E402

_SEEDS: list[Path] = []
_CACHE: dict[int, bytes] = {}
_OPTIONS: dict = {}


def _init_worker(seeds: list[Path], options: dict) -> None:
    _SEEDS[:] = seeds
    _OPTIONS.update(options)
    from drafter.limits import max_memory_mb

    megabytes = max_memory_mb()
    if megabytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 1024 * 1024, resource.RLIM_INFINITY))


def _run_one(task: tuple[int, int]) -> dict:
    """Make mutant ``task`` = (n, seed) and exercise it; a plain dict for the parent."""
    n, seed = task
    rng = random.Random(seed)
    index = rng.randrange(len(_SEEDS))
    if index not in _CACHE:
        _CACHE[index] = _SEEDS[index].read_bytes()
    mutant = fuzz_mutations.mutate(_CACHE[index], rng, rounds=rng.choice((1, 1, 1, 2, 3)))
    record = {"n": n, "seed": seed, "file": str(_SEEDS[index]), "mutation": mutant.description}
    from drafter.limits import TimeLimitExceeded, time_limit

    started = time.monotonic()
    try:
        with time_limit(f"mutant {n}", _OPTIONS["time_limit"]):
            outcome = fuzz_mutations.exercise(mutant.data, _SEEDS[index].suffix, publish=_OPTIONS["publish"])
        record["result"] = "ok" if outcome == "ok" else "refused"
        if outcome != "ok":
            record["reason"] = fuzz_mutations.reason_class(outcome)
    except TimeLimitExceeded:
        record.update(result="crash", error=f"timeout after {_OPTIONS['time_limit']} s")
    except BaseException as exc:  # noqa: BLE001 - every other exception is a finding of this tool
        record.update(result="crash", error=f"{type(exc).__name__}: {exc}"[:300],
                      traceback=traceback.format_exc())
    record["seconds"] = round(time.monotonic() - started, 3)
    if record["result"] == "crash":
        record["reproducer"] = _save(mutant.data, record)
    return record


def _save(data: bytes, record: dict) -> str:
    folder = Path(_OPTIONS["crash_dir"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{record['seed']}-{record['n']}{Path(record['file']).suffix}"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(
        f"seed file: {record['file']}\nseed: {record['seed']}\nmutation: {record['mutation']}\n"
        f"error: {record['error']}\n\n{record.get('traceback', '')}", encoding="utf-8")
    return str(path)


def run(count: int, seed: int, jobs: int, options: dict, progress: bool = True) -> dict:
    """Fuzz ``count`` mutants with ``jobs`` workers; return the summary."""
    seeds = fuzz_mutations.seed_files()
    master = random.Random(seed)
    tasks = [(n, master.randrange(2**63)) for n in range(count)]
    results: Counter = Counter()
    reasons: Counter = Counter()
    crashes: list[dict] = []
    slowest: list[tuple[float, int]] = []
    started = time.monotonic()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker, initargs=(seeds, options), maxtasksperchild=250) as pool:
        for done, record in enumerate(pool.imap_unordered(_run_one, tasks, chunksize=4), 1):
            results[record["result"]] += 1
            if record["result"] == "refused":
                reasons[record["reason"]] += 1
            if record["result"] == "crash":
                crashes.append(record)
                print(f"CRASH {record['reproducer']}: {record['error']}", file=sys.stderr, flush=True)
            slowest.append((record["seconds"], record["n"]))
            if progress and done % 250 == 0:
                rate = done / (time.monotonic() - started)
                print(f"{done}/{count} ({rate:.1f}/s) {dict(results)}", file=sys.stderr, flush=True)
    slowest.sort(reverse=True)
    return {
        "tried": count, "seed": seed, "seed_files": len(seeds), "jobs": jobs,
        "publish": options["publish"], "seconds": round(time.monotonic() - started, 1),
        "results": dict(results), "refusals": dict(reasons.most_common()),
        "slowest_seconds": [s for s, _ in slowest[:5]],
        "crashes": [{k: c[k] for k in ("n", "seed", "file", "mutation", "error", "reproducer")} for c in crashes],
    }


def print_summary(summary: dict) -> None:
    print(f"tried {summary['tried']} mutants of {summary['seed_files']} files (seed {summary['seed']}, "
          f"{summary['jobs']} workers, publish {'on' if summary['publish'] else 'off'}) in {summary['seconds']} s")
    print("results: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["results"].items())))
    print("refusals by reason:")
    for reason, n in summary["refusals"].items():
        print(f"  {n:6d}  {reason}")
    print(f"slowest mutants (s): {summary['slowest_seconds']}")
    print(f"crashes: {len(summary['crashes'])}")
    for crash in summary["crashes"]:
        print(f"  {crash['reproducer']}: {crash['error']} [{crash['mutation']}]")


def replay(path: Path, publish: bool) -> int:
    """Run one saved mutant in this process, with the full traceback on a crash."""
    outcome = fuzz_mutations.exercise(path.read_bytes(), path.suffix, publish=publish)
    print(outcome)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000, help="mutants to try (default 10000)")
    parser.add_argument("--seed", type=int, default=None, help="master seed (default: from the clock)")
    parser.add_argument("--jobs", type=int, default=max(1, multiprocessing.cpu_count()), help="worker processes")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per mutant before it counts as a hang")
    parser.add_argument("--no-publish", action="store_true", help="read, recognise and check only")
    parser.add_argument("--crash-dir", default="/tmp/drafter-fuzz/crashes", help="where crashing mutants are saved")
    parser.add_argument("--json", dest="json_path", help="also write the summary as JSON here")
    parser.add_argument("--replay", type=Path, help="run one saved mutant in-process and show any traceback")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, not args.no_publish)
    seed = args.seed if args.seed is not None else int(time.time())
    options = {"time_limit": args.time_limit, "publish": not args.no_publish, "crash_dir": args.crash_dir}
    summary = run(args.count, seed, args.jobs, options)
    print_summary(summary)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if summary["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
