"""What a batch did: counts, tokens, requests, and what they cost at the prices the user set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..settings import Settings

__all__ = ["MAX_ERRORS_KEPT", "BatchReport", "Progress", "cost_line"]

MAX_ERRORS_KEPT = 100
"""The first failures kept in the report (every one is in the output): a bounded report for any batch size."""


@dataclass
class BatchReport:
    done: int = 0
    failed: int = 0
    cached: int = 0
    skipped: int = 0
    """Articles already in the output file from an earlier run."""
    retried: int = 0
    """Articles that failed in an earlier run, tried again."""
    damaged: int = 0
    """Damaged lines of an earlier run's output, set aside in ``OUT.damaged``."""
    requests: int = 0
    """Model calls made (re-asks included)."""
    batch_requests: int = 0
    """Of ``requests``, those answered through a provider's Batch API (billed at its discount)."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    batch_prompt_tokens: int = 0
    batch_completion_tokens: int = 0
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)
    """The first ``MAX_ERRORS_KEPT`` failures."""

    def count(self, record: dict[str, Any]) -> None:
        if not record["ok"]:
            self.failed += 1
            if len(self.errors) < MAX_ERRORS_KEPT:
                self.errors.append({"id": record["id"], **record["error"]})
            return
        self.done += 1
        provenance = record["summary"]["provenance"]
        if provenance.get("cached"):
            self.cached += 1
            return
        usage = provenance.get("usage") or {}
        through_batch = bool(record.get("batch_api"))
        calls = int(usage.get("calls") or 0)
        prompt, completion = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
        self.requests += calls
        self.prompt_tokens += prompt
        self.completion_tokens += completion
        if through_batch:
            self.batch_requests += calls
            self.batch_prompt_tokens += prompt
            self.batch_completion_tokens += completion

    def merge(self, other: BatchReport) -> None:
        """Add the counts of another report (a partition's) to these."""
        for name in (
            "done",
            "failed",
            "cached",
            "skipped",
            "retried",
            "damaged",
            "requests",
            "batch_requests",
            "prompt_tokens",
            "completion_tokens",
            "batch_prompt_tokens",
            "batch_completion_tokens",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors[: max(0, MAX_ERRORS_KEPT - len(self.errors))])

    def cost(self, settings: Settings) -> tuple[float, float] | None:
        """(what the tokens cost, what they would have cost without the Batch API discount) in US dollars, at the
        prices set (``price_in``, ``price_out`` per million tokens); None when no price is set."""
        if settings.price_in is None and settings.price_out is None:
            return None
        price_in, price_out = (settings.price_in or 0.0) / 1e6, (settings.price_out or 0.0) / 1e6
        full = self.prompt_tokens * price_in + self.completion_tokens * price_out
        batched = self.batch_prompt_tokens * price_in + self.batch_completion_tokens * price_out
        return full - batched * settings.batch_discount, full


def cost_line(report: BatchReport, settings: Settings) -> str:
    """One line: requests, tokens in and out, and the estimated cost with what the Batch API saved."""
    line = f"{report.requests} requests, tokens {report.prompt_tokens:,} in, {report.completion_tokens:,} out"
    if report.batch_requests:
        line += f" ({report.batch_requests} requests through the Batch API)"
    priced = report.cost(settings)
    if priced is None:
        return line + "; no prices set (price_in, price_out: dollars per million tokens) for a cost estimate"
    paid, full = priced
    line += f"; estimated cost ${paid:,.4f}"
    if report.batch_requests:
        line += f" (${full:,.4f} without the Batch API's {settings.batch_discount:.0%} discount)"
    else:
        discounted = full * (1 - settings.batch_discount)
        line += f" (through a Batch API, {settings.batch_discount:.0%} off: ${discounted:,.4f})"
    return line


Progress = Callable[[dict[str, Any] | None, BatchReport], None]
"""Called with each record as it is written (None once at the start, to show the totals)."""
