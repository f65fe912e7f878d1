"""Charts of figure series, drawn at build time as inline SVG (no script, no CDN).

A series is the figures of one subject in one unit at one period precision
(Xiaomi's vehicles by month; the US tariff rate by year), one line per metric.
Implied values are hollow markers; a lower bound ("over 39,000") carries an
arrow up, an upper bound an arrow down.

Drawn to be read on a phone: the drawing is narrow (WIDTH user units, shown at
about that many pixels on a 390 px screen) so its 14-unit text stays above 12 px;
axis labels that would touch move to another row; a line joins only neighbouring
periods, so a missing month is a gap, not a straight line across it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from . import derive
from .checks import Site
from .types import PartialDate
from .vocabulary import UNIT_SPECS

WIDTH, HEIGHT = 400, 260
LEFT, RIGHT, TOP, BOTTOM = 60, 16, 28, 30
ROW_HEIGHT = 18
FONT_SIZE = 14
"""Text size in user units; at WIDTH = 400 a 390 px screen shows it at about 12.5 px."""
CHAR_WIDTH = 0.6 * FONT_SIZE
"""A generous average character width, to keep axis labels apart."""
SERIES_CLASSES = 5
"""Series colours come from the stylesheet (nb-s0 … nb-s4), one set per colour scheme, each ≥ 3:1 against its background."""


@dataclass
class Point:
    figure_id: str
    period: PartialDate
    value: float
    qualifier: str
    implied: bool
    x: float = 0.0
    y: float = 0.0


@dataclass
class Series:
    label: str
    style: str
    """The stylesheet class that colours the series: nb-s0, nb-s1, …"""
    points: list[Point] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        """One polyline per run of neighbouring periods: no line is drawn across a missing period."""
        runs: list[list[Point]] = []
        for point in self.points:
            if runs and _next_period(runs[-1][-1].period) == point.period:
                runs[-1].append(point)
            else:
                runs.append([point])
        return [" ".join(f"{p.x:.1f},{p.y:.1f}" for p in run) for run in runs if len(run) > 1]


def _next_period(period: PartialDate) -> PartialDate:
    """The period after this one, at the same precision: January 2026 after December 2025."""
    if period.precision == "year":
        return PartialDate(period.year + 1)
    if period.precision == "month":
        month = cast(int, period.month)
        return PartialDate(period.year + (month == 12), month % 12 + 1)
    day = dt.date.fromordinal(period.first_day.toordinal() + 1)
    return PartialDate(day.year, day.month, day.day)


@dataclass
class Chart:
    id: str
    title: str
    unit: str
    series: list[Series]
    periods: list[PartialDate]
    ticks: list[tuple[float, str]] = field(default_factory=list)
    """(y position, label) of each horizontal grid line."""
    x_labels: list[tuple[float, str, int]] = field(default_factory=list)
    """(x position, label, row) under the axis."""
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: float = 0.0
    """The baseline of the first row of axis labels."""

    @property
    def description(self) -> str:
        parts = []
        for s in self.series:
            values = "; ".join(
                f"{p.period.human()}: {derive.QUALIFIER_TEXT.get(p.qualifier, '')}{derive.format_number(p.value, 0)}{' (implied)' if p.implied else ''}"
                for p in s.points
            )
            parts.append(f"{s.label} — {values}")
        return ". ".join(parts) + "."

    @property
    def figure_ids(self) -> list[str]:
        return [p.figure_id for s in self.series for p in s.points]

    def has(self, *qualifiers: str, implied: bool | None = None) -> bool:
        """Whether any point is drawn with one of these qualifiers (or implied): the legend lists only what is drawn."""
        points = [p for s in self.series for p in s.points]
        if implied is not None:
            return any(p.implied == implied for p in points)
        return any(p.qualifier in qualifiers for p in points)


def chartable_figures(site: Site) -> dict[str, list[str]]:
    """Subject id → the figures that can be charted (stated or implied, not derived); built once a build."""
    by_subject: dict[str, list[str]] = defaultdict(list)
    for entry in site.of_kind("figure"):
        figure = entry.record
        if figure.derivation is None and (figure.value is not None or entry.id in site.implied):
            by_subject[figure.subject].append(entry.id)
    return by_subject


def charts_for(site: Site, subject_id: str, chartable: dict[str, list[str]]) -> list[Chart]:
    """Every chart of a subject's figure series (two periods or more), in a stable order."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for figure_id in chartable.get(subject_id, ()):
        figure = site.record(figure_id)
        groups[(figure.unit, figure.period.precision)].append(figure_id)
    charts = []
    for (unit, precision), ids in sorted(groups.items()):
        periods = sorted({site.record(i).period for i in ids})
        if len(periods) < 2:
            continue
        charts.append(_chart(site, subject_id, unit, precision, ids, periods))
    return charts


