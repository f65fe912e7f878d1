"""What a page, or a step of assembling, reads of the records: noted while it runs, so that it is made again
only when something it read changed (incremental.py under `mkdocs serve --dirty`, checks.py's steps under
the preview). Imports nothing of the package: both use it.
"""

from __future__ import annotations

ALL = "*"
"""The read of a page that went through every record."""


class Tracker:
    """The ids read while a page renders (``reads`` is None between pages)."""

    reads: set[str] | None = None


class TrackedEntries(dict):
    """A dict of the site's data by record id that notes, in its tracker, every id read."""

    def __init__(self, data: dict, tracker: Tracker):
        super().__init__(data)
        self.tracker = tracker

    def _read(self, key) -> None:
        if self.tracker.reads is not None:
            self.tracker.reads.add(key)

    def __getitem__(self, key):
        self._read(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._read(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._read(key)
        return super().__contains__(key)

    def values(self):
        self._read(ALL)
        return super().values()

    def items(self):
        self._read(ALL)
        return super().items()

    def __iter__(self):
        self._read(ALL)
        return super().__iter__()


TODAY = "date:today"
"""The read of a page that shows what is still scheduled (by the build's today: it changes at midnight)."""


def _note(tracker: Tracker, read: str) -> None:
    if tracker.reads is not None:
        tracker.reads.add(read)


KIND = "kind:"
"""The read of a page that went through every record of one kind ('kind:company'; ids have no colon)."""


class TrackedKinds(dict):
    """Each kind's records (``site.kinds``): reading one kind's list is noted as ``kind:<kind>``."""

    def __init__(self, data: dict, tracker: Tracker):
        super().__init__(data)
        self.tracker = tracker

    def __getitem__(self, kind):
        _note(self.tracker, KIND + kind)
        return super().get(kind, [])
