"""Articles per CPU-second of the embedded engine over the PolNeAR DEV texts; and with several processes.

python bench/embedded_throughput.py [--eval-dir ../shared/eval] [--passes 5] [--processes 2]

Run it with the interpreter of the build to measure: ``.venv`` (pure Python) or ``.venv-compiled``
(``make compiled`` builds it); the first line says which one ran.

- **end to end**: ``claimkit.summarise`` on every DEV text (engine, speakers, records, span checks), one pass
  after another, each pass timed in CPU time (``time.process_time``): articles per CPU-second, min / median / max.
- **rules alone**: the engine's ``extract`` with its per-text caches cleared, no speakers and no records.
- **processes**: N worker processes, started and warmed before the clock starts, each given the same share of
  the work; articles per *wall* second of the whole pool (what N cores give), min / median / max over passes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import claimkit
from claimkit.settings import Settings

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETTINGS = Settings(engine="embedded")


def _texts(eval_dir: Path) -> list[str]:
    path = eval_dir / "polnear.dev.jsonl"
    if not path.exists():
        raise SystemExit(f"no evaluation data at {path}: pass --eval-dir")
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


def _build() -> str:
    from claimkit.engines.embedded import walk

    return "pure Python" if walk.__file__.endswith(".py") else "compiled with mypyc"


def _summarise_all(texts: list[str]) -> int:
    for text in texts:
        claimkit.summarise(text, settings=SETTINGS)
    return len(texts)


def _extract_all(texts: list[str]) -> int:
    from claimkit.engines.embedded import extract
    from claimkit.text.language import detect
    from claimkit.text.spans import _article_sentences, _find_quotes, _paragraphs

    for text in texts:
        for cached in (_find_quotes, _article_sentences, _paragraphs, detect):
            cached.cache_clear()  # each article is new to the engine, as in real use
        extract(text)
    return len(texts)


def _per_cpu_second(work: Callable[[list[str]], int], texts: list[str], passes: int) -> list[float]:
    rates = []
    for _ in range(passes):
        started = time.process_time()
        done = work(texts)
        rates.append(done / (time.process_time() - started))
    return rates


def _per_wall_second_in_pool(texts: list[str], processes: int, passes: int) -> list[float]:
    rates = []
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_summarise_all, [texts] * processes))  # start and warm every worker off the clock
        for _ in range(passes):
            started = time.perf_counter()
            done = sum(pool.map(_summarise_all, [texts] * processes))
            rates.append(done / (time.perf_counter() - started))
    return rates


def _line(label: str, rates: list[float], unit: str) -> str:
    return f"{label:<22} {min(rates):>7,.0f} {statistics.median(rates):>7,.0f} {max(rates):>7,.0f}  {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    texts = _texts(args.eval_dir)
    _summarise_all(texts)  # imports, compiled regexes, settings
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"{_build()}: {len(texts)} articles of {chars:,.0f} characters on average, {args.passes} passes")
    print(f"{'':<22} {'min':>7} {'median':>7} {'max':>7}")
    print(_line("end to end", _per_cpu_second(_summarise_all, texts, args.passes), "articles per CPU-second"))
    print(_line("rules alone", _per_cpu_second(_extract_all, texts, args.passes), "articles per CPU-second"))
    if args.processes > 1:
        rates = _per_wall_second_in_pool(texts, args.processes, args.passes)
        print(_line(f"{args.processes} processes", rates, "articles per wall-second, the whole pool"))


if __name__ == "__main__":
    main()
