"""The ``claimkit`` command: parse options, call the library, turn errors into messages and exit codes."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import errors
from ._version import __version__
from .render import CHECK_FORMATS, COMPARE_FORMATS, FORMATS, CheckFormat, Format
from .settings import ENGINES, STRUCTURED_OUTPUTS, Settings

if TYPE_CHECKING:
    from .evaluate import EvalReport

# Each command imports the library parts it uses: `claimkit --help` loads neither the records nor the rules.

__all__ = ["EXIT_CODES", "app", "main"]

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

# No locals in tracebacks: a local may be an API key.
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Who claimed what in a news article.",
    pretty_exceptions_show_locals=False,
)


def _fail(error: errors.ClaimkitError) -> NoReturn:
    code = next((c for cls, c in EXIT_CODES.items() if isinstance(error, cls)), 1)
    typer.echo(f"claimkit: error: {error}", err=True)
    raise typer.Exit(code)


@app.command("summarise")
def summarise_command(
    source: Annotated[str, typer.Argument(help="Article file, '-' for standard input, or an http(s) URL.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}; a table on a terminal, else json."),
    ] = None,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            help="API key: visible to other users in the process list; prefer --api-key-file or OPENAI_API_KEY."
        ),
    ] = None,
    api_key_file: Annotated[
        Path | None, typer.Option(help="A file holding the API key ('-' for standard input: the first line).")
    ] = None,
    structured_output: Annotated[
        str | None, typer.Option(help=f"One of {', '.join(STRUCTURED_OUTPUTS)} (default auto).")
    ] = None,
    max_reasks: Annotated[int | None, typer.Option(help="Re-asks after an invalid model reply.")] = None,
    max_retries: Annotated[int | None, typer.Option(help="Transport retries, done by the OpenAI SDK.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds to wait for a URL or a model reply.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Keep no record of the model calls.")] = False,
) -> None:
    """Find the speakers, claims and stances of one article."""
    from .pipeline import summarise_article
    from .render.text import render
    from .sources import load

    chosen = fmt or ("table" if sys.stdout.isatty() else "json")
    _check_choice("format", chosen, FORMATS)
    _check_choice("engine", engine, ENGINES)
    _check_choice("structured output", structured_output, STRUCTURED_OUTPUTS)
    settings = Settings.resolve(
        engine=engine,
        model=model,
        base_url=base_url,
        api_key=api_key or _read_key(api_key_file),
        structured_output=structured_output,
        max_reasks=max_reasks,
        max_retries=max_retries,
        max_bytes=max_bytes,
        timeout=timeout,
        cache=False if no_cache else None,
        log_calls=False if no_log else None,
    )
    try:
        article = load(source, settings)
        summary = summarise_article(article, settings=settings)
    except errors.ClaimkitError as e:
        _fail(e)
    typer.echo(render(summary, _as_format(chosen), text=article.text))
    for warning in summary.warnings:
        typer.echo(f"claimkit: warning: {warning}", err=True)


def _read_key(path: Path | None) -> str | None:
    """The key in a file, or on the first line of standard input for '-'; never echoed."""
    if path is None:
        return None
    try:
        text = sys.stdin.readline() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as e:
        _fail(errors.ConfigurationError(f"cannot read the API key file {path}: {e.strerror}"))
    key = text.strip()
    if not key:
        _fail(errors.ConfigurationError(f"the API key file {path} is empty"))
    return key


def _check_choice(what: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        typer.echo(f"claimkit: error: unknown {what} {value!r}; choose one of {', '.join(choices)}", err=True)
        raise typer.Exit(2)


def _as_check_format(name: str) -> CheckFormat:
    assert name in CHECK_FORMATS
    return name  # type: ignore[return-value]


def _as_format(name: str) -> Format:
    assert name in FORMATS
    return name  # type: ignore[return-value]


@app.command("compare")
def compare_command(
    sources: Annotated[list[str], typer.Argument(help="Two or more articles: files, '-' or URLs.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(COMPARE_FORMATS)}.")] = "md",
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Compare articles on one story: shared speakers, claims clustered across outlets, framing."""
    from .comparison import compare
    from .pipeline import summarise_article
    from .render.text import render_comparison
    from .sources import load

    _check_choice("format", fmt, COMPARE_FORMATS)
    _check_choice("engine", engine, ENGINES)
    settings = Settings.resolve(engine=engine, model=model, base_url=base_url)
    try:
        summaries = [summarise_article(load(source, settings), settings=settings) for source in sources]
    except errors.ClaimkitError as e:
        _fail(e)
    typer.echo(render_comparison(compare(summaries), fmt))


