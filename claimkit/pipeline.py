"""The entry points: an article (a string, a path, stdin or a URL) through the chosen engine to an ``ArticleSummary``,
with the summary cache and provenance for the LLM engines."""

from __future__ import annotations

import gc
import os
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from . import deadline
from ._version import __version__
from .assemble import EngineOutput, assemble_summary
from .engines.embedded import extract
from .errors import EmptyInput, InputTooLarge
from .records import ArticleSummary, Provenance
from .settings import Settings
from .sources import LoadedArticle, from_text, load
from .store import SummaryCache
from .text.language import RULES_LANGUAGES, identify, language_name
from .text.newlines import OriginalOffsets, with_lf

if TYPE_CHECKING:
    import openai

__all__ = ["summarise", "summarise_article", "summarise_source"]


def summarise(
    text: str | os.PathLike[str],
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    **options: Any,
) -> ArticleSummary:
    """Summarise an article given as a string (plain text or HTML); a ``Path`` is read as ``summarise_source``
    reads it.

    Every span indexes the string given: ``text[claim.quote.start:claim.quote.end] == claim.quote.text``, CRLF
    line ends and all; for HTML, the spans index the article text read from it, ``summary.article.text``.
    ``options`` are ``Settings`` fields (``model=``, ``base_url=``, ``engine=`` …), looked up with the
    environment and the config file when ``settings`` is not given; an unknown one is an error that names the
    nearest. ``client`` is an ``openai.OpenAI`` to use instead of the one claimkit would build. A string over
    ``max_bytes`` (5 MB unless set) raises ``InputTooLarge``, as a file of that size does.

    >>> import claimkit
    >>> summary = claimkit.summarise("The mayor said the bridge would reopen in May.")
    >>> summary.claims[0].quote.text
    'the bridge would reopen in May'
    """
    if not isinstance(text, str):
        return summarise_source(text, settings=settings, client=client, **options)
    _warn_if_a_file_name(text)
    if not text or not text.strip():
        raise EmptyInput("the article holds no text", source=source or "<text>")
    settings = settings or Settings.resolve(**options)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.max_bytes:  # the cap a file, stdin or a URL has, for a string too
        where = source or "the article"
        raise InputTooLarge(
            f"{where} is {size:,} bytes, over the limit of {settings.max_bytes:,} (max_bytes)",
            source=source or "<text>",
            limit=settings.max_bytes,
            size=size,
        )
    article = from_text(text, source=source)
    if title is not None or url is not None:
        article = LoadedArticle(
            article.text, article.source, title or article.title, url or article.url, article.published
        )
    summary = summarise_article(article, settings=settings, client=client)
    _warn(summary)
    if article.text != text and article.text == with_lf(text):
        return _on_original(summary, text)  # CR or CRLF line ends: the spans moved to the caller's string
    return summary


def summarise_source(
    spec: str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    **options: Any,
) -> ArticleSummary:
    """Summarise the article at a path (a ``str`` or a ``Path``), ``-`` (stdin) or an http(s) URL.

    The spans index ``summary.article.text``, the text read from the source (from HTML, the article's text).

    >>> import claimkit
    >>> summary = claimkit.summarise_source("seeds/002_4cc666bf275705eb.txt")
    >>> text = summary.article.text
    >>> all(text[c.quote.start : c.quote.end] == c.quote.text for c in summary.claims)
    True
    """
    settings = settings or Settings.resolve(**options)
    summary = summarise_article(load(_spec(spec), settings), settings=settings, client=client)
    _warn(summary)
    return summary


def _spec(spec: str | os.PathLike[str]) -> str:
    """A path as ``load`` reads it: a Path named '-' is the file, not standard input."""
    if isinstance(spec, str):
        return spec
    path = os.fspath(spec)
    return os.path.join(".", path) if path == "-" else path


_FILE_NAME_CHARS: Final = 4096


def _warn_if_a_file_name(text: str) -> None:
    """A one-line string that names an existing file is more likely a path given to the wrong function."""
    if len(text) > _FILE_NAME_CHARS or "\n" in text or not text.strip():
        return
    try:
        is_file = Path(text.strip()).is_file()
    except (OSError, ValueError):
        return
    if is_file:
        warnings.warn(
            f"summarise() reads its argument as the article's text, and {text.strip()!r} names a file: "
            f"summarise_source({text.strip()!r}) reads the file",
            UserWarning,
            stacklevel=3,
        )


def _warn(summary: ArticleSummary) -> None:
    """The language warning, as a Python warning too: a caller who reads no ``summary.warnings`` still sees it."""
    for warning in summary.warnings:
        if warning.startswith(_LANGUAGE_WARNING):
            warnings.warn(warning, UserWarning, stacklevel=3)


def _on_original(summary: ArticleSummary, original: str) -> ArticleSummary:
    """The summary with every span moved from the LF text to the caller's ``original`` (CR or CRLF ends)."""
    moved = OriginalOffsets(original)

    def move(value: Any) -> Any:
        if isinstance(value, dict):
            if value.keys() == {"text", "start", "end"}:
                start, end = moved(value["start"]), moved(value["end"])
                return {"text": original[start:end], "start": start, "end": end}
            return {k: move(v) for k, v in value.items()}
        if isinstance(value, list):
            return [move(v) for v in value]
        return value

    data = move(summary.model_dump())
    data["article"].update(text=original, chars=len(original))
    return ArticleSummary.model_validate(data)


