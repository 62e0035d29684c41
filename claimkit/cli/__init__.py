"""The ``claimkit`` command: parse options, call the library, turn errors into messages and exit codes.

Each command group is a module of this package with a ``register(app)`` function; a new group is one module
and one name in ``COMMAND_MODULES``. Each command imports the library parts it uses: ``claimkit --help`` loads
neither the records nor the rules.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import sys
from typing import Annotated, NoReturn

import typer

from .. import errors
from .._version import __version__
from .common import EXIT_CODES, STRICT_EXIT, TextFormatOption

__all__ = ["COMMAND_MODULES", "EXIT_CODES", "STRICT_EXIT", "app", "main"]

COMMAND_MODULES: tuple[str, ...] = ("summarise", "check", "batch", "cache", "evaluation", "archive")
"""The command groups, in the order ``--help`` lists them: each a module here with ``register(app)``."""

# No locals in tracebacks: a local may be an API key.
app = typer.Typer(
    no_args_is_help=True,
    help="Who claimed what in a news article.",
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}").register(app)


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Print claimkit's version."),
    ] = False,
) -> None:
    """Who claimed what in a news article."""


@app.command("version")
def version_command(fmt: TextFormatOption = "text") -> None:
    """Print claimkit's version."""
    typer.echo(json.dumps({"version": __version__}) if fmt == "json" else __version__)


def main() -> None:
    try:
        app()
    except ImportError as e:  # a broken install: one line, not a traceback
        typer.echo(f"claimkit: error: a module claimkit needs is missing ({e}); reinstall claimkit", err=True)
        raise SystemExit(EXIT_CODES[errors.MissingDependency]) from None
    except SystemExit as done:
        _flush_or_fail()  # a full disk under `> file` must not pass for success
        raise done from None
    except OSError as e:
        if e.errno not in _OUTPUT_ERRORS:
            raise
        _output_failed(e)


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT, errno.EFBIG}
"""Why writing the output can fail: a full disk or quota, a closed pipe, a device error."""


def _output_failed(error: OSError) -> NoReturn:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- nothing more can be written; no retry at exit
    typer.echo(f"claimkit: error: the output could not be written ({error.strerror or error})", err=True)
    raise SystemExit(EXIT_CODES[errors.OutputError]) from None


def _flush_or_fail() -> None:
    try:
        sys.stdout.flush()
    except OSError as e:
        _output_failed(e)
