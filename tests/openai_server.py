"""A real OpenAI-compatible HTTP server on 127.0.0.1 that answers from a script, for fault tests.

Each request to /v1/chat/completions takes the next step of the script: an HTTP status with a body,
or a completion whose message content is given. The server counts requests and keeps their bodies.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Step:
    status: int = 200
    content: str | None = None
    """Message content of a completion (status 200)."""
    body: bytes | None = None
    """A raw body instead of a completion."""
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    delay: float = 0.0
    """Seconds to wait before answering (longer than the client's timeout: a hang)."""
    drop: bool = False
    """Close the connection without answering."""
    refusal: str | None = None
    drip: float = 0.0
    """Seconds between the bytes of the body: a reply dripped slower than any total timeout."""


def completion(
    content: str | None, finish_reason: str = "stop", refusal: str | None = None, prompt_tokens: int = 10
) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 5, "total_tokens": prompt_tokens + 5},
    }


class ScriptedServer:
    def __init__(self, steps: list[Step], respond: Callable[[dict[str, Any]], Step] | None = None) -> None:
        self.steps = steps
        self.respond = respond
        """Answers each request from its body instead of the script (a server with rules of its own)."""
        self.requests: list[dict[str, Any]] = []
        self.authorizations: list[str | None] = []
        """The Authorization header of each request."""
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()

    @property
    def count(self) -> int:
        return len(self.requests)

    def next_step(self, body: dict[str, Any]) -> Step:
        with self._lock:
            self.requests.append(body)
            if self.respond is not None:
                return self.respond(body)
            index = min(len(self.requests) - 1, len(self.steps) - 1)
            return self.steps[index]


def _handler(server: ScriptedServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stall

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            server.authorizations.append(self.headers.get("Authorization"))
            server.paths.append(self.path)
            server.headers.append(dict(self.headers.items()))
            step = server.next_step(body)
            if step.delay:
                time.sleep(step.delay)
            if step.drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            payload = step.body
            if payload is None:
                content = None if step.refusal is not None else step.content or ""
                answer = completion(content, step.finish_reason, step.refusal)
                payload = json.dumps(answer if step.status == 200 else {"error": "scripted"}).encode()
            self.send_response(step.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in step.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if step.drip:
                for k in range(len(payload)):
                    self.wfile.write(payload[k : k + 1])
                    self.wfile.flush()
                    time.sleep(step.drip)
                return
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a timeout, a dropped connection) is part of the script, not an error."""


@contextmanager
def scripted_server(
    steps: list[Step], respond: Callable[[dict[str, Any]], Step] | None = None
) -> Iterator[tuple[ScriptedServer, str]]:
    """Start the server on a free port of 127.0.0.1; yield it and its base URL; stop it."""
    script = ScriptedServer(steps, respond)
    httpd = _QuietServer(("127.0.0.1", 0), _handler(script))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield script, f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()
