"""Page bodies (and the data downloads) made ahead, in a second process, while MkDocs builds the pages.

A build spends its time in two places: this project's own work (a body per
record, the downloads) and MkDocs's pipeline (the theme, the search index,
writing files). They need not wait for each other: after ``on_files`` the records
are loaded and checked, so a worker process renders bodies while the main
process runs MkDocs. On a machine with two cores the templates then cost the
build about half as much.

The worker is *spawned* (a fresh interpreter), never forked: forking a process
that has threads can deadlock the child, Python 3.12+ warns about it, and macOS
does not support it safely. A spawned worker shares nothing, so it gets a
picklable recipe (``remote_jobs``: the checked records and what a renderer needs)
and makes its own jobs from it. It works from the *last* job to the first while
the main process, which never waits for it, renders what it asks for that the
worker has not sent yet: the two meet in the middle, and a worker that starts
slowly, or not at all, costs nothing but its own CPU.

The worker only ever sends results; every problem is logged by the main process
(so ``--strict`` counts it). Under ``mkdocs serve`` there is no worker, so bodies
are rendered when asked for.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

START_METHOD: Final = "spawn"
"""Safe everywhere (macOS's default, and no fork() of a process with threads)."""

PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
"""hooks/: MkDocs puts it on sys.path only while it imports the hook file, but a
spawned worker imports this package by name, from the sys.path it is started with."""


@dataclass
class Failure:
    """A job that raised: the exception, as text, with its traceback."""

    summary: str
    details: str


def run_safely(job: Callable[[], Any]) -> Any:
    try:
        return job()
    except Exception as exc:  # noqa: BLE001 — the caller logs it, and shows it where the result would be
        return Failure(f"{type(exc).__name__}: {exc}", traceback.format_exc())


class Prerender:
    """The result of each job: from the worker when it has sent it, else done here when asked for.

    ``remote_jobs`` is a picklable callable that returns, in the worker, the same jobs
    (by key) as ``jobs``; without it there is no worker.
    """

    def __init__(self, jobs: dict[str, Callable[[], Any]], worker: bool, remote_jobs: Callable[[], dict[str, Callable[[], Any]]] | None = None):
        self._jobs = jobs
        self._ready: dict[str, Any] = {}
        self._taken: set[str] = set()
        self._process: Any = None
        self._queue: Any = None
        if worker and remote_jobs is not None and len(jobs) > 1 and _worth_a_worker():
            self._start_worker(remote_jobs, list(reversed(jobs)))

    def _start_worker(self, remote_jobs: Callable[[], dict], keys: list[str]) -> None:
        context = multiprocessing.get_context(START_METHOD)
        self._queue = context.Queue()  # put() never blocks: the worker need not wait for the build
        self._process = context.Process(target=_work, args=(remote_jobs, keys, self._queue), daemon=True)
        try:
            with _on_sys_path(PACKAGE_PARENT):
                self._process.start()
        except Exception as exc:  # noqa: BLE001 — no process left, or a recipe that does not pickle: render here
            print(f"newsbrief: render worker not started ({type(exc).__name__}: {exc}); rendering in the build's process", file=sys.stderr)
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
        """The result of job ``key`` (a :class:`Failure` if it raised): the worker's if it has sent it, else done now."""
        self._taken.add(key)
        if key not in self._ready:
            self.collect()
        if key in self._ready:
            return self._ready.pop(key)
        return run_safely(self._jobs[key])

    def collect(self) -> None:
        """Take every result the worker has sent so far, without waiting for more."""
        while self._process is not None:
            try:
                done_key, result = self._queue.get_nowait()
            except queue.Empty:
                if not self._process.is_alive():
                    self._stop()
                return
            except (EOFError, OSError):
                self._stop()
                return
            if done_key not in self._taken:  # else this process has done it already
                self._ready[done_key] = result

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


def _work(remote_jobs: Callable[[], dict[str, Callable[[], Any]]], keys: list[str], results) -> None:
    jobs = remote_jobs()
    for key in keys:
        if key in jobs:  # a job only the main process can do (it has what it needs) is left to it
            results.put((key, run_safely(jobs[key])))
    results.close()
    results.join_thread()


@contextlib.contextmanager
def _on_sys_path(folder: str):
    added = folder not in sys.path
    if added:
        sys.path.insert(0, folder)
    try:
        yield
    finally:
        if added:
            sys.path.remove(folder)


def _worth_a_worker() -> bool:
    return (os.cpu_count() or 1) > 1
