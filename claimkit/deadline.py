"""One budget per article, time and memory: the stages check it as they go, and past it the article ends with
``ArticleTimeout`` (the deadline) or ``MemoryCeiling`` (the memory it may add to the process).

The rules take time in proportion to an article's length (milliseconds for news; seconds for the worst texts of
``bench/hostile_shapes.py`` at the 5 MB cap), so the budget is a guard against the unforeseen, not a limit real
articles meet. A context variable carries it: threads and worker processes each have their own. Code that
cannot check it (a library's: HTML extraction) runs under ``guard``: a watchdog thread interrupts it at the
deadline or at the memory ceiling.

Memory is read from the resident set size (``/proc/self/statm``), at most every ``_MEMORY_EVERY`` seconds, so an
article that takes milliseconds never reads it. The ceiling counts what the process grew by since the article
began: in a batch of threads, the growth of all of them.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ArticleTimeout, MemoryCeiling

__all__ = ["check", "guard", "within"]

_MEMORY_EVERY = 0.05
"""Seconds between two readings of the process's memory."""
_WATCH_EVERY = 0.02
"""Seconds between two looks of the watchdog of ``guard``."""


@dataclass
class _Budget:
    expires: float | None
    seconds: float | None
    memory: int | None
    """Bytes the article may add to the process's resident memory (None: no ceiling)."""
    memory_base: int
    memory_read: float


_BUDGET: ContextVar[_Budget | None] = ContextVar("claimkit_budget", default=None)


@contextmanager
def within(seconds: float | None, *, memory: int | None = None) -> Iterator[None]:
    """Run the block against a deadline ``seconds`` from now and a ceiling of ``memory`` bytes more than now (none
    for None or 0); inside another budget, the earlier deadline and the outer ceiling hold, so that the stages of
    one article (extraction, rules, check) share one budget."""
    outer = _BUDGET.get()
    now = time.monotonic()
    budget = _Budget(now + seconds if seconds else None, seconds or None, memory or None, 0, now)
    if outer is not None:
        if outer.expires is not None and (budget.expires is None or outer.expires <= budget.expires):
            budget.expires, budget.seconds = outer.expires, outer.seconds
        if outer.memory is not None:
            budget.memory, budget.memory_base = outer.memory, outer.memory_base
    if budget.memory is not None and budget.memory_base == 0:
        budget.memory_base = _resident()
    token = _BUDGET.set(budget if budget.expires is not None or budget.memory is not None else None)
    try:
        yield
    finally:
        _BUDGET.reset(token)


def check() -> None:
    """Raise ``ArticleTimeout`` past the current article's deadline, ``MemoryCeiling`` past its memory."""
    budget = _BUDGET.get()
    if budget is None:
        return
    now = time.monotonic()
    if budget.expires is not None and now > budget.expires:
        raise _timeout(budget)
    if budget.memory is not None and now - budget.memory_read > _MEMORY_EVERY:
        budget.memory_read = now
        _check_memory(budget)


def _timeout(budget: _Budget) -> ArticleTimeout:
    seconds = budget.seconds or 0.0
    return ArticleTimeout(f"the article took longer than {seconds:g} s (deadline)", seconds=seconds)


def _check_memory(budget: _Budget) -> None:
    assert budget.memory is not None
    grown = _resident() - budget.memory_base
    if grown > budget.memory:
        raise MemoryCeiling(
            f"the article needed more than {budget.memory / 1e6:,.0f} MB of memory (max_memory)", limit=budget.memory
        )


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident() -> int:
    """The process's resident memory in bytes (0 where /proc is missing: then no ceiling holds)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


class _Interrupted(BaseException):
    """Raised into a thread by the watchdog: a BaseException, so that a library's ``except Exception`` lets it by."""


@contextmanager
def guard() -> Iterator[None]:
    """Hold the block to the current budget although it never calls ``check`` (a library's code): a watchdog
    thread looks every ``_WATCH_EVERY`` seconds and, past the deadline or the ceiling, raises into this thread,
    which ends the block with the budget's own error. Without a budget the block just runs."""
    budget = _BUDGET.get()
    if budget is None:
        yield
        return
    watchdog = _Watchdog(budget, threading.get_ident())
    try:
        with watchdog:
            yield
    except _Interrupted:
        pass
    if watchdog.error is not None:
        raise watchdog.error


class _Watchdog:
    def __init__(self, budget: _Budget, thread: int) -> None:
        self._budget = budget
        self._thread = thread
        self._lock = threading.Lock()
        self._done = threading.Event()
        self.error: ArticleTimeout | MemoryCeiling | None = None

    def __enter__(self) -> None:
        threading.Thread(target=self._watch, daemon=True, name="claimkit-budget").start()

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done.set()
            if self.error is not None:  # raised into the thread, perhaps not yet seen: never seen later
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)

    def _watch(self) -> None:
        while not self._done.wait(_WATCH_EVERY):
            error = self._over()
            if error is None:
                continue
            with self._lock:
                if not self._done.is_set():
                    self.error = error
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(self._thread), ctypes.py_object(_Interrupted)
                    )
            return

    def _over(self) -> ArticleTimeout | MemoryCeiling | None:
        budget = self._budget
        if budget.expires is not None and time.monotonic() > budget.expires:
            return _timeout(budget)
        if budget.memory is not None:
            try:
                _check_memory(budget)
            except MemoryCeiling as e:
                return e
        return None
