"""Every number in every text agrees with the figures that text speaks of.

Each text field of each record (found from the model, so a new field is read the
day it is added) is read with :mod:`numbers`, and each number must match a figure
**in the text's scope**: the figures the record names, the figures of the claims,
statements, votes and sources it cites, the figures of the briefs it belongs to,
the figures about it, and the values derived from or implied by any of those —
never the whole site, so the check is as strict with a hundred briefs as with one.

A number that is not a figure ("Section 301") is listed on the record under
``not_figures`` with the reason; nothing is allowed silently.
"""

from __future__ import annotations

import re
import typing
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import derive
from .loader import Entry, field_name
from .model import VOTE_COUNTS
from .numbers import MULTIPLE, PERCENT, PLAIN, POINTS, Mention, read_numbers
from .problems import Problem
from .vocabulary import UNIT_SPECS

Site = typing.Any
"""checks.Site (checks imports this module, so it is not imported back)."""

NOT_PROSE = frozenset(
    {
        "url",
        "website",
        "language",
        "country",
        "in",
        "name",
        "native_name",
        "aliases",
        "not_figures",
        "date_as_stated",
        "period_as_stated",
        "duration_as_stated",
    }
)
"""Text fields that are not prose a reader takes numbers from: names, addresses, codes, date words
(checked as dates), a duration (checked against the policy's dates) and the exceptions themselves."""

MAX_LISTED = 6
"""How many figures in scope an error message lists, closest first."""


@dataclass(frozen=True)
class Candidate:
    """A value a text may quote: a figure (stated or implied) or a vote's count."""

    id: str
    value: float
    unit: str
    is_change: bool
    note: str = ""
    """Said after the value in messages: which competing value an implied figure was computed from."""

    @property
    def dimension(self) -> str:
        return UNIT_SPECS[self.unit].dimension

    def shown(self) -> str:
        decimals = getattr(self.value, "decimals", None)
        if decimals is None:
            decimals = 0 if abs(self.value) >= 1000 or UNIT_SPECS[self.unit].is_count else 2
        suffix = {"percent": "%", "percentage-points": " points", "times": "×"}.get(self.unit, "")
        note = f" ({self.note})" if self.note else ""
        return f"{self.id} = {derive.format_number(self.value, decimals).replace('-', '−')}{suffix}{note}"


def vote_count_values(site: Site, vote_id: str) -> dict[str, float]:
    """A vote's counts as quotable values: {'<vote>.in_favour': 10, …, '<vote>.voting': 27}."""
    vote = site.record(vote_id)
    counts = {name: getattr(vote, name) for name in VOTE_COUNTS if getattr(vote, name) is not None}
    values = {f"{vote_id}.{name}": float(v) for name, v in counts.items()}
    if vote.members is not None:
        values[f"{vote_id}.members"] = float(vote.members)
    voting = [counts[n] for n in ("in_favour", "against", "abstaining") if n in counts]
    if len(voting) > 1:
        values[f"{vote_id}.voting"] = float(sum(voting))
    return values


# --- the text fields of a record, from the model ---------------------------------


def texts_of(entry: Entry) -> Iterator[tuple[tuple, str]]:
    """Every prose text in a record: (location as in YAML, text); the fields come from the model (textfields)."""
    for loc, text in entry.texts:
        if not any(step in NOT_PROSE for step in loc if isinstance(step, str)):
            yield loc, text


# --- scope -------------------------------------------------------------------------


