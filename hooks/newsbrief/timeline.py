"""The timeline: events, statements, policy actions and figure periods, in date order.

Each item keeps the date as precise as the source gives it ("October 2024",
"2025") and the entities it involves, so readers can filter it by entity.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .checks import Site
from .loader import Entry
from .types import PartialDate

KIND_ORDER = {"event": 0, "policy": 1, "vote": 2, "statement": 3, "figure": 4}


@dataclass(frozen=True)
class Item:
    date: PartialDate
    as_stated: str | None
    kind: str  # the kind of record the item comes from
    record_id: str
    action: str | None  # a policy's history action, else None
    status: str  # "happened", "planned" or "expected"
    entities: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def sort_key(self) -> tuple:
        return (self.date, KIND_ORDER[self.kind], self.record_id, self.action or "")


def shown_status(site: Site, status: str, date) -> str:
    """'scheduled' while the day is still to come by the build's today; once it has passed, it happened."""
    if status == "scheduled":
        return "scheduled" if site.is_scheduled(date) else "happened"
    return status


TIMELINE_KINDS = ("event", "statement", "policy", "vote", "figure")
"""The kinds of record that put something on a timeline (the order does not matter: items are sorted)."""


def items(site: Site, record_ids: Iterable[str] | None = None) -> list[Item]:
    """Timeline items of the given records (all records when None), sorted by date."""
    entries: Iterable[Entry]
    if record_ids is None:  # the kinds a timeline shows, each read as a whole (incremental.py)
        entries = [entry for kind in TIMELINE_KINDS for entry in site.of_kind(kind)]
    else:  # only the records asked for are read (see incremental.py: a page depends on what it reads)
        entries = [site.entries[i] for i in sorted(set(record_ids)) if i in site.entries]
    found: list[Item] = []
    for entry in entries:
        r = entry.record
        if entry.kind == "event" and entry.id in site.pending:
            found.extend(_pending_items(site, entry))
        elif entry.kind == "event":
            found.append(Item(r.date, r.date_as_stated, "event", entry.id, None, shown_status(site, r.status, r.date), tuple(r.participants), tuple(r.sources)))
        elif entry.kind == "statement":
            entities = (r.speaker, *[a for a in r.about if site.entries.get(a) and site.entries[a].kind != "policy"])
            found.append(Item(r.date, r.date_as_stated, "statement", entry.id, None, "happened", entities, tuple(r.sources)))
        elif entry.kind == "policy":
            for action in r.history:
                entities = tuple(e for e in (r.issuer, action.by, *r.affects) if e)
                status = shown_status(site, "scheduled", action.date)
                found.append(Item(action.date, action.date_as_stated, "policy", entry.id, action.action, status, entities, tuple(action.sources)))
        elif entry.kind == "vote":
            found.append(Item(r.date, r.date_as_stated, "vote", entry.id, None, "happened", (r.body,), tuple(r.sources)))
        elif entry.kind == "figure" and r.derivation is None:
            subject = site.entries.get(r.subject)
            entities = (r.subject,) if subject and subject.kind != "policy" else ()
            status = "planned" if r.basis in ("target", "forecast") else "happened"
            sources = tuple(r.sources) or tuple(site.record(r.implied_by).sources if r.implied_by in site.entries else ())
            found.append(Item(r.period, r.period_as_stated, "figure", entry.id, None, status, entities, sources))
    return sorted(found, key=lambda item: item.sort_key)


def _pending_items(site: Site, entry) -> list[Item]:
    """An expected release: when it was announced, and when it came (or that it is still expected, or overdue)."""
    from .pending import release_date

    r, item = entry.record, site.pending[entry.id]
    made = []
    if item.announced is not None:
        made.append(Item(item.announced, None, "event", entry.id, "announced", "happened", tuple(r.participants), tuple(r.sources)))
    released = release_date(site, item) if item.state == "fulfilled" else None
    if released is not None:
        sources = tuple(s for f in item.fulfilled_by for s in site.record(f).sources)
        made.append(Item(released, None, "event", entry.id, "released", "happened", tuple(r.participants), tuple(dict.fromkeys(sources))))
    else:
        made.append(Item(r.date, r.date_as_stated, "event", entry.id, None, item.state, tuple(r.participants), tuple(r.sources)))
    return made


def entities_of(timeline: list[Item]) -> list[str]:
    """Every entity in a timeline, each once, in first-appearance order (for the filter)."""
    seen: dict[str, None] = {}
    for item in timeline:
        for entity in item.entities:
            seen.setdefault(entity, None)
    return list(seen)