def _chart(site: Site, subject_id: str, unit: str, precision: str, ids: list[str], periods: list[PartialDate]) -> Chart:
    by_metric: dict[str, list[str]] = defaultdict(list)
    for figure_id in ids:
        figure = site.record(figure_id)
        label = figure.metric if figure.basis == "actual" or figure.basis in figure.metric else f"{figure.metric} ({figure.basis})"
        by_metric[label].append(figure_id)
    subject = site.entries[subject_id].record
    name = getattr(subject, "name", None) or getattr(subject, "title", subject_id)
    series = []
    for index, (label, figure_ids) in enumerate(sorted(by_metric.items())):
        points = []
        for figure_id in sorted(figure_ids, key=lambda i: site.record(i).period):
            value, qualifier = site.figure_value(figure_id)
            points.append(Point(figure_id, site.record(figure_id).period, value, qualifier, figure_id in site.implied))
        series.append(Series(f"{name} {label}" if getattr(subject, "name", None) else label, f"nb-s{index % SERIES_CLASSES}", points))
    title = f"{name}: {UNIT_SPECS[unit].plural} by {precision}"  # "percentage points", not the unit's key
    chart = Chart(f"chart-{subject_id}-{unit}-{precision}".lower(), title, unit, series, periods)
    _lay_out(chart)
    return chart


def _lay_out(chart: Chart) -> None:
    top = max(p.value for s in chart.series for p in s.points)
    step = _nice_step(top / 4 if top > 0 else 1)
    y_max = step * math.ceil(top * 1.15 / step) if top > 0 else 1
    plot_w, plot_h = chart.width - LEFT - RIGHT, chart.height - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - max(value, 0) / y_max)

    # Time runs to scale: a year between two months is drawn twelve times wider than a month.
    slots = len(chart.periods)
    start, end = chart.periods[0].first_day.toordinal(), chart.periods[-1].first_day.toordinal()
    span = max(end - start, 1)
    margin = plot_w / (2 * slots)
    x_of = {p: LEFT + margin + (plot_w - 2 * margin) * (p.first_day.toordinal() - start) / span for p in chart.periods}
    suffix = {"percent": "%"}.get(chart.unit, "")
    chart.ticks = [(y_of(v), f"{derive.format_number(v, 0)}{suffix}") for v in _frange(0, y_max, step)]
    chart.x_labels = _axis_labels([(x_of[p], _short_period(p)) for p in chart.periods], chart.width)
    rows = 1 + max(row for _, _, row in chart.x_labels)
    chart.axis_y = TOP + plot_h + ROW_HEIGHT + 2
    chart.height += ROW_HEIGHT * (rows - 1)
    # Series sharing a period stand side by side, so equal values do not hide each other.
    dodge = min(12.0, plot_w / slots / (len(chart.series) + 1))
    for index, series in enumerate(chart.series):
        offset = (index - (len(chart.series) - 1) / 2) * dodge
        for point in series.points:
            point.x, point.y = x_of[point.period] + offset, y_of(point.value)


MONTHS_SHORT = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_period(period: PartialDate) -> str:
    """'Jan 2026': an axis label short enough for a phone (the table below the chart has the long form)."""
    if period.precision == "year":
        return str(period.year)
    day = f"{period.day} " if period.day else ""
    return f"{day}{MONTHS_SHORT[cast(int, period.month)]} {period.year}"


def _axis_labels(labels: list[tuple[float, str]], width: float) -> list[tuple[float, str, int]]:
    """(x, text, row) of each label: a label that would touch the last one in a row goes to the next row."""
    placed: list[tuple[float, str, int]] = []
    row_ends: list[float] = []
    for x, text in labels:
        half = len(text) * CHAR_WIDTH / 2
        x = min(max(x, half), width - half)  # never cut at the edges
        row = next((i for i, end in enumerate(row_ends) if x - half > end + CHAR_WIDTH), len(row_ends))
        if row == len(row_ends):
            row_ends.append(x + half)
        else:
            row_ends[row] = x + half
        placed.append((x, text, row))
    return placed


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _frange(start: float, stop: float, step: float) -> list[float]:
    count = int(round((stop - start) / step))
    return [start + i * step for i in range(count + 1)]
