"""``claimkit eval``: an engine scored against gold data."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer

from .. import errors
from .common import (
    BaseUrlOption,
    EngineOption,
    JsonOption,
    MinConfidenceOption,
    ModelOption,
    StructuredOutputOption,
    TextFormatOption,
    fail,
    resolve,
    text_format,
)

__all__ = ["register"]


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (the evaluation data's format).")],
    fmt: TextFormatOption = "text",
    as_json: JsonOption = False,
    details: Annotated[bool, typer.Option("--details", help="Add a line per article.")] = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    structured_output: StructuredOutputOption = None,
    max_tokens: Annotated[int | None, typer.Option(help="Completion tokens allowed per model call.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")] = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Score an engine against gold data: attributions (P, R, F1, speakers, exact spans) and stance.

    The engine is chosen as for `summarise`: a configured model means the LLM engine."""
    from ..article_stance import stance
    from ..evaluate import evaluate, read_gold
    from ..pipeline import summarise
    from ..render.evaluation import eval_text

    try:
        records = list(read_gold(gold))
        settings = resolve(
            engine=engine,
            model=model,
            base_url=base_url,
            structured_output=structured_output,
            max_tokens=max_tokens,
            cache=False if no_cache else None,
            min_confidence=min_confidence,
        )
        every_claim = dataclasses.replace(settings, min_confidence=0.0)  # the floor is applied in the scoring
        report = evaluate(
            records,
            lambda text: summarise(text, settings=every_claim),
            lambda claim, text: stance(claim, text, settings=settings).label,
            floor=settings.min_confidence,
        )
    except errors.ClaimkitError as e:
        fail(e)
    if text_format(fmt, as_json) == "json":
        payload = report.totals()
        if details:
            payload["per_article"] = [_article_row(a) for a in report.articles]
        typer.echo(json.dumps(payload, indent=2))
        return
    typer.echo(eval_text(report, details))


def _article_row(score: object) -> dict[str, object]:
    row = dict(vars(score))
    row["matched"] = {str(k): v for k, v in row["matched"].items()}
    return row


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
