"""What the console script leaves for the process's end instead of freeing it now.

Freeing a big draft's objects one by one costs real time: the parsed XML of a
5,000-measure draft takes 0.03 s to free, the read document and programme more.
A library caller gets everything freed as usual. The ``drafter`` console script
(:func:`drafter.cli.run`) ends the process right after its output is written, so
there it calls :func:`keep_until_exit` first and whatever is handed to
:func:`done_with` is simply never freed: the operating system takes the memory back.
Parsed XML is kept only for commands that ask for it, as it is what makes a
process big.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_kept: list | None = None
_parsed_xml = False


def keep_until_exit(parsed_xml: bool = False) -> None:
    """From now on, keep what is handed to :func:`done_with` until the process ends.

    ``parsed_xml`` keeps the reader's parsed parts too. They take the most memory
    of all (about four times the part's size), so only a command that is done
    soon and holds little else asks for it (``drafter outline``); ``drafter check``
    frees them before its rules run.
    """
    global _kept, _parsed_xml
    if _kept is None:
        _kept = []
    _parsed_xml = _parsed_xml or parsed_xml


def ending_soon() -> bool:
    """True when the process ends once the command is done (the console script)."""
    return _kept is not None


def done_with(value: object, parsed_xml: bool = False) -> None:
    """Let go of ``value``: freed now in a library caller, left for the process's end under the console script.

    A parsed XML part (``parsed_xml``) is left only when the command asked for that.
    """
    if _kept is not None and (_parsed_xml or not parsed_xml):
        _kept.append(value)


@contextmanager
def collector_paused(freeze: bool = False, resume: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that makes many objects and no cycles.

    Reading, recognising and checking a big draft make hundreds of thousands of
    objects that reference counting frees on its own; with the collector on,
    every full collection their allocations set off walks the whole document
    again. ``freeze`` also moves every object that exists now out of the
    collector's sight (a forked partner then shares their pages untouched).
    ``resume=False`` leaves the collector off after the block, for a process
    that ends next. A collector already off stays off.
    """
    collecting = gc.isenabled()
    gc.disable()
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()
        if collecting and resume:
            gc.enable()


__all__ = ["collector_paused", "done_with", "ending_soon", "keep_until_exit"]
