"""A per-document time and memory budget: a pathological document becomes an error row.

Extraction is pure Python, so a watchdog thread can stop it: when a document runs past
its time budget, or the process's memory grows past its memory budget while it runs,
the watchdog raises `TooCostly` inside the thread that reads it (CPython's
PyThreadState_SetAsyncExc), at its next bytecode. The runner catches it and writes the
document as an error (reason ``too_costly``); the other documents go on. This works in
every dask scheduler (threads, processes, a distributed worker), one watchdog per process.

A long call into C (one huge regex match) is only interrupted when it returns.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from contextlib import contextmanager

DOC_SECONDS = 60.0  # wall time a document may take, plus SECONDS_PER_MCHAR per million characters
SECONDS_PER_MCHAR = 10.0  # ten times slower than extraction runs on ordinary news
_TICK = 0.05


class TooCostly(Exception):
    """Raised inside a document's extraction when it goes over its budget."""


def memory_limit() -> int:
    """The memory this process may use: the cgroup limit when there is one, else physical memory."""
    limit = None
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path) as fh:
                raw = fh.read().strip()
            if raw.isdigit() and int(raw) < 1 << 60:
                limit = int(raw)
                break
        except OSError:
            continue
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        physical = 8 << 30
    return min(limit, physical) if limit else physical


def default_doc_memory() -> int:
    """Memory one document may add to its process: a quarter of the memory limit."""
    return memory_limit() // 4


def _rss() -> int | None:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class _Guard:
    __slots__ = ("tid", "deadline", "rss0", "max_growth", "active", "fired", "why")

    def __init__(self, tid: int, seconds: float | None, max_growth: int | None):
        self.tid = tid
        self.deadline = time.monotonic() + seconds if seconds else None
        self.rss0 = _rss() if max_growth else None
        self.max_growth = max_growth
        self.active = True
        self.fired = False
        self.why = ""


class _Watchdog:
    """One thread per process that fires TooCostly into threads over their budget."""

    def __init__(self):
        self.lock = threading.Lock()
        self.guards: dict[int, _Guard] = {}
        self.thread: threading.Thread | None = None
        self.pid = None

    def add(self, guard: _Guard) -> None:
        with self.lock:
            self.guards[guard.tid] = guard
            if self.thread is None or not self.thread.is_alive() or self.pid != os.getpid():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="arqam-budget", daemon=True)
                self.thread.start()

    def remove(self, guard: _Guard) -> bool:
        """Deactivate a guard; return whether it fired (its exception may still be pending)."""
        with self.lock:
            guard.active = False
            if self.guards.get(guard.tid) is guard:
                del self.guards[guard.tid]
            return guard.fired

    def _fire(self, guard: _Guard, why: str) -> None:
        guard.fired, guard.why = True, why
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(guard.tid), ctypes.py_object(TooCostly))

    def _run(self) -> None:
        while True:
            time.sleep(_TICK)
            with self.lock:
                live = [g for g in self.guards.values() if g.active and not g.fired]
                if not live:
                    continue
                now = time.monotonic()
                rss = _rss() if any(g.max_growth for g in live) else None
                for g in live:
                    if g.deadline is not None and now > g.deadline:
                        self._fire(g, "time")
                    elif rss is not None and g.rss0 is not None and rss - g.rss0 > g.max_growth:
                        self._fire(g, "memory")
                        break  # one document at a time: the others may be innocent


_WATCHDOG = _Watchdog()


def _trim_heap() -> None:
    try:  # give freed memory back to the system (glibc), so the next document's budget starts clean
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@contextmanager
def budget(n_chars: int, seconds: float | None = DOC_SECONDS, max_growth: int | None = None):
    """Run a block under a document's budget; raise TooCostly when it is exceeded.

    Args:
        n_chars: the document's length (the time budget grows with it).
        seconds: base wall-time budget (None: no time budget); SECONDS_PER_MCHAR is
            added per million characters.
        max_growth: bytes the process's memory may grow while the block runs (None:
            no memory budget).
    Raises:
        TooCostly: with the budget that was exceeded, e.g. "over 60 s".
    """
    if not seconds and not max_growth:
        yield
        return
    limit = seconds + SECONDS_PER_MCHAR * n_chars / 1e6 if seconds else None
    guard = _Guard(threading.get_ident(), limit, max_growth)
    _WATCHDOG.add(guard)
    pending = False
    try:
        yield
    except TooCostly:
        pending = True
    finally:
        fired = _WATCHDOG.remove(guard)
        if fired:
            # clear an exception the watchdog sent that has not been raised yet
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(guard.tid), None)
    if fired or pending:
        _trim_heap()
        what = f"over {limit:.0f} s of extraction" if guard.why == "time" else f"over {max_growth / 2**30:.1f} GiB of memory"
        raise TooCostly(f"{what}; split the document, or raise the budget (doc_seconds / doc_memory)")
