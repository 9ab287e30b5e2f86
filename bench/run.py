"""Benchmark drafter against pandoc, python-docx and the lxml floor, as ratios from one run.

    .venv/bin/python bench/run.py            # 50, 500 and 5,000 measures (a few minutes)
    .venv/bin/python bench/run.py --quick    # 50 and 500 only, fewer repetitions

Each command runs end to end as a process, round-robin with its baselines (so a
noisy neighbour slows all of them alike), and the median of the runs is kept.
Peak memory is each process's own maximum RSS (``os.wait4``). Per-stage times
come from a child process that calls the library step by step with
``time.perf_counter``: read, structure, lexicon, NLP load, every rule, the
funding summary, the reports and writing them. The table goes to standard
output and everything to ``bench/results/latest.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DRAFTS = RESULTS / "drafts"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DRAFTER = str(ROOT / ".venv" / "bin" / "drafter")
SAMPLE = ROOT / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
sys.path.insert(0, str(BENCH))

# Every rule on, Finnish morphology on: the check configuration the targets are about.
CONFIG_TOML = '# Written by bench/run.py: every rule on.\n[rules]\nenable = ["all"]\n'

PYTHON_DOCX = r"""
import sys
import docx
def cells(table):
    for row in table.rows:
        for cell in row.cells:
            yield cell.text
            for inner in cell.tables:
                yield from cells(inner)
d = docx.Document(sys.argv[1])
n = sum(len(p.text) for p in d.paragraphs)
for t in d.tables:
    n += sum(len(c) for c in cells(t))
print(n)
"""

LXML_FLOOR = r"""
import sys, zipfile
from lxml import etree
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
with zipfile.ZipFile(sys.argv[1]) as z, z.open("word/document.xml") as f:
    texts, paragraphs = [], 0
    for _, el in etree.iterparse(f, events=("end",), tag=(W + "t", W + "p")):
        if el.tag == W + "t":
            texts.append(el.text or "")
        else:
            paragraphs += 1
            el.clear()
print(paragraphs, len("".join(texts)))
"""

TARGETS_DOC = {
    "check_vs_pandoc_500": "drafter check ≤ pandoc -t json on 500 measures (ratio ≤ 1.0)",
    "check_vs_pandoc_5000": "drafter check ≤ ¼ of pandoc -t json on 5,000 measures (ratio ≤ 0.25)",
    "outline_vs_floor_500": "drafter outline ≤ 3× the lxml iterparse floor on 500 measures",
    "outline_vs_floor_5000": "drafter outline ≤ 3× the lxml iterparse floor on 5,000 measures",
    "startup_help": "drafter --help < 0.3 s",
    "startup_rules": "drafter rules < 0.3 s",
    "check_scaling": "check on 5,000 measures ≤ 11× check on 500",
    "outline_scaling": "outline on 5,000 measures ≤ 11× outline on 500",
    "memory_5000": "peak memory of drafter check on 5,000 measures < 400 MB",
}


# -- running processes ---------------------------------------------------------------------

def run_process(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Run ``argv`` to completion; return wall seconds, peak RSS in KiB and exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                            env=None if env is None else {**os.environ, **env})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    code = proc.returncode
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {err.strip()[-400:]}")
    return elapsed, usage.ru_maxrss, code


# ``check`` runs with drafter's Voikko cache warm, as when an editor re-checks a draft after an edit
# (the cache keeps Voikko's answers per paragraph text and word form; an edit changes a few of them).
# ``check-cold`` gets a new, empty cache directory for every run: a first check ever of this draft.
COLD = "cold"


def commands_for(path: Path, publish: bool, out_dir: Path) -> dict[str, list[str]]:
    """The commands measured on one draft, by name."""
    check = [DRAFTER, "check", str(path), "--config", str(DRAFTS / "drafter.toml")]
    commands = {
        "lxml-floor": [PYTHON, "-c", LXML_FLOOR, str(path)],
        "python-docx": [PYTHON, "-c", PYTHON_DOCX, str(path)],
        "pandoc": ["pandoc", str(path), "-t", "json", "-o", os.devnull],
        "outline": [DRAFTER, "outline", str(path)],
        "check": check,
        "check-cold": [COLD, *check],
    }
    if publish:
        commands["publish"] = [DRAFTER, "publish", str(path), "-o", str(out_dir / f"published-{path.name}"),
                               "--force"]
    return commands


def measure_commands(commands: dict[str, list[str]], runs: int) -> dict[str, dict]:
    """Median wall time and peak RSS of each command over ``runs`` round-robin repetitions."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, int] = {name: 0 for name in commands}
    errors: dict[str, str] = {}
    for _ in range(runs):
        for name, argv in commands.items():
            if name in errors:
                continue
            try:
                if argv[0] == COLD:
                    with tempfile.TemporaryDirectory(prefix="drafter-cold-cache-") as empty:
                        elapsed, peak, _ = run_process(argv[1:], env={"DRAFTER_CACHE_DIR": empty})
                else:
                    elapsed, peak, _ = run_process(argv)
            except RuntimeError as exc:  # one broken command must not end the benchmark
                errors[name] = str(exc)
                print(f"bench: {exc}", file=sys.stderr)
                continue
            times[name].append(elapsed)
            rss[name] = max(rss[name], peak)
    return {name: {"median_s": statistics.median(values), "min_s": min(values), "runs": values,
                   "peak_rss_mb": rss[name] / 1024} if values else {"error": errors.get(name)}
            for name, values in times.items()}


