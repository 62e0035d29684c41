"""Every error claimkit raises on purpose.

The tree::

    ClaimkitError                 base class; ``str(err)`` is a one-line message for people
    ├── InputError                the article could not be read; carries ``source``
    │   ├── InputNotFound         no file at that path
    │   ├── InputIsDirectory      the path is a directory
    │   ├── EmptyInput            no text, or only white space
    │   ├── BinaryInput           bytes that are not text in any encoding we accept
    │   ├── InputTooLarge         over the size cap; carries ``limit`` and ``size``
    │   └── FetchError            a URL that could not be fetched (scheme, network, HTTP status)
    ├── GoldFileError             an evaluation file that is not in the expected format; carries ``line``
    ├── GroundingError            a span that is not an exact slice of the article (a bug, never expected)
    ├── ConfigurationError        settings that cannot run (an LLM engine with no model)
    ├── ArticleTimeout            one article took longer than the deadline (``deadline``); carries ``seconds``
    ├── PromptError               a prompt template that is missing, malformed or asks for an unknown variable
    ├── MissingDependency         a module claimkit needs is not installed (a broken install); carries ``module``
    ├── OutputError               an output file claimkit will not write: not its own, an input, or in use
    ├── ArchiveError              a quote archive that cannot be used, or a speaker or quote not in it; carries ``path``
    └── ModelError                the model endpoint failed; carries ``model`` and ``endpoint`` (the host)
        ├── ModelUnavailable      unreachable, or an error status after the SDK's retries; carries ``status``
        └── ModelOutputError      replies still invalid after every re-ask; carries ``attempts``,
                                  ``last_reply`` and ``usage``

The library raises these; only ``claimkit.cli`` turns them into messages and exit codes.
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "ArticleTimeout",
    "BinaryInput",
    "ClaimkitError",
    "ConfigurationError",
    "EmptyInput",
    "FetchError",
    "GoldFileError",
    "GroundingError",
    "InputError",
    "InputIsDirectory",
    "InputNotFound",
    "InputTooLarge",
    "MissingDependency",
    "ModelError",
    "ModelOutputError",
    "ModelUnavailable",
    "OutputError",
    "PromptError",
]


class ClaimkitError(Exception):
    """Base class of every error claimkit raises on purpose."""


class InputError(ClaimkitError):
    """The article could not be read."""

    def __init__(self, message: str, *, source: str) -> None:
        super().__init__(message)
        self.source = source


class InputNotFound(InputError):
    """No file exists at the given path."""


class InputIsDirectory(InputError):
    """The given path is a directory, not a file."""


class EmptyInput(InputError):
    """The input holds no text, or only white space."""


class BinaryInput(InputError):
    """The input is binary data, not text."""


class InputTooLarge(InputError):
    """The input is larger than the configured cap."""

    def __init__(self, message: str, *, source: str, limit: int, size: int | None) -> None:
        super().__init__(message, source=source)
        self.limit = limit
        self.size = size


class FetchError(InputError):
    """A URL could not be fetched: bad scheme, network failure or HTTP error status."""


class GoldFileError(ClaimkitError):
    """An evaluation (gold) file is not in the expected JSONL format."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class GroundingError(ClaimkitError):
    """A span does not equal the slice of the article it points to."""


class ArticleTimeout(ClaimkitError):
    """One article took longer than its deadline (the ``deadline`` setting); a batch goes on with the next."""

    def __init__(self, message: str, *, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class ConfigurationError(ClaimkitError):
    """The settings ask for something that cannot run (an LLM engine with no model, an unknown value)."""


class MissingDependency(ClaimkitError):
    """A module claimkit needs could not be imported: the install is incomplete."""

    def __init__(self, message: str, *, module: str | None) -> None:
        super().__init__(message)
        self.module = module


class OutputError(ClaimkitError):
    """An output file claimkit refuses to write: one that is not its own output, one of the inputs, or one that
    another run is writing; carries ``path``."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class PromptError(ClaimkitError):
    """A prompt template is missing, malformed, or uses a variable it was not given."""


class ModelError(ClaimkitError):
    """The model endpoint failed; carries the model and the endpoint host (never the key)."""

    def __init__(self, message: str, *, model: str | None, endpoint: str) -> None:
        super().__init__(message)
        self.model = model
        self.endpoint = endpoint


class ModelUnavailable(ModelError):
    """The endpoint could not be reached or answered an error after the SDK's own retries."""

    def __init__(
        self, message: str, *, model: str | None, endpoint: str, status: int | None = None, reason: str = ""
    ) -> None:
        super().__init__(message, model=model, endpoint=endpoint)
        self.status = status
        self.reason = reason
        """The server's own words about the error, when it gave any."""


class ModelOutputError(ModelError):
    """The model's replies stayed invalid after every re-ask; carries the evidence."""

    def __init__(
        self,
        message: str,
        *,
        model: str | None,
        endpoint: str,
        attempts: int,
        last_reply: str | None,
        usage: dict[str, int],
    ) -> None:
        super().__init__(message, model=model, endpoint=endpoint)
        self.attempts = attempts
        self.last_reply = last_reply
        self.usage = usage


class ArchiveError(ClaimkitError):
    """A quote archive that cannot be used (not an archive, locked too long), or a name or id not in it."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path
