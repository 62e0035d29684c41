"""The gold-answering bench (bench/llm_ceiling.py) on three PolNeAR DEV articles: a perfect model's answer
goes through claimkit's real LLM path, over a local server, and comes out nearly whole."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimkit.text.spans import windows

from .conftest import ROOT


def _bench(eval_dir: Path, tmp_path: Path, *arguments: str) -> tuple[str, list[dict[str, object]]]:
    out = tmp_path / "summaries.jsonl"
    command = [sys.executable, str(ROOT / "bench" / "llm_ceiling.py"), str(eval_dir / "polnear.dev.jsonl")]
    done = subprocess.run(
        [*command, "--limit", "3", "--out", str(out), *arguments], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, [json.loads(line) for line in out.read_text().splitlines()]


def _figure(report: str, pattern: str) -> float:
    found = re.search(pattern, report)
    assert found is not None, report
    return float(found.group(1))


def test_a_perfect_models_answer_comes_through(eval_dir: Path, tmp_path: Path) -> None:
    report, summaries = _bench(eval_dir, tmp_path)
    assert len(summaries) == 3 and all(s["summary"]["provenance"]["engine"] == "llm" for s in summaries)
    assert _figure(report, r"IoU ≥ 0.3: .*F1 ([0-9.]+)") >= 0.95
    assert _figure(report, r"IoU ≥ 0.8: .*F1 ([0-9.]+)") >= 0.93
    assert _figure(report, r"resolved speakers ([0-9.]+)") >= 0.95
    texts = [json.loads(line)["text"] for line in (eval_dir / "polnear.dev.jsonl").open(encoding="utf-8")][:3]
    chunks = sum(len(windows(text, 8_000, 800)) for text in texts)
    assert _figure(report, r"requests ([0-9.]+)") == round(chunks / 3, 2)  # one request a chunk, no probe
    assert "0 replies cut" in report


@pytest.mark.parametrize("noise", ["hallucinate", "speakers"])
def test_nothing_invented_gets_through(eval_dir: Path, tmp_path: Path, noise: str) -> None:
    report, _ = _bench(eval_dir, tmp_path, "--noise", noise)
    assert "invented word: 0" in report or "invented name: 0" in report, report
