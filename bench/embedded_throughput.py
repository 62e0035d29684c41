"""Articles per second of the embedded engine over the PolNeAR DEV texts, in one process or several.

python bench/embedded_throughput.py [--eval-dir ../shared/eval] [--rounds 5] [--processes 1 2]

Run it with the interpreter of the build to measure: ``.venv`` (pure Python) or ``.venv-compiled``
(``make test-compiled`` builds it); the first line says which one ran.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import claimkit

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def _texts(eval_dir: Path) -> list[str]:
    path = eval_dir / "polnear.dev.jsonl"
    if not path.exists():
        raise SystemExit(f"no evaluation data at {path}: pass --eval-dir")
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


def _build() -> str:
    from claimkit.engines.embedded import walk as embedded

    return "pure Python" if embedded.__file__.endswith(".py") else "compiled with mypyc"


def _run(texts: list[str]) -> int:
    for text in texts:
        claimkit.summarise(text)
    return len(texts)


def _engine_alone(texts: list[str], rounds: int) -> float:
    """Articles per second of the rules alone (quotations, sentences, cues), without speakers and records."""
    from claimkit.engines.embedded import extract
    from claimkit.text.spans import _article_sentences, _find_quotes, _paragraphs

    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            for cached in (_find_quotes, _article_sentences, _paragraphs):
                cached.cache_clear()  # each article is new to the engine, as in real use
            extract(text)
    return rounds * len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    texts = _texts(args.eval_dir)
    chars = sum(len(t) for t in texts)
    _run(texts)  # warm caches and imports
    print(f"{_build()}: {len(texts)} articles, {chars / len(texts):,.0f} characters on average")
    for processes in args.processes:
        work = [texts] * args.rounds
        started = time.perf_counter()
        if processes == 1:
            done = sum(_run(batch) for batch in work)
        else:
            with ProcessPoolExecutor(processes) as pool:
                done = sum(pool.map(_run, work))
        elapsed = time.perf_counter() - started
        print(f"{processes} process(es): {done / elapsed:,.0f} articles/s ({elapsed / done * 1000:.2f} ms each)")
    print(f"engine alone, 1 process: {_engine_alone(texts, args.rounds):,.0f} articles/s (no speakers, no records)")


if __name__ == "__main__":
    main()
