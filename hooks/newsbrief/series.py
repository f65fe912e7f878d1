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
from collections.abc import Iterator
from typing import Any

from .competing import newer
from .loader import field_name
from .problems import Problem
from .textcheck import texts_of

Site = Any
"""checks.Site (checks imports this module, so it is not imported back)."""

LATEST = re.compile(r"\b(latest|most recent|newest)\b", re.IGNORECASE)
"""Words that call a value the newest of its series."""


def check_latest(site: Site) -> Iterator[Problem]:
    """Each text that calls a figure the latest, when a newer period of its series is recorded."""
    for entry in site.entries.values():
        calling = [(loc, match) for loc, text in texts_of(entry) if (match := LATEST.search(text))]
        if not calling:
            continue  # most texts call nothing the latest: their figures' series are not looked up
        named = [t for _loc, t, _k in entry.refs if t in site.entries and site.entries[t].kind == "figure"]  # refs: worked out once a build
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
        for loc, match in calling:
            for old_id, new_id in stale:
                old, new = site.entries[old_id], site.entries[new_id]
                yield Problem(
                    entry.file,
                    entry.line_of(loc),
                    field_name(loc),
                    f"calls '{old_id}' ({old.record.period}) the {match.group(1).lower()}, but a newer period is recorded: '{new_id}' "
                    f"({new.record.period}, {new.file}:{new.line_of(('period',))}) — name the period instead of "
                    f"'{match.group(1)}', refer to the newer figure, or to the series with `latest: [{old_id}]`",
                )
