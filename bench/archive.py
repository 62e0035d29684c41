"""The quote archive's speed and size.

1. Index rate against ``claimkit batch`` on the same inputs (the DEV2 articles, embedded engine, a process per
   core for both), run interleaved: batch, index, batch, index; articles per second of wall time.
2. Search latency (median and p95 over a fixed set of phrases, with and without a speaker filter) and database
   size per article at 1k, 10k and 100k articles. The large archives are synthesised from the DEV and DEV2
   summaries: each copy gets an id and a date of its own (so every quotation is printed again, later, and linked
   to its quote); one database grows from size to size.
3. ``compare`` on two long articles (issue 25's case): CPU seconds.

    .venv/bin/python bench/archive.py [--sizes 1000,10000,100000] [--skip-rate] [--skip-scale] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from claimkit.archive import Archive
from claimkit.archive.writer import Placement, immediate, write_one
from claimkit.batch import iter_items, summarise_many
from claimkit.records import ArticleSummary
from claimkit.settings import Settings

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEV = EVAL / "polnear.dev.jsonl"
DEV2 = EVAL / "polnear.dev2.jsonl"


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers of a finished run)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``run``, its worker processes included (given a moment to end and be reaped)."""
    wall, cpu = time.perf_counter(), _cpu()
    run()
    wall = time.perf_counter() - wall
    time.sleep(2)
    return wall, _cpu() - cpu


def index_rate(work: Path, rounds: int) -> None:
    """Wall rates are at the mercy of whoever else uses the cores; CPU per article is what a run costs."""
    settings = Settings(engine="embedded")
    found: dict[str, list[tuple[float, float]]] = {"batch": [], "index": []}

    def batch(round_: int) -> None:
        (work / f"batch{round_}.jsonl").unlink(missing_ok=True)
        summarise_many(iter_items([str(DEV2)]), settings=settings, output=work / f"batch{round_}.jsonl")

    def index(round_: int) -> None:
        for stale in work.glob(f"index{round_}.db*"):
            stale.unlink()
        with Archive(work / f"index{round_}.db") as archive:
            report = archive.add([str(DEV2)], settings=settings)
        assert report.added == 200, report

    for round_ in range(rounds):
        found["batch"].append(_timed(lambda: batch(round_)))  # noqa: B023 (called at once)
        found["index"].append(_timed(lambda: index(round_)))  # noqa: B023
    for name, runs in found.items():
        rates = [round(200 / wall, 1) for wall, _ in runs]
        cpu = [round(used / 200 * 1000, 1) for _, used in runs]
        print(f"{name}: {rates} articles/s (wall), {cpu} CPU ms per article")
    wall = {k: statistics.median(200 / w for w, _ in v) for k, v in found.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in found.items()}
    print(f"index add: {wall['index'] / wall['batch']:.0%} of batch's wall rate (median of {rounds}),"
          f" {cpu['batch'] / cpu['index']:.0%} of its rate per CPU second")  # fmt: skip


def summaries(work: Path) -> list[ArticleSummary]:
    found = []
    for source in (DEV, DEV2):
        output = work / f"{source.stem}.out.jsonl"
        if not output.exists():
            summarise_many(iter_items([str(source)]), settings=Settings(engine="embedded"), output=output)
        for line in output.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("ok"):
                found.append(ArticleSummary.model_validate(record["summary"]))
    return found


def synthesise(archive: Archive, pool: list[ArticleSummary], start: int, stop: int) -> float:
    """Articles ``start`` to ``stop`` of the synthetic archive; seconds taken."""
    first = date(2010, 1, 1)
    started = time.perf_counter()
    for group in range(start, stop, 32):  # as `claimkit index add` writes: a few articles per transaction
        with immediate(archive.connection):
            for n in range(group, min(group + 32, stop)):
                base = pool[n % len(pool)]
                article = base.article.model_copy(update={"id": f"{base.article.id}-{n // len(pool)}"})
                day = (first + timedelta(days=n // 20)).isoformat()
                placement = Placement(outlet=f"outlet {n % 7}", published=day, source=None)
                write_one(archive.connection, base.model_copy(update={"article": article}), placement)
    return time.perf_counter() - started


def queries(pool: list[ArticleSummary]) -> list[str]:
    """Phrases of two or three words from the claims' quotations, drawn once with a fixed seed."""
    pick = random.Random(26)
    found = []
    while len(found) < 40:
        claim = pick.choice(pick.choice(pool).claims)
        words = claim.quote.text.replace("“", " ").replace("”", " ").replace('"', " ").split()
        if len(words) >= 4:
            k = pick.randrange(len(words) - 2)
            found.append(" ".join(words[k : k + pick.choice((2, 3))]))
    return found


def latency(archive: Archive, phrases: list[str], speaker: str | None) -> tuple[float, float]:
    times = []
    for phrase in phrases:
        started = time.perf_counter()
        archive.search(phrase, speaker=speaker)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def scale(work: Path, sizes: list[int]) -> None:
    pool = summaries(work)
    phrases = queries(pool)
    db = work / "scale.db"
    done = 0
    with Archive(db) as archive:
        for size in sizes:
            seconds = synthesise(archive, pool, done, size)
            rate = (size - done) / seconds
            done = size
            archive.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            latency(archive, phrases[:5], None)  # warm the cache as a served archive would be
            plain = latency(archive, phrases, None)
            by_speaker = latency(archive, phrases, "Donald Trump")
            kib = db.stat().st_size / 1024
            print(
                f"{size:>7} articles: written {rate:.0f} articles/s; search median {plain[0]:.1f} ms, p95 "
                f"{plain[1]:.1f} ms; with --speaker 'Donald Trump' median {by_speaker[0]:.1f} ms, p95 "
                f"{by_speaker[1]:.1f} ms; {kib / size:.1f} KiB per article ({kib / 1024:.0f} MiB)",
                flush=True,
            )


def compare_long() -> None:
    """Issue 25's case: two articles of 100 kB (DEV2 texts joined), compared."""
    import claimkit
    from claimkit.comparison import compare

    texts = [json.loads(line)["text"] for line in DEV2.read_text(encoding="utf-8").splitlines()]
    made = [claimkit.summarise("\n\n".join(texts[k::2])[:100_000], engine="embedded") for k in range(2)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    result = compare(made)
    seconds = resource.getrusage(resource.RUSAGE_SELF).ru_utime - before
    shared = sum(len(c.articles) > 1 for c in result.clusters)
    claims = sum(len(m.claims) for m in made)
    print(f"compare, two 100 kB texts ({claims} claims): {seconds:.2f} CPU-s, {shared} clusters across both")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--skip-rate", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    if not DEV2.exists():
        sys.exit(f"the DEV2 file is not at {DEV2}")
    work = args.work or Path(tempfile.mkdtemp(prefix="claimkit-archive-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder: {work}", flush=True)
    if not args.skip_rate:
        index_rate(work, args.rounds)
    if not args.skip_scale:
        compare_long()
        scale(work, [int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
