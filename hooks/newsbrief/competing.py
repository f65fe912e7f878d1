"""Competing values: several figures for one measure, one of them preferred (Wikidata's ranks).

A figure's identity is what it measures — subject, metric, period, basis and
dimensions. Figures that share it compete: each keeps its own source, date and
qualifier, and exactly one is preferred, with a reason. A revision (``revises:``)
is a competing value too: unless an editor ranks otherwise, the revision is
preferred ("later revision") and the value it revises is deprecated.

Derived figures use the preferred value of each figure they name (unless their
derivation says ``values: as-named``); values whose intervals do not overlap are a
discrepancy, shown on the pages — never averaged or hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from . import derive
from .problems import Problem
from .vocabulary import unit_words

Site = Any
"""checks.Site (checks imports this module, so it is not imported back)."""


@dataclass(frozen=True)
class Ranked:
    """One value of a measure: its figure, its rank (as written or worked out) and the reason."""

    figure_id: str
    rank: str
    reason: str | None


@dataclass(frozen=True)
class Group:
    """The competing values of one measure, the preferred one first, then by their sources' dates."""

    label: str
    values: tuple[Ranked, ...]
    preferred: str | None
    discrepant: tuple[str, ...]
    """Figures whose values cannot be the preferred one's (their intervals do not overlap)."""

    def others(self, figure_id: str) -> list[Ranked]:
        return [v for v in self.values if v.figure_id != figure_id]

    def rank_of(self, figure_id: str) -> Ranked:
        return next(v for v in self.values if v.figure_id == figure_id)


def identity(figure) -> tuple:
    """What a figure measures. Metrics are compared as words (case and spacing aside)."""
    dims = figure.dimensions.model_dump(by_alias=True, exclude_none=True) if figure.dimensions else {}
    return (figure.subject, " ".join(figure.metric.lower().split()), str(figure.period), figure.basis, tuple(sorted(dims.items())))


def latest_source_date(site: Site, figure) -> Any:
    sources = figure.sources or (site.record(figure.implied_by).sources if figure.implied_by in site.entries else [])
    dates = [site.record(s).published for s in sources if s in site.entries and site.entries[s].kind == "source"]
    return max(dates) if dates else None


def _ranks(site: Site, members: list[str]) -> list[Ranked]:
    """Each value's rank: a revised value is deprecated (the revision supersedes it, whatever its rank said);
    otherwise as written; a revision is preferred ("later revision") unless another value is ranked preferred."""
    revised_by = {site.record(m).revises: m for m in members if site.record(m).revises in members}
    explicit_preferred = any(site.record(m).rank == "preferred" for m in members if m not in revised_by)
    ranked = []
    for m in members:
        figure = site.record(m)
        if m in revised_by:
            ranked.append(Ranked(m, "deprecated", f"revised by {revised_by[m]}"))
        elif figure.rank != "normal":
            ranked.append(Ranked(m, figure.rank, figure.rank_reason))
        elif figure.revises in members and not explicit_preferred:
            ranked.append(Ranked(m, "preferred", "later revision"))
        else:
            ranked.append(Ranked(m, "normal", None))
    return ranked


def label(figure) -> str:
    """'xiaomi deliveries, 2026-01 (actual)': a measure, in messages."""
    return f"{_identity_words(figure).replace(f', {figure.basis}', f' ({figure.basis})', 1)}"


def resolve(site: Site) -> Iterator[Problem]:
    """Group the figures into measures; set ``site.competing``; report groups without exactly one preferred value."""
    by_identity: dict[tuple, list[str]] = {}
    for entry in site.of_kind("figure"):
        by_identity.setdefault(identity(entry.record), []).append(entry.id)
    site.competing = {}
    for members in by_identity.values():
        if len(members) < 2:
            continue
        ranked = _ranks(site, members)
        preferred = [r.figure_id for r in ranked if r.rank == "preferred"]
        order = {"preferred": 0, "normal": 1, "deprecated": 2}
        ranked.sort(key=lambda r: (order[r.rank], str(latest_source_date(site, site.record(r.figure_id)) or ""), r.figure_id))
        chosen = preferred[0] if len(preferred) == 1 else None
        group = Group(label(site.record(members[0])), tuple(ranked), chosen, ())
        for m in members:
            site.competing[m] = group
        if len(preferred) != 1:
            yield _rank_problem(site, group, preferred)


def _rank_problem(site: Site, group: Group, preferred: list[str]) -> Problem:
    first = site.entries[min(v.figure_id for v in group.values)]
    listed = "; ".join(
        f"{where(site, v.figure_id)} {quantity(site, v.figure_id)} ({source_words(site, v.figure_id)})" for v in sorted(group.values, key=lambda v: v.figure_id)
    )
    if not preferred:
        message = (
            f"competing values for {group.label}: {listed} — none is preferred: set `rank: preferred` and "
            f"`rank_reason: <why>` ('official statistics', 'company's own count') on one of them"
        )
    else:
        message = (
            f"competing values for {group.label}: {listed} — {len(preferred)} are preferred "
            f"({', '.join(preferred)}): keep `rank: preferred` on one, make the others `normal` or `deprecated`"
        )
    return Problem(first.file, first.line_of(("value",)) or first.line_of(("metric",)), "rank", message)


def where(site: Site, figure_id: str) -> str:
    entry = site.entries[figure_id]
    line = entry.line_of(("value",)) or entry.line_of(("metric",))
    return f"{entry.file}:{line}"


