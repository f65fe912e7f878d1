"""The worker process that renders page bodies during `mkdocs build`, and what a build does with its results."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from newsbrief.prerender import Failure, Prerender


def jobs(count: int = 5) -> dict:
    return {f"page-{i}": (lambda i=i: (i, os.getpid())) for i in range(count)}


@pytest.mark.parametrize("worker", [True, False])
def test_every_job_gives_its_result_in_any_order_asked(worker: bool) -> None:
    prerender = Prerender(jobs(), worker=worker)
    try:
        assert prerender.parallel is worker
        results = {key: prerender.get(key) for key in ["page-3", "page-0", "page-4", "page-1", "page-2"]}
    finally:
        prerender.close()
    assert {key: value[0] for key, value in results.items()} == {f"page-{i}": i for i in range(5)}
    pids = {pid for _, pid in results.values()}
    assert pids == ({os.getpid()} if not worker else pids - {os.getpid()}), "with a worker, no job runs in the build's process"


def test_a_job_that_raises_gives_a_failure_with_its_traceback() -> None:
    def broken():
        raise KeyError("no-such-record")

    prerender = Prerender({"good": lambda: "fine", "bad": broken}, worker=True)
    try:
        assert prerender.get("good") == "fine"
        failure = prerender.get("bad")
    finally:
        prerender.close()
    assert isinstance(failure, Failure)
    assert failure.summary == "KeyError: 'no-such-record'"
    assert "in broken" in failure.details


def test_when_the_worker_dies_the_build_renders_what_is_missing_itself() -> None:
    def slow_then(value):
        return lambda: (os.kill(os.getpid(), signal.SIGKILL) if os.getpid() != main else None) or value

    main = os.getpid()
    prerender = Prerender({"first": lambda: "one", "killer": slow_then("two"), "last": lambda: "three"}, worker=True)
    try:
        assert [prerender.get(k) for k in ("first", "killer", "last")] == ["one", "two", "three"]
        assert not prerender.parallel
    finally:
        prerender.close()


@pytest.mark.parametrize("worker", ["1", "0"])
def test_a_page_that_cannot_be_rendered_fails_the_strict_build_and_names_its_yaml_file(tmp_path: Path, worker: str, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_WORKER", worker)
    project = copy_project(tmp_path / "project")
    template = project / "hooks" / "newsbrief" / "templates" / "event.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{{ h.no_such_helper() }}\n", encoding="utf-8")
    strict = mkdocs_build(project, tmp_path / "strict")
    assert strict.returncode == 1
    assert ("events/ford-xiaomi-deny-report.md (from content/events/ford-xiaomi-deny-report.yaml): the page could not be "
            "rendered (UndefinedError: 'newsbrief.render.Renderer object' has no attribute 'no_such_helper')") in strict.stderr

    relaxed = mkdocs_build(project, tmp_path / "site", strict=False)
    assert relaxed.returncode == 0
    broken = (tmp_path / "site" / "events" / "ford-xiaomi-deny-report" / "index.html").read_text(encoding="utf-8")
    assert "The page could not be rendered: <code>UndefinedError" in broken
    assert "Statements by Xiaomi" in (tmp_path / "site" / "companies" / "xiaomi" / "index.html").read_text(encoding="utf-8")
