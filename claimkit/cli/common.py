"""What every command shares: exit codes, the one-line error, option types, choice checks, the API key file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .. import errors
from ..render import CHECK_FORMATS, FORMATS, CheckFormat, Format
from ..settings import ENGINES, Settings

__all__ = [
    "EXIT_CODES",
    "STRICT_EXIT",
    "BaseUrlOption",
    "EngineOption",
    "ModelOption",
    "as_check_format",
    "as_format",
    "check_choice",
    "fail",
    "read_key",
    "resolve",
]

EXIT_CODES: dict[type[errors.ClaimkitError], int] = {
    errors.InputNotFound: 3,
    errors.InputIsDirectory: 4,
    errors.EmptyInput: 5,
    errors.BinaryInput: 6,
    errors.InputTooLarge: 7,
    errors.FetchError: 8,
    errors.GoldFileError: 9,
    errors.GroundingError: 10,
    errors.ConfigurationError: 11,
    errors.ModelUnavailable: 12,
    errors.ModelOutputError: 13,
    errors.PromptError: 14,
    errors.MissingDependency: 15,
    errors.OutputError: 17,
    errors.ArticleTimeout: 18,
}
"""Exit codes by error class; 1 is any other claimkit error, 2 a usage error."""
STRICT_EXIT = 16
"""``claimkit check --strict``: a quotation was altered or not found in the sources."""

EngineOption = Annotated[str | None, typer.Option(help=f"One of {', '.join(ENGINES)} (default auto).")]
ModelOption = Annotated[str | None, typer.Option(help="Model name; with one, the LLM engine runs.")]
BaseUrlOption = Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8765/v1.")]


def fail(error: errors.ClaimkitError) -> NoReturn:
    """The error as one line on standard error, and its exit code."""
    code = next((c for cls, c in EXIT_CODES.items() if isinstance(error, cls)), 1)
    typer.echo(f"claimkit: error: {error}", err=True)
    raise typer.Exit(code)


def resolve(**options: Any) -> Settings:
    """``Settings.resolve``, its errors (a bad value in the environment or the config file) as one line."""
    try:
        return Settings.resolve(**options)
    except errors.ClaimkitError as e:
        fail(e)


def read_key(path: Path | None) -> str | None:
    """The key in a file, or on the first line of standard input for '-'; never echoed."""
    if path is None:
        return None
    try:
        text = sys.stdin.readline() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as e:
        fail(errors.ConfigurationError(f"cannot read the API key file {path}: {e.strerror}"))
    key = text.strip()
    if not key:
        fail(errors.ConfigurationError(f"the API key file {path} is empty"))
    return key


def check_choice(what: str, value: str | None, choices: tuple[str, ...]) -> None:
    """A usage error (exit 2) naming the choices when ``value`` is not one of them."""
    if value is not None and value not in choices:
        typer.echo(f"claimkit: error: unknown {what} {value!r}; choose one of {', '.join(choices)}", err=True)
        raise typer.Exit(2)


def as_check_format(name: str) -> CheckFormat:
    assert name in CHECK_FORMATS
    return name  # type: ignore[return-value]


def as_format(name: str) -> Format:
    assert name in FORMATS
    return name  # type: ignore[return-value]
