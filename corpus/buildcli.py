"""The command line every corpus builder shares: ``--out DIR``, then the written paths."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable, Iterable

HERE = Path(__file__).resolve().parent


def run(build: Callable[[Path], Iterable[Path]], default_out: Path, doc: str | None,
        argv: list[str] | None = None) -> int:
    """Parse ``--out``, call ``build(out)`` and print each path it wrote."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    shown = default_out.relative_to(HERE.parent) if default_out.is_relative_to(HERE.parent) else default_out
    parser.add_argument("--out", type=Path, default=default_out, help=f"output folder (default: {shown})")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path)
    return 0