class Scope:
    """What each text may quote, worked out from the references in the data (once a build)."""

    def __init__(self, site: Site):
        self.site = site
        self.referrers: dict[str, set[str]] = defaultdict(set)
        self.refs: dict[str, set[str]] = defaultdict(set)
        self.dangling: set[str] = set()
        """Records that name a missing or broken record."""
        for entry in site.entries.values():
            for _loc, target, _kinds in entry.refs:
                if target in site.entries:
                    self.refs[entry.id].add(target)
                    self.referrers[target].add(entry.id)
                else:
                    self.dangling.add(entry.id)
        self.candidates = self._all_candidates()
        self.troubled: set[str] = set()
        """Figures with a problem of their own: a text that quotes them is not blamed as well."""

    def _all_candidates(self) -> dict[str, Candidate]:
        site = self.site
        found: dict[str, Candidate] = {}
        for entry in site.of_kind("figure"):
            figure = entry.record
            if figure.value is None and entry.id not in site.implied:
                continue
            value, _ = site.figure_value(entry.id)
            relation = figure.derivation.relation if figure.derivation else None
            is_change = relation in ("percent-change", "percentage-point-change") or figure.unit == "percentage-points" or value < 0
            implied = site.implied.get(entry.id)
            note = f"implied from the preferred value {implied.uses}" if implied and implied.uses else ""
            found[entry.id] = Candidate(entry.id, value, figure.unit, is_change, note)
        for entry in site.of_kind("vote"):
            for count_id, value in vote_count_values(site, entry.id).items():
                found[count_id] = Candidate(count_id, value, entry.record.unit, False)
        return found

    def of_figures(self, figure_ids: Iterable[str]) -> dict[str, Candidate]:
        """These figures and every value derived from or implied by them (both ways, transitively)."""
        ids = set(figure_ids)
        frontier = list(ids)
        while frontier:
            figure_id = frontier.pop()
            for related in self._related_figures(figure_id):
                if related not in ids:
                    ids.add(related)
                    frontier.append(related)
        return {i: self.candidates[i] for i in sorted(ids) if i in self.candidates}

    def _related_figures(self, figure_id: str) -> set[str]:
        entry = self.site.entries.get(figure_id)
        if entry is None or entry.kind != "figure":
            return set()
        figure = entry.record
        related = set()
        if figure.derivation:
            related |= {f for f in (figure.derivation.base, figure.derivation.current, *figure.derivation.parts) if f}
        if figure.implied_by:
            related.add(figure.implied_by)
        related |= {c.than for c in figure.compared_to}
        group = self.site.competing.get(figure_id)
        if group is not None:  # competing values of one measure: a text may quote any of them
            related |= {v.figure_id for v in group.values}
        related |= {r for r in self.referrers.get(figure_id, ()) if self._kind(r) == "figure"}
        return related

    def _kind(self, record_id: str) -> str | None:
        entry = self.site.entries.get(record_id)
        return entry.kind if entry else None

    def of_record(self, record_id: str) -> dict[str, Candidate]:
        """The figures a record's text may quote."""
        figures: set[str] = set()
        counts: dict[str, Candidate] = {}
        briefs = {record_id} if self._kind(record_id) == "brief" else {r for r in self.referrers.get(record_id, ()) if self._kind(r) == "brief"}
        for brief_id in briefs:
            figures |= self._figures_named_by(brief_id)
        figures |= self._figures_named_by(record_id)
        for cited in self.refs.get(record_id, ()):
            if self._kind(cited) in ("claim", "statement", "vote", "policy", "event", "figure"):
                figures |= self._figures_named_by(cited)
        for related in (record_id, *self.refs.get(record_id, ()), *briefs):
            for vote_id in self._votes_of(related):
                counts.update(self._counts(vote_id))
        return {**self.of_figures(figures), **counts}

    def _figures_named_by(self, record_id: str) -> set[str]:
        """Figures a record names, the figures about it, and the figures backed by the sources it cites."""
        named = {r for r in self.refs.get(record_id, ()) if self._kind(r) == "figure"}
        if self._kind(record_id) == "figure":
            named.add(record_id)
        named |= {r for r in self.referrers.get(record_id, ()) if self._kind(r) == "figure"}
        for cited in self.refs.get(record_id, ()):
            if self._kind(cited) == "source":
                named |= {r for r in self.referrers.get(cited, ()) if self._kind(r) == "figure"}
        return named

    def _votes_of(self, record_id: str) -> set[str]:
        kind = self._kind(record_id)
        votes = {record_id} if kind == "vote" else set()
        votes |= {r for r in self.refs.get(record_id, ()) if self._kind(r) == "vote"}
        votes |= {r for r in self.referrers.get(record_id, ()) if self._kind(r) == "vote"}
        return votes

    def _counts(self, vote_id: str) -> dict[str, Candidate]:
        return {k: c for k, c in self.candidates.items() if k.startswith(f"{vote_id}.")}


# --- matching ------------------------------------------------------------------------

_KIND_DIMENSIONS = {PERCENT: ("percent",), POINTS: ("percentage-points",), MULTIPLE: ("ratio",)}


