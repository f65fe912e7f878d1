"""Series of figures, and texts that call a figure "the latest".

A series is one measure over time: the same subject, metric, basis and dimensions,
with periods of the same precision (months, or years). A text that says "latest"
("Xiaomi's latest monthly deliveries") stays true only until a newer period is
recorded; the check then names each such text. A claim can instead refer to the
series itself (``latest: [<any figure of the series>]``): its page and its number
check follow the newest period.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .competing import identity
from .problems import Problem
from .refs import iter_refs

if TYPE_CHECKING:
    from .checks import Site

LATEST = re.compile(r"\b(latest|most recent|newest)\b", re.IGNORECASE)
"""Words that call a value the newest of its series."""


def series_key(figure) -> tuple:
    subject, metric, _period, basis, dims = identity(figure)
    return (subject, metric, basis, dims, figure.period.precision)


def newer(site: "Site", figure_id: str) -> list[str]:
    """The figures of the same series with a later period, newest first."""
    figure = site.record(figure_id)
    key = series_key(figure)
    found = [e for e in site.of_kind("figure") if series_key(e.record) == key and e.record.period > figure.period]
    return [e.id for e in sorted(found, key=lambda e: (e.record.period, e.id), reverse=True)]


def newest(site: "Site", figure_id: str) -> str:
    """The figure for the newest period of ``figure_id``'s series (the preferred value, when several compete)."""
    later = newer(site, figure_id)
    chosen = later[0] if later else figure_id
    group = site.competing.get(chosen)
    return group.preferred if group and group.preferred else chosen


def check_latest(site: "Site") -> Iterator[Problem]:
    """Each text that calls a figure the latest, when a newer period of its series is recorded."""
    from .loader import field_name
    from .textcheck import texts_of

    for entry in site.entries.values():
        named = [t for _loc, t, _k in iter_refs(entry.record) if t in site.entries and site.entries[t].kind == "figure"]
        follows = set(getattr(entry.record, "latest", None) or [])
        stale = []
        for figure_id in dict.fromkeys(named):
            if figure_id in follows:
                continue  # a reference to the series: it follows the newest period
            later = newer(site, figure_id)
            if later and not any(n in named for n in later[:1]):
                stale.append((figure_id, later[0]))
        if not stale:
            continue
        for loc, text, _holder in texts_of(entry.record):
            match = LATEST.search(text)
            if not match:
                continue
            for old_id, new_id in stale:
                old, new = site.entries[old_id], site.entries[new_id]
                yield Problem(
                    entry.file, entry.line_of(loc), field_name(loc),
                    f"calls '{old_id}' ({old.record.period}) the {match.group(1).lower()}, but a newer period is recorded: '{new_id}' "
                    f"({new.record.period}, {new.file}:{new.line_of(('period',))}) — name the period instead of "
                    f"'{match.group(1)}', refer to the newer figure, or to the series with `latest: [{old_id}]`",
                )
