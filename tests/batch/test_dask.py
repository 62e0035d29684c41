"""A batch on a real dask.distributed cluster (a LocalCluster of 2 worker processes): the scheduler runs the tasks,
each writes its own part, a worker killed mid-run costs nothing, and no id is written twice."""

from __future__ import annotations

import json
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from claimkit.batch.dask import MANIFEST, partition_of, summarise_on_cluster  # noqa: E402
from claimkit.settings import Settings  # noqa: E402

ARTICLE = "“We are ready,” said Maria Lopez, the city engineer. The mayor said the bridge would reopen in May."


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.Client]:
    here = os.getcwd()
    os.chdir(tempfile.gettempdir())  # workers import the installed claimkit, not a source tree in the directory
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, worker_dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client
    os.chdir(here)


def _articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"a{n}", "text": f"{ARTICLE} Article number {n}."}) + "\n")
    return path


def _ids(folder: Path) -> list[str]:
    return [json.loads(line)["id"] for part in sorted(folder.glob("part-*.jsonl")) for line in part.open()]


def test_the_scheduler_runs_one_task_per_part(cluster: distributed.Client, tmp_path: Path) -> None:
    source = _articles(tmp_path / "in.jsonl", 400)
    folder = tmp_path / "out"
    with distributed.get_task_stream(cluster) as stream:
        report = summarise_on_cluster(
            [str(source)], folder, client=cluster, settings=Settings(engine="embedded"), partitions=6, parquet=True
        )
    ran = {t["key"] for t in stream.data if str(t["key"]).startswith("claimkit-part-")}
    assert len(ran) == 6  # counted on the scheduler: every part ran as a task of the cluster
    workers = {t["worker"] for t in stream.data if str(t["key"]).startswith("claimkit-part-")}
    assert len(workers) == 2
    assert report.done == 400 and report.failed == 0
    parts = sorted(folder.glob("part-*.jsonl"))
    assert len(parts) == 6 and json.loads((folder / MANIFEST).read_text())["partitions"] == 6
    for number, part in enumerate(parts):
        assert all(partition_of(json.loads(line)["id"], 6) == number for line in part.open())
    assert sorted(_ids(folder)) == sorted(f"a{n}" for n in range(400))

    import pyarrow.parquet as pq

    table = pq.read_table(folder / "part-00000.parquet")
    assert table.num_rows == sum(1 for _ in parts[0].open())
    assert json.loads(table.column("summary")[0].as_py())["claims"]

    again = summarise_on_cluster([str(source)], folder, client=cluster, settings=Settings(engine="embedded"))
    assert (again.done, again.skipped) == (0, 400)  # resumed by part: 6 parts kept, though 8 were asked for


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster: distributed.Client, tmp_path: Path) -> None:
    source = _articles(tmp_path / "in.jsonl", 3000)
    folder = tmp_path / "out"
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and sum(p.stat().st_size for p in folder.glob("part-*.jsonl")) < 200_000:
            time.sleep(0.02)
        pids = cluster.run(os.getpid)
        victim = next(iter(pids.values()))
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    report = summarise_on_cluster(
        [str(source)], folder, client=cluster, settings=Settings(engine="embedded"), partitions=4
    )
    killer.join()
    assert killed
    ids = _ids(folder)
    assert len(ids) == len(set(ids)) == 3000  # every id exactly once, across the parts
    assert report.done + report.skipped == 3000 and report.failed == 0
    assert report.skipped > 0  # the killed worker's part ran again elsewhere, from where its records stopped
    cluster.wait_for_workers(2, timeout=60)  # the nanny brought the killed worker back


def test_the_command_line_sends_a_batch_to_a_scheduler(cluster: distributed.Client, tmp_path: Path) -> None:
    import subprocess
    import sys

    source = _articles(tmp_path / "in.jsonl", 30)
    folder = tmp_path / "out"
    command = [sys.executable, "-m", "claimkit", "batch", str(source), "-o", str(folder), "--engine", "embedded"]
    done = subprocess.run(
        [*command, "--scheduler", cluster.scheduler.address, "--partitions", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tempfile.gettempdir(),
    )
    assert done.returncode == 0, done.stderr
    assert "30 done" in done.stderr and len(list(folder.glob("part-*.jsonl"))) == 3
    env = {**os.environ, "CLAIMKIT_TIMEOUT": "2"}
    refused = subprocess.run(
        [*command, "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    assert refused.returncode == 11 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("claimkit: error: cannot reach the Dask scheduler")


@pytest.mark.skipif(
    bool(os.environ.get("CLAIMKIT_EXPECT_COMPILED")),
    reason="spawned workers put the source tree first on sys.path, where the prompts are outside the package",
)
def test_model_calls_run_in_the_workers_threads(cluster: distributed.Client, tmp_path: Path) -> None:
    from .openai_batch_server import batch_server

    source = _articles(tmp_path / "in.jsonl", 6)
    with batch_server() as (server, url):
        settings = Settings(
            engine="llm",
            model="test-model",
            base_url=url,
            api_key="sk-dask-secret-0123456789",
            structured_output="json_object",
            cache_dir=str(tmp_path / "store"),
            price_in=0.15,
            price_out=0.6,
        )
        report = summarise_on_cluster([str(source)], tmp_path / "out", client=cluster, settings=settings, partitions=2)
        assert len(server.direct) == 6  # asked from the workers, one call an article
    assert report.done == 6 and report.requests == 6 and report.prompt_tokens > 0
    assert (report.cost(settings) or (0.0, 0.0))[0] > 0
    for part in (tmp_path / "out").glob("part-*.jsonl"):
        assert b"sk-dask-secret" not in part.read_bytes()
