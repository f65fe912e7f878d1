"""The benchmark's generator: valid content of every kind, and both projects build strict.

A smoke test of ``bench/``: no timings are asserted (``bench/run.py`` measures them).
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build, problems
from newsbrief.checks import load_site


def _load_bench_module(name: str):
    """A script of bench/ (not a package), imported by path."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


generate = _load_bench_module("generate")
N = 50


def kinds_on_disk(content_dir: Path) -> Counter:
    return Counter({folder.name: len(list(folder.glob("*.yaml"))) for folder in content_dir.iterdir() if folder.is_dir()})


# 2,000 as well: at that size one subject gets two figures of a metric for one period (two competing
# values with none preferred, until the generator told them apart), which 50 records never show.
@pytest.mark.parametrize("n", [N, 2000])
def test_generated_content_passes_every_check_and_has_every_kind(tmp_path: Path, n: int) -> None:
    records = generate.generate_content(n, tmp_path / "content")
    assert problems(tmp_path / "content") == []
    counts = kinds_on_disk(tmp_path / "content")
    assert sum(counts.values()) == n == len(records)
    assert set(counts) == set(generate.FOLDERS.values())
    assert all(counts[folder] >= 1 for folder in generate.FOLDERS.values()), counts
    figures = [r.data for r in records.values() if r.kind == "figure"]
    assert any(f.get("derivation", {}).get("relation") == "percent-change" for f in figures)
    organizations = [r.data for r in records.values() if r.kind == "organization"]
    assert any(o["type"] == "publisher" for o in organizations)


def test_the_mix_of_kinds_is_realistic() -> None:
    records = generate.generate_records(1000, docs_dir=None)
    counts = Counter(r.kind for r in records.values())
    assert len(records) == 1000
    for kind, share in generate.SHARES.items():
        assert abs(counts[kind] / 1000 - share) < 0.02, (kind, counts[kind])
    assert 1 <= counts["brief"] <= 20 and 1 <= counts["event"] <= 20


def test_the_same_seed_gives_the_same_records() -> None:
    first = generate.generate_records(N, seed=7)
    again = generate.generate_records(N, seed=7)
    assert [(r.id, r.data) for r in first.values()] == [(r.id, r.data) for r in again.values()]
    assert list(first) != list(generate.generate_records(N, seed=8))


def test_the_generated_project_builds_strict_with_a_page_per_record(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    records = generate.generate_content(N, project / "content", docs_dir=project / "docs")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    missing = [r.id for r in records.values() if not (tmp_path / "site" / r.folder / r.id / "index.html").is_file()]
    assert missing == []


def test_the_plain_project_builds_strict_with_a_page_per_record(tmp_path: Path) -> None:
    records = generate.generate_plain(N, tmp_path / "plain")
    assert not (tmp_path / "plain" / "hooks").exists()
    result = mkdocs_build(tmp_path / "plain", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    missing = [r.id for r in records.values() if not (tmp_path / "site" / r.folder / r.id / "index.html").is_file()]
    assert missing == []
    for folder in generate.FOLDERS.values():
        assert (tmp_path / "site" / folder / "index.html").is_file()


@pytest.mark.parametrize("n", [10])
def test_too_few_records_is_refused(n: int) -> None:
    with pytest.raises(ValueError, match="too small|at least"):
        generate.generate_records(n)


def visible_words(page: Path) -> list[str]:
    """The words a reader sees in a page's article, without drawings and hover notes (which plain pages leave out)."""
    text = page.read_text(encoding="utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    article = re.sub(r'<figure class="nb-(?:graph|chart)".*?</figure>|<span class="nb-pop".*?</span>', "", article, flags=re.S)
    article = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", article)
    words = html.unescape(re.sub(r"<[^>]+>", " ", article))
    return re.sub(r"\s+([,:;.%)])|([(])\s+", r"\1\2", " ".join(words.split())).split()


def test_the_plain_pages_are_the_same_pages_as_markdown(tmp_path: Path) -> None:
    """The benchmark is fair: the plain project's pages show the same text as the project's, page for page."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    records = generate.generate_content(N, project / "content", docs_dir=project / "docs")
    generate.write_plain(project / "content", tmp_path / "plain", project)
    markdown = (tmp_path / "plain" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "<" not in markdown.replace("<sup>", "").replace("</sup>", ""), "plain pages are Markdown, not pasted HTML"
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert mkdocs_build(tmp_path / "plain", tmp_path / "plain-site").returncode == 0
    pages = [f"{r.folder}/{r.id}" for r in records.values()] + [*generate.FOLDERS.values(), "timeline", "."]
    different = [p for p in pages if visible_words(tmp_path / "site" / p / "index.html") != visible_words(tmp_path / "plain-site" / p / "index.html")]
    assert different == []


@pytest.mark.parametrize(
    ("server", "kinds", "timed"),
    [
        # Every kind of edit against one server (the edits are the same whichever serves them)…
        ("--preview", ("one-line", "rename", "add-delete", "mistake-fix"), {"one-line", "rename", "add", "delete", "mistake", "fix"}),
        # …and `make serve`'s server started, timed and stopped the same way.
        ("--dirty", ("one-line",), {"one-line"}),
    ],
)
def test_the_serve_benchmark_times_every_kind_of_edit_until_the_page_shows_it(tmp_path: Path, server: str, kinds: tuple, timed: set) -> None:
    """`make preview` and `make serve` (mkdocs serve --dirty), timed the same way (what each server shows
    after each kind of edit is tested in test_serve.py and test_preview.py)."""
    serve = _load_bench_module("serve")
    assert set(kinds) == set(serve.KINDS) or server != "--preview"
    times = serve.measure(N, edits=1, seed=1, workdir=tmp_path, options=[server], kinds=list(kinds), rest=0.3)
    # measure() returns only once the served page shows each edit (wait_until raises otherwise, tested
    # below): the new description, the renamed company on a page that links it, the added company's page,
    # the deleted one's 404, the mistake on the problems page and its fix gone. How long is reported, never asserted.
    assert set(times) == timed
    assert all(len(seconds) == 1 and seconds[0] > 0 for seconds in times.values())
    assert list(tmp_path.iterdir()) == [], "the served project is removed afterwards"


def test_the_serve_benchmark_fails_when_the_page_never_shows_the_edit() -> None:
    serve = _load_bench_module("serve")
    from conftest import free_port

    with pytest.raises(SystemExit, match="did not show"):
        serve.wait_for(f"http://127.0.0.1:{free_port()}/", "never", timeout=0.5)


def test_the_serve_benchmark_can_make_a_company_mentioned_by_as_many_records_as_asked(tmp_path: Path) -> None:
    """The issue's rename of a company 500 records mention: --mentions adds the company to statements' `about`,
    and the content stays free of problems (what is timed is an editor's rename, not a mistake)."""
    serve, generate = _load_bench_module("serve"), _load_bench_module("generate")
    records = generate.generate_content(400, tmp_path / "content", 1)
    company = serve.add_mentions(tmp_path, records, 40)
    assert len(serve.mentions(records, company)) == 40
    site = load_site(tmp_path / "content", tmp_path)
    assert [str(p) for p in site.problems] == []
    on_disk = [e.id for e in site.entries.values() if e.id != company and any(target == company for _, target, _ in e.refs)]
    assert len(on_disk) == 40, "the records written name the company as often as asked"