def quantity(site: Site, figure_id: str) -> str:
    """'over 39,000 vehicles', '17.0%': a value in messages, as the checks write it."""
    figure = site.record(figure_id)
    value, qualifier = site.figure_value(figure_id)
    if value is None:
        return "(no value)"
    decimals = 0 if derive.UNITS[figure.unit] == "count" else 2
    number = derive.format_number(value, decimals).replace("-", "−")
    suffix = {"percent": "%", "percentage-points": " pp", "times": "×"}.get(figure.unit) or f" {unit_words(figure.unit, value)}"
    return f"{derive.QUALIFIER_TEXT[qualifier]}{number}{suffix}"


def source_words(site: Site, figure_id: str) -> str:
    """'xiaomi-deliveries-release-2026-01, 2026-02-01': the sources of a value and the latest date."""
    figure = site.record(figure_id)
    sources = figure.sources or (site.record(figure.implied_by).sources if figure.implied_by in site.entries else [])
    date = latest_source_date(site, figure)
    return f"{', '.join(sources) or 'no source'}{f', {date}' if date else ''}"


def value_bounds(site: Site, figure_id: str) -> derive.Bounds | None:
    figure = site.record(figure_id)
    if figure_id in site.implied:
        implied = site.implied[figure_id]
        return derive.bounds(implied.value, implied.qualifier, None)
    if figure.value is None:
        return None
    return derive.figure_bounds(figure)


def mark_discrepancies(site: Site) -> None:
    """Once every value is known (implied ones included): which values the preferred one contradicts."""
    done: dict[int, Group] = {}
    for figure_id, group in list(site.competing.items()):
        if id(group) not in done:
            done[id(group)] = replace(group, discrepant=_discrepant(site, group.preferred, list(group.values)))
        site.competing[figure_id] = done[id(group)]


def _discrepant(site: Site, preferred: str | None, ranked: list[Ranked]) -> tuple[str, ...]:
    """Values that cannot be the preferred one (deprecated ones are known to differ: not a discrepancy)."""
    if preferred is None:
        return ()
    base = value_bounds(site, preferred)
    found = []
    for r in ranked:
        if r.figure_id == preferred or r.rank == "deprecated":
            continue
        other = value_bounds(site, r.figure_id)
        if base is not None and other is not None and not base.overlaps(other):
            found.append(r.figure_id)
    return tuple(found)


def operand(site: Site, figure_id: str, values: str = "preferred") -> str:
    """The figure a derivation uses for ``figure_id``: its preferred competing value, unless `as-named`."""
    group = site.competing.get(figure_id)
    if values == "as-named" or group is None or group.preferred is None:
        return figure_id
    return group.preferred


def check_revisions(site: Site) -> Iterator[Problem]:
    """A rank other than normal says why; a revision measures the same thing as what it revises, from a later source."""
    for entry in site.of_kind("figure"):
        figure = entry.record
        if figure.rank != "normal" and not figure.rank_reason:
            yield Problem(
                entry.file,
                entry.line_of(("rank",)),
                "rank",
                f"`rank: {figure.rank}` needs `rank_reason:` saying why ('official statistics', 'company's own count', 'later revision')",
            )
        old = site.entries.get(figure.revises) if figure.revises else None
        if old is None or old.kind != "figure":
            continue
        loc = ("revises",)
        if identity(old.record) != identity(figure):
            yield Problem(
                entry.file,
                entry.line_of(loc),
                "revises",
                f"'{figure.revises}' measures something else ({_identity_words(old.record)}; this figure: {_identity_words(figure)}) — "
                f"a revision has the same subject, metric, period, basis and dimensions",
            )
            continue
        new_date, old_date = latest_source_date(site, figure), latest_source_date(site, old.record)
        if new_date is not None and old_date is not None and not new_date > old_date:
            yield Problem(
                entry.file,
                entry.line_of(loc),
                "revises",
                f"a revision comes from a later source, but this figure's latest source is from {new_date} and "
                f"'{figure.revises}''s from {old_date} — cite the revising source, or make it a competing value (`rank`) instead",
            )


def _identity_words(figure) -> str:
    dims = identity(figure)[4]
    extra = "".join(f", {k} {v}" for k, v in dims)
    return f"{figure.subject} {figure.metric}, {figure.period}, {figure.basis}{extra}"


# --- series: one measure over time ------------------------------------------------


def series_key(figure) -> tuple:
    subject, metric, _period, basis, dims = identity(figure)
    return (subject, metric, basis, dims, figure.period.precision)


def series_name(figure) -> str:
    """A series as a key of ``site.series``: a string, so that pages note reading it as they note reading a record."""
    return f"series:{series_key(figure)!r}"


def series_index(site: Site) -> dict[str, list[str]]:
    """Every series → its figures, oldest period first: made once a build, so finding a figure's newer
    periods does not go through every figure (which made the checks and pages quadratic in the figures)."""
    index: dict[str, list[str]] = {}
    for entry in site.of_kind("figure"):
        index.setdefault(series_name(entry.record), []).append(entry.id)
    for members in index.values():
        members.sort(key=lambda m: (site.record(m).period, m))
    return index


def newer(site: Site, figure_id: str) -> list[str]:
    """The figures of the same series with a later period, newest first."""
    figure = site.record(figure_id)
    if site.series is None:  # a Site made without check(): index it now
        site.series = series_index(site)
    members = site.series.get(series_name(figure)) or []
    found = [m for m in members if site.record(m).period > figure.period]
    return sorted(found, key=lambda m: (site.record(m).period, m), reverse=True)


def newest(site: Site, figure_id: str) -> str:
    """The figure for the newest period of ``figure_id``'s series (the preferred value, when several compete)."""
    later = newer(site, figure_id)
    chosen = later[0] if later else figure_id
    group = site.competing.get(chosen)
    return group.preferred if group and group.preferred else chosen
