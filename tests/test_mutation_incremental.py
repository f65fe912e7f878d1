"""What `mkdocs serve --dirty` keeps and re-renders, tested in-process and fast (issue 12).

`tests/test_incremental.py` compares whole incremental builds with full builds after edits
generated from the model (minutes). These tests pin each part it relies on — what a page is
recorded as reading, which record prints an edit changes, when a kept body is reused — on the
real content, so mutation testing can run them for every mutant of `incremental.py`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from newsbrief import incremental
from newsbrief.checks import load_site
from newsbrief.incremental import ALL, CachedBody, PageMemory, TrackedEntries, Tracker, cache_entry, fingerprint
from newsbrief.loader import FileCache
from newsbrief.render import KIND_TITLES, Renderer, page_uri


def tracked_renderer(content: Path) -> Renderer:
    renderer = Renderer(load_site(content, content.parent, FileCache()))
    incremental.track(renderer)
    return renderer


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return tracked_renderer(ROOT / "content")


# --- fingerprints ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("ab", "c"), ("a", "bc")),  # parts are kept apart
        (("a",), ("a", "")),  # an empty part counts
        (("a", "b"), ("b", "a")),  # order counts
        (("x",), ("X",)),
        (("\ud800",), ("\ud801",)),  # a lone surrogate (from a broken file) still prints, and distinctly
    ],
)
def test_different_page_parts_give_different_fingerprints(one, other) -> None:
    assert fingerprint(*one) != fingerprint(*other)
    assert fingerprint(*one) == fingerprint(*one)


def test_a_fingerprint_is_a_32_digit_hex_digest_of_its_parts() -> None:
    import hashlib

    expected = hashlib.blake2b(b"config\0# Ford\0", digest_size=16).hexdigest()
    assert fingerprint("config", "# Ford") == expected and len(expected) == 32


# --- what a page read -----------------------------------------------------------------


def test_a_read_is_noted_only_while_a_page_renders() -> None:
    tracker = Tracker()
    entries = TrackedEntries({"ford": 1, "xiaomi": 2}, tracker)
    assert entries["ford"] == 1 and entries.get("xiaomi") == 2 and "byd" not in entries
    assert tracker.reads is None
    tracker.reads = set()
    assert entries["ford"] == 1
    assert entries.get("nio", 7) == 7 and entries.get("xiaomi") == 2
    assert "byd" not in entries and "ford" in entries
    assert tracker.reads == {"ford", "nio", "xiaomi", "byd"}


@pytest.mark.parametrize("scan", [lambda e: list(e.values()), lambda e: list(e.items()), lambda e: list(e), lambda e: [k for k in e]])
def test_a_page_that_goes_through_every_record_reads_all(scan) -> None:
    tracker = Tracker()
    entries = TrackedEntries({"ford": 1, "xiaomi": 2}, tracker)
    tracker.reads = set()
    assert sorted(map(str, scan(entries))) in (["ford", "xiaomi"], ["1", "2"], ["('ford', 1)", "('xiaomi', 2)"])
    assert tracker.reads == {ALL}


def test_every_index_a_page_reads_is_tracked(renderer: Renderer) -> None:
    site = renderer.site
    indexes = [
        site.entries,
        site.stances,
        site.implied,
        site.arithmetic,
        site.competing,
        site.pending,
        renderer.chartable,
        renderer.backlinks._to,
    ]
    assert all(isinstance(index, TrackedEntries) and index.tracker is renderer.tracker for index in indexes)
    renderer.tracker.reads = set()
    try:
        for n, index in enumerate(indexes):
            index.get(f"probe-{n}")
        assert renderer.tracker.reads == {f"probe-{n}" for n in range(len(indexes))}
    finally:
        renderer.tracker.reads = None


def test_a_records_relations_are_noted_as_read_from_the_records_that_make_them(renderer: Renderer) -> None:
    """The edges are worked out from the references, uncached under --dirty: every page that asks notes
    the record, the records that make its edges, and the other ends (each asking once, and again)."""
    site = renderer.site
    assert renderer.relations._cache is None
    edges = renderer.relations.touching("xiaomi")
    makers = {edge.via for edge in edges}
    assert len(makers) > 1
    for _ in range(2):
        renderer.tracker.reads = set()
        try:
            assert renderer.relations.touching("xiaomi") == edges
            assert {"xiaomi", *makers, *(e.source for e in edges), *(e.target for e in edges)} <= renderer.tracker.reads
            assert ALL not in renderer.tracker.reads
        finally:
            renderer.tracker.reads = None
    assert renderer.relations.backlinks is renderer.backlinks and renderer.relations.site is site


def test_a_record_page_is_recorded_as_reading_the_records_it_shows(renderer: Renderer) -> None:
    site = renderer.site
    page = renderer.record_page(site.entries["lei-jun"])
    assert page.reads is not None and ALL not in page.reads
    # Lei Jun's page names Xiaomi (his role) and the statements he made.
    assert {"lei-jun", "xiaomi"} <= page.reads
    assert renderer.tracker.reads is None, "reads are not noted between pages"


@pytest.mark.parametrize("kind", sorted(KIND_TITLES))
def test_an_index_reads_its_kind_as_a_whole_and_shows_what_an_untracked_one_does(kind: str) -> None:
    """Under --dirty an index notes reading its kind ('kind:company'), not every record, and lists the same."""
    tracked, plain = tracked_renderer(ROOT / "content"), Renderer(load_site(ROOT / "content", ROOT, FileCache()))
    index = tracked.index_page(kind)
    assert index.reads is not None and ALL not in index.reads
    assert {read for read in index.reads if read.startswith(incremental.KIND)} == {f"kind:{kind}"}
    assert index.html == plain.index_page(kind).html


def test_the_timeline_reads_the_kinds_it_shows_each_as_a_whole() -> None:
    tracked, plain = tracked_renderer(ROOT / "content"), Renderer(load_site(ROOT / "content", ROOT, FileCache()))
    timeline = tracked.timeline_page()
    assert timeline.reads is not None and ALL not in timeline.reads
    assert {read for read in timeline.reads if read.startswith(incremental.KIND)} == {f"kind:{k}" for k in ("event", "statement", "policy", "vote", "figure")}
    assert timeline.html == plain.timeline_page().html


# --- record prints: an edit changes the print of the records it touches -----------------


def prints_after(edit) -> tuple[dict[str, str], dict[str, str]]:
    content = Path(pytest.importorskip("tempfile").mkdtemp()) / "content"
    shutil.copytree(ROOT / "content", content)
    before = incremental.record_prints(tracked_renderer(content))
    edit(content)
    after = incremental.record_prints(tracked_renderer(content))
    shutil.rmtree(content.parent)
    return before, after


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_record_has_a_print_and_the_prints_are_stable(renderer: Renderer) -> None:
    prints = incremental.record_prints(renderer)
    # every record, every series of figures (a page that reads a series changes when a figure joins or leaves it),
    # and every kind (an index changes when any record of its kind does)
    kinds = {f"kind:{entry.kind}" for entry in renderer.site.entries.values()}
    assert set(prints) == set(renderer.site.entries) | set(renderer.site.series or {}) | kinds | {incremental.TODAY}
    assert renderer.site.series and all(name.startswith("series:") for name in renderer.site.series)
    assert prints == incremental.record_prints(renderer)
    assert len(set(prints.values())) == len(prints)


def test_editing_a_name_changes_that_records_print_only() -> None:
    before, after = prints_after(lambda c: replace(c / "people" / "lei-jun.yaml", "name: Lei Jun", "name: Lei Jun Edited"))
    assert changed(before, after) == {"lei-jun", "kind:person"}


def test_a_new_stance_changes_the_print_of_the_claim_it_is_on() -> None:
    from test_incremental import NEW_STATEMENT

    before, after = prints_after(lambda c: (c / "statements" / "lei-jun-denies-jv.yaml").write_text(NEW_STATEMENT, encoding="utf-8"))
    touched = changed(before, after)
    # The claim's stances and the backlinks of everything the new statement names.
    assert {"lei-jun-denies-jv", "ford-xiaomi-us-ev-joint-venture-talks", "lei-jun", "ford", "article-ford-xiaomi-deny-jv-report"} <= touched


def test_a_changed_value_changes_the_print_of_the_figures_derived_from_it() -> None:
    before, after = prints_after(lambda c: replace(c / "figures" / "xiaomi-registrations-2025.yaml", "value: 411837", "value: 410000"))
    touched = changed(before, after)
    assert "xiaomi-registrations-2025" in touched
    assert len(touched) > 1, "the figures computed from it (arithmetic, implied values) change too"


def test_a_new_backlink_changes_the_print_of_the_record_it_points_at() -> None:
    before, after = prints_after(lambda c: replace(c / "claims" / "xiaomi-january-2026-five-month-low.yaml", "subjects: [xiaomi]", "subjects: [xiaomi, ford]"))
    assert {"xiaomi-january-2026-five-month-low", "ford"} <= changed(before, after)


# --- kept bodies and pages ------------------------------------------------------------


def test_a_kept_body_is_reused_only_while_everything_it_read_is_unchanged() -> None:
    records = {"ford": "p1", "xiaomi": "p2"}
    body = cache_entry("page", frozenset({"ford", "gone"}), records)
    assert body == CachedBody("page", {"ford": "p1", "gone": None})
    assert body.still_valid(records)
    assert body.still_valid({**records, "xiaomi": "p3"}), "a record it did not read changed"
    assert not body.still_valid({**records, "ford": "p4"}), "a record it read changed"
    assert not body.still_valid({**records, "gone": "p5"}), "a record it looked for and missed now exists"
    assert not body.still_valid({"xiaomi": "p2"}), "a record it read was deleted"


def test_a_page_that_read_every_record_is_always_rendered_again() -> None:
    body = cache_entry("index", frozenset({ALL, "ford"}), {"ford": "p1"})
    assert body.reads == {ALL: ALL, "ford": "p1"}
    assert not body.still_valid({"ford": "p1"})


def test_a_page_is_changed_until_its_fingerprint_is_remembered_and_forgotten_after_a_failure() -> None:
    memory = PageMemory()
    assert (memory.fingerprints, memory.destinations, memory.bodies, memory.config_print) == ({}, {}, {}, "")
    assert memory.changed("companies/ford.md", "a")
    memory.fingerprints["companies/ford.md"] = "a"
    memory.bodies["companies/ford.md"] = CachedBody("page", {})
    memory.destinations["companies/ford.md"] = "site/companies/ford/index.html"
    assert not memory.changed("companies/ford.md", "a") and memory.changed("companies/ford.md", "b")
    memory.forget()
    assert memory.changed("companies/ford.md", "a") and memory.bodies == {}
    assert memory.destinations, "where pages went is still known: their files are still there"
    assert PageMemory().fingerprints is not PageMemory().fingerprints


def test_an_unchanged_page_keeps_its_body_and_an_edited_record_renders_its_page_again(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    first = tracked_renderer(content)
    records = incremental.record_prints(first)
    kept = {e.id: cache_entry(page, page.reads, records) for e in first.site.entries.values() for page in [first.record_page(e)]}
    replace(content / "people" / "lei-jun.yaml", "name: Lei Jun", "name: Lei Jun Edited")
    second = tracked_renderer(content)
    now = incremental.record_prints(second)
    stale = {i for i, body in kept.items() if not body.still_valid(now)}
    assert "lei-jun" in stale and "xiaomi" in stale, "Xiaomi's page names Lei Jun"
    assert "byd" not in stale and len(stale) < len(kept) / 2
    for record_id in stale:
        assert second.record_page(second.site.entries[record_id]).html != kept[record_id].page.html or record_id != "lei-jun"
    assert "Lei Jun Edited" in second.record_page(second.site.entries["lei-jun"]).html
    assert page_uri("person", "lei-jun") == "people/lei-jun.md"


def test_a_kept_pages_sections_stay_even_when_an_anchor_holds_a_hash() -> None:
    """A hand-written heading can be given any id (`{#a#b}`): the page is what comes before the first '#'."""
    previous = [{"location": "guide/#setup#linux", "title": "kept", "text": "kept"}, {"location": "other/", "title": "old", "text": "old"}]
    merged = incremental.merge_search_entries(previous, [{"location": "other/", "title": "new", "text": "new"}], {"other/"}, {"guide/", "other/"})
    assert [(e["location"], e["text"]) for e in merged] == [("guide/#setup#linux", "kept"), ("other/", "new")]
