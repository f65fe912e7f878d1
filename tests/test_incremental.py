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


SERVED_FILES: dict[Path, FileCache] = {}
"""Each content tree's parsed files, kept between its incremental builds as `mkdocs serve` keeps them."""


def incremental_build(content: Path, cache: dict) -> tuple[dict[str, str], dict, int]:
    """Bodies as `mkdocs serve --dirty` makes them: from ``cache`` unless something a page read changed;
    the files parsed again only when changed, as the server's cache does."""
    renderer = Renderer(load_site(content, content.parent, SERVED_FILES.setdefault(content, FileCache())))
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

NEWER_PERIOD = """subject: xiaomi
metric: deliveries
unit: vehicles
value: 41000
period: 2026-02
sources: [xiaomi-deliveries-release-2026-01]
"""

EDITS = [
    # Joins a series: every page that shows the series' newest period follows it (read through site.series).
    ("a newer period of a series", lambda c: (c / "figures" / "xiaomi-deliveries-2026-02.yaml").write_text(NEWER_PERIOD, encoding="utf-8")),
    ("a person's name", lambda c: replace(c / "people" / "lei-jun.yaml", "name: Lei Jun", "name: Lei Jun Edited")),
    ("a figure that others are derived from", lambda c: replace(c / "figures" / "xiaomi-registrations-2025.yaml", "value: 411837", "value: 410000")),
    ("a new statement taking a stance on a claim", lambda c: (c / "statements" / "lei-jun-denies-jv.yaml").write_text(NEW_STATEMENT, encoding="utf-8")),
    (
        "a source's title, cited everywhere",
        lambda c: replace(c / "sources" / "ft-report-ford-xiaomi-jv-talks.yaml", "title: Financial Times report", "title: FT report"),
    ),
    ("a claim's subjects", lambda c: replace(c / "claims" / "xiaomi-january-2026-five-month-low.yaml", "subjects: [xiaomi]", "subjects: [xiaomi, ford]")),
    ("a deleted event", lambda c: (c / "events" / "cpca-january-2026-data-release.yaml").unlink()),
    # Names no other record, so no record it reads changes: only its kind's list does (the companies' index).
    (
        "a new company",
        lambda c: (c / "companies" / "nio.yaml").write_text("name: NIO\ndescription: Chinese electric-vehicle maker.\ncountry: CN\n", encoding="utf-8"),
    ),
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


def test_a_day_passing_shows_on_every_page_that_said_scheduled_with_no_edit(tmp_path: Path, monkeypatch) -> None:
    """`mkdocs serve` left running past midnight: a policy step dated 2026-02-01 was scheduled on the 31st
    and has happened by the 2nd. Every page that shows it says so at the next build, as a full one does."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-01-31")
    before, cache, _ = incremental_build(content, {})
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-02-02")
    bodies, _, rendered = incremental_build(content, cache)
    expected = full_build(content)
    assert [uri for uri in expected if bodies[uri] != expected[uri]] == []
    assert "timeline/index.md" in [uri for uri in expected if before[uri] != expected[uri]], "the day changes what the timeline says"
    assert rendered < len(expected) / 4, "only the pages that show what is scheduled are made again"


# --- edits generated from the model: every field of every kind -------------------------

import datetime as dt  # noqa: E402

import yaml  # noqa: E402

from conftest import add_second_brief  # noqa: E402
from newsbrief.model import FOLDERS, KINDS  # noqa: E402
from newsbrief.refs import _fields_of  # noqa: E402


def _changed(value, kinds, ids_of_kind):
    """A different value of the same shape: another record for a reference, one item fewer for a list…"""
    if kinds:  # a reference (or a list of them): point elsewhere, so backlinks move
        others = [i for k in kinds for i in ids_of_kind.get(k, [])]
        if isinstance(value, list):
            return value[1:] if len(value) > 1 else [next((i for i in others if i not in value), "no-such-record")]
        return next((i for i in others if i != value), "no-such-record")
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, str):
        return value + " edited"
    if isinstance(value, list) and len(value) > 1:
        return value[:-1]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        first = dict(value[0])
        key = next((k for k, v in first.items() if isinstance(v, str) and k not in ("date", "since", "until", "as_of")), None)
        if key is None:
            return None
        first[key] += " edited"
        return [first]
    if isinstance(value, list) and value:
        return [str(value[0]) + " edited"]
    return None


FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML has it: finding which file holds each field reads every file once a field."""


def model_edits(content: Path) -> list[tuple[str, object]]:
    """One edit for every field of every kind that some record has: (what, edit(content))."""
    ids_of_kind = {kind: sorted(p.stem for p in (content / folder).glob("*.yaml")) for folder, kind in FOLDERS.items()}
    edits = []
    for folder, kind in sorted(FOLDERS.items()):
        files = sorted((content / folder).glob("*.yaml"))
        for _name, key, kinds in _fields_of(KINDS[kind]):
            holder = next((p for p in files if key in (yaml.load(p.read_text(encoding="utf-8"), Loader=FAST_LOADER) or {})), None)
            if holder is None:
                continue

            def edit(c: Path, path=holder.relative_to(content), key=key, kinds=kinds) -> bool:
                data = yaml.safe_load((c / path).read_text(encoding="utf-8"))
                new = _changed(data[key], kinds, ids_of_kind)
                if new is None or new == data[key]:
                    return False
                data[key] = new
                (c / path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
                return True

            edits.append((f"{kind}.{key} in {holder.name}", edit))
    return edits


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_an_edit_to_any_field_of_any_kind_shows_on_every_page_as_a_full_build_does(tmp_path: Path, folder: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    add_second_brief(content)
    _, cache, _ = incremental_build(content, {})
    edits = [(what, edit) for what, edit in model_edits(content) if what.startswith(FOLDERS[folder] + ".")]
    assert len(edits) >= 3, f"too few {folder} fields in the content to edit: {edits}"
    for what, edit in edits:
        if not edit(content):
            continue
        try:
            bodies, cache, _ = incremental_build(content, cache)
        except Exception as exc:  # noqa: BLE001 — name the edit that broke the build
            raise AssertionError(f"after editing {what}, rendering failed: {exc!r}") from exc
        expected = full_build(content)
        stale = [uri for uri in expected if bodies.get(uri) != expected[uri]]
        assert stale == [], f"after editing {what}, these pages are stale: {stale}"
        assert set(bodies) == set(expected)
