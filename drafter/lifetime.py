"""What the console script leaves for the process's end instead of freeing it now.

Freeing a big draft's objects one by one costs real time: the parsed XML of a
5,000-measure draft takes 0.03 s to free, the read document and programme more.
A library caller gets everything freed as usual. The ``drafter`` console script
(:func:`drafter.cli.run`) ends the process right after its output is written, so
there it calls :func:`keep_until_exit` first and whatever is handed to
:func:`done_with` is simply never freed: the operating system takes the memory back.
"""

from __future__ import annotations

_kept: list | None = None


def keep_until_exit() -> None:
    """From now on, keep what is handed to :func:`done_with` until the process ends."""
    global _kept
    if _kept is None:
        _kept = []


def ending_soon() -> bool:
    """True when the process ends once the command is done (the console script)."""
    return _kept is not None


def done_with(value: object) -> None:
    """Let go of ``value``: freed now in a library caller, left for the process's end under the console script."""
    if _kept is not None:
        _kept.append(value)


__all__ = ["done_with", "ending_soon", "keep_until_exit"]
