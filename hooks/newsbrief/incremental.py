"""Under `mkdocs serve --dirty`: rebuild only the pages an edit changed.

MkDocs rebuilds the whole site on every save. With ``--dirty`` it skips a page
when ``page.file.is_modified()`` says so, but it judges by file times, which
mean nothing here: a record's page changes when *another* record changes (a
name it links to, a statement about it), and a hand-written page changes when a
figure it quotes does. So every page gets a fingerprint of everything it shows
(its title, its body, the site's configuration; not the problems banner, which is
refilled in place) and is
rebuilt only when that fingerprint differs from the last good build's.

Rendering every body to find the changed ones would cost most of a build, so a
body is re-rendered only when something it read has changed: while a page
renders, :class:`TrackedEntries` notes every record it reads, and each record
has a fingerprint of itself and of what is derived from it (its backlinks,
stances, implied values, chart series); each series of figures (one measure over
time) has a fingerprint of its members, read through ``site.series``. A page that
scanned all records (an index, the timeline) is always re-rendered.

Material's search plugin keeps the last index under ``--dirty`` but merges it for
one rebuilt page only; :func:`merge_search_entries` merges it for all of them.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any

from .graph import Relations
from .tracking import ALL, KIND, TODAY, TrackedEntries, TrackedKinds, Tracker, _note


def fingerprint(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def track(renderer) -> Tracker:
    """Note what each page reads: the records, and everything the renderer derived from them, by record id."""
    tracker = Tracker()
    site = renderer.site
    kinds: dict[str, list] = {}
    for entry in site.entries.values():
        kinds.setdefault(entry.kind, []).append(entry)
    site.kinds = TrackedKinds(kinds, tracker)
    site.read_today = functools.partial(_note, tracker, TODAY)
    site.entries = TrackedEntries(site.entries, tracker)
    site.stances = TrackedEntries(site.stances, tracker)
    site.implied = TrackedEntries(site.implied, tracker)
    site.arithmetic = TrackedEntries(site.arithmetic, tracker)
    site.competing = TrackedEntries(site.competing, tracker)
    site.pending = TrackedEntries(site.pending, tracker)
    site.series = TrackedEntries(site.series or {}, tracker)
    renderer.chartable = TrackedEntries(renderer.chartable, tracker)
    renderer.backlinks._to = TrackedEntries(renderer.backlinks._to, tracker)
    # The edges are worked out from the references and the records, both noted as read; uncached, so each page notes them.
    renderer.relations = Relations(site, renderer.backlinks, cached=False)
    renderer.tracker = tracker
    return tracker


def record_prints(renderer) -> dict[str, str]:
    """Each record's fingerprint: the record, and what the build derived from it (called between pages: not tracked)."""
    site = renderer.site
    derived = (
        site.stances,
        site.implied,
        site.arithmetic,
        site.competing,
        site.pending,
        renderer.chartable,
        renderer.backlinks._to,
    )
    prints = {
        record_id: fingerprint(entry.kind, entry.record.model_dump_json(), *(repr(index.get(record_id)) for index in derived))
        for record_id, entry in site.entries.items()
    }
    # A series is read as a whole (which figures it has): a page that read it changes when a figure joins or leaves.
    prints.update({name: fingerprint(*members) for name, members in (site.series or {}).items()})
    # A kind is read as a whole (an index lists every record of it): it changes with any of them, or their number.
    kinds: dict[str, list[str]] = {}
    for record_id, entry in dict.items(site.entries):
        kinds.setdefault(KIND + entry.kind, []).append(f"{record_id}={prints[record_id]}")
    prints.update({kind: fingerprint(*members) for kind, members in kinds.items()})
    prints[TODAY] = site.today.isoformat()
    return prints


@dataclass
class CachedBody:
    """A rendered body, and the fingerprint of every record it read when it was rendered."""

    page: Any
    reads: dict[str, str | None]

    def still_valid(self, records: dict[str, str]) -> bool:
        return ALL not in self.reads and all(records.get(i) == p for i, p in self.reads.items())


@dataclass
class PageMemory:
    """What the last good build made: each page's fingerprint, where its HTML went, its body."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    destinations: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, CachedBody] = field(default_factory=dict)
    config_print: str = ""
    """The fingerprint of the configuration and templates the bodies were rendered with."""
    site_prints: dict[str, str] = field(default_factory=dict)
    """Per page that shows the whole site (the sitemap, the 404 page): the fingerprint of what it shows."""
    problems_print: str = ""
    """The fingerprint of the problems every page's banner showed (pages are not rebuilt for them alone)."""

    def changed(self, uri: str, print_: str) -> bool:
        return self.fingerprints.get(uri) != print_

    def forget(self) -> None:
        """After a failed build (its error replaced every page) or new code: rebuild everything next time."""
        self.fingerprints.clear()
        self.bodies.clear()
        self.site_prints.clear()
        self.problems_print = ""


def cache_entry(page: Any, reads: frozenset[str], records: dict[str, str]) -> CachedBody:
    return CachedBody(page, {i: (ALL if i == ALL else records.get(i)) for i in reads})


def merge_search_entries(previous: list[dict], current: list[dict], rebuilt: set[str], pages: set[str]) -> list[dict]:
    """The whole search index after a partial build.

    ``previous`` is the last index, ``current`` the entries of the pages rebuilt now
    (whose URLs are ``rebuilt``); ``pages`` are the URLs of every page the site has
    now, so a deleted record's entries go too.
    """

    def page_of(entry: dict) -> str:
        return entry["location"].split("#", 1)[0]

    kept = [e for e in previous if page_of(e) not in rebuilt and page_of(e) in pages]
    return kept + current
