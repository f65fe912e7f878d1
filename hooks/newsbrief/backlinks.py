"""Links in the other direction, computed once per build from every reference in the data.

"Statements about Xiaomi" or "what this source backs" are never typed by hand:
each record names what it refers to, and this index answers who refers to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .checks import Site
from .loader import Entry


@dataclass(frozen=True)
class Ref:
    """One reference: ``source`` (a record id) names ``target`` in its field ``path``."""

    source: str
    kind: str
    path: tuple
    target: str

    @property
    def field(self) -> str:
        """The field's name without list indexes: ('stances', 0, 'claim') → 'stances.claim'."""
        return ".".join(str(step) for step in self.path if not isinstance(step, int))


class Backlinks:
    """Who refers to each record, built in one pass over all references (linear in the data)."""

    def __init__(self, site: Site):
        self._to: dict[str, list[Ref]] = defaultdict(list)
        for entry in site.entries.values():
            for path, target, _kinds in entry.refs:
                self._to[target].append(Ref(entry.id, entry.kind, path, target))
        for refs in self._to.values():
            refs.sort(key=_in_order)

    def update(self, last_entries: dict[str, Entry], entries: dict[str, Entry], changed: list[str]) -> Backlinks:
        """Made the index of ``entries`` from that of ``last_entries`` (the records before a save), in place:
        only the references of the records that changed (``changed``: ``checks.changed_ids`` of the two)
        are taken out and put in (the preview: a save touches a few records of 10,000). Returns the index."""
        touched: set[str] = set()
        for record_id in changed:
            if (last := last_entries.get(record_id)) is not None:
                for path, target, _kinds in last.refs:
                    self._to[target].remove(Ref(last.id, last.kind, path, target))
                    touched.add(target)
            if (now := entries.get(record_id)) is not None:
                for path, target, _kinds in now.refs:
                    self._to[target].append(Ref(now.id, now.kind, path, target))
                    touched.add(target)
        for target in touched:
            if self._to[target]:
                self._to[target].sort(key=_in_order)
            else:
                del self._to[target]  # as a new index, which has no empty lists
        return self

    def to(self, target: str, kind: str | None = None, field: str | tuple[str, ...] | None = None) -> list[str]:
        """Ids of records of ``kind`` that name ``target`` in ``field`` (or any of several; each id once, sorted)."""
        fields = (field,) if isinstance(field, str) else field
        seen: dict[str, None] = {}
        for ref in self._to.get(target, ()):
            if (kind is None or ref.kind == kind) and (fields is None or ref.field in fields):
                seen.setdefault(ref.source, None)
        return list(seen)

    def refs_to(self, target: str) -> list[Ref]:
        return list(self._to.get(target, ()))


def _in_order(ref: Ref) -> tuple:
    return (ref.kind, ref.source, ref.path)
