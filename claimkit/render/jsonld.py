"""schema.org JSON-LD: each claim as a ``Claim`` that fact-checking tools can ingest."""

from __future__ import annotations

import json
from typing import Any

from ..records import ArticleSummary, Speaker

__all__ = ["summary_jsonld"]

_TYPES = {"person": "Person", "organisation": "Organization", "group": "Organization", "unnamed": "Person"}


def _author(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    author: dict[str, Any] = {"@type": _TYPES[speaker.kind], "name": speaker.name}
    if speaker.role and speaker.kind != "organisation":
        author["jobTitle"] = speaker.role
    if speaker.affiliation:
        author["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
    return author


def summary_jsonld(summary: ArticleSummary) -> dict[str, Any]:
    """A JSON-LD document: the article as a ``NewsArticle`` (the summary's warnings as its ``comment``s) and one
    ``Claim`` per claim."""
    article = summary.article
    appearance: dict[str, Any] = {"@type": "NewsArticle", "@id": article.url or f"urn:claimkit:article:{article.id}"}
    if article.url:
        appearance["url"] = article.url
    if article.title:
        appearance["headline"] = article.title
    if article.published:
        appearance["datePublished"] = article.published
    if summary.warnings:  # what a reader of the claims must know: dropped quotes, disputed speakers, steering
        appearance["comment"] = [
            {"@type": "Comment", "name": "claimkit warning", "text": warning} for warning in summary.warnings
        ]
    claims = []
    for claim in summary.claims:
        item: dict[str, Any] = {
            "@type": "Claim",
            "@id": f"{appearance['@id']}#{claim.id}",
            "text": claim.quote.text,
            "description": claim.statement,
            "appearance": {"@id": appearance["@id"]},
            "firstAppearance": {"@id": appearance["@id"]},
        }
        if "statement" in summary.provenance.model_written:
            item["creativeWorkStatus"] = "description written by a language model"
        author = _author(summary.speaker(claim.speaker_id))
        if author is not None:
            item["author"] = author
        if article.published:
            item["datePublished"] = article.published
        claims.append(item)
    return {"@context": "https://schema.org", "@graph": [appearance, *claims]}


def render_jsonld(summary: ArticleSummary) -> str:
    return json.dumps(summary_jsonld(summary), indent=2, ensure_ascii=False)