@app.command("check")
def check_command(
    article: Annotated[str, typer.Argument(help="The article: a file, '-' for standard input, or an http(s) URL.")],
    sources: Annotated[
        list[str], typer.Option("--source", "-s", help="A source to check the quotations against (repeatable).")
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"One of {', '.join(CHECK_FORMATS)}; a table on a terminal, else json."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit {STRICT_EXIT} when any quotation is altered or not found.")
    ] = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
) -> None:
    """Are the article's quotations what the sources say? Verbatim, altered (with the changes), elided or not found."""
    from .check import check_articles
    from .render.check import render_check
    from .sources import load

    chosen = fmt or ("table" if sys.stdout.isatty() else "json")
    _check_choice("format", chosen, CHECK_FORMATS)
    _check_choice("engine", engine, ENGINES)
    settings = Settings.resolve(engine=engine, model=model, base_url=base_url, max_bytes=max_bytes)
    try:
        loaded = load(article, settings)
        report = check_articles(loaded, [load(source, settings) for source in sources], settings=settings)
    except errors.ClaimkitError as e:
        _fail(e)
    typer.echo(render_check(report, _as_check_format(chosen), color=sys.stdout.isatty()))
    if strict and (report.count("altered") or report.count("not_found")):
        raise typer.Exit(STRICT_EXIT)


