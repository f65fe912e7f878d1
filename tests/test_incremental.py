"""Which pages a partial rebuild keeps, and how the search index is put back together."""

from __future__ import annotations

import pytest

from newsbrief.incremental import PageMemory, fingerprint, merge_search_entries


def entry(location: str, text: str = "old") -> dict:
    return {"location": location, "title": location, "text": text}


PREVIOUS = [entry(""), entry("companies/"), entry("companies/ford/"), entry("companies/ford/#people"), entry("people/lei-jun/")]


@pytest.mark.parametrize(
    ("rebuilt", "current", "pages", "expected"),
    [
        # Nothing rebuilt: the index stays as it was.
        (set(), [], {"", "companies/", "companies/ford/", "people/lei-jun/"}, [e["location"] for e in PREVIOUS]),
        # Two pages rebuilt: both lose their old sections (the plugin alone would drop only the first's).
        (
            {"companies/ford/", "companies/"},
            [entry("companies/ford/", "new"), entry("companies/", "new")],
            {"", "companies/", "companies/ford/", "people/lei-jun/"},
            ["", "people/lei-jun/", "companies/ford/", "companies/"],
        ),
        # The home page ('') rebuilt: only its own entries go, not every entry (every location starts with '').
        (
            {""},
            [entry("", "new")],
            {"", "companies/", "companies/ford/", "people/lei-jun/"},
            ["companies/", "companies/ford/", "companies/ford/#people", "people/lei-jun/", ""],
        ),
        # A deleted record: its sections go although nothing was rebuilt for it.
        (set(), [], {"", "companies/", "companies/ford/"}, ["", "companies/", "companies/ford/", "companies/ford/#people"]),
    ],
)
def test_merging_the_search_index(rebuilt, current, pages, expected) -> None:
    merged = merge_search_entries(PREVIOUS, current, rebuilt, pages)
    assert [e["location"] for e in merged] == expected
    assert all(e["text"] == "new" for e in merged if e["location"].split("#")[0] in rebuilt)


def test_a_page_is_changed_until_its_fingerprint_is_remembered() -> None:
    memory = PageMemory()
    print_ = fingerprint("config", "# Ford", "<p>body</p>")
    assert memory.changed("companies/ford.md", print_)
    memory.fingerprints["companies/ford.md"] = print_
    assert not memory.changed("companies/ford.md", print_)
    assert memory.changed("companies/ford.md", fingerprint("config", "# Ford", "<p>body, edited</p>"))
    memory.forget()
    assert memory.changed("companies/ford.md", print_)


def test_fingerprints_keep_their_parts_apart() -> None:
    assert fingerprint("ab", "c") != fingerprint("a", "bc")


# --- reusing bodies: an incremental build shows exactly what a full one does ------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from conftest import ROOT  # noqa: E402
from newsbrief import incremental  # noqa: E402
from newsbrief.checks import load_site  # noqa: E402
from newsbrief.loader import FileCache  # noqa: E402
from newsbrief.render import KIND_TITLES, Renderer, index_uri, page_uri  # noqa: E402


def all_pages(renderer: Renderer) -> dict:
    """Every generated page of a site: source path → how to render it."""
    pages = {page_uri(e.kind, e.id): (lambda e=e: renderer.record_page(e)) for e in renderer.site.entries.values()}
    pages.update({index_uri(kind): (lambda kind=kind: renderer.index_page(kind)) for kind in KIND_TITLES})
    pages["timeline/index.md"] = renderer.timeline_page
    pages["index.md"] = renderer.home_page
    return pages


def incremental_build(content: Path, cache: dict) -> tuple[dict[str, str], dict, int]:
    """Bodies as `mkdocs serve --dirty` makes them: from ``cache`` unless something a page read changed."""
    renderer = Renderer(load_site(content, content.parent, FileCache()))
    incremental.track(renderer)
    records = incremental.record_prints(renderer)
    bodies, new_cache, rendered = {}, {}, 0
    for uri, render in all_pages(renderer).items():
        cached = cache.get(uri)
        if cached is not None and cached.still_valid(records):
            page = cached.page
        else:
            page, rendered = render(), rendered + 1
        new_cache[uri] = incremental.cache_entry(page, page.reads, records)
        bodies[uri] = page.html
    return bodies, new_cache, rendered


def full_build(content: Path) -> dict[str, str]:
    renderer = Renderer(load_site(content, content.parent, FileCache()))
    return {uri: render().html for uri, render in all_pages(renderer).items()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


NEW_STATEMENT = """speaker: lei-jun
date: 2026-02-02
channel: interview
quote: We never discussed a joint venture with Ford.
about: [ford]
stances:
  - claim: ford-xiaomi-us-ev-joint-venture-talks
    stance: denies
sources: [article-ford-xiaomi-deny-jv-report]
"""

EDITS = [
    ("a person's name", lambda c: replace(c / "people" / "lei-jun.yaml", "name: Lei Jun", "name: Lei Jun Edited")),
    ("a figure that others are derived from", lambda c: replace(c / "figures" / "xiaomi-registrations-2025.yaml", "value: 411837", "value: 410000")),
    ("a new statement taking a stance on a claim", lambda c: (c / "statements" / "lei-jun-denies-jv.yaml").write_text(NEW_STATEMENT, encoding="utf-8")),
    (
        "a source's title, cited everywhere",
        lambda c: replace(c / "sources" / "ft-report-ford-xiaomi-jv-talks.yaml", "title: Financial Times report", "title: FT report"),
    ),
    ("a claim's subjects", lambda c: replace(c / "claims" / "xiaomi-january-2026-five-month-low.yaml", "subjects: [xiaomi]", "subjects: [xiaomi, ford]")),
    ("a deleted event", lambda c: (c / "events" / "cpca-january-2026-data-release.yaml").unlink()),
    ("a record that breaks a reference", lambda c: replace(c / "statements" / "ford-denies-jv-report.yaml", "speaker: ford\n", "speaker: fordd\n")),
]


def test_every_edit_shows_on_every_page_it_touches_and_only_those_are_rendered_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    _, cache, rendered = incremental_build(content, {})
    assert rendered == len(cache)
    for what, edit in EDITS:
        edit(content)
        bodies, cache, rendered = incremental_build(content, cache)
        expected = full_build(content)
        stale = [uri for uri in expected if bodies.get(uri) != expected[uri]]
        assert stale == [], f"after editing {what}, these pages are stale: {stale}"
        assert set(bodies) == set(expected)
        assert rendered < len(expected), f"editing {what} rendered every page again"
