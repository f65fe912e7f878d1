"""Jobs for the render worker's tests: module-level, so a spawned worker can unpickle them."""

from __future__ import annotations

import functools
import os
import signal
import time

KEYS = [f"page-{i}" for i in range(5)]


def whose(key: str) -> tuple[str, int]:
    """The job's key and the process that did it."""
    return key, os.getpid()


def broken() -> None:
    raise KeyError("no-such-record")


def slow(key: str) -> tuple[str, int]:
    time.sleep(60)
    return key, os.getpid()


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def local_jobs() -> dict:
    return {key: functools.partial(whose, key) for key in KEYS}


def remote_jobs() -> dict:
    return local_jobs()


def remote_broken_jobs() -> dict:
    return {**local_jobs(), "page-2": broken}


def remote_slow_jobs() -> dict:
    return {key: functools.partial(slow, key) for key in KEYS}


def remote_dying_jobs() -> dict:
    return {**{key: die for key in KEYS}}
