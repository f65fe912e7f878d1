"""Data still to come: an expected release is pending until a figure or event fulfils it.

An editor writes the release as an event with ``expects`` (who will publish what,
for which period) and its date as the source said it ("later in the month"). The
day it is due is the last day those words can mean, read against the source's
date. After that day (by the build's today) with nothing recorded, it is overdue:
shown on its pages, on the editors' page and in the build log — never an error,
because data that is late must not stop the site from being published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import reldates
from .problems import Problem

Site = Any
"""checks.Site (checks imports this module, so it is not imported back)."""


@dataclass(frozen=True)
class Pending:
    event_id: str
    due: dt.date
    """The last day the release can come by its date and words ('later in the month' written on 1 February: 28 February)."""
    announced: Any
    """The date of the source that announced it (a PartialDate), or None."""
    fulfilled_by: tuple[str, ...]
    state: str
    """'expected' (not yet due), 'overdue' (due and nothing recorded) or 'fulfilled'."""

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"


def _due(site: Site, event) -> tuple[dt.date, object]:
    # The first listed source: its date is what the words are read against (as the date check does).
    source = next((site.record(s) for s in event.sources if s in site.entries and site.entries[s].kind == "source"), None)
    announced = source.published if source else None
    if event.date_as_stated and source is not None:
        try:
            return reldates.resolve(event.date_as_stated, source.published, "future").last, announced
        except ValueError:
            pass  # reported by the date check
    return event.date.last_day, announced


def _matches(site: Site, figure, expects) -> bool:
    """A figure delivers what was expected: same subject, metric and period, from the publisher expected."""
    if (figure.subject, " ".join(figure.metric.lower().split()), figure.period) != (expects.subject, " ".join(expects.metric.lower().split()), expects.period):
        return False
    return any(s in site.entries and site.entries[s].kind == "source" and site.record(s).publisher == expects.publisher for s in figure.sources)


def resolve(site: Site) -> Iterator[Problem]:
    """Work out every pending item (``site.pending``); report a `fulfils` that names nothing expected."""
    site.pending = {}
    explicit: dict[str, list[str]] = {}
    for entry in sorted([*site.of_kind("figure"), *site.of_kind("event")], key=lambda e: e.id):  # the kinds that fulfil
        target = getattr(entry.record, "fulfils", None)
        if target is None or target not in site.entries:
            continue
        expected = site.entries[target]
        if expected.kind != "event" or expected.record.expects is None:
            yield Problem(
                entry.file,
                entry.line_of(("fulfils",)),
                "fulfils",
                f"'{target}' expects nothing — give it `expects:` (publisher, subject, metric, period), or remove `fulfils`",
            )
            continue
        expects = expected.record.expects
        if entry.kind == "figure" and (entry.record.subject, entry.record.period) != (expects.subject, expects.period):
            yield Problem(
                entry.file,
                entry.line_of(("fulfils",)),
                "fulfils",
                f"'{target}' expects {expects.subject} {expects.metric} for {expects.period}, but this figure is "
                f"{entry.record.subject} {entry.record.metric} for {entry.record.period} — correct the figure or `fulfils`",
            )
            continue
        explicit.setdefault(target, []).append(entry.id)
    for entry in site.of_kind("event"):
        expects = entry.record.expects
        if expects is None:
            continue
        found = set(explicit.get(entry.id, []))
        found |= {f.id for f in site.of_kind("figure") if _matches(site, f.record, expects)}
        due, announced = _due(site, entry.record)
        state = "fulfilled" if found else ("overdue" if due < site.today else "expected")
        site.pending[entry.id] = Pending(entry.id, due, announced, tuple(sorted(found)), state)


def release_date(site: Site, item: Pending):
    """When the data came: the earliest date of the sources of what fulfilled it."""
    dates = []
    for record_id in item.fulfilled_by:
        record = site.record(record_id)
        dates += [site.record(s).published for s in record.sources if s in site.entries and site.entries[s].kind == "source"]
        if site.entries[record_id].kind == "event":
            dates.append(record.date)
    return min(dates) if dates else None


def overdue_notes(site: Site) -> list[str]:
    """One line an editor can act on for each overdue item: for the build log (not an error)."""
    notes = []
    for item in site.pending.values():
        if not item.is_overdue:
            continue
        entry = site.entries[item.event_id]
        event = entry.record
        words = f" (“{event.date_as_stated}”, from {item.announced})" if event.date_as_stated else ""
        notes.append(
            f"{entry.file}:{entry.line_of(('date',))}: overdue: expected by {item.due.isoformat()}{words}, nothing recorded "
            f"by {site.today.isoformat()} — record the figure with `fulfils: {item.event_id}`, or correct the date (see /editors/)"
        )
    return notes
