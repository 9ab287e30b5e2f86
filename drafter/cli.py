"""The drafter command line: argument parsing and exit codes only.

Work is done in the library; each command imports what it needs when it runs,
so ``drafter --help`` and ``drafter rules`` start quickly. Every error that
comes from the input ends in one line on stderr and exit status 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from drafter import __version__
from drafter.errors import DrafterError

EXIT_FINDINGS = 1
EXIT_INPUT = 2


def _fail(message: str) -> "NoReturn":  # noqa: F821
    click.echo(f"drafter: {message}", err=True)
    sys.exit(EXIT_INPUT)


class _App(click.Group):
    """Click group that turns drafter's errors into one line and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            _fail(str(exc))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted; no output was written")
        except MemoryError:
            _fail("out of memory while processing the input; nothing was written")
        except RecursionError:
            _fail("the input is nested too deeply to process; nothing was written")
        except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with DRAFTER_DEBUG=1 for details")


@click.group(cls=_App, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main() -> None:
    """Check programme drafts for consistency and make their publication version."""


# -- outline -----------------------------------------------------------------

@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="drafter.toml to use instead of the one found beside the draft.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
def outline(file: Path, fmt: str, config_path: Path | None, output: Path | None) -> None:
    """Show the programme's structure: chapters, objectives, measures and their fields."""
    from drafter.api import read_programme
    from drafter.report.outline import outline_json, outline_text

    programme = read_programme(file, config_path=config_path)
    if fmt == "json":
        import json

        text = json.dumps(outline_json(programme), ensure_ascii=False, indent=2) + "\n"
    else:
        text = outline_text(programme)
    _emit(text, output, file)


def _emit(text: str, output: Path | None, source: Path, force: bool = True) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from drafter.io import write_text_atomic

    write_text_atomic(output, text, inputs=[source], force=force)


if __name__ == "__main__":  # pragma: no cover
    main()