def compatible(mention: Mention, candidate: Candidate) -> bool:
    """A percentage quotes a percent figure, 'points' a percentage-point one, '$' a USD one; a plain number a count, duration or sum of money."""
    if mention.kind in _KIND_DIMENSIONS:
        return candidate.dimension in _KIND_DIMENSIONS[mention.kind]
    if mention.kind.startswith("money-"):
        return candidate.dimension == mention.kind
    return candidate.dimension == "count" or candidate.dimension == "duration" or candidate.dimension.startswith("money-")


def agrees(mention: Mention, candidate: Candidate) -> bool:
    """The text quotes this value: the same kind of quantity, the digits written, the direction said."""
    if not compatible(mention, candidate):
        return False
    if mention.direction and candidate.is_change and candidate.value != 0:
        if (mention.direction == "up") != (candidate.value > 0):
            return False
    value, number = abs(candidate.value), mention.value
    tolerance = mention.step / 2 + 1e-9 * max(1.0, number)
    if mention.approximate == "about":
        return abs(value - number) <= max(tolerance, number * derive.ABOUT_TOLERANCE)
    if mention.approximate == "over":
        return value >= number - tolerance
    if mention.approximate == "under":
        return value <= number + tolerance
    return abs(value - number) <= tolerance


def closest(mention: Mention, candidates: dict[str, Candidate]) -> list[Candidate]:
    """The candidates in order of closeness to the number (those of the same kind of quantity first)."""

    def distance(candidate: Candidate) -> tuple:
        gap = abs(abs(candidate.value) - mention.value) / max(abs(candidate.value), mention.value, 1e-9)
        return (not compatible(mention, candidate), gap, candidate.id)

    return sorted(candidates.values(), key=distance)


def _listed(mention: Mention, candidates: dict[str, Candidate]) -> str:
    ordered = closest(mention, candidates)
    shown = ", ".join(c.shown() for c in ordered[:MAX_LISTED])
    more = len(ordered) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


# --- the check ---------------------------------------------------------------------------


def check_texts(site: Site, found: list[Problem]) -> list[Problem]:
    """The numbers in every text, checked in scope (``found``: the problems so far, whose figures are passed over)."""
    scope = Scope(site)
    files_with_problems = {p.file for p in found}
    scope.troubled = {e.id for e in site.of_kind("figure") if e.file in files_with_problems}
    problems: list[Problem] = []
    for entry in site.entries.values():
        if entry.id in scope.dangling:
            continue  # it names a missing or broken record: that is reported, and its numbers cannot be placed
        problems.extend(check_record(scope, entry))
    return problems


def check_record(scope: Scope, entry: Entry) -> Iterator[Problem]:
    exceptions = _exceptions(entry)
    used: set[int] = set()
    general: dict[str, Candidate] | None = None
    for loc, text in texts_of(entry):
        mentions = read_numbers(text)
        if not mentions:
            continue
        kept = []
        for mention in mentions:
            covering = _covering_exception(text, mention, exceptions)
            if covering is None:
                kept.append(mention)
            else:
                used.add(covering)
        if not kept:
            continue
        own = _own_scope(scope, entry, loc)
        if own is not None:
            yield from _check_against(entry, loc, kept, own, strict=loc == ("as_stated",), troubled=scope.troubled)
            continue
        if general is None:
            general = scope.of_record(entry.id)
        yield from _check_against(entry, loc, kept, general, strict=False, troubled=scope.troubled)
    for index, (text, _) in enumerate(exceptions):
        if index not in used:
            where = ("not_figures", index, "text")
            yield Problem(
                entry.file,
                entry.line_of(where),
                field_name(where),
                f"'{text}' is not a number in this record's text — remove it from `not_figures`, or correct it to the words as they appear",
            )


