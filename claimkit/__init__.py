"""claimkit: who claimed what in a news article, in which words, with which stance.

The functions (``summarise``, ``summarise_source``, ``summarise_many``, ``compare``, ``check_quotes``, ``stance``),
the renderers (``to_table``, ``to_markdown``, ``to_html``, ``to_jsonld``), the records, ``Settings``, the errors
and ``__version__`` are here. Documented submodules: ``claimkit.batch`` (many articles to a resumable JSONL file),
``claimkit.testing`` (a pytest plugin for cassettes), ``claimkit.engines.llm`` (the LLM engine),
``claimkit.records`` (the contract), ``claimkit.errors`` (the error tree), ``claimkit.settings`` and
``claimkit.evaluate``. ``docs/ARCHITECTURE.md`` maps the rest.

>>> import claimkit
>>> summary = claimkit.summarise("The mayor said the bridge would reopen in May.")
>>> [(c.quote.start, c.quote.end, c.quote.text) for c in summary.claims]
[(15, 45, 'the bridge would reopen in May')]
"""

import os as _os
import typing as _typing
from collections.abc import Iterable as _Iterable
from collections.abc import Iterator as _Iterator

from ._version import __version__
from .errors import (
    ArchiveError,
    ArticleTimeout,
    BinaryInput,
    ClaimkitError,
    ConfigurationError,
    EmptyInput,
    FetchError,
    GoldFileError,
    GroundingError,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InputTooLarge,
    MissingDependency,
    ModelError,
    ModelOutputError,
    ModelUnavailable,
    OutputError,
    PromptError,
)
from .settings import Settings

__all__ = [
    "Archive",
    "ArchiveError",
    "Article",
    "ArticleStance",
    "ArticleSummary",
    "ArticleTimeout",
    "BinaryInput",
    "Claim",
    "ClaimkitError",
    "Comparison",
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
    "PromptInfo",
    "Provenance",
    "QuoteCheck",
    "QuoteCheckReport",
    "Settings",
    "Span",
    "Speaker",
    "Stance",
    "Usage",
    "__version__",
    "check_quotes",
    "compare",
    "make_client",
    "stance",
    "summarise",
    "summarise_many",
    "summarise_source",
    "to_html",
    "to_jsonld",
    "to_markdown",
    "to_table",
]


if _typing.TYPE_CHECKING:
    from .article_stance import stance
    from .check import check_quotes
    from .comparison import compare
    from .engines.llm.client import make_client
    from .pipeline import summarise, summarise_source
    from .records import (
        Article,
        ArticleStance,
        ArticleSummary,
        Claim,
        Comparison,
        PromptInfo,
        Provenance,
        QuoteCheck,
        QuoteCheckReport,
        Span,
        Speaker,
        Stance,
        Usage,
    )
    from .render.text import to_html, to_jsonld, to_markdown, to_table

# Imported on first use: `import claimkit` (and so `claimkit --help`) loads neither Pydantic's models nor the
# rules, and the model-free path never loads the openai SDK.
_LAZY = {
    "Archive": "archive",
    "stance": "article_stance",
    "check_quotes": "check",
    "compare": "comparison",
    "make_client": "engines.llm.client",
    "summarise": "pipeline",
    "summarise_source": "pipeline",
    **dict.fromkeys(("to_html", "to_jsonld", "to_markdown", "to_table"), "render.text"),
    **dict.fromkeys(
        """Article ArticleStance ArticleSummary Claim Comparison PromptInfo Provenance QuoteCheck QuoteCheckReport
        Span Speaker Stance Usage""".split(),
        "records",
    ),
}


def summarise_many(
    sources: _Iterable[str | _os.PathLike[str]],
    *,
    settings: Settings | None = None,
    concurrency: int = 8,
    **options: _typing.Any,
) -> "_Iterator[ArticleSummary]":
    """Summarise many articles, yielding each ``ArticleSummary`` as it is made (not in input order).

    ``sources`` are files, directories (their .txt, .html, .htm and .md files), glob patterns, or JSONL files
    of ``{"id": ..., "text": ...}`` lines; ``summary.article.source`` names each article (its path or id).
    Model calls run ``concurrency`` at a time; the embedded engine uses every core. An article that fails is
    not yielded: after the others, a ``ClaimkitError`` names every one that failed and why. For a resumable
    JSONL file of records, use ``claimkit batch`` or ``claimkit.batch``.

    >>> import claimkit
    >>> [s.article.source for s in claimkit.summarise_many(["seeds/002_4cc666bf275705eb.txt"])]
    ['seeds/002_4cc666bf275705eb.txt']
    """
    import queue
    import threading

    from .batch import iter_items
    from .batch import summarise_many as run_batch
    from .records import ArticleSummary

    settings = settings or Settings.resolve(**options)
    items = list(iter_items(_os.fspath(source) for source in sources))
    records: queue.Queue[dict[str, _typing.Any] | BaseException | None] = queue.Queue()
    stop = threading.Event()

    def on_record(record: dict[str, _typing.Any] | None, _report: object) -> None:
        if stop.is_set():
            raise _Stopped
        if record is not None:
            records.put(record)

    def run() -> None:
        try:
            run_batch(items, settings=settings, concurrency=concurrency, on_record=on_record)
        except _Stopped:
            pass
        except BaseException as e:  # handed to the caller's thread, raised there
            records.put(e)
        records.put(None)

    worker = threading.Thread(target=run, name="claimkit-summarise-many", daemon=True)
    worker.start()
    failed: list[str] = []
    try:
        while (record := records.get()) is not None:
            if isinstance(record, BaseException):
                raise record
            if record["ok"]:
                yield ArticleSummary.model_validate(record["summary"])
            else:
                failed.append(f"{record['id']}: {record['error']['message']}")
    finally:
        stop.set()
    if failed:
        raise ClaimkitError(f"{len(failed)} of {len(items)} articles failed: " + "; ".join(failed))


class _Stopped(Exception):
    """The caller stopped reading ``summarise_many``: the batch stops at its next record."""


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
