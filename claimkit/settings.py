"""Settings: one frozen, keyword-only object.

Each value is looked up in this order: explicit argument → environment → config file → default.
The config file is ``$CLAIMKIT_CONFIG``, else ``~/.config/claimkit/config.toml``; its keys are the
field names below (``model = "gpt-4o-mini"``). The API key is never shown by ``repr`` or written anywhere.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from .errors import ConfigurationError

__all__ = ["ENGINES", "STRUCTURED_OUTPUTS", "Settings"]

ENGINES = ("auto", "embedded", "llm", "hybrid")
STRUCTURED_OUTPUTS = ("auto", "json_schema", "json_object_schema", "json_object")

Engine = Literal["auto", "embedded", "llm", "hybrid"]
StructuredOutput = Literal["auto", "json_schema", "json_object_schema", "json_object"]

# Environment variables for each field, first match wins.
_ENVIRONMENT: dict[str, tuple[str, ...]] = {
    "engine": ("CLAIMKIT_ENGINE",),
    "model": ("CLAIMKIT_MODEL",),
    "base_url": ("CLAIMKIT_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("CLAIMKIT_API_KEY", "OPENAI_API_KEY"),
    "api_version": ("CLAIMKIT_API_VERSION", "OPENAI_API_VERSION"),
    "structured_output": ("CLAIMKIT_STRUCTURED_OUTPUT",),
    "max_reasks": ("CLAIMKIT_MAX_REASKS",),
    "max_retries": ("CLAIMKIT_MAX_RETRIES",),
    "timeout": ("CLAIMKIT_TIMEOUT",),
    "max_bytes": ("CLAIMKIT_MAX_BYTES",),
    "chunk_chars": ("CLAIMKIT_CHUNK_CHARS",),
    "max_tokens": ("CLAIMKIT_MAX_TOKENS",),
    "cache_dir": ("CLAIMKIT_CACHE_DIR",),
    "allow_private_urls": ("CLAIMKIT_ALLOW_PRIVATE_URLS",),
    "cache": ("CLAIMKIT_CACHE",),
    "deadline": ("CLAIMKIT_DEADLINE",),
    "max_claims": ("CLAIMKIT_MAX_CLAIMS",),
    "max_memory": ("CLAIMKIT_MAX_MEMORY",),
    "min_confidence": ("CLAIMKIT_MIN_CONFIDENCE",),
    "log_calls": ("CLAIMKIT_LOG_CALLS",),
    "price_in": ("CLAIMKIT_PRICE_IN",),
    "price_out": ("CLAIMKIT_PRICE_OUT",),
    "batch_discount": ("CLAIMKIT_BATCH_DISCOUNT",),
}


@dataclass(frozen=True, kw_only=True)
class Settings:
    engine: Engine = "auto"
    """'auto' uses the LLM engine when a model is configured, else the embedded engine."""
    model: str | None = None
    base_url: str | None = None
    """An OpenAI-compatible endpoint ending in /v1; None means OpenAI itself."""
    api_key: str | None = field(default=None, repr=False)
    api_version: str | None = None
    """Azure OpenAI's ``api-version`` ('2024-10-21'): set, the client is the SDK's ``AzureOpenAI``, ``base_url``
    is the resource's endpoint (https://RESOURCE.openai.azure.com) and ``model`` the deployment's name."""
    structured_output: StructuredOutput = "auto"
    max_reasks: int = 2
    """How many times to send validation errors back to the model before giving up."""
    max_retries: int = 2
    """Transport retries (429, 5xx, timeouts), done by the OpenAI SDK alone."""
    timeout: float = 60.0
    """Seconds to wait for a model reply or a URL."""
    max_bytes: int = 5_000_000
    """Largest article accepted, in bytes, from a file, stdin or a URL."""
    chunk_chars: int = 8_000
    """Longer articles go to the model in chunks of about this many characters: about 2,000 tokens, which with
    the prompt (about 600) and the reply's budget (``max_tokens``) fits an 8k context."""
    chunk_overlap: int = 800
    max_tokens: int | None = None
    """Completion tokens allowed per call; None: half of ``chunk_chars`` (4,000 by default), twice what the
    densest PolNeAR article needs for a chunk (about 45 tokens a claim, 41 claims in 8,000 characters)."""
    temperature: float | None = 0.0
    """None: not sent (some models take only their default; claimkit also leaves it out when a server says so)."""
    seed: int | None = 7
    cache: bool = True
    """Keep LLM summaries in a SQLite cache, so an unchanged re-run makes no model call."""
    cache_dir: str | None = None
    """Folder of the cache and the call log; None means $CLAIMKIT_CACHE_DIR, else ~/.cache/claimkit."""
    log_calls: bool = True
    """Keep every model call (bodies, usage, latency; never the key) in the call log."""
    deadline: float = 120.0
    """Seconds one article may take in the rules and in assembling its summary (0: none). The worst text known
    takes about 20 CPU-seconds at the 5 MB cap; a news article, milliseconds."""
    max_claims: int = 10_000
    """Claims read from one article at most: a news article has dozens; the cap bounds the memory a pathological
    text can take (a 5 MB text of nothing but quotes would otherwise hold 290,000 claims and 1.9 GB)."""
    max_memory: int = 2_000_000_000
    """Bytes of memory one article may add to the process (0: no ceiling); past it the article ends with
    ``MemoryCeiling`` instead of the out-of-memory killer ending the process. The worst text known takes about
    430 MB at the 5 MB cap. Read from the resident set size every 50 ms at most, so a short spike can pass it."""
    min_confidence: float = 0.43
    """Claims of the embedded engine below this confidence (the measured precision of the rule and the speaker
    resolution that found them) are left out; 0 keeps every claim. At 0.43 about 86 % of the claims kept match an
    annotated attribution in PolNeAR's second DEV part (80 % of all), at a recall of 0.53 (0.56 for all).
    """
    allow_private_urls: bool = False
    """Read article URLs on loopback, private, link-local or reserved addresses (an intranet); off by default, so
    that a URL from untrusted input cannot reach this machine's or its network's internal services."""
    price_in: float | None = None
    """US dollars per million prompt tokens, for the cost a batch prints (None: no estimate)."""
    price_out: float | None = None
    """US dollars per million completion tokens."""
    batch_discount: float = 0.5
    """What a provider's Batch API takes off its list price (OpenAI and Azure: half)."""

    @classmethod
    def resolve(cls, config_file: Path | None = None, **arguments: Any) -> Settings:
        """Settings from explicit arguments (None means unset), then environment, then config file, then defaults.

        Resolved once for the same arguments, environment and config file (its size and modification time), and
        again when any of them changes: a process that summarises many strings reads its settings once.
        """
        path = _config_path(config_file)
        environment = tuple(os.environ.get(name) for name in _ENVIRONMENT_NAMES)
        try:
            key = (cls, path, _stamp(path), environment, tuple(sorted(arguments.items())))
            known = _resolved.get(key)
        except TypeError:  # an argument that cannot be hashed: resolve without remembering
            return cls._resolve(path, arguments)
        if known is None:
            if len(_resolved) >= _REMEMBERED:
                _resolved.clear()
            known = _resolved[key] = cls._resolve(path, arguments)
        return known

    @classmethod
    def _resolve(cls, config_file: Path, arguments: dict[str, Any]) -> Settings:
        names = [f.name for f in fields(cls)]
        _known_names(arguments, names, "{} is not a keyword argument claimkit knows")
        from_file = _read_config(config_file)
        _known_names(from_file, names, f"{{}} in {config_file} is not a setting claimkit knows")
        values: dict[str, Any] = {}
        for name in names:
            value, where = arguments.get(name), f"the keyword argument {name}="
            if value is None:
                where, value = next(
                    ((n, os.environ[n]) for n in _ENVIRONMENT.get(name, ()) if os.environ.get(n)), ("", None)
                )
            if value is None:
                value, where = from_file.get(name), f"{name} in {config_file}"
            if value is not None:
                values[name] = _coerce(name, value, where)
        return cls(**values)

    @property
    def chosen_engine(self) -> Literal["embedded", "llm", "hybrid"]:
        """The engine that runs: 'auto' means the LLM engine with a model, embedded without.

        Hybrid (hints from the embedded engine in the prompt) is not the default: the only model
        measured here is a 270M base model, which says nothing about what hints do for a capable one.
        """
        if self.engine == "auto":
            return "llm" if self.model else "embedded"
        return self.engine

    @property
    def store_folder(self) -> Path:
        from .store import default_folder

        return Path(self.cache_dir) if self.cache_dir else default_folder()

    @property
    def endpoint_host(self) -> str:
        """The host of the model endpoint, as recorded in provenance (never the key or the path)."""
        return urlsplit(self.base_url).hostname or "" if self.base_url else "api.openai.com"

    @property
    def completion_budget(self) -> int:
        """``max_tokens``, or the budget set from the chunk size."""
        return self.max_tokens if self.max_tokens is not None else self.chunk_chars // 2