def _own_scope(scope: Scope, entry: Entry, loc: tuple) -> dict[str, Candidate] | None:
    """Texts that speak of particular figures: a claim that lists figures, a figure's or a derivation's own words."""
    if entry.kind == "claim" and loc == ("text",) and (entry.record.figures or entry.record.latest):
        from .competing import newest  # a series is quoted at its newest period

        return scope.of_figures([*entry.record.figures, *(newest(scope.site, f) for f in entry.record.latest if f in scope.site.entries)])
    if entry.kind == "figure":
        figure = entry.record
        if loc == ("as_stated",):
            return {i: c for i, c in scope.candidates.items() if i == entry.id}
        if loc[0] == "derivation" and figure.derivation:
            d = figure.derivation
            ids = [entry.id, *(f for f in (d.base, d.current, *d.parts) if f)]
            return {i: scope.candidates[i] for i in ids if i in scope.candidates}
        if loc[0] == "compared_to":
            than = figure.compared_to[loc[1]].than
            return {i: scope.candidates[i] for i in (entry.id, than) if i in scope.candidates}
    return None


def _check_against(
    entry: Entry, loc: tuple, mentions: list[Mention], candidates: dict[str, Candidate], strict: bool, troubled: set[str] | frozenset[str] = frozenset()
) -> Iterator[Problem]:
    for mention in mentions:
        if any(agrees(mention, c) for c in candidates.values()):
            continue
        if troubled and any(_same_number(mention, c) for c in candidates.values() if c.id in troubled):
            continue  # the figure it quotes has a problem of its own (its unit, its sign): reported there, once
        line, name = entry.line_of(loc), field_name(loc)
        if strict:
            yield Problem(entry.file, line, name, _as_stated_message(mention, candidates.get(entry.id)))
        elif not candidates:
            yield Problem(
                entry.file,
                line,
                name,
                f"'{mention.written}' matches no figure: this text's scope has none — add the figure and refer to it, "
                f"or, if it is not a figure, list it under `not_figures` with the reason",
            )
        else:
            best = closest(mention, candidates)[0]
            yield Problem(
                entry.file,
                line,
                name,
                f"'{mention.written}' matches no figure in this text's scope ({_listed(mention, candidates)}) — "
                f"closest is {best.id}; correct the text or the figure, or, if it is not a figure, "
                f"list it under `not_figures` with the reason",
            )


def _same_number(mention: Mention, candidate: Candidate) -> bool:
    return abs(abs(candidate.value) - mention.value) <= mention.step / 2 + 1e-9


def _as_stated_message(mention: Mention, figure: Candidate | None) -> str:
    """Why a figure's own words disagree with it: the unit, the direction or the number."""
    if figure is None:
        return f"'{mention.written}' cannot be checked: the figure has no value"
    value = f"{derive.format_number(figure.value, 6)} {figure.unit}"
    if not compatible(mention, figure):
        said = {PERCENT: "percent", POINTS: "percentage points", MULTIPLE: "a multiple", PLAIN: "a plain number"}.get(mention.kind, mention.kind)
        return f"'{mention.written}' is in {said}, but the figure is in {figure.unit} ({value}) — correct `unit` or `as_stated`"
    if mention.direction and figure.is_change and figure.value != 0 and (mention.direction == "up") != (figure.value > 0):
        way = "a rise" if mention.direction == "up" else "a fall"
        return f"'{mention.written}' says {way}, but the value is {value} — correct the sign of `value`, or `as_stated`"
    return f"'{mention.written}' does not agree with the value {value} — correct `value` or `as_stated`"


def _exceptions(entry: Entry) -> list[tuple[str, str]]:
    return [(n.text, n.reason) for n in getattr(entry.record, "not_figures", [])]


def _covering_exception(text: str, mention: Mention, exceptions: list[tuple[str, str]]) -> int | None:
    """The index of the `not_figures` entry whose words cover this number in the text, if any."""
    lowered = text.lower()  # "a five-month low" also covers a headline's "A five-month low"
    for index, (words, _) in enumerate(exceptions):
        words = words.lower()
        for found in re.finditer(f"(?={re.escape(words)})", lowered):  # every place, overlapping ones too
            if found.start() <= mention.start and mention.end <= found.start() + len(words):
                return index
    return None


def count_numbers(site: Site) -> dict[str, int]:
    """How many numbers the content's texts hold, how many are checked, and how many are marked not figures."""
    read = excepted = 0
    for entry in site.entries.values():
        exceptions = _exceptions(entry)
        for _loc, text in texts_of(entry):
            for mention in read_numbers(text):
                read += 1
                excepted += _covering_exception(text, mention, exceptions) is not None
    return {"read": read, "checked": read - excepted, "not_figures": excepted}
