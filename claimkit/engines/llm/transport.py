"""A total time limit over one model exchange: the SDK's timeout is per read, so a reply dripped a byte at a time
would hold a caller for ever. Past the limit the read fails as a timeout, which the SDK names and retries."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx2 as httpx  # the HTTP library under the OpenAI SDK

__all__ = ["TotalTimeout"]


class _Deadlined(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, until: float, seconds: float, request: httpx.Request) -> None:
        self.inner = inner
        self.until = until
        self.seconds = seconds
        self.request = request

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.inner:
            if time.monotonic() > self.until:
                raise httpx.ReadTimeout(f"the reply took longer than {self.seconds:g} s in all", request=self.request)
            yield chunk

    def close(self) -> None:
        self.inner.close()


class TotalTimeout(httpx.BaseTransport):
    """A transport whose every exchange (connect, headers and body) ends within ``seconds``."""

    def __init__(self, seconds: float, inner: httpx.BaseTransport | None = None) -> None:
        self.seconds = seconds
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        until = time.monotonic() + self.seconds
        response = self.inner.handle_request(request)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        response.stream = _Deadlined(stream, until, self.seconds, request)
        return response

    def close(self) -> None:
        self.inner.close()