_INTEGERS = {
    "max_claims",
    "max_memory",
    "max_reasks",
    "max_retries",
    "max_bytes",
    "chunk_chars",
    "chunk_overlap",
    "max_tokens",
    "seed",
}
_FLOATS = {"timeout", "temperature", "deadline", "min_confidence", "price_in", "price_out", "batch_discount"}


_BOOLEANS = {"cache", "log_calls", "allow_private_urls"}


_CHOICES: dict[str, tuple[str, ...]] = {"engine": ENGINES, "structured_output": STRUCTURED_OUTPUTS}


def _known_names(given: dict[str, Any], names: list[str], message: str) -> None:
    """A ``ConfigurationError`` for the first name that is no setting, naming the nearest one."""
    for name in given:
        if name not in names:
            raise ConfigurationError(message.format(repr(name)) + _nearest(name, names))


def _nearest(value: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else f"; choose one of {', '.join(choices)}"


def _coerce(name: str, value: Any, where: str) -> Any:
    """The value as its field's type; a ``ConfigurationError`` naming where it came from when it is none."""
    if name in _CHOICES and value not in _CHOICES[name]:
        raise ConfigurationError(f"{where}: unknown {name} {value!r}" + _nearest(str(value), _CHOICES[name]))
    if name in _BOOLEANS and isinstance(value, str):
        return value.strip().lower() not in {"0", "false", "no", "off", ""}
    try:
        if name in _INTEGERS:
            return int(value)
        if name in _FLOATS:
            return float(value)
    except (TypeError, ValueError):
        kind = "a whole number" if name in _INTEGERS else "a number"
        raise ConfigurationError(f"{where}: {name} must be {kind}, not {value!r}") from None
    return value


_ENVIRONMENT_NAMES = ("CLAIMKIT_CONFIG", *(name for names in _ENVIRONMENT.values() for name in names))
_REMEMBERED = 64
"""How many resolved Settings are kept; past that the memory is cleared (settings built in a loop)."""
_resolved: dict[tuple[Any, ...], Settings] = {}
_read_configs: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def _config_path(path: Path | None) -> Path:
    if path is not None:
        return path
    named = os.environ.get("CLAIMKIT_CONFIG")
    return Path(named) if named else Path.home() / ".config" / "claimkit" / "config.toml"


def _stamp(path: Path) -> tuple[int, int] | None:
    """The file's modification time and size, or None when there is no such file."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (status.st_mtime_ns, status.st_size)


def _read_config(path: Path) -> dict[str, Any]:
    """The config file's table; read again only when its size or modification time changes."""
    stamp = _stamp(path)
    if stamp is None:
        return {}
    known = _read_configs.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigurationError(f"the config file {path} cannot be read ({e})") from None
    _read_configs[path] = (stamp, table)
    return table
