"""The entry points: an article (a string, a path, stdin or a URL) through the chosen engine to an ``ArticleSummary``,
with the summary cache and provenance for the LLM engines."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
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

if TYPE_CHECKING:
    import openai

__all__ = ["summarise", "summarise_article", "summarise_source"]

_MAX_HINTS: Final = 40


def summarise(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    **options: Any,
) -> ArticleSummary:
    """Summarise an article given as a string (plain text or HTML).

    ``options`` are ``Settings`` fields (``model=``, ``base_url=``, ``engine=`` …), looked up with the
    environment and the config file when ``settings`` is not given. ``client`` is an ``openai.OpenAI``
    to use instead of the one claimkit would build. A string over ``max_bytes`` (5 MB unless set) raises
    ``InputTooLarge``, as a file of that size does.
    """
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
    return summarise_article(article, settings=settings, client=client)


def summarise_source(
    spec: str, *, settings: Settings | None = None, client: openai.OpenAI | None = None, **options: Any
) -> ArticleSummary:
    """Summarise the article at a path, ``-`` (stdin) or an http(s) URL."""
    settings = settings or Settings.resolve(**options)
    return summarise_article(load(spec, settings), settings=settings, client=client)


def summarise_article(
    article: LoadedArticle, *, settings: Settings | None = None, client: openai.OpenAI | None = None
) -> ArticleSummary:
    settings = settings or Settings()
    engine = settings.chosen_engine
    if engine == "embedded":
        with _collector_paused(), deadline.within(settings.deadline):
            candidates = extract(article.text, limit=settings.max_claims)
            output = EngineOutput(
                candidates, Provenance(claimkit_version=__version__, engine="embedded", created_at=datetime.now(UTC))
            )
            if len(candidates) >= settings.max_claims:
                output.read_to = max(c.sentence[1] for c in candidates)
                output.warnings.append(
                    f"the article holds more than {settings.max_claims:,} claims (max_claims): the rest were not read"
                )
            return assemble_summary(article, output, min_confidence=settings.min_confidence)
    problems: list[str] = []  # the cache is best effort: a broken one costs a warning, never a paid-for summary
    cache = _open_cache(settings, problems)
    key = SummaryCache.key(cache_parts(settings), article.text)
    hit = _cached(cache, key, problems) if cache is not None else None
    if hit is not None:
        return _from_cache(hit, article)
    output = _run_model(article.text, settings, client, hybrid=engine == "hybrid")
    with deadline.within(settings.deadline):
        summary = assemble_summary(article, output, min_confidence=settings.min_confidence)
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


def _run_model(text: str, settings: Settings, client: openai.OpenAI | None, *, hybrid: bool) -> EngineOutput:
    from .engines.llm import LLMEngine, load_prompt, structured_caller  # the SDK loads only when a model is used
    from .engines.llm.guard import addressed_to_a_model, speaker_disagreements

    caller = structured_caller(settings, client)
    prompt = load_prompt("extract_claims")
    engine = LLMEngine(caller, settings, prompt)
    result = engine.extract(text, _hints(text) if hybrid else [])
    # Against steering: text addressed to a model is named, and so is an attribution the rules read otherwise.
    checks = [*addressed_to_a_model(text), *speaker_disagreements(text, result.candidates, extract(text))]
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


def _hints(text: str) -> list[dict[str, str]]:
    """The embedded engine's attributions, as hints for the model: who, and the words."""
    hints = []
    for candidate in extract(text)[:_MAX_HINTS]:
        origin = candidate.continues or candidate
        who = text[origin.speaker[0] : origin.speaker[1]] if origin.speaker else "unknown"
        hints.append({"speaker": " ".join(who.split()), "quote": " ".join(text[slice(*candidate.content)].split())})
    return hints