def summarise_article(
    article: LoadedArticle, *, settings: Settings | None = None, client: openai.OpenAI | None = None
) -> ArticleSummary:
    """Summarise an article already read; its language is detected here, once, and passed to every stage."""
    settings = settings or Settings()
    engine = settings.chosen_engine
    language = identify(article.text)
    if engine == "embedded":
        with _collector_paused(), deadline.within(settings.deadline):
            candidates = extract(article.text, limit=settings.max_claims, language=language)
            output = EngineOutput(
                candidates, Provenance(claimkit_version=__version__, engine="embedded", created_at=datetime.now(UTC))
            )
            if len(candidates) >= settings.max_claims:
                output.read_to = max(c.sentence[1] for c in candidates)
                output.warnings.append(
                    f"the article holds more than {settings.max_claims:,} claims (max_claims): the rest were not read"
                )
            if language is not None and language not in RULES_LANGUAGES:
                output.warnings.append(_language_warning(language))
            return assemble_summary(article, output, language, min_confidence=settings.min_confidence)
    problems: list[str] = []  # the cache is best effort: a broken one costs a warning, never a paid-for summary
    cache = _open_cache(settings, problems)
    key = SummaryCache.key(cache_parts(settings), article.text)
    hit = _cached(cache, key, problems) if cache is not None else None
    if hit is not None:
        return _from_cache(hit, article)
    output = _run_model(article.text, settings, client, hybrid=engine == "hybrid", language=language)
    with deadline.within(settings.deadline):
        summary = assemble_summary(article, output, language, min_confidence=settings.min_confidence)
    if cache is not None:
        try:
            cache.put(key, summary)
        except (sqlite3.Error, OSError) as e:
            problems.append(f"the summary cache could not be written ({e}); the summary is not cached")
    if problems:
        summary = summary.model_copy(update={"warnings": [*summary.warnings, *problems]})
    return summary


def _open_cache(settings: Settings, problems: list[str]) -> SummaryCache | None:
    if not settings.cache:
        return None
    path = settings.store_folder / "cache.sqlite"
    try:
        return SummaryCache(path)
    except (sqlite3.Error, OSError) as e:
        problems.append(f"the summary cache {path} cannot be used ({e}); `claimkit cache clear` makes a new one")
        return None


def _cached(cache: SummaryCache, key: str, problems: list[str]) -> ArticleSummary | None:
    try:
        return cache.get(key)
    except (sqlite3.Error, OSError, ValueError) as e:
        problems.append(f"the summary cache could not be read ({e}); the model was asked")
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the rules read one article, and restored after.

    The rules build many small objects and no reference cycles; with the collector running, a long article
    spends a growing share of its time in collections (14 % more per character at 1 MB than at 100 kB).
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def cache_parts(settings: Settings) -> dict[str, Any]:
    """Everything besides the text that determines an LLM summary: the cache key is their hash with the text."""
    from .engines.llm import SCHEMA_SHA256, load_prompt

    prompt = load_prompt("extract_claims")
    return {
        "claimkit": __version__,
        "engine": settings.chosen_engine,
        "model": settings.model,
        "base_url": settings.base_url,
        "prompt": [prompt.name, prompt.version, prompt.sha256],
        "schema": SCHEMA_SHA256,
        "parameters": [
            settings.structured_output,
            settings.temperature,
            settings.completion_budget,
            settings.seed,
            settings.chunk_chars,
            settings.chunk_overlap,
            settings.max_reasks,
            settings.min_confidence,
        ],
    }


def _from_cache(summary: ArticleSummary, article: LoadedArticle) -> ArticleSummary:
    """A cached summary, marked as such, with this input's source, title and URL."""
    described = summary.article.model_copy(
        update={
            "source": article.source,
            "url": article.url or summary.article.url,
            "title": article.title or summary.article.title,
        }
    )
    provenance = summary.provenance.model_copy(update={"cached": True})
    return summary.model_copy(update={"article": described, "provenance": provenance})


_LANGUAGE_WARNING: Final = "the article reads as "


def _language_warning(code: str) -> str:
    return (
        f"{_LANGUAGE_WARNING}{language_name(code)} ({code}): the embedded engine reads English and German, so few "
        "or no claims are found; the LLM engine reads any language (--model, or model= in Python)"
    )


def _run_model(
    text: str, settings: Settings, client: openai.OpenAI | None, *, hybrid: bool, language: str | None
) -> EngineOutput:
    from .engines.llm import LLMEngine, load_prompt, structured_caller  # the SDK loads only when a model is used
    from .engines.llm.guard import addressed_to_a_model

    caller = structured_caller(settings, client)
    prompt = load_prompt("extract_claims")
    engine = LLMEngine(caller, settings, prompt)
    with deadline.within(settings.deadline):  # the rules run once: the model's claims are checked against them
        rules = extract(text, language=language, limit=settings.max_claims)
    result = engine.extract(text, rules, hybrid=hybrid, language=language)
    checks = addressed_to_a_model(text)  # against steering: text addressed to a model is named
    provenance = Provenance(
        claimkit_version=__version__,
        engine="hybrid" if hybrid else "llm",
        model=settings.model,
        prompt=prompt.info,
        created_at=datetime.now(UTC),
        endpoint=settings.endpoint_host,
        structured_output=result.mode,
        usage=result.usage,
        request_ids=result.request_ids,
        model_written=[
            field
            for field, written in (
                ("statement", any(c.statement for c in result.candidates)),
                ("summary", bool(result.summary)),
            )
            if written
        ],
    )
    return EngineOutput(result.candidates, provenance, result.summary, [*result.warnings, *checks])
