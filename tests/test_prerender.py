"""The worker process that renders page bodies during `mkdocs build`, and what a build does with its results."""

from __future__ import annotations

import os
import threading
import time
import warnings
from pathlib import Path

import pytest

import prerender_jobs
from conftest import copy_project, mkdocs_build_command
from newsbrief import prerender
from newsbrief.prerender import Failure, Prerender


def worker_results(prerender: Prerender, keys, seconds: float = 120) -> None:
    """Wait until the worker has sent every key (it starts a fresh interpreter first)."""
    deadline = time.monotonic() + seconds
    while not all(prerender.peek(key) is not None for key in keys):
        assert time.monotonic() < deadline, "the worker never sent its results"
        prerender.collect()
        time.sleep(0.05)


@pytest.mark.parametrize("worker", [True, False])
def test_every_job_gives_its_result_in_any_order_asked(worker: bool) -> None:
    prerender = Prerender(prerender_jobs.local_jobs(), worker=worker, remote_jobs=prerender_jobs.remote_jobs)
    try:
        assert prerender.parallel is worker
        if worker:
            worker_results(prerender, prerender_jobs.KEYS)
        results = {key: prerender.get(key) for key in ["page-3", "page-0", "page-4", "page-1", "page-2"]}
    finally:
        prerender.close()
    assert {key: value[0] for key, value in results.items()} == {key: key for key in prerender_jobs.KEYS}
    pids = {pid for _, pid in results.values()}
    assert pids == ({os.getpid()} if not worker else pids - {os.getpid()}), "what the worker sent is not done again"


def test_the_worker_is_spawned_not_forked() -> None:
    """fork() of a process with threads can deadlock (Python 3.12+ warns; macOS forbids): a fresh interpreter instead."""
    assert prerender.START_METHOD == "spawn"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a fork() DeprecationWarning would fail the test
        thread = threading.Thread(target=time.sleep, args=(2,))
        thread.start()  # as under a server or a test runner: a second thread exists
        worker = Prerender(prerender_jobs.local_jobs(), worker=True, remote_jobs=prerender_jobs.remote_jobs)
        try:
            assert type(worker._process).__name__ == "SpawnProcess"  # made by the spawn context (checked before it ends and is let go)
            worker_results(worker, prerender_jobs.KEYS)
        finally:
            worker.close()
            thread.join()


def test_the_build_never_waits_for_a_slow_worker() -> None:
    prerender = Prerender(prerender_jobs.local_jobs(), worker=True, remote_jobs=prerender_jobs.remote_slow_jobs)
    try:
        assert prerender.parallel
        results = [prerender.get(key) for key in prerender_jobs.KEYS]
    finally:
        prerender.close()
    assert results == [(key, os.getpid()) for key in prerender_jobs.KEYS]


def test_a_job_that_raises_gives_a_failure_with_its_traceback() -> None:
    prerender = Prerender(prerender_jobs.local_jobs(), worker=True, remote_jobs=prerender_jobs.remote_broken_jobs)
    try:
        worker_results(prerender, prerender_jobs.KEYS)
        failure = prerender.get("page-2")
        assert prerender.get("page-1")[0] == "page-1"
    finally:
        prerender.close()
    assert isinstance(failure, Failure)
    assert failure.summary == "KeyError: 'no-such-record'"
    assert "in broken" in failure.details


def test_when_the_worker_dies_the_build_renders_what_is_missing_itself() -> None:
    prerender = Prerender(prerender_jobs.local_jobs(), worker=True, remote_jobs=prerender_jobs.remote_dying_jobs)
    try:
        deadline = time.monotonic() + 120
        while prerender.parallel:  # the worker is seen dead when the build next looks
            assert time.monotonic() < deadline, "the dead worker was never noticed"
            prerender.collect()
            time.sleep(0.05)
        assert [prerender.get(key) for key in prerender_jobs.KEYS] == [(key, os.getpid()) for key in prerender_jobs.KEYS]
    finally:
        prerender.close()


def test_a_recipe_that_cannot_be_pickled_leaves_the_build_to_do_it_all(capfd) -> None:
    prerender = Prerender(prerender_jobs.local_jobs(), worker=True, remote_jobs=lambda: {})
    try:
        assert not prerender.parallel
        assert prerender.get("page-0") == ("page-0", os.getpid())
    finally:
        prerender.close()
    assert "render worker not started" in capfd.readouterr().err


@pytest.mark.parametrize("worker", ["1", "0"])
def test_a_page_that_cannot_be_rendered_fails_the_strict_build_and_names_its_yaml_file(tmp_path: Path, worker: str, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_WORKER", worker)
    project = copy_project(tmp_path / "project")
    template = project / "hooks" / "newsbrief" / "templates" / "event.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{{ h.no_such_helper() }}\n", encoding="utf-8")
    strict = mkdocs_build_command(project, tmp_path / "strict")
    assert strict.returncode == 1
    assert (
        "events/ford-xiaomi-deny-report.md (from content/events/ford-xiaomi-deny-report.yaml): the page could not be "
        "rendered (UndefinedError: 'newsbrief.render.Renderer object' has no attribute 'no_such_helper')"
    ) in strict.stderr

    relaxed = mkdocs_build_command(project, tmp_path / "site", strict=False)
    assert relaxed.returncode == 0
    broken = (tmp_path / "site" / "events" / "ford-xiaomi-deny-report" / "index.html").read_text(encoding="utf-8")
    assert "The page could not be rendered: <code>UndefinedError" in broken
    assert "Statements by Xiaomi" in (tmp_path / "site" / "companies" / "xiaomi" / "index.html").read_text(encoding="utf-8")
