"""Page bodies (and the data downloads) made ahead, in a second process, while MkDocs builds the pages.

A build spends its time in two places: this project's own work (a body per
record, the downloads) and MkDocs's pipeline (the theme, the search index,
writing files). They need not wait for each other: after ``on_files`` the records
are loaded and checked, so a forked worker process does the jobs, in the order
MkDocs will ask for them, while the main process runs MkDocs. On a machine with
two cores the templates then cost the build almost nothing.

The worker only ever sends results; every problem is logged by the main process
(so ``--strict`` counts it). If the worker cannot start, or dies, the main process
renders what is missing itself: the result is the same, only slower. Under
``mkdocs serve`` there is no worker (a server has threads, and forking a process
with threads is unsafe), so bodies are rendered when asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable


@dataclass
class Failure:
    """A job that raised: the exception, as text, with its traceback."""

    summary: str
    details: str


WAIT_SECONDS = 1.0  # how long to wait for the worker before checking that it is alive


def run_safely(job: Callable[[], Any]) -> Any:
    try:
        return job()
    except Exception as exc:  # noqa: BLE001 — the caller logs it, and shows it where the result would be
        return Failure(f"{type(exc).__name__}: {exc}", traceback.format_exc())


class Prerender:
    """The result of each job, done by a worker process when there is one, else when asked for."""

    def __init__(self, jobs: dict[str, Callable[[], Any]], worker: bool):
        self._jobs = jobs
        self._ready: dict[str, Any] = {}
        self._process = None
        self._queue = None
        if worker and len(jobs) > 1 and _can_fork():
            self._start_worker(list(jobs))

    def _start_worker(self, keys: list[str]) -> None:
        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # or the worker would write what is buffered a second time
            stream.flush()
        self._queue = context.Queue()  # put() never blocks: the worker need not wait for the build
        self._process = context.Process(target=_work, args=(self._jobs, keys, self._queue), daemon=True)
        try:
            self._process.start()
        except OSError:  # no memory or process left: render here instead
            self._process = self._queue = None

    def do_now(self, keys) -> None:
        """Do these jobs now, in this process (without a worker), so that :meth:`peek` has their results."""
        for key in keys:
            if key not in self._ready:
                self._ready[key] = run_safely(self._jobs[key])

    def peek(self, key: str) -> Any:
        """A result already in hand, without taking it; None when there is none."""
        return self._ready.get(key)

    @property
    def parallel(self) -> bool:
        return self._process is not None

    def get(self, key: str) -> Any:
        """The result of job ``key`` (a :class:`Failure` if it raised): from the worker, waiting if need be, else done now."""
        if key in self._ready:
            return self._ready.pop(key)
        while self._process is not None:
            try:
                done_key, result = self._queue.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                if not self._process.is_alive():
                    self._stop()
                continue
            except (EOFError, OSError):
                self._stop()
                break
            if done_key == key:
                return result
            self._ready[done_key] = result
        return run_safely(self._jobs[key])

    def close(self) -> None:
        """Stop the worker (at the end of a build, or when a build fails midway)."""
        self._ready.clear()
        self._stop()

    def _stop(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=5)
            self._queue.close()
            self._queue.cancel_join_thread()
        self._process = self._queue = None


def _work(jobs: dict[str, Callable[[], Any]], keys: list[str], results) -> None:
    for key in keys:
        results.put((key, run_safely(jobs[key])))
    results.close()
    results.join_thread()


def _can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1
