"""A batch's output and workers under hostile conditions: each case a one-line error or a recovery, never a
traceback, never a result lost or a user's file changed."""

from __future__ import annotations

import http.server
import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from claimkit.batch import BatchItem, OutputFile, iter_items, summarise_many
from claimkit.errors import OutputError
from claimkit.settings import Settings

ARTICLE = "“We are ready,” said Maria Lopez, the city engineer. The mayor said the bridge would reopen in May."


def _line(identifier: str, ok: bool = True) -> bytes:
    body = {"summary": {"provenance": {}}} if ok else {"error": {"type": "ModelUnavailable", "message": "down"}}
    return json.dumps({"id": identifier, "ok": ok, **body}).encode() + b"\n"


def _batch(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimkit", "batch", *arguments, "--engine", "embedded"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=tempfile.gettempdir())


def _articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"a{n}", "text": f"{ARTICLE} Article number {n}."}) + "\n")
    return path


def test_a_rewritten_output_keeps_its_mode(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    output = tmp_path / "out.jsonl"
    output.write_bytes(_line("a0") + _line("a1", ok=False))
    output.chmod(0o600)
    OutputFile(output).close()  # the failed line is dropped: the file is rewritten
    assert output.read_bytes() == _line("a0")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    hostile_row("durability", "a resumed output of mode 600, rewritten", "recovered: mode 600 kept")


def test_a_damaged_first_line_is_set_aside_not_refused(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    output = tmp_path / "out.jsonl"
    output.write_bytes(b'\x00\x00{"id": "a0", "ok": tr\n' + _line("a1") + _line("a2"))
    sink = OutputFile(output)
    sink.close()
    assert "a1" in sink.done and "a2" in sink.done and "a0" not in sink.done
    assert output.read_bytes() == _line("a1") + _line("a2")
    assert (tmp_path / "out.jsonl.damaged").read_bytes().startswith(b"\x00\x00")
    hostile_row("durability", "a batch output whose first line is damaged", "recovered: set aside in OUT.damaged")


def test_a_users_jsonl_that_looks_like_records_is_refused(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    mine = tmp_path / "labels.jsonl"
    content = b'{"id": "x1", "ok": true, "label": "spam"}\n{"id": "x2", "ok": false, "label": "ham"}\n'
    mine.write_bytes(content)
    with pytest.raises(OutputError, match="not a claimkit batch output"):
        OutputFile(mine)
    done = _batch(str(_articles(tmp_path / "in.jsonl", 2)), "-o", str(mine))
    assert done.returncode == 17 and "Traceback" not in done.stderr
    assert mine.read_bytes() == content
    hostile_row("durability", "`-o` a user's JSONL of {id, ok} lines", "refused: OutputError (exit 17)")


def test_an_output_hard_linked_to_an_input_is_refused(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    article = tmp_path / "empty.txt"
    article.write_bytes(b"")
    output = tmp_path / "out.jsonl"
    os.link(article, output)
    done = _batch(str(article), "-o", str(output))
    assert done.returncode == 17, done.stderr
    assert "one of the inputs" in done.stderr and "Traceback" not in done.stderr
    assert article.read_bytes() == b""
    with pytest.raises(OutputError, match="one of the inputs"):
        summarise_many(iter_items([str(article)]), settings=Settings(engine="embedded"), output=output)
    assert article.read_bytes() == b""
    hostile_row("durability", "`-o` a hard link to an input", "refused: OutputError (exit 17)")


@pytest.mark.parametrize("where", ["a directory", "under a file"])
def test_an_output_that_cannot_be_a_file_is_one_line(
    tmp_path: Path, where: str, hostile_row: Callable[..., None]
) -> None:
    source = _articles(tmp_path / "in.jsonl", 1)
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain.txt").write_text("a file")
    output = tmp_path / "folder" if where == "a directory" else tmp_path / "plain.txt" / "out.jsonl"
    done = _batch(str(source), "-o", str(output))
    assert done.returncode == 17 and "Traceback" not in done.stderr
    [message] = done.stderr.strip().splitlines()
    assert message.startswith("claimkit: error: cannot write") or "is a directory" in message
    hostile_row("durability", f"`batch -o` naming {where}", "refused: OutputError (exit 17), one line")


def test_an_output_on_a_read_only_mount_is_one_line(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    source = _articles(tmp_path / "in.jsonl", 1)
    mount = tmp_path / "ro"
    mount.mkdir()
    probe = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "mount", "-t", "tmpfs", "-o", "ro", "none", str(mount)],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("cannot make a mount namespace here")
    inner = (
        f"mount -t tmpfs -o ro none {mount} && exec {sys.executable} -m claimkit batch {source} "
        f"-o {mount}/out.jsonl --engine embedded"
    )
    done = subprocess.run(
        ["unshare", "--mount", "--map-root-user", "sh", "-c", inner], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 17 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"claimkit: error: cannot write {mount}/out.jsonl: the file system is read-only"
    ]
    hostile_row("durability", "`batch -o` on a read-only mount", "refused: OutputError (exit 17), one line")


def test_a_killed_worker_is_replaced_and_the_batch_goes_on(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    """kill -9 of a worker process (as the OOM killer does): its articles run again, none lost, none twice."""
    items = [BatchItem(id=f"a{n}", text=f"{ARTICLE} Article number {n}.") for n in range(3000)]
    output = tmp_path / "out.jsonl"
    killed: list[int] = []

    def kill_one_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not output.exists() or output.read_bytes().count(b"\n") < 100):
            time.sleep(0.01)
        workers = multiprocessing.active_children()
        if workers:
            os.kill(workers[0].pid or 0, signal.SIGKILL)
            killed.append(workers[0].pid or 0)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    report = summarise_many(items, settings=Settings(engine="embedded"), output=output)
    killer.join()
    ids = [json.loads(line)["id"] for line in output.read_text().splitlines()]
    assert killed, "a worker should have been killed"
    assert written_before_end(output) and sorted(ids) == sorted(i.id for i in items) and len(set(ids)) == 3000
    assert report.done == 3000 and report.failed == 0
    hostile_row("durability", "a batch worker killed (kill -9, the OOM killer)", "recovered: its articles run again")


def written_before_end(output: Path) -> bool:
    return output.stat().st_size > 0


def test_a_finished_batch_leaves_no_pool_behind(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    """A pool left shutting down while the interpreter exits raced its wake-up pipe: 'Bad file descriptor' was
    printed after about 3 in 50 successful batches. A finished batch now waits for its workers."""
    items = [BatchItem(id=f"a{n}", text=ARTICLE) for n in range(40)]
    summarise_many(items, settings=Settings(engine="embedded"), output=tmp_path / "out.jsonl")
    assert multiprocessing.active_children() == []
    assert not [t for t in threading.enumerate() if "ExecutorManager" in type(t).__name__]
    hostile_row("durability", "a successful batch's exit", "clean: no pool left to race the exit")


@contextmanager
def _article_server() -> Iterator[tuple[str, list[str | None]]]:
    seen: list[str | None] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("Authorization"))
            body = f"<html><body><p>{ARTICLE}</p></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_a_url_given_to_batch_is_read_as_a_url_and_its_password_never_shown(
    tmp_path: Path, hostile_row: Callable[..., None]
) -> None:
    output = tmp_path / "out.jsonl"
    env = {**os.environ, "CLAIMKIT_ALLOW_PRIVATE_URLS": "1", "CLAIMKIT_CACHE_DIR": str(tmp_path / "store")}
    with _article_server() as (host, _):
        plain, secret = f"http://{host}/story.html", f"http://reader:hunter2-secret@{host}/story.html"
        done = _batch(plain, secret, "-o", str(output), env=env)
    assert "Traceback" not in done.stderr
    records = {r["id"]: r for r in map(json.loads, output.read_text().splitlines())}
    assert records[plain]["ok"] and records[plain]["summary"]["claims"]  # fetched, not taken for a path
    shown = f"http://***@{host}/story.html"
    assert records[shown]["ok"] or records[shown]["error"]["type"] == "FetchError"
    assert "hunter2" not in output.read_text() + done.stderr + done.stdout
    hostile_row("secrets", "`claimkit batch http://user:pass@…`", "read as a URL; the password in no record")


def test_a_read_only_cache_is_still_read(tmp_path: Path, hostile_row: Callable[..., None]) -> None:
    """A cache on a read-only mount (a shared, frozen cache): its summaries are used, the model is not paid again."""
    from tests.openai_server import Step, scripted_server
    from tests.test_llm_transport import ARTICLE as MODEL_ARTICLE
    from tests.test_llm_transport import VALID

    store = tmp_path / "store"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": MODEL_ARTICLE}) + "\n", encoding="utf-8")
    probe = subprocess.run(["unshare", "--mount", "--map-root-user", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a mount namespace here")
    with scripted_server([Step(content=VALID)]) as (server, url):
        options = ["--model", "test-model", "--base-url", url, "--structured-output", "json_object"]
        env = {**os.environ, "CLAIMKIT_CACHE_DIR": str(store), "OPENAI_API_KEY": "sk-read-only-0123456789"}
        first = subprocess.run(
            [sys.executable, "-m", "claimkit", "batch", str(source), "-o", str(tmp_path / "one.jsonl"), *options],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=tempfile.gettempdir(),
        )
        assert first.returncode == 0 and server.count == 1, first.stderr
        command = " ".join(
            [sys.executable, "-m", "claimkit", "batch", str(source), "-o", str(tmp_path / "two.jsonl"), *options]
        )
        inner = f"mount --bind {store} {store} && mount -o remount,bind,ro {store} && exec {command}"
        second = subprocess.run(
            ["unshare", "--mount", "--map-root-user", "sh", "-c", inner],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=tempfile.gettempdir(),
        )
        assert second.returncode == 0, second.stderr
        assert server.count == 1  # no second call: the cached summary was read
    [record] = [json.loads(line) for line in (tmp_path / "two.jsonl").read_text().splitlines()]
    assert record["summary"]["provenance"]["cached"]
    hostile_row("storage", "a valid cached summary in a read-only cache", "read: the model is not asked again")


def kill_own_worker_on_poison(settings: Settings, item: BatchItem) -> dict[str, object]:
    """The per-article step, except that the article 'poison' kills its worker process (as the OOM killer would)."""
    from claimkit.batch import process

    if item.id == "poison":
        os.kill(os.getpid(), signal.SIGKILL)
    return process(settings, item)


def test_an_article_that_kills_its_worker_twice_is_marked_failed(hostile_row: Callable[..., None]) -> None:
    from claimkit.batch.local import WORKER_DIED, _Pool

    items = [BatchItem(id=f"a{n}", text=ARTICLE) for n in range(40)]
    items.insert(17, BatchItem(id="poison", text=ARTICLE))
    with _Pool(Settings(engine="embedded"), 1, (), work=kill_own_worker_on_poison) as pool:
        records = list(pool.run(iter(items)))
    by_id = {r["id"]: r for r in records}
    assert len(records) == len(by_id) == 41
    assert by_id["poison"]["ok"] is False and by_id["poison"]["error"]["type"] == WORKER_DIED  # type: ignore[index]
    assert all(r["ok"] for i, r in by_id.items() if i != "poison")
    hostile_row("durability", "an article whose worker dies each time", "failed: WorkerDied; the batch goes on")


def test_a_lone_surrogate_in_a_record_is_written_and_read_back(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    sink = OutputFile(output)
    sink.write({"id": "s\ud800", "ok": True, "summary": {"text": "a lone \udc80 surrogate"}})
    sink.close()
    output.read_bytes().decode("utf-8")  # valid UTF-8
    again = OutputFile(output)
    again.close()
    assert "s\ud800" in again.done and again.damaged == 0
    assert json.loads(output.read_text(encoding="utf-8"))["summary"]["text"] == "a lone \udc80 surrogate"
