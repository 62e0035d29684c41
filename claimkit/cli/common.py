"""What every command shares: exit codes, the one-line error, option types, choice checks, the API key file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

import typer

from .. import errors
from ..settings import Engine, Settings, StructuredOutput

__all__ = [
    "EXIT_CODES",
    "STRICT_EXIT",
    "ApiKeyFileOption",
    "ApiKeyOption",
    "BaseUrlOption",
    "CompareFormat",
    "EngineOption",
    "JsonOption",
    "MaxBytesOption",
    "MaxReasksOption",
    "MaxRetriesOption",
    "ModelOption",
    "NoCacheOption",
    "NoLogOption",
    "StructuredOutputOption",
    "TextFormat",
    "TextFormatOption",
    "TimeoutOption",
    "fail",
    "read_key",
    "resolve",
    "terminal_width",
    "text_format",
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
    errors.ArchiveError: 19,
}
"""Exit codes by error class; 1 is any other claimkit error, 2 a usage error."""
STRICT_EXIT = 16
"""``claimkit check --strict``: a quotation was altered or not found in the sources."""

CompareFormat = Literal["table", "json", "md", "html"]
TextFormat = Literal["text", "json"]
"""The output of a command that prints a line or a few: text for people, or JSON."""

EngineOption = Annotated[
    Engine | None, typer.Option(help="The engine (default auto: the LLM engine when a model is set, else embedded).")
]
StructuredOutputOption = Annotated[
    StructuredOutput | None, typer.Option(help="How the model is held to the schema (default auto: probed once).")
]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(help="API key: visible to other users in the process list; prefer --api-key-file or OPENAI_API_KEY."),
]
ApiKeyFileOption = Annotated[
    Path | None, typer.Option(help="A file holding the API key ('-' for standard input: the first line).")
]
MaxReasksOption = Annotated[int | None, typer.Option(help="Re-asks after an invalid model reply.")]
MaxRetriesOption = Annotated[int | None, typer.Option(help="Transport retries, done by the OpenAI SDK.")]
MaxBytesOption = Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")]
TimeoutOption = Annotated[float | None, typer.Option(help="Seconds to wait for a URL or a model reply.")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")]
MinConfidenceOption = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        max=1.0,
        help="Leave out the rules' claims below this confidence (their measured precision); 0 keeps all.",
    ),
]
NoLogOption = Annotated[bool, typer.Option("--no-log", help="Keep no record of the model calls.")]
TextFormatOption = Annotated[TextFormat, typer.Option("--format", "-f", help="Text, or JSON.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (the same as -f json).")]
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


def terminal_width() -> int:
    """The terminal's own width in columns (rich reads it, and $COLUMNS), 80 when output is not a terminal."""
    from rich.console import Console

    return Console(stderr=False).width


def text_format(fmt: TextFormat, as_json: bool) -> TextFormat:
    """``--json`` is ``-f json``."""
    return "json" if as_json else fmt
