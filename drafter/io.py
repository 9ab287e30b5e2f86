"""Write outputs atomically and never onto an input.

An output is written to a temporary file in the target folder, flushed and
synced, then renamed over the target: a reader never sees half a file, and an
interrupted run leaves the old file (or nothing) in place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from drafter.errors import OutputError


def check_output_path(output: Path, inputs: Iterable[Path] = (), force: bool = True) -> None:
    """Refuse an output that is one of the inputs, or that exists without ``force``."""
    output = Path(output)
    for source in inputs:
        try:
            same = output.exists() and Path(source).exists() and os.path.samefile(output, source)
        except OSError:
            same = False
        if same or Path(os.path.abspath(output)) == Path(os.path.abspath(source)):
            raise OutputError(f"{output}: refusing to overwrite the input file; choose another output name")
    if output.is_dir():
        raise OutputError(f"{output}: is a directory; give a file name")
    if output.exists() and not force:
        raise OutputError(f"{output}: already exists; use --force to replace it")
    if not output.parent.exists():
        raise OutputError(f"{output}: the folder {output.parent} does not exist")


def write_atomic(output: Path, write: Callable[[object], None], inputs: Iterable[Path] = (),
                 force: bool = True) -> None:
    """Call ``write(binary_file)`` on a temporary file, then rename it onto ``output``."""
    output = Path(output)
    check_output_path(output, inputs, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent or ".")
    try:
        # mkstemp makes the file private (0600); an output gets the permissions
        # any new file would get, so a report saved to a shared folder is readable.
        os.fchmod(fd, _default_mode(output))
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _default_mode(output: Path) -> int:
    """The replaced file's mode, or 0666 less the umask for a new file."""
    try:
        return output.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_bytes_atomic(output: Path, data: bytes, inputs: Iterable[Path] = (), force: bool = True) -> None:
    write_atomic(output, lambda h: h.write(data), inputs, force)


def write_text_atomic(output: Path, text: str, inputs: Iterable[Path] = (), force: bool = True) -> None:
    write_bytes_atomic(output, text.encode("utf-8"), inputs, force)
