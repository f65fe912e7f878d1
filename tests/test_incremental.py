"""Which pages a partial rebuild keeps, and how the search index is put back together."""

from __future__ import annotations

import pytest

from newsbrief.incremental import PageMemory, fingerprint, merge_search_entries


def entry(location: str, text: str = "old") -> dict:
    return {"location": location, "title": location, "text": text}


PREVIOUS = [entry(""), entry("companies/"), entry("companies/ford/"), entry("companies/ford/#people"), entry("people/lei-jun/")]


@pytest.mark.parametrize(("rebuilt", "current", "pages", "expected"), [
    # Nothing rebuilt: the index stays as it was.
    (set(), [], {"", "companies/", "companies/ford/", "people/lei-jun/"}, [e["location"] for e in PREVIOUS]),
    # Two pages rebuilt: both lose their old sections (the plugin alone would drop only the first's).
    ({"companies/ford/", "companies/"}, [entry("companies/ford/", "new"), entry("companies/", "new")],
     {"", "companies/", "companies/ford/", "people/lei-jun/"}, ["", "people/lei-jun/", "companies/ford/", "companies/"]),
    # The home page ('') rebuilt: only its own entries go, not every entry (every location starts with '').
    ({""}, [entry("", "new")], {"", "companies/", "companies/ford/", "people/lei-jun/"},
     ["companies/", "companies/ford/", "companies/ford/#people", "people/lei-jun/", ""]),
    # A deleted record: its sections go although nothing was rebuilt for it.
    (set(), [], {"", "companies/", "companies/ford/"}, ["", "companies/", "companies/ford/", "companies/ford/#people"]),
])
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
