"""Time and memory caps for one run of drafter over hostile input.

The package opener (:mod:`drafter.ooxml.package`) refuses oversized and hostile
files before inflating them; these caps are the backstop for everything after
that: a per-file time budget (``DRAFTER_TIME_LIMIT`` seconds, default 120) and
an address-space cap for the whole process (``DRAFTER_MAX_MEMORY_MB``, default
2048). Either can be switched off with 0. An overrun ends that file with one
line (:class:`TimeLimitExceeded`), never a hang.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import Iterator

from drafter.errors import DrafterError

DEFAULT_TIME_LIMIT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048
MIN_MEMORY_MB = 512


class TimeLimitExceeded(BaseException):
    """Processing one file took longer than DRAFTER_TIME_LIMIT seconds.

    A BaseException, like KeyboardInterrupt, so that library code that turns
    ``Exception`` into a notice and carries on cannot swallow it; the CLI
    catches it by name and prints ``str(exc)`` on one line.
    """

    exit_status = 2

    def __init__(self, label: str, seconds: float) -> None:
        self.path = label
        self.reason = f"stopped after {seconds:g} seconds (DRAFTER_TIME_LIMIT); nothing was written"
        super().__init__(f"{label}: {self.reason}")


def time_limit_seconds() -> float:
    """DRAFTER_TIME_LIMIT in seconds (0 switches the budget off)."""
    return _env_number("DRAFTER_TIME_LIMIT", DEFAULT_TIME_LIMIT)


def max_memory_mb() -> int:
    """DRAFTER_MAX_MEMORY_MB (0 switches the cap off; below MIN_MEMORY_MB is refused).

    Below about 450 MB libvoikko's initialisation dies with a segmentation fault
    instead of a MemoryError, so such caps are refused with one line.
    """
    value = int(_env_number("DRAFTER_MAX_MEMORY_MB", DEFAULT_MAX_MEMORY_MB))
    if 0 < value < MIN_MEMORY_MB:
        raise DrafterError(f"DRAFTER_MAX_MEMORY_MB={value} is too small; use at least {MIN_MEMORY_MB} (or 0 for no cap)")
    return value


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise DrafterError(f"{name}={value!r} is not a number") from None
    if number < 0:
        raise DrafterError(f"{name}={value!r} must not be negative")
    return number


@contextlib.contextmanager
def time_limit(label: str, seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed.

    Uses SIGALRM with an interval timer, so it works only in the main thread of
    a process (elsewhere, and with 0 seconds, the block runs unbounded). The
    timer repeats every second after it first fires, so code that swallows the
    exception is interrupted again. An enclosing budget is restored afterwards.
    """
    seconds = time_limit_seconds() if seconds is None else seconds
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    fired = []

    def overrun(signum, frame):
        fired.append(True)
        raise TimeLimitExceeded(label, seconds)

    previous_handler = signal.signal(signal.SIGALRM, overrun)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    except BaseException as exc:
        # Python wraps an exception raised at some points (a class body's __set_name__,
        # a finaliser) in another one; once the budget has run out, it is the reason.
        if fired and not isinstance(exc, TimeLimitExceeded):
            raise TimeLimitExceeded(label, seconds) from exc
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            signal.setitimer(signal.ITIMER_REAL, previous_delay, previous_interval)


@contextlib.contextmanager
def memory_cap(megabytes: int | None = None) -> Iterator[None]:
    """Cap the process's address space (RLIMIT_AS) at ``megabytes`` for the block.

    Allocation beyond the cap raises MemoryError, which the CLI reports in one
    line. The soft limit is restored afterwards (an unprivileged process may
    raise it back up to the hard limit). Where RLIMIT_AS does not exist, or
    with 0, the block runs uncapped. A cap lower than what the process already
    uses is not applied: it would only make every allocation fail.
    """
    megabytes = max_memory_mb() if megabytes is None else megabytes
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    if not megabytes or not hasattr(resource, "RLIMIT_AS"):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap or cap <= _address_space_in_use():
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space_in_use() -> int:
    """The process's current virtual size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
