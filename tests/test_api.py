"""The public functions as an editorial tool calls them: many articles, paths, renderers, errors naming keywords."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimkit

from .conftest import SEED_000, SEED_002


def test_summarise_many_yields_summaries() -> None:
    summaries = list(claimkit.summarise_many([SEED_000, str(SEED_002)]))
    assert all(isinstance(s, claimkit.ArticleSummary) for s in summaries)
    assert sorted(s.article.source or "" for s in summaries) == sorted([str(SEED_000), str(SEED_002)])
    for s in summaries:
        text = s.article.text or ""
        assert all(text[c.quote.start : c.quote.end] == c.quote.text for c in s.claims)


def test_summarise_many_names_what_failed_after_the_rest(tmp_path: Path) -> None:
    lines = tmp_path / "articles.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "text": "The mayor said the bridge would reopen."}) + "\n" + '{"id": "b"}\n'
    )
    seen = []
    with pytest.raises(claimkit.ClaimkitError, match=r"1 of 2 articles failed: .*b"):
        for summary in claimkit.summarise_many([lines]):
            seen.append(summary.article.source)
    assert seen == ["a"]


def test_stopping_early_ends_the_batch() -> None:
    many = claimkit.summarise_many([SEED_000, SEED_002, SEED_000, SEED_002])
    first = next(many)
    many.close()
    assert first.claims


def test_renderers_take_a_summary() -> None:
    summary = claimkit.summarise(SEED_002)
    assert "Khawaja Asif" in claimkit.to_table(summary, width=80)
    assert claimkit.to_markdown(summary).startswith("# ")
    assert "<mark" in claimkit.to_html(summary)
    assert json.loads(claimkit.to_jsonld(summary))["@context"] == "https://schema.org"


def test_unknown_keywords_name_the_nearest_everywhere() -> None:
    with pytest.raises(claimkit.ConfigurationError, match="did you mean 'engine'"):
        claimkit.stance("The bridge will reopen.", "The mayor said the bridge will reopen.", engin="embedded")
    with pytest.raises(claimkit.ConfigurationError, match="did you mean 'max_bytes'"):
        claimkit.summarise_source(SEED_002, max_byte=10)


def test_a_config_file_key_that_is_no_setting_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('modle = "gpt-4o-mini"\n')
    monkeypatch.setenv("CLAIMKIT_CONFIG", str(config))
    with pytest.raises(claimkit.ConfigurationError, match=f"'modle' in {config} .*did you mean 'model'"):
        claimkit.summarise("The mayor said the bridge would reopen.")
