"""Under `mkdocs serve --dirty`: rebuild only the pages an edit changed.

MkDocs rebuilds the whole site on every save. With ``--dirty`` it skips a page
when ``page.file.is_modified()`` says so, but it judges by file times, which
mean nothing here: a record's page changes when *another* record changes (a
name it links to, a statement about it), and a hand-written page changes when a
figure it quotes does. So every page gets a fingerprint of everything it shows
(its title, its body, the problems banner, the site's configuration) and is
rebuilt only when that fingerprint differs from the last good build's.

Material's search plugin keeps the last index under ``--dirty`` but merges it for
one rebuilt page only; :func:`merge_search_entries` merges it for all of them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def fingerprint(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class PageMemory:
    """What the last good build wrote: each page's fingerprint and where its HTML went."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    destinations: dict[str, str] = field(default_factory=dict)

    def changed(self, uri: str, print_: str) -> bool:
        return self.fingerprints.get(uri) != print_

    def forget(self) -> None:
        """After a failed build (its error replaced every page) or new code: rebuild everything next time."""
        self.fingerprints.clear()


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