@app.command("stance")
def stance_command(
    source: Annotated[str, typer.Argument(help="Article file, '-' or an http(s) URL.")],
    claim: Annotated[str, typer.Option("--claim", "-c", help="The claim to check the article against.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """The article's stance toward a claim: supports, opposes, neutral or unrelated, with evidence."""
    from .article_stance import stance
    from .sources import load

    _check_choice("engine", engine, ENGINES)
    settings = Settings.resolve(engine=engine, model=model, base_url=base_url)
    try:
        article = load(source, settings)
        result = stance(claim, article.text, settings=settings)
    except errors.ClaimkitError as e:
        _fail(e)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(f"{result.label} (score {result.score:.2f}, relatedness {result.relatedness:.2f})")
    for span in result.evidence:
        typer.echo(f"  {span.start}–{span.end}: {' '.join(span.text.split())}")


@app.command("batch")
def batch_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, glob patterns, URLs, or JSONL files of {id, text}.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL output; re-running skips ids already in it.")],
    concurrency: Annotated[int, typer.Option(help="Model calls at a time (the embedded engine uses every core).")] = 8,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    structured_output: Annotated[str | None, typer.Option(help="Structured-output mode (default auto).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Keep no record of the model calls.")] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(help="A dask.distributed scheduler (tcp://host:8786): -o is then a folder of output parts."),
    ] = None,
    partitions: Annotated[int | None, typer.Option(help="With --scheduler: how many parts (4 a worker).")] = None,
    parquet: Annotated[bool, typer.Option("--parquet", help="With --scheduler: write Parquet parts too.")] = False,
    provider_batch: Annotated[
        bool, typer.Option("--provider-batch", "--collect", help="Through the provider's Batch API (half price).")
    ] = False,
    no_wait: Annotated[bool, typer.Option("--no-wait", help="With --provider-batch: submit, or look once.")] = False,
    poll: Annotated[float, typer.Option(help="With --provider-batch: seconds between looks at the batch.")] = 30.0,
) -> None:
    """Summarise many articles: one JSON line each, resumable, with a progress bar on standard error."""
    from .batch import OutputFile, cost_line, count_items, iter_items, same_file, summarise_many
    from .progress import batch_progress

    _check_choice("engine", engine, ENGINES)
    _check_choice("structured output", structured_output, STRUCTURED_OUTPUTS)
    settings = Settings.resolve(
        engine=engine,
        model=model,
        base_url=base_url,
        structured_output=structured_output,
        cache=False if no_cache else None,
        log_calls=False if no_log else None,
    )
    try:
        if any(same_file(output, spec) for spec in inputs):
            raise errors.OutputError(f"{output} is one of the inputs: writing it would erase them", path=str(output))
        if provider_batch:
            from .batch.provider import BatchPending, summarise_through_batch_api

            try:
                report = summarise_through_batch_api(
                    inputs,
                    output,
                    settings=settings,
                    wait=not no_wait,
                    poll_seconds=poll,
                    concurrency=concurrency,
                    on_status=lambda message: typer.echo(f"claimkit: {message}", err=True),
                )
            except BatchPending as pending:
                typer.echo(f"claimkit: {pending}", err=True)
                return
        elif scheduler is not None:
            from .batch.dask import summarise_on_cluster

            report = summarise_on_cluster(
                inputs, output, scheduler, settings=settings, partitions=partitions, parquet=parquet
            )
        else:
            sink = OutputFile(output)  # before the bar: an output that cannot be written is one line, alone
            with batch_progress(count_items(inputs)) as on_record:
                report = summarise_many(
                    iter_items(inputs), settings=settings, output=sink, concurrency=concurrency, on_record=on_record
                )
    except errors.ClaimkitError as e:
        _fail(e)
    except KeyboardInterrupt:
        typer.echo(f"claimkit: interrupted; finished records are in {output}; run again to resume", err=True)
        raise typer.Exit(130) from None
    typer.echo(
        f"claimkit: {report.done} done ({report.cached} from the cache), {report.failed} failed, "
        f"{report.skipped} already in {output}, {report.retried} failed before and tried again"
        + (f", {report.damaged} damaged lines set aside in {output}.damaged" if report.damaged else "")
        + f"; {report.seconds:.1f} s",
        err=True,
    )
    if settings.chosen_engine != "embedded":
        typer.echo(f"claimkit: {cost_line(report, settings)}", err=True)
    if report.failed:
        raise typer.Exit(1)


cache_app = typer.Typer(help="The summary cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("stats")
def cache_stats() -> None:
    """Entries, size and location of the cache."""
    from .store import SummaryCache

    typer.echo(json.dumps(SummaryCache(Settings.resolve().store_folder / "cache.sqlite").stats(), indent=2))


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every cached summary."""
    from .store import SummaryCache

    path = Settings.resolve().store_folder / "cache.sqlite"
    try:
        removed = SummaryCache(path).clear()
    except (sqlite3.Error, OSError) as e:  # a damaged file: a new, empty one in its place
        SummaryCache.recreate(path)
        typer.echo(f"the cache was damaged ({e}); a new, empty one was made", err=True)
        return
    typer.echo(f"removed {removed} cached summaries", err=True)


@app.command("logs")
def logs_command(
    show: Annotated[int | None, typer.Option(help="Show one call in full, with its bodies.")] = None,
    limit: Annotated[int, typer.Option(help="How many recent calls to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The model calls claimkit made: time, model, endpoint, prompt, status, usage, latency."""
    from .store import CallLog

    log = CallLog(Settings.resolve().store_folder / "calls.sqlite")
    if show is not None:
        call = log.show(show)
        if call is None:
            typer.echo(f"claimkit: error: no call {show} in the log", err=True)
            raise typer.Exit(1)
        typer.echo(json.dumps(call, indent=2))
        return
    calls = log.list(limit)
    if as_json:
        typer.echo(json.dumps(calls, indent=2))
        return
    for c in calls:
        typer.echo(
            f"{c['id']:>5}  {c['model']}  {c['endpoint']}  {c['mode']}  status {c['status']}  "
            f"{c['latency_ms']:.0f} ms  tokens {c['prompt_tokens']}/{c['completion_tokens']}"
            f"  prompt {str(c['prompt_sha256'])[:12]}"
        )


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the ArticleSummary record."""
    from .records import ArticleSummary

    typer.echo(json.dumps(ArticleSummary.model_json_schema(), indent=2))


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (the evaluation data's format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="Add a line per article.")] = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    structured_output: Annotated[
        str | None, typer.Option(help=f"One of {', '.join(STRUCTURED_OUTPUTS)} (default auto).")
    ] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Completion tokens allowed per model call.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")] = False,
) -> None:
    """Score an engine against gold data: attributions (P, R, F1, speakers, exact spans) and stance.

    The engine is chosen as for `summarise`: a configured model means the LLM engine."""
    from .article_stance import stance
    from .evaluate import evaluate, read_gold
    from .pipeline import summarise

    _check_choice("engine", engine, ENGINES)
    _check_choice("structured output", structured_output, STRUCTURED_OUTPUTS)
    try:
        records = list(read_gold(gold))
        settings = Settings.resolve(
            engine=engine,
            model=model,
            base_url=base_url,
            structured_output=structured_output,
            max_tokens=max_tokens,
            cache=False if no_cache else None,
        )
        every_claim = dataclasses.replace(settings, min_confidence=0.0)  # the floor is applied in the scoring
        report = evaluate(
            records,
            lambda text: summarise(text, settings=every_claim),
            lambda claim, text: stance(claim, text, settings=settings).label,
            floor=settings.min_confidence,
        )
    except errors.ClaimkitError as e:
        _fail(e)
    if as_json:
        payload = report.totals()
        if details:
            payload["per_article"] = [_article_row(a) for a in report.articles]
        typer.echo(json.dumps(payload, indent=2))
        return
    typer.echo(_eval_text(report, details))


def _article_row(score: object) -> dict[str, object]:
    row = dict(vars(score))
    row["matched"] = {str(k): v for k, v in row["matched"].items()}
    return row


def _eval_text(report: EvalReport, details: bool) -> str:
    from .evaluate import THRESHOLDS

    totals = report.totals()
    lines = []
    if report.articles:
        lines.append(f"articles {totals['articles']}   predicted {totals['predicted']}   gold {totals['gold']}")
        lines.append(f"engine {', '.join(totals['engines'])}   min_confidence {totals['min_confidence']:g}")
        if totals["usage"]["calls"]:
            usage = {k: v / totals["articles"] for k, v in totals["usage"].items()}
            lines.append(
                f"per article: requests {usage['calls']:.1f}   prompt tokens {usage['prompt_tokens']:,.0f}"
                f"   completion tokens {usage['completion_tokens']:,.0f}"
            )
        for threshold in THRESHOLDS:
            t = totals[f"iou>={threshold}"]
            lines.append(
                f"IoU ≥ {threshold}:  precision {t['precision']:.3f}   recall {t['recall']:.3f}   F1 {t['f1']:.3f}"
                f"   ({t['matched']} matched)"
            )
        if totals["resolved_speaker_accuracy"] is not None:
            lines.append(
                f"resolved speakers {totals['resolved_speaker_accuracy']:.3f} over {totals['speakers_judged']}"
                " matched pairs (the claim's speaker is the gold speaker's entity)"
            )
        lines.append(
            f"speaker mentions {totals['mention_accuracy']:.3f} over {totals['mentions_judged']} matched pairs"
            " (the claim's speaker mention overlaps the gold's)"
        )
        lines.append(
            "exact match    "
            + "   ".join(
                f"{role} P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}"
                for role, f in totals["exact"].items()
            )
        )
        for kind, f in totals["by_kind"].items():
            speakers = f["resolved_speaker_accuracy"]
            lines.append(
                f"{kind:<9}      gold {f['gold']:>5}   recall @{THRESHOLDS[0]} {f['recall']:.3f}"
                + (f"   resolved speakers {speakers:.3f}" if speakers is not None else "")
            )
        lines.append(f"exact-slice spans {totals['exact_span_share']:.1%}")
        lines += _curve_lines(totals["curve"])
    if "stance" in totals:
        lines += _stance_lines(totals["stance"])
    if totals["skipped_records"]:
        lines.append(f"{totals['skipped_records']} records with neither attributions nor a stance were not scored")
    if details and report.articles:
        lines.append("")
        lines.append(f"{'article':60} {'pred':>5} {'gold':>5} {'@0.3':>5} {'@0.8':>5} {'spk':>7}")
        for a in report.articles:
            lines.append(
                f"{a.id[:60]:60} {a.predicted:5} {a.gold:5} {a.matched[0.3]:5} {a.matched[0.8]:5} "
                f"{a.speakers_correct:3}/{a.speakers_judged:<3}"
            )
    return "\n".join(lines)


def _curve_lines(curve: list[dict[str, Any]]) -> list[str]:
    lines = ["min_confidence   claims   P@0.3   R@0.3   resolved speakers"]
    for point in curve:
        speakers = point["resolved_speaker_accuracy"]
        lines.append(
            f"{point['min_confidence']:>14g}   {point['predicted']:>6}"
            f"   {point['precision']:.3f}   {point['recall']:.3f}   {'' if speakers is None else f'{speakers:.3f}'}"
        )
    return lines


def _stance_lines(figures: dict[str, Any]) -> list[str]:
    lines = [
        f"stance pairs {figures['pairs']}   accuracy {figures['accuracy']:.3f}   macro-F1 {figures['macro_f1']:.3f}"
    ]
    for label, c in figures["per_class"].items():
        lines.append(f"  {label:10} precision {c['precision']:.3f}   recall {c['recall']:.3f}   F1 {c['f1']:.3f}")
    labels = list(figures["confusion"])
    lines.append("  gold \\ predicted " + " ".join(f"{p:>10}" for p in labels))
    for gold in labels:
        lines.append(f"  {gold:17}" + " ".join(f"{figures['confusion'][gold][p]:>10}" for p in labels))
    return lines


@app.command("version")
def version_command() -> None:
    """Print claimkit's version."""
    typer.echo(__version__)


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
