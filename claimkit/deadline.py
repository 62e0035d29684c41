"""One budget per article, time and memory: the stages check it as they go, and past it the article ends with
``ArticleTimeout`` (the deadline) or ``MemoryCeiling`` (the memory it may add to the process).

The rules take time in proportion to an article's length (milliseconds for news; seconds for the worst texts of
``bench/hostile_shapes.py`` at the 5 MB cap), so the budget is a guard against the unforeseen, not a limit real
articles meet. A context variable carries it: threads and worker processes each have their own. Code that
cannot check it (a library's: HTML extraction) runs under ``guard``: a watchdog thread interrupts it at the
deadline or at the memory ceiling.

Memory is read from the resident set size (``/proc/self/statm``, one system call) when the article begins and then
at every ``_MEMORY_EVERY``-th look at the budget (a news article looks a few dozen times), and by the watchdog of
``guard``. The ceiling counts what the process grew by since the article began: in a batch of threads, the growth
of all of them; a spike between two readings can pass it.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import ArticleTimeout, MemoryCeiling

__all__ = ["check", "guard", "within"]

_MEMORY_EVERY = 32
"""Looks at the budget (``check``) between two readings of the process's memory: a count, not a time, so that the
work per article is the same however fast the machine (or valgrind) runs it."""
_WATCH_EVERY = 0.02
"""Seconds between two looks of the watchdog of ``guard``."""


class _Budget:
    __slots__ = ("checks", "expires", "memory", "memory_base", "seconds")

    def __init__(self, expires: float | None, seconds: float | None, memory: int | None) -> None:
        self.expires = expires
        self.seconds = seconds
        self.memory = memory
        """Bytes the article may add to the process's resident memory (None: no ceiling)."""
        self.memory_base = 0
        """The resident memory when the article began."""
        self.checks = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("claimkit_budget", default=None)


def within(seconds: float | None, *, memory: int | None = None) -> _Within:
    """Run the block against a deadline ``seconds`` from now and a ceiling of ``memory`` bytes more than now (none
    for None or 0); inside another budget, the earlier deadline and the outer ceiling hold, so that the stages of
    one article (extraction, rules, check) share one budget."""
    return _Within(seconds, memory)


class _Within:
    """``within``'s context manager (a class: entered once per article and stage, it costs less than a generator)."""

    __slots__ = ("_memory", "_seconds", "_token")

    def __init__(self, seconds: float | None, memory: int | None) -> None:
        self._seconds = seconds
        self._memory = memory

    def __enter__(self) -> None:
        outer = _BUDGET.get()
        now = time.monotonic()
        seconds = self._seconds
        if outer is not None:
            budget = outer
            if seconds and (outer.expires is None or now + seconds < outer.expires):
                budget = _Budget(now + seconds, seconds, outer.memory)
                budget.memory_base = outer.memory_base
            self._token = _BUDGET.set(budget)
            return
        fresh = _Budget(now + seconds if seconds else None, seconds or None, self._memory or None)
        if fresh.memory is not None:
            fresh.memory_base = _resident()  # one system call
        self._token = _BUDGET.set(fresh if fresh.expires is not None or fresh.memory is not None else None)

    def __exit__(self, *exc: object) -> None:
        _BUDGET.reset(self._token)


def check() -> None:
    """Raise ``ArticleTimeout`` past the current article's deadline, ``MemoryCeiling`` past its memory."""
    budget = _BUDGET.get()
    if budget is None:
        return
    now = time.monotonic()
    if budget.expires is not None and now > budget.expires:
        raise _timeout(budget)
    if budget.memory is not None:
        budget.checks += 1
        if budget.checks % _MEMORY_EVERY == 0:
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


_STATM: list[tuple[int, int]] = []
"""The open /proc/self/statm of this process (its id, the file descriptor): read with one system call."""


def _resident() -> int:
    """The process's resident memory in bytes (0 where /proc is missing: then no ceiling holds)."""
    try:
        if not _STATM or _STATM[0][0] != os.getpid():  # /proc/self names the process that opened it: not a fork's
            _STATM[:] = [(os.getpid(), os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))]
        return int(os.pread(_STATM[0][1], 128, 0).split()[1]) * _PAGE
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