def publish_available() -> bool:
    """Whether ``drafter publish --help`` works (another helper is writing the command)."""
    try:
        return subprocess.run([DRAFTER, "publish", "--help"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# -- per-stage timings (child process) ---------------------------------------------------------

def compile_bytecode() -> None:
    """Write drafter's .pyc files, as an installed drafter has them.

    With PYTHONDONTWRITEBYTECODE set (as on CI and some shells) no run would
    write them, and every measured process would compile ~100 modules from
    source first (~0.15-0.2 s of CPU): that is set-up, not drafter's cost.
    A .pyc is read whatever the variable says; __pycache__ is git-ignored.
    """
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "drafter")], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stage_timings(path: Path) -> dict:
    """Per-stage and per-rule times for one draft, measured in a fresh process."""
    out = subprocess.run([PYTHON, str(Path(__file__)), "--stages", str(path)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def _stages_main(path: Path) -> None:
    """Child: time each stage of outline and check with the library's own functions."""
    stages: dict[str, float] = {}

    def timed(name: str, function):
        start = time.perf_counter()
        value = function()
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - start
        return value

    def imports():
        import drafter.api  # noqa: F401
        import drafter.checks.engine  # noqa: F401
        import drafter.checks.loader  # noqa: F401
        import drafter.ooxml.reader  # noqa: F401
        import drafter.structure  # noqa: F401

    timed("import", imports)
    from drafter.checks.engine import KINDS, _suppress, _unique, make_context, select_rules
    from drafter.checks.loader import load_rules
    from drafter.config import load_config
    from drafter.ooxml.reader import read_document
    from drafter.structure import recognise

    config = timed("config", lambda: load_config(path, DRAFTS / "drafter.toml"))
    document = timed("read", lambda: read_document(str(path)))
    programme = timed("structure", lambda: recognise(document, language=config.language, profile=config.profile))
    timed("outline report", lambda: _outline_reports(programme))
    rules = timed("rule loading", load_rules)
    selected = select_rules(rules, programme.language, config)
    ctx, _ = timed("lexicon", lambda: make_context(programme, config))
    timed("nlp load", lambda: ctx.nlp)
    per_rule: dict[str, float] = {}
    per_kind: dict[str, float] = {}
    findings = []
    for rule in selected:
        function = KINDS[rule.kind].function if rule.kind in KINDS else None
        if function is None:
            continue
        start = time.perf_counter()
        try:
            found = list(function(rule, ctx))
        except Exception:  # noqa: BLE001 - the engine reports it; here only the time counts
            found = []
        elapsed = time.perf_counter() - start
        per_rule[f"{rule.id} {rule.name}"] = elapsed
        per_kind[rule.kind] = per_kind.get(rule.kind, 0.0) + elapsed
        findings.extend(found)
    stages["rules (all)"] = sum(per_rule.values())
    kept, _ = timed("suppress+sort", lambda: _suppress(findings, document, config))
    kept = sorted(_unique(kept), key=lambda f: f.sort_key)

    from drafter.api import _checked

    # The whole check pipeline once more (fresh context): what `drafter check` does after reading.
    result = timed("check pipeline (again, fresh context)", lambda: _checked(str(path), programme, config, (), ()))
    from drafter.funding import funding_summary

    timed("funding summary", lambda: funding_summary(programme, config))
    from drafter.report.html import render_html
    from drafter.report.json_report import render_json
    from drafter.report.text import render_text

    text = timed("report text", lambda: render_text([result]))
    data = timed("report json", lambda: render_json([result]))
    html = timed("report html", lambda: render_html([result]))
    from drafter.io import write_text_atomic

    with tempfile.TemporaryDirectory() as tmp:
        def write():
            for name, content in (("r.txt", text), ("r.json", data), ("r.html", html)):
                write_text_atomic(Path(tmp) / name, content, inputs=[path], force=True)
        timed("write reports", write)
    morphology = None
    try:
        from drafter.lexicon import is_known_word

        morphology = is_known_word("ministeriö") is not None
    except ImportError:
        pass
    json.dump({"stages": stages, "rules": per_rule, "kinds": per_kind, "findings": len(kept),
               "measures": len(programme.measures), "rules_run": len(per_rule),
               "finnish_morphology": morphology}, sys.stdout)


def _outline_reports(programme) -> None:
    from drafter.report.outline import outline_json, outline_text

    outline_text(programme)
    json.dumps(outline_json(programme), ensure_ascii=False, indent=2)


# -- the report --------------------------------------------------------------------------------

def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n", 1)[0]
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "pandoc": pandoc}


def prepare_drafts(sizes: list[int]) -> dict[str, Path]:
    """Generate the drafts that are missing (or older than the generator); the sample too."""
    from generate import generate

    DRAFTS.mkdir(parents=True, exist_ok=True)
    (DRAFTS / "drafter.toml").write_text(CONFIG_TOML, encoding="utf-8")
    generator = BENCH / "generate.py"
    counts_file = DRAFTS / "words.json"
    counts = json.loads(counts_file.read_text()) if counts_file.exists() else {}
    drafts: dict[str, Path] = {"sample": SAMPLE}
    for n in sizes:
        path = DRAFTS / f"bench-{n}.docx"
        if (not path.exists() or str(n) not in counts
                or path.stat().st_mtime < generator.stat().st_mtime):
            path, counts[str(n)] = generate(n, DRAFTS)
            print(f"generated {path.name}: {counts[str(n)]} words", file=sys.stderr)
        drafts[str(n)] = path
    counts_file.write_text(json.dumps(counts), encoding="utf-8")
    WORDS.update(counts)
    return drafts


WORDS: dict[str, int] = {}


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def evaluate(sizes: dict, startup: dict) -> dict[str, dict]:
    """Each target: its measured value, limit and whether it holds (None: not measured)."""
    def t(size: str, name: str) -> float | None:
        return sizes.get(size, {}).get("commands", {}).get(name, {}).get("median_s")

    def mem(size: str, name: str) -> float | None:
        return sizes.get(size, {}).get("commands", {}).get(name, {}).get("peak_rss_mb")

    values = {
        "check_vs_pandoc_500": (ratio(t("500", "check"), t("500", "pandoc")), 1.0),
        "check_vs_pandoc_5000": (ratio(t("5000", "check"), t("5000", "pandoc")), 0.25),
        "outline_vs_floor_500": (ratio(t("500", "outline"), t("500", "lxml-floor")), 3.0),
        "outline_vs_floor_5000": (ratio(t("5000", "outline"), t("5000", "lxml-floor")), 3.0),
        "startup_help": (startup.get("drafter --help"), 0.3),
        "startup_rules": (startup.get("drafter rules"), 0.3),
        "check_scaling": (ratio(t("5000", "check"), t("500", "check")), 11.0),
        "outline_scaling": (ratio(t("5000", "outline"), t("500", "outline")), 11.0),
        "memory_5000": (mem("5000", "check"), 400.0),
    }
    return {key: {"target": TARGETS_DOC[key], "value": value, "limit": limit,
                  "holds": None if value is None else value <= limit}
            for key, (value, limit) in values.items()}


def first_checks(sizes: dict) -> dict[str, float | None]:
    """check-cold / pandoc per draft: a first check ever, Voikko's cache empty (reported beside the targets)."""
    def t(size: str, name: str) -> float | None:
        return sizes.get(size, {}).get("commands", {}).get(name, {}).get("median_s")

    return {size: ratio(t(size, "check-cold"), t(size, "pandoc")) for size in sizes}


def table(result: dict) -> str:
    """The printed table: times, ratios, memory, start-up, slowest stages, targets."""
    lines = [f"drafter benchmark {result['date']} · {result['machine']['nproc']} CPU "
             f"{result['machine']['cpu']} · {result['machine']['ram_gb']} GB RAM · runs: median of "
             f"{result['runs']}"]
    if "load_average" in result:
        start, end = result["load_average"], result.get("load_average_end", result["load_average"])
        lines.append(f"load average (1/5/15 min) at start {start[0]:.1f}/{start[1]:.1f}/{start[2]:.1f}, "
                     f"at end {end[0]:.1f}/{end[1]:.1f}/{end[2]:.1f}")
    lines.append("")
    names = ["lxml-floor", "python-docx", "pandoc", "outline", "check", "check-cold"] + (
        ["publish"] if result["publish"] else [])
    header = f"{'draft':>8} {'words':>8} | " + " | ".join(f"{n:>11}" for n in names) + \
        " | check/pandoc | cold/pandoc | check/docx | outline/floor | check MB"
    lines += [header, "-" * len(header)]
    for size, entry in result["sizes"].items():
        c = entry["commands"]
        cells = " | ".join(f"{c[n]['median_s']:>10.2f}s" if "median_s" in c.get(n, {}) else f"{'-':>11}"
                           for n in names)
        def m(name: str, key: str = "median_s") -> float | None:
            return c.get(name, {}).get(key)

        def fmt(value: float | None, width: int, spec: str = ".2f") -> str:
            return f"{'-':>{width}}" if value is None else f"{value:>{width}{spec}}"

        lines.append(
            f"{size:>8} {entry.get('words') or '':>8} | {cells} | "
            f"{fmt(ratio(m('check'), m('pandoc')), 12)} | {fmt(ratio(m('check-cold'), m('pandoc')), 11)} | "
            f"{fmt(ratio(m('check'), m('python-docx')), 10)} | "
            f"{fmt(ratio(m('outline'), m('lxml-floor')), 13)} | {fmt(m('check', 'peak_rss_mb'), 8, '.0f')}")
    lines += ["", "start-up: " + ", ".join(f"{k} {v:.3f} s" for k, v in result["startup"].items())]
    for size, entry in result["sizes"].items():
        stages = entry.get("stages")
        if not stages:
            continue
        top_stages = sorted(stages["stages"].items(), key=lambda kv: -kv[1])[:6]
        top_rules = sorted(stages["rules"].items(), key=lambda kv: -kv[1])[:6]
        lines += ["", f"stages on {size} ({stages['measures']} measures, {stages['rules_run']} rules, "
                      f"{stages['findings']} findings, Finnish morphology "
                      f"{'on' if stages['finnish_morphology'] else 'OFF'}):",
                  "  " + ", ".join(f"{k} {v:.3f}" for k, v in top_stages),
                  "  slowest rules: " + ", ".join(f"{k} {v:.3f}" for k, v in top_rules)]
    lines += ["", "targets:"]
    for key, target in result["targets"].items():
        state = "n/a " if target["holds"] is None else ("PASS" if target["holds"] else "FAIL")
        value = "-" if target["value"] is None else f"{target['value']:.2f}"
        lines.append(f"  {state}  {target['target']}: {value} (limit {target['limit']})")
    cold = {size: value for size, value in result.get("first_checks", {}).items() if value is not None}
    if cold:
        lines += ["", "first check of a draft (empty Voikko cache), check-cold / pandoc: "
                  + ", ".join(f"{size} {value:.2f}" for size, value in cold.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 and 500 measures only, 3 runs")
    parser.add_argument("--runs", type=int, default=None, help="repetitions per command (median kept)")
    parser.add_argument("--sizes", default=None, help="comma-separated measure counts (default 50,500,5000)")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage timings")
    parser.add_argument("--stages", type=Path, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    if args.stages is not None:
        _stages_main(args.stages)
        return 0
    if shutil.which("pandoc") is None:
        print("bench: pandoc is not installed", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([50, 500] if args.quick else [50, 500, 5000])
    runs = args.runs or (3 if args.quick else 5)
    drafts = prepare_drafts(sizes)
    compile_bytecode()
    # drafter's own cache for this benchmark only: the user's cache is neither used nor filled.
    os.environ["DRAFTER_CACHE_DIR"] = str(RESULTS / "cache")
    publish = publish_available()
    result: dict = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                    "load_average": os.getloadavg(),
                    "runs": runs, "publish": publish, "sizes": {}, "startup": {}}
    startup_runs = max(runs, 7)
    for label, argv in (("drafter --help", [DRAFTER, "--help"]), ("drafter rules", [DRAFTER, "rules"])):
        result["startup"][label] = statistics.median(run_process(argv)[0] for _ in range(startup_runs))
    with tempfile.TemporaryDirectory() as out_dir:
        for label, path in drafts.items():
            n_runs = runs if label != "5000" else max(1, min(runs, 3))
            print(f"bench: {label} ({path.name}), {n_runs} runs …", file=sys.stderr)
            entry = {"file": str(path), "words": WORDS.get(label)}
            commands = commands_for(path, publish, Path(out_dir))
            run_process(commands["check"])  # fills the warm cache; not measured
            entry["commands"] = measure_commands(commands, n_runs)
            if not args.no_stages:
                try:
                    entry["stages"] = stage_timings(path)
                except subprocess.CalledProcessError as exc:
                    entry["stages_error"] = (exc.stderr or "").strip()[-400:]
                    print(f"bench: stage timings failed on {path.name}: {entry['stages_error']}", file=sys.stderr)
            result["sizes"][label] = entry
    result["load_average_end"] = os.getloadavg()
    result["targets"] = evaluate(result["sizes"], result["startup"])
    result["first_checks"] = first_checks(result["sizes"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    printed = table(result)
    (RESULTS / "latest.txt").write_text(printed, encoding="utf-8")
    print(printed, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
