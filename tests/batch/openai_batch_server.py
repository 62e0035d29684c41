"""A real HTTP server on 127.0.0.1 that acts as an OpenAI-compatible endpoint with a Batch API, for tests.

It answers ``/v1/chat/completions`` at once, and implements ``/v1/files`` (multipart upload, content download)
and ``/v1/batches`` (create, retrieve, list): a batch is ``in_progress`` for ``polls_before_done`` retrievals,
then ``completed`` with an output file of one response line per request, answered by the same function as a
direct call. The requests at the line numbers (from 0) in ``fail`` are answered with HTTP 500 inside the output;
those in ``expire`` are left out (an expired part). ``create_delay`` holds the answer to a batch's creation after
the batch is made (a client killed then never learns its id). It counts what was paid for: every batch line
answered and every direct call.
"""

from __future__ import annotations

import email.parser
import email.policy
import http.server
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

Answer = Callable[[dict[str, Any]], str]


def quote_the_first_words(body: dict[str, Any]) -> str:
    """A reply that is a function of the request alone: the first six words of the article as an unattributed
    claim (the same article gives the same reply, asked directly or in a batch)."""
    prompt = body["messages"][0]["content"]
    found = re.search(r"<article>\n(.*?)\n</article>", prompt, re.S)
    words = (found.group(1) if found else "").split()[:6]
    claims = [
        {
            "speaker": None,
            "mention": None,
            "cue": None,
            "quote": " ".join(words),
            "kind": "indirect",
            "stance": "neutral",
            "answers": None,
        }
    ]
    return json.dumps({"speakers": [], "claims": claims if words else []})


def completion(content: str, body: dict[str, Any], number: int) -> dict[str, Any]:
    prompt_tokens = len(json.dumps(body["messages"])) // 4
    return {
        "id": f"chatcmpl-{number}",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "test-model"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(content) // 4,
            "total_tokens": prompt_tokens + len(content) // 4,
        },
    }


@dataclass
class BatchServer:
    answer: Answer = quote_the_first_words
    polls_before_done: int = 1
    fail: set[int] = field(default_factory=set)
    expire: set[int] = field(default_factory=set)
    create_delay: float = 0.0
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    direct: list[dict[str, Any]] = field(default_factory=list)
    """The bodies of direct chat completion requests."""
    batch_lines: int = 0
    """Batch requests answered (paid for)."""
    uploads: int = 0
    polls: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def chat(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.direct.append(body)
            number = len(self.direct)
        return completion(self.answer(body), body, number)

    def upload(self, content_type: str, data: bytes) -> dict[str, Any]:
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + data
        )
        parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        content = parts["file"].get_payload(decode=True)
        purpose = parts["purpose"].get_payload(decode=True).decode()
        with self.lock:
            self.uploads += 1
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = content
        return self._file(file_id, purpose)

    def _file(self, file_id: str, purpose: str) -> dict[str, Any]:
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(self.files[file_id]),
            "created_at": 0,
            "filename": f"{file_id}.jsonl",
            "purpose": purpose,
            "status": "processed",
        }

    def create_batch(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            batch_id = f"batch_{len(self.batches) + 1}"
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"],
                "completion_window": body["completion_window"],
                "status": "in_progress",
                "output_file_id": None,
                "error_file_id": None,
                "created_at": int(time.time()),
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
            }
            self.polls[batch_id] = 0
            return dict(self.batches[batch_id])

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        with self.lock:
            batch = self.batches[batch_id]
            self.polls[batch_id] += 1
            if batch["status"] == "in_progress" and self.polls[batch_id] > self.polls_before_done:
                self._run(batch)
            return dict(batch)

    def _run(self, batch: dict[str, Any]) -> None:
        lines = [json.loads(line) for line in self.files[batch["input_file_id"]].splitlines() if line.strip()]
        output, errors = [], []
        for number, line in enumerate(lines):
            custom_id = line["custom_id"]
            if number in self.expire:
                errors.append({"custom_id": custom_id, "error": {"code": "batch_expired", "message": "expired"}})
                continue
            self.batch_lines += 1
            if number in self.fail:
                response = {"status_code": 500, "request_id": f"req-{custom_id}", "body": {"error": "scripted"}}
            else:
                body = completion(self.answer(line["body"]), line["body"], self.batch_lines)
                response = {"status_code": 200, "request_id": f"req-{custom_id}", "body": body}
            output.append(
                {"id": f"line-{self.batch_lines}", "custom_id": custom_id, "response": response, "error": None}
            )
        batch["output_file_id"] = self._store(output)
        batch["error_file_id"] = self._store(errors) if errors else None
        batch["status"] = "expired" if errors else "completed"
        batch["request_counts"] = {"total": len(lines), "completed": len(output), "failed": len(errors)}

    def _store(self, rows: list[dict[str, Any]]) -> str:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
        return file_id


def _handler(server: BatchServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def _send(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _json(self, value: dict[str, Any], status: int = 200) -> None:
            self._send(status, json.dumps(value).encode())

        def do_POST(self) -> None:
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?")[0]
            if path.endswith("/chat/completions"):
                self._json(server.chat(json.loads(data)))
            elif path.endswith("/files"):
                self._json(server.upload(self.headers["Content-Type"], data))
            elif path.endswith("/batches"):
                made = server.create_batch(json.loads(data))
                time.sleep(server.create_delay)
                self._json(made)
            else:
                self._json({"error": {"message": f"no route {path}"}}, 404)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            content = re.search(r"/files/([^/]+)/content$", path)
            batch = re.search(r"/batches/([^/]+)$", path)
            if content and content.group(1) in server.files:
                self._send(200, server.files[content.group(1)], "application/octet-stream")
            elif batch and batch.group(1) in server.batches:
                self._json(server.retrieve(batch.group(1)))
            elif path.endswith("/batches"):
                listed = [dict(b) for b in server.batches.values()]
                self._json({"object": "list", "data": listed[::-1], "has_more": False})
            else:
                self._json({"error": {"message": f"no route {path}"}}, 404)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up is part of the test, not an error."""


@contextmanager
def batch_server(server: BatchServer | None = None) -> Iterator[tuple[BatchServer, str]]:
    """Start the server on a free port of 127.0.0.1; yield it and its base URL; stop it."""
    state = server or BatchServer()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()
