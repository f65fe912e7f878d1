"""What pages show of competing values, revisions, pending releases and series: ``h.values`` in templates.

Kept apart from ``render.py`` so that the Renderer only gains one attribute; every
figure is still written by ``Renderer.fig``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import competing

if TYPE_CHECKING:
    from .render import Renderer

REPORTING_KINDS = ("data-release", "company-statement", "press-release", "government-document")
"""A value is credited to whoever published it first-hand, when one of its sources is such a document."""


class Values:
    def __init__(self, h: "Renderer"):
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
        shown = [group.preferred, *group.discrepant]
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
