"""HTML and JSON-LD reports of both seeds; the HTML checked in a real headless browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import claimkit
from claimkit.comparison import compare
from claimkit.records import ArticleSummary
from claimkit.render.html import comparison_html, summary_html
from claimkit.render.jsonld import summary_jsonld

from .conftest import ROOT, SEED_000, SEED_002

OUTPUT = ROOT / "tests" / "output"
SEEDS = [SEED_000, SEED_002]


def _summary(seed: Path) -> ArticleSummary:
    return claimkit.summarise_source(str(seed), engine="embedded")


class _Marks(HTMLParser):
    """Collects the text of every <mark data-claim=…> element."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, str] = {}
        self.links: list[str] = []
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "mark" and attributes.get("data-claim"):
            self._current = attributes["data-claim"]
            self.marks[self._current] = ""
        for name in ("src", "href"):
            value = attributes.get(name)
            if value and not value.startswith("#"):
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.marks[self._current] += data


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_html_report_highlights_each_quote_and_is_self_contained(seed: Path) -> None:
    summary = _summary(seed)
    html = summary_html(summary, seed.read_text())
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{seed.stem}.html").write_text(html, encoding="utf-8")
    parser = _Marks()
    parser.feed(html)
    quotes = {c.id: c.quote.text for c in summary.claims}
    assert parser.marks and all(parser.marks[cid] == quotes[cid] for cid in parser.marks)
    assert parser.links == [] and "<script" not in html and "http" not in html.split("</style>")[0]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_jsonld_claims(seed: Path) -> None:
    summary = _summary(seed)
    document = summary_jsonld(summary)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{seed.stem}.jsonld").write_text(json.dumps(document, indent=2), encoding="utf-8")
    claims = [item for item in document["@graph"] if item["@type"] == "Claim"]
    assert len(claims) == len(summary.claims)
    asif = [c for c in claims if c.get("author", {}).get("name") == "Khawaja Asif"]
    assert asif and asif[0]["author"] == {
        "@type": "Person",
        "name": "Khawaja Asif",
        "jobTitle": "Defence Minister",
        "affiliation": {"@type": "Organization", "name": "Pakistan"},
    }
    assert all(c["appearance"]["@id"] == document["@graph"][0]["@id"] for c in claims)


def test_comparison_html() -> None:
    html = comparison_html(compare([_summary(s) for s in SEEDS]))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "comparison.html").write_text(html, encoding="utf-8")
    assert html.count('class="cluster"') >= 2 and "Khawaja Asif" in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


_CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(_chromium() is None, reason="no Chromium on this machine (.ci/run installs Debian's)")
def test_html_report_in_a_real_browser(tmp_path: Path) -> None:
    """Chromium renders the report; the DOM it built has every highlighted span equal to its claim's quote."""
    browser = _chromium()
    assert browser is not None
    summary = _summary(SEED_002)
    page = tmp_path / "report.html"
    page.write_text(summary_html(summary, SEED_002.read_text()), encoding="utf-8")
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [browser, *_CHROMIUM_FLAGS, *profile, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    parser = _Marks()
    parser.feed(dom)
    quotes = {c.id: c.quote.text for c in summary.claims}
    assert len(parser.marks) >= 5
    assert all(parser.marks[cid] == quotes[cid] for cid in parser.marks)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    screenshot = OUTPUT / "seed_002_report.png"
    subprocess.run(
        [browser, *_CHROMIUM_FLAGS, *profile, f"--screenshot={screenshot}", "--window-size=1400,1800", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert screenshot.stat().st_size > 10_000
