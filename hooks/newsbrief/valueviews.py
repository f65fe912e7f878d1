"""What pages show of competing values, revisions, pending releases and series: ``h.values`` in templates.

Kept apart from ``render.py`` so that the Renderer only gains one attribute; every
figure is still written by ``Renderer.fig``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import competing

Renderer = Any
"""render.Renderer (render imports this module, so it is not imported back)."""

REPORTING_KINDS = ("data-release", "company-statement", "press-release", "government-document")
"""A value is credited to whoever published it first-hand, when one of its sources is such a document."""


class Values:
    def __init__(self, h: Renderer):
        self.h = h
        self.site = h.site

    # --- competing values ----------------------------------------------------------

    def group(self, figure_id: str) -> competing.Group | None:
        return self.site.competing.get(figure_id)

    def shown_figure(self, figure_id: str) -> str:
        """The figure a table row shows for a measure: the preferred value when there are several."""
        group = self.group(figure_id)
        return group.preferred if group and group.preferred else figure_id

    def reporter(self, figure_id: str) -> str:
        """Who reported a value: the publisher of its first-hand source, else of its first source."""
        figure = self.site.record(figure_id)
        sources = [self.site.entries[s] for s in figure.sources if s in self.site.entries]
        first_hand = [s for s in sources if s.record.kind in REPORTING_KINDS]
        chosen = (first_hand or sources or [None])[0]
        return self.h.title(chosen.record.publisher) if chosen else "no source"

    def value(self, figure_id: str, struck: bool = False) -> Markup:
        """A value linked to its figure's page; struck through when it is deprecated or revised."""
        text = Markup('<a href="%s">%s</a>') % (self.h.url_href(figure_id), self.h.fig(figure_id, popover=False))
        return Markup("<del>%s</del>") % text if struck else text

    def disagreement(self, group: competing.Group) -> Markup:
        """'Xiaomi reported over 39,000 vehicles; China Passenger Car Association reported 38,650 vehicles.'"""
        shown = [f for f in (group.preferred, *group.discrepant) if f is not None]
        parts = [Markup("%s reported %s") % (self.reporter(f), self.value(f)) for f in shown]
        return Markup("; ").join(parts) + Markup(".")

    def others(self, figure_id: str) -> Markup:
        """Beside a measure's preferred value in a table: the other values, who reported them, and any discrepancy."""
        group = self.group(figure_id)
        if group is None:
            return Markup("")
        others = [v for v in group.values if v.figure_id != figure_id]
        parts = [Markup("%s, %s") % (self.value(v.figure_id, struck=v.rank == "deprecated"), self.reporter(v.figure_id)) for v in others]
        flag = Markup(' <strong class="nb-discrepancy">sources disagree</strong>') if group.discrepant else Markup("")
        return Markup(' <span class="nb-other-values">(also: %s)%s</span>') % (Markup("; ").join(parts), flag)

    def rank_words(self, ranked: competing.Ranked) -> str:
        return ranked.rank + (f": {ranked.reason}" if ranked.reason else "")

    # --- series ---------------------------------------------------------------------------

    def newest(self, figure_id: str) -> str:
        return competing.newest(self.site, figure_id)

    def newest_of(self, figure_ids) -> list[str]:
        """The newest figure of each series named (a claim's `latest`)."""
        return list(dict.fromkeys(self.newest(f) for f in figure_ids if f in self.site.entries))

    # --- data still to come -----------------------------------------------------------

    def pending(self, event_id: str):
        return self.site.pending.get(event_id)

    def expects_words(self, event_id: str) -> Markup:
        """'China Passenger Car Association will publish Xiaomi deliveries for January 2026'."""
        e = self.site.record(event_id).expects
        return Markup("%s will publish %s %s for %s") % (self.h.link(e.publisher), self.h.link(e.subject), e.metric, e.period.human())

    def fulfilled(self, event_id: str) -> Markup:
        """The records that delivered an expected release, each linked (a figure with its value)."""
        item = self.site.pending[event_id]
        parts = [self.value(i) if self.site.entries[i].kind == "figure" else self.h.link(i) for i in item.fulfilled_by]
        return Markup(", ").join(parts)

    def pending_note(self, event_id: str) -> Markup:
        """Beside an expected release: '(expected by 28 February 2026)', '(overdue: …)' or '(released: <figure>)'."""
        item = self.pending(event_id)
        if item is None:
            return Markup("")
        due = self.h.date(_partial(item.due))
        if item.state == "fulfilled":
            return Markup(' <em class="nb-pending nb-pending--fulfilled">(released: %s)</em>') % self.fulfilled(event_id)
        if item.state == "overdue":
            return Markup(' <em class="nb-pending nb-pending--overdue">(overdue: expected by %s; nothing recorded by %s)</em>') % (
                due,
                self.h.date(_partial(self.site.today)),
            )
        return Markup(' <em class="nb-pending nb-pending--expected">(expected by %s)</em>') % due

    def pending_in(self, event_ids) -> list[str]:
        """The expected releases among these events, overdue first, then by the day they are due."""
        order = {"overdue": 0, "expected": 1, "fulfilled": 2}
        found = [self.site.pending[i] for i in event_ids if i in self.site.pending]
        return [p.event_id for p in sorted(found, key=lambda p: (order[p.state], p.due, p.event_id))]

    def every_pending(self) -> list[str]:
        return self.pending_in(sorted(self.site.pending))

    def every_group(self) -> list[competing.Group]:
        """Each measure with competing values, once, discrepancies first."""
        seen: dict[str, competing.Group] = {}
        for group in self.site.competing.values():
            seen.setdefault(group.label, group)
        return sorted(seen.values(), key=lambda g: (not g.discrepant, g.label))

    def today(self) -> Markup:
        return self.h.date(_partial(self.site.today))


def _partial(day):
    from .types import PartialDate

    return PartialDate(day.year, day.month, day.day)
