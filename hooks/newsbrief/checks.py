"""Cross-record checks: run by the MkDocs hook on every build and by the tests.

Every problem is collected and reported together, each as one line an editor can
act on. The result, :class:`Site`, also carries what the checks computed —
implied figures, arithmetic, claim statuses — so pages never recompute it.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
import math
import operator
import os
import re
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import competing, derive, pending, reldates, series, textcheck, tracking
from .loader import Entry, FileCache, Loaded, field_name, load_content
from .model import FOLDER_OF, VOTE_COUNTS
from .numbers import read_numbers
from .problems import Problem, did_you_mean
from .tracking import KIND
from .types import PartialDate


@dataclass(frozen=True)
class Implied:
    """A figure the source never states, computed from a derived figure."""

    value: float
    qualifier: str
    arithmetic: str
    bounds: derive.Bounds | None = None
    """Every value the inputs admit (interval arithmetic); ``value`` and ``qualifier`` say only what it justifies."""
    uses: str | None = None
    """The preferred competing value it was computed from, when not the figure the derivation names."""


def build_today() -> dt.date:
    """Today for this build: ``NEWSBRIEF_TODAY=2026-02-01`` fixes it; otherwise the machine's date."""
    fixed = os.environ.get("NEWSBRIEF_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _nothing_noted() -> None:
    """``Site.read_today`` outside `mkdocs serve --dirty`: a function of the module, so that the site can be
    sent to the render worker (pickled), which a lambda cannot."""


@dataclass
class Site:
    """Everything loaded and checked: records by id, computed values, and problems."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    implied: dict[str, Implied] = field(default_factory=dict)
    arithmetic: dict[str, str] = field(default_factory=dict)
    stances: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """claim id → [(statement id, stance)], in statement-id order."""
    broken_ids: dict[str, str] = field(default_factory=dict)
    """Ids of files that failed to load: checks that need them are skipped, not repeated."""
    text_scope: Any = None
    """The number check's scope of each text (textcheck.Scope), kept for hand-written pages (prose)."""
    competing: dict[str, competing.Group] = field(default_factory=dict)
    """figure id → the competing values of its measure (only figures that have competitors)."""
    pending: dict[str, pending.Pending] = field(default_factory=dict)
    """event id → the state of an expected release (an event with `expects`)."""
    series: dict[str, list[str]] | None = None
    """series name → its figures, oldest period first (competing.series_index; made by check())."""
    today: dt.date = field(default_factory=build_today)
    """The build's today: what is scheduled and what has passed (NEWSBRIEF_TODAY fixes it, for tests)."""
    kinds: dict[str, list[Entry]] | None = None
    """Each kind's records, in id order (``assemble``: a check or a page asking for one kind does not go
    through all 10,000). Under `mkdocs serve --dirty` (incremental.track) reading one kind's list is noted as
    reading that kind, not every record. None for a site not assembled: ``of_kind`` goes through all."""

    derivations: Derivations | None = field(default=None, repr=False, compare=False)
    """What ``assemble`` worked out beyond listing the records, step by step, with the records each step read:
    the next save's assembling keeps the steps that read nothing it changed (the preview)."""
    changed: list[str] | None = None
    """The ids whose record came, went or changed since the last reading ``assemble`` was given; None without one."""

    read_today: Callable[[], None] = field(default=_nothing_noted, repr=False, compare=False)
    """Called whenever a page asks what today is: under `mkdocs serve --dirty` (incremental.track) it
    notes the read, so that a page showing what is still scheduled is made again when the day passes."""

    def is_scheduled(self, date: PartialDate) -> bool:
        """Announced for a day that has not come yet (by the build's today)."""
        self.read_today()
        return date.first_day > self.today

    def of_kind(self, kind: str) -> list[Entry]:
        if self.kinds is not None:
            return list(self.kinds[kind])
        return [e for e in self.entries.values() if e.kind == kind]

    def record(self, record_id: str) -> Any:
        """The typed model of a record (Any: which model depends on its kind)."""
        return self.entries[record_id].record

    def status(self, claim_id: str) -> str:
        return derive.claim_status([stance for _, stance in self.stances.get(claim_id, [])])

    def figure_value(self, figure_id: str) -> tuple[float, str]:
        """(value, qualifier) of a figure, stated or implied."""
        if figure_id in self.implied:
            implied = self.implied[figure_id]
            return implied.value, implied.qualifier
        figure = self.record(figure_id)
        return figure.value, figure.qualifier


def load_site(content_dir: Path, root: Path | None = None, cache: FileCache | None = None) -> Site:
    """Load and check the whole content tree; the one entry point for hooks and tests."""
    return check(load_content(content_dir, root, cache))


def check(loaded: Loaded) -> Site:
    site = assemble(loaded)
    site.problems = sorted([*site.problems, *find_problems(site)])
    return site


def assemble(loaded: Loaded, last: Derivations | None = None) -> Site:
    """What the pages are made from (the records by id, series, stances, what is pending, competing values,
    implied figures), with the problems found on the way. The preview (preview.py) shows a save with this
    alone and runs :func:`find_problems` after the page is sent; it gives ``last``, the derivations of the
    reading before, and the steps that read no record the save changed are kept (``DERIVATION_STEPS``)."""
    site = Site(problems=list(loaded.problems), broken_ids=dict(loaded.broken_ids))
    seen = dict(zip(map(operator.attrgetter("id"), loaded.entries), loaded.entries))  # at C speed: 10,000 on every save
    if len(seen) < len(loaded.entries):  # an id used twice: the first file keeps it
        seen = {}
        for entry in loaded.entries:
            if entry.id in seen:
                first = seen[entry.id]
                site.problems.append(
                    Problem(entry.file, 0, "", f"id '{entry.id}' is already used by {first.file} — ids must be unique across all kinds; rename one file")
                )
                continue
            seen[entry.id] = entry
    for record_id, kind in loaded.broken_ids.items():
        if record_id in seen:
            site.problems.append(
                Problem(
                    f"content/{FOLDER_OF[kind]}/{record_id}.yaml",
                    0,
                    "",
                    f"id '{record_id}' is already used by {seen[record_id].file} — ids must be unique across all kinds; rename one file",
                )
            )
    if last is not None and seen.keys() == last.entries.keys():  # the same ids (most saves): in the last order, not sorted again
        site.entries = {record_id: seen[record_id] for record_id in last.entries}
    else:
        site.entries = dict(sorted(seen.items()))
    if last is not None:
        site.changed = changed_ids(last.entries, site.entries)
    site.kinds = _kinds_kept(last, site) if last is not None else None
    if site.kinds is None:
        site.kinds = {kind: [] for kind in FOLDER_OF}
        for entry in site.entries.values():
            site.kinds[entry.kind].append(entry)
    _derive(site, last)
    return site


def _kinds_kept(last: Derivations, site: Site) -> dict[str, list[Entry]] | None:
    """Each kind's records as last listed, with the records a save changed put in their places; None when an id
    came, went or changed kind (then they are listed afresh)."""
    assert site.changed is not None
    kinds = {kind: list(entries) for kind, entries in last.kinds.items()}
    for record_id in site.changed:
        before, now = last.entries.get(record_id), site.entries.get(record_id)
        if before is None or now is None or before.kind != now.kind:
            return None
        listed = kinds[now.kind]
        listed[bisect.bisect_left(listed, record_id, key=operator.attrgetter("id"))] = now  # each kind's list is in id order
    return kinds


@dataclass
class Derivation:
    """One step of assembling: what it set on the site, the problems it found, and every read it made
    (record ids, and ``kind:<kind>`` for a kind's whole list, as a page's are noted: tracking.py)."""

    outputs: dict[str, Any]
    problems: list[Problem]
    reads: frozenset[str]


@dataclass
class Derivations:
    """Every step of one assembling, and what it was worked out from besides the records it read."""

    entries: dict[str, Entry]
    kinds: dict[str, list[Entry]]
    today: dt.date
    steps: dict[str, Derivation]


def _series_step(site: Site) -> list[Problem]:
    site.series = competing.series_index(site)
    return []


def _stances_step(site: Site) -> list[Problem]:
    _collect_stances(site)
    return []


def _pending_step(site: Site) -> list[Problem]:
    return list(pending.resolve(site))


def _figures_step(site: Site) -> list[Problem]:
    problems = [*competing.resolve(site), *competing.check_revisions(site), *_check_figures(site)]
    competing.mark_discrepancies(site)
    return problems


DERIVATION_STEPS: tuple[tuple[str, tuple[str, ...], Callable[[Site], list[Problem]]], ...] = (
    ("series", ("series",), _series_step),
    ("stances", ("stances",), _stances_step),
    ("pending", ("pending",), _pending_step),
    ("figures", ("competing", "implied", "arithmetic"), _figures_step),
)
"""assemble's steps in order: (name, the site's attributes it sets, the step). A step reads the records
through ``site.entries`` and ``site.of_kind`` (noted) and the site's today (compared; not its broken ids), and the
outputs of no other step but its own and the series, which are made again whenever a figure changes, as
the figures step is."""


def _derive(site: Site, last: Derivations | None) -> None:
    """Run each step, noting what it reads; keep a step of ``last`` instead when nothing it read changed."""
    last_steps = last.steps if last is not None and last.today == site.today else {}
    last_entries = last.entries if last is not None else {}
    touched: set[str] = set()  # the changed records, and the kinds whose lists they were or are in
    for record_id in site.changed or ():
        touched.add(record_id)
        touched.update(KIND + e.kind for e in (last_entries.get(record_id), site.entries.get(record_id)) if e is not None)
    entries, kinds = site.entries, site.kinds
    tracker = tracking.Tracker()
    site.entries, site.kinds = tracking.TrackedEntries(entries, tracker), tracking.TrackedKinds(kinds or {}, tracker)
    steps: dict[str, Derivation] = {}
    try:
        for name, outputs, step in DERIVATION_STEPS:
            kept = last_steps.get(name)
            if kept is None or tracking.ALL in kept.reads or not kept.reads.isdisjoint(touched):
                tracker.reads = set()
                problems = step(site)
                kept = Derivation({output: getattr(site, output) for output in outputs}, problems, frozenset(tracker.reads))
                tracker.reads = None
            else:
                for output in outputs:
                    setattr(site, output, kept.outputs[output])
            steps[name] = kept
            site.problems.extend(kept.problems)
    finally:
        site.entries, site.kinds = entries, kinds
    site.derivations = Derivations(entries, kinds or {}, site.today, steps)


def _known_kinds(entries: dict[str, Entry], broken_ids: dict[str, str]) -> dict[str, str]:
    """Every id a reference may name → its kind (:class:`KnownKinds`, copied: the whole check looks up every reference)."""
    return dict(KnownKinds(entries, broken_ids))


def find_problems(site: Site) -> list[Problem]:
    """The problems of the checks that only read the records (references, stance steps, votes, dates,
    durations, the numbers in texts, "latest"), sorted; ``site.problems`` holds the assembly's."""
    known = _known_kinds(site.entries, site.broken_ids)
    found: list[Problem] = []
    for entry in site.entries.values():
        found.extend(_check_refs(entry, known))
    found.extend(_check_stance_steps(site))
    found.extend(_check_votes(site))
    found.extend(_check_dates(site))
    found.extend(_check_policy_durations(site))
    # The number checks pass over figures whose files have problems: those found so far.
    found.extend(textcheck.check_texts(site, [*site.problems, *found]))
    found.extend(series.check_latest(site))
    return sorted(found)


def changed_ids(last_entries: dict[str, Entry], entries: dict[str, Entry]) -> list[str]:
    """The ids whose record came, went or changed between two readings of the content, sorted. Changed means
    not the very same entry: the file cache keeps the entry of a file it did not parse again."""
    if list(last_entries) == list(entries):  # most saves: the same ids, in the same (id) order; compared in C
        return list(itertools.compress(entries, map(operator.is_not, last_entries.values(), entries.values())))
    return sorted(i for i in last_entries.keys() | entries.keys() if last_entries.get(i) is not entries.get(i))


class KnownKinds(Mapping):
    """Every id a reference may name → its kind, looked up in the records and the broken files, not copied
    (the preview checks the references of the few records a save changed, among 10,000). A loaded record
    wins over a broken file of the same id (reported as a duplicate): references to it are checked against
    the record, not the broken file's kind."""

    def __init__(self, entries: dict[str, Entry], broken_ids: dict[str, str]):
        self.entries, self.broken_ids = entries, broken_ids

    def __getitem__(self, record_id: str) -> str:
        entry = self.entries.get(record_id)
        return entry.kind if entry is not None else self.broken_ids[record_id]

    def __iter__(self) -> Iterator[str]:
        yield from self.broken_ids
        yield from (i for i in self.entries if i not in self.broken_ids)

    def __len__(self) -> int:
        return len(self.broken_ids.keys() | self.entries.keys())


def recheck_references(
    site: Site, last_entries: dict[str, Entry], last_broken_ids: dict[str, str], last_found: list[Problem], changed: list[str]
) -> list[Problem]:
    """What :func:`find_problems` found for the records before a save (``last_*``), with the references of
    the records the save changed checked again: the preview shows a wrong or mended reference with the
    save itself, before the whole check (a third of a second at 10,000 records) confirms it.

    ``changed``: :func:`changed_ids` of the two readings. Only when no id came, went or changed kind: then
    no other record's references can have changed. Otherwise, and for every other check, the whole check says."""
    known, last_known = KnownKinds(site.entries, site.broken_ids), KnownKinds(last_entries, last_broken_ids)
    # An id can only have come, gone or changed kind where a record changed or a broken file came, went or changed.
    broken_changed = {record_id for record_id, _kind in site.broken_ids.items() ^ last_broken_ids.items()}
    if any(known.get(i) != last_known.get(i) for i in {*changed, *broken_changed}):
        return last_found
    # A changed id may have been or become a broken file's (the same kind): its references are not checked.
    before = {problem for i in changed if i in last_entries for problem in _check_refs(last_entries[i], last_known)}
    after = [problem for i in changed if i in site.entries for problem in _check_refs(site.entries[i], known)]
    return sorted([*(problem for problem in last_found if problem not in before), *after])


# --- references --------------------------------------------------------------


def _check_refs(entry: Entry, known: Mapping[str, str]) -> Iterator[Problem]:
    for loc, target, kinds in entry.refs:
        if known.get(target) in kinds and target != entry.id:
            continue  # the common case, decided before working out where the reference is written
        where: dict[str, Any] = dict(file=entry.file, line=entry.line_of(loc), field=field_name(loc))
        if target not in known:
            candidates = [i for i, k in known.items() if k in kinds]
            yield Problem(**where, message=f"no record '{target}'{did_you_mean(target, candidates)}")
        elif known[target] not in kinds:
            wanted = _or_list(kinds)
            candidates = [i for i, k in known.items() if k in kinds]
            yield Problem(**where, message=f"'{target}' is a {known[target]}, but this must name a {wanted}{did_you_mean(target, candidates)}")
        elif target == entry.id:
            yield Problem(**where, message=f"a record cannot refer to itself ('{target}')")


def _or_list(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _collect_stances(site: Site) -> None:
    stances: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in site.of_kind("statement"):
        for stance in entry.record.stances:
            stances[stance.claim].append((entry.id, stance.stance))
    site.stances = dict(stances)


def _check_stance_steps(site: Site) -> Iterator[Problem]:
    """A stance on step N of a policy's history names a step that exists."""
    for entry in site.of_kind("statement"):
        for index, stance in enumerate(entry.record.stances):
            if stance.step is None:
                continue
            target = site.entries.get(stance.claim)
            loc = ("stances", index, "step")
            if target is None:
                continue
            if target.kind != "policy":
                yield Problem(
                    entry.file,
                    entry.line_of(loc),
                    field_name(loc),
                    f"`step` is for a stance on a policy's history, but '{stance.claim}' is a {target.kind} — remove `step`",
                )
            elif stance.step > len(target.record.history):
                yield Problem(
                    entry.file,
                    entry.line_of(loc),
                    field_name(loc),
                    f"'{stance.claim}' has {len(target.record.history)} steps in its history, not {stance.step}",
                )


# --- votes ---------------------------------------------------------------------


def _check_votes(site: Site) -> Iterator[Problem]:
    """A vote's counts add up: never more than the body's members, and exactly them when every count is given."""
    for entry in site.of_kind("vote"):
        vote = entry.record
        given = [(name, getattr(vote, name)) for name in VOTE_COUNTS if getattr(vote, name) is not None]
        total = sum(v for _, v in given)
        working = " + ".join(f"{name} {v}" for name, v in given)
        if vote.members is None:
            continue
        complete = len(given) == len(VOTE_COUNTS)
        if total > vote.members or (complete and total != vote.members):
            off = total - vote.members
            yield Problem(
                entry.file,
                entry.line_of(("members",)),
                "members",
                f"the counts do not add up: {working} = {total}, but the body has {vote.members} {vote.unit.replace('-', ' ')} "
                f"({'+' if off > 0 else '−'}{abs(off)}) — correct a count or `members`",
            )


# --- figures -----------------------------------------------------------------


def _figures(site: Site) -> dict[str, Entry]:
    return {e.id: e for e in site.of_kind("figure")}


def _check_figures(site: Site) -> Iterator[Problem]:
    figures = _figures(site)
    # Implied figures first: derived figures may compare against them.
    for entry in figures.values():
        if entry.record.implied_by:
            yield from _resolve_implied(site, entry, figures)
    for entry in figures.values():
        yield from _check_figure_value(site, entry)
    for entry in figures.values():
        if entry.record.derivation:
            yield from _check_derivation(site, entry, figures)
        for index, comparison in enumerate(entry.record.compared_to):
            yield from _check_comparison(site, entry, index, comparison, figures)


def _check_figure_value(site: Site, entry: Entry) -> Iterator[Problem]:
    """Values that cannot be: a negative count, an actual result from after its sources."""
    figure = entry.record  # a Figure (Any to mypy: the model's field types are made at import)
    if figure.value is not None and figure.value < 0 and derive.UNITS[figure.unit] in ("count", "duration"):
        yield Problem(
            entry.file,
            entry.line_of(("value",)),
            "value",
            f"{derive.format_number(figure.value)} {figure.unit} is negative — a count cannot be; a fall is a percent-change figure",
        )
    if figure.value is not None and derive.UNITS[figure.unit] == "count" and float(figure.value) != int(figure.value) and not figure.rounding:
        yield Problem(
            entry.file,
            entry.line_of(("value",)),
            "value",
            f"{figure.value:g} {figure.unit} is not a whole number — counts are whole; for an average or estimate set `rounding:` or use another unit",
        )
    if figure.basis != "actual" or not figure.sources:
        return
    published = [site.entries[s].record.published for s in figure.sources if s in site.entries and site.entries[s].kind == "source"]
    if published and all(figure.period.first_day > p.last_day for p in published):
        yield Problem(
            entry.file,
            entry.line_of(("period",)),
            "period",
            f"{figure.period} begins after its sources were published (latest {max(published)}) — a result cannot be "
            f"reported before it happens: correct the period, or set `basis: target` or `forecast`",
        )


def _operands(derivation) -> list[str]:
    """The figure ids of a derivation's operands, in formula order."""
    if derivation.relation == "sum":
        return list(derivation.parts)
    return [derivation.base, derivation.current]


def _resolve_implied(site: Site, entry: Entry, figures: dict[str, Entry]) -> Iterator[Problem]:
    figure = entry.record
    where: dict[str, Any] = dict(file=entry.file, line=entry.line_of(("implied_by",)), field="implied_by")
    deriving = figures.get(figure.implied_by)
    if deriving is None:
        return  # reported as a dangling reference
    derivation = deriving.record.derivation
    if derivation is None or entry.id not in (derivation.base, derivation.current):
        yield Problem(
            **where, message=f"'{figure.implied_by}' does not derive this figure: it must have a `derivation` whose `base` or `current` is '{entry.id}'"
        )
        return
    known_is_base = derivation.current == entry.id
    named_id = derivation.base if known_is_base else derivation.current
    known_id = competing.operand(site, named_id, derivation.values)
    known = figures.get(known_id)
    if known is None or known.record.implied_by:
        yield Problem(**where, message=f"'{figure.implied_by}' must compare this figure with one whose value is stated, but '{known_id}' is not")
        return
    stated = deriving.record.value
    stated_bounds = derive.figure_bounds(deriving.record)
    bounds = derive.implied_bounds(derivation.relation, stated_bounds, derive.figure_bounds(known.record), known_is_base)
    shown_known = _quantity(known.record.value, known.record.qualifier, known.record.unit)
    shown_stated = _quantity(stated, "exact", deriving.record.unit)
    arithmetic = _implied_arithmetic(derivation.relation, shown_known, shown_stated, known_is_base, stated)
    taking = f"taking {shown_stated} as {_range(stated_bounds, deriving.record.unit)}"
    honest = derive.honest_value(bounds)
    if honest is None:
        # A fall of 100% (or a multiple of 0) within the stated rounding: the division has no answer, and
        # working it out from the value alone divided by zero (the build crashed) or gave a meaningless number.
        yield Problem(
            **where,
            message=f"cannot be worked out: {arithmetic}, {taking}, admits any value — state this figure's value and its source instead of `implied_by`",
        )
        return
    value, qualifier = honest
    site.implied[entry.id] = Implied(
        value,
        qualifier,
        f"{arithmetic} = {_range(bounds, figure.unit)}, {taking}: {_quantity(value, qualifier, figure.unit)} (implied)"
        + _uses_preferred(site, named_id, known_id),
        bounds,
        known_id if known_id != named_id else None,
    )


def _range(bounds: derive.Bounds, unit: str) -> str:
    """'22,874 or more', 'up to 12%', '22.22% to 28.57%': the values an interval admits, in words."""
    low, high = (f"{number}{UNIT_SUFFIX.get(unit, '')}" for number in _ends(bounds, unit))
    if math.isinf(bounds.hi):
        return f"{low} or more"
    if math.isinf(bounds.lo):
        return f"up to {high}"
    # One number when the interval is one (an exact value), or when a count's two ends are one whole number.
    return low if low == high else f"{low} to {high}"


MAX_DECIMALS = 6


def _ends(bounds: derive.Bounds, unit: str) -> tuple[str, str]:
    """An interval's two ends, with as many decimals as it takes to tell them apart: 1.25 written
    with two decimals stands for 1.245 to 1.255, not '1.25 to 1.25'. Counts stay whole; an exact
    value keeps its decimals (up to six)."""
    # Two decimals first; more while the ends read the same (an exact 0.125% goes on to its own digits).
    fewest, most = (0, 0) if derive.UNITS[unit] == "count" else (2, MAX_DECIMALS)
    for decimals in range(fewest, most + 1):
        low, high = (derive.format_number(v, decimals).replace("-", "−") for v in (bounds.lo, bounds.hi))
        if low != high:
            break
    return low, high


def _uses_preferred(site: Site, named_id: str, used_id: str) -> str:
    """', using the preferred value cpca-… (official statistics) of xiaomi-…': which competing value a computation used."""
    if named_id == used_id:
        return ""
    group = site.competing[named_id]
    return f", using the preferred value {used_id} ({group.rank_of(used_id).reason}) of {named_id}"


def _implied_arithmetic(relation: str, known: str, stated: str, known_is_base: bool, stated_value: float) -> str:
    if relation == "percentage-point-change":
        return f"{known} {'+' if known_is_base else '−'} {stated}"
    if relation == "multiple":
        return f"{known} {'×' if known_is_base else '/'} {derive.format_number(stated_value)}"
    factor = f"(1 {'+' if stated_value >= 0 else '−'} {derive.format_number(abs(stated_value))}%)"
    return f"{known} {'×' if known_is_base else '/'} {factor}"


def _check_derivation(site: Site, entry: Entry, figures: dict[str, Entry]) -> Iterator[Problem]:
    figure = entry.record  # a Figure (Any to mypy: the model's field types are made at import)
    derivation = figure.derivation
    named = _operands(derivation)
    if any(fid not in figures for fid in named):
        return  # reported as a dangling reference
    # Each operand with competing values stands for its preferred value (unless `values: as-named`).
    operands = [competing.operand(site, fid, derivation.values) for fid in named]
    uses = "".join(_uses_preferred(site, n, u) for n, u in zip(named, operands))
    operand_figures = [figures[fid].record for fid in operands]
    if any(f.value is None and fid not in site.implied for f, fid in zip(operand_figures, operands)):
        return  # an implied operand that could not be computed: its own problem is reported
    units = derive.unit_problem(derivation, figure, operand_figures)
    if units:
        yield Problem(entry.file, entry.line_of(("unit",)), "unit", units)
        return
    values = [site.figure_value(fid) for fid in operands]
    computed = derive.compute(derivation.relation, [v for v, _ in values])
    operand_texts = [_quantity(v, q, f.unit) for (v, q), f in zip(values, operand_figures)]
    computed_text = _signed(computed, figure.unit, derivation.relation)
    stated_text = _quantity(figure.value, figure.qualifier, figure.unit)
    site.arithmetic[entry.id] = f"{derive.arithmetic_text(derivation.relation, operand_texts, computed_text)}, stated as {stated_text}{uses}"
    implied_operands = [fid for fid in operands if fid in site.implied]
    if implied_operands:
        # The implied operand was computed from this very figure: show how, check nothing.
        site.arithmetic[entry.id] = site.implied[implied_operands[0]].arithmetic
        return
    operand_bounds = [derive.figure_bounds(f) for f in operand_figures]
    expected = derive.computed_bounds(derivation.relation, operand_bounds)
    if expected is not None and not expected.overlaps(derive.figure_bounds(figure)):
        yield Problem(
            entry.file,
            entry.line_of(("value",)),
            "value",
            f"{stated_text} does not agree with the figures it is derived from: "
            f"{derive.arithmetic_text(derivation.relation, operand_texts, computed_text)}{uses} — "
            f"correct `value` (or `rounding`), or the figures it uses{' (or set `derivation.values: as-named`)' if uses else ''}: "
            + ", ".join(f"{figures[fid].file}:{figures[fid].line_of(('value',))}" for fid in operands),
        )


def _check_comparison(site: Site, entry: Entry, index: int, comparison, figures: dict[str, Entry]) -> Iterator[Problem]:
    other = figures.get(comparison.than)
    if other is None or other.record.implied_by or entry.record.implied_by:
        return
    loc = ("compared_to", index)
    this_fig, other_fig = entry.record, other.record
    if derive.UNITS[this_fig.unit] != derive.UNITS[other_fig.unit]:
        yield Problem(entry.file, entry.line_of((*loc, "than")), field_name((*loc, "than")), f"cannot compare {this_fig.unit} with {other_fig.unit}")
        return
    if not derive.comparison_holds(comparison.relation, derive.figure_bounds(this_fig), derive.figure_bounds(other_fig)):
        this_text = _quantity(this_fig.value, this_fig.qualifier, this_fig.unit)
        other_text = _quantity(other_fig.value, other_fig.qualifier, other_fig.unit)
        yield Problem(
            entry.file,
            entry.line_of((*loc, "relation")),
            field_name((*loc, "relation")),
            f"{this_text} is not {comparison.relation.replace('-', ' ')} {other_text} ('{comparison.than}') — correct one of the values or the comparison",
        )


QUALIFIER_WORDS = derive.QUALIFIER_TEXT
UNIT_SUFFIX = {"percent": "%", "percentage-points": " pp", "times": "×"}


def _quantity(value: float, qualifier: str, unit: str) -> str:
    """'over 39,000', '34%', '4×' — for messages and arithmetic."""
    return f"{QUALIFIER_WORDS[qualifier]}{_number(value, unit)}{UNIT_SUFFIX.get(unit, '')}"


def _number(value: float, unit: str) -> str:
    # Counts are whole: an implied 22,941.18 vehicles reads as 22,941.
    decimals = 0 if derive.UNITS[unit] == "count" else 2
    return derive.format_number(value, decimals).replace("-", "−")


def _signed(value: float, unit: str, relation: str) -> str:
    sign = "+" if value > 0 and relation in ("percent-change", "percentage-point-change") else ""
    return f"{sign}{_number(value, unit)}{UNIT_SUFFIX.get(unit, '')}"


# --- dates -------------------------------------------------------------------

DATED_FIELDS = ("date", "period")


def _check_dates(site: Site) -> Iterator[Problem]:
    for entry in site.entries.values():
        yield from _check_record_dates(site, entry, entry.record, ())


def _check_record_dates(site: Site, entry: Entry, record: BaseModel, loc: tuple, previous: PartialDate | None = None) -> Iterator[Problem]:
    for name in _dated_in_words(type(record)):
        stated = getattr(record, f"{name}_as_stated")
        if stated:
            yield from _check_relative(site, entry, record, loc, name, stated, previous)
    for name in _sourced_lists(type(record)):
        before = None
        for i, item in enumerate(getattr(record, name) or ()):
            yield from _check_record_dates(site, entry, item, (*loc, name, i), before)
            before = getattr(item, "date", None)
    yield from _check_not_after_sources(site, entry, record, loc)


@functools.cache
def _dated_in_words(model: type[BaseModel]) -> tuple[str, ...]:
    """The dated fields a model lets an editor also write in words (`date` and `date_as_stated`), read
    from the model once: asking a record for a field its model does not have is slow in pydantic."""
    return tuple(name for name in DATED_FIELDS if f"{name}_as_stated" in model.model_fields)


@functools.cache
def _sourced_lists(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that hold a list of parts with sources of their own (a policy's history, a
    person's roles), read from the model once: the dates of each part are checked as a record's are."""
    found = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # list[…] | None
            annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), annotation)
        if typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            if isinstance(item, type) and issubclass(item, BaseModel) and "sources" in item.model_fields:
                found.append(name)
    return tuple(found)


def _first_source(site: Site, entry: Entry, record: BaseModel):
    """The first listed source: relative words are read against its date (an implied figure's: its implier's)."""
    implier = site.entries.get(getattr(record, "implied_by", None) or "")
    for source_id in getattr(record, "sources", None) or (implier.record.sources if implier else []):
        source_entry = site.entries.get(source_id)
        if source_entry and source_entry.kind == "source":
            return source_id, source_entry.record
    return None, None


STEP_RELATIVE = ("the next day", "the following day", "the day after", "the day before", "the previous day")
"""Words a policy step uses of the step before it ("in force the next day"), not of its source."""

FORWARD_STATUSES = ("planned", "expected", "scheduled")
FORWARD_BASES = ("target", "forecast", "scheduled")


def words_direction(entry: Entry, record: BaseModel, name: str) -> str | None:
    """Which way words that could point either way ("on Wednesday") point for this record.

    An explicit `…_direction` wins; an event still to come, or a target, looks forward;
    a statement, a vote or an event that happened looks back.
    """
    explicit = getattr(record, f"{name}_direction", None)
    if explicit:
        return explicit
    if getattr(record, "status", None) in FORWARD_STATUSES or getattr(record, "basis", None) in FORWARD_BASES:
        return "future"
    return "past" if entry.kind in ("statement", "vote", "event", "figure") else None


def _check_relative(site, entry: Entry, record: BaseModel, loc: tuple, name: str, words: str, previous: PartialDate | None) -> Iterator[Problem]:
    where_words = (*loc, f"{name}_as_stated")
    if previous is not None and " ".join(words.lower().split()) in STEP_RELATIVE:
        anchor, anchor_text = previous, f"counted from the step before ({previous})"
    else:
        source_id, source = _first_source(site, entry, record)
        if source is None:
            # A listed source (or the implier) that is missing is reported on its own. (Every kind with
            # dates in words must list sources, or be implied: the model refuses a record without.)
            return
        anchor, anchor_text = source.published, f"as written in '{source_id}' on {source.published}"
    try:
        resolved = reldates.resolve(words, anchor, words_direction(entry, record, name))
    except ValueError as exc:
        yield Problem(entry.file, entry.line_of(where_words), field_name(where_words), str(exc))
        return
    value: PartialDate = getattr(record, name)
    if not resolved.contains(value):
        yield Problem(
            entry.file,
            entry.line_of((*loc, name)),
            field_name((*loc, name)),
            f"'{value}' does not match '{words}' {anchor_text}: that means {resolved} — correct `{name}` or `{name}_as_stated`",
        )


REPORTS_OF_WHAT_HAPPENED = ("statement", "event", "vote")


def _check_not_after_sources(site: Site, entry: Entry, record: Any, loc: tuple) -> Iterator[Problem]:
    """A statement, a vote or a happened event cannot be dated after every source that reports it.

    A source may announce what will happen (a notice of a rule in force from a later
    date, a scheduled launch): policy steps, and events marked `scheduled` or
    `planned`, may be dated after their sources, and show as scheduled until the day.
    """
    if entry.kind not in REPORTS_OF_WHAT_HAPPENED or loc or getattr(record, "status", "happened") != "happened":
        return
    published = [site.entries[s].record.published for s in record.sources if s in site.entries and site.entries[s].kind == "source"]
    if published and all(record.date.first_day > p.last_day for p in published):
        latest = max(published)
        yield Problem(
            entry.file,
            entry.line_of(("date",)),
            "date",
            f"{record.date} is after its sources were published (latest {latest}) — a report cannot come before what it reports: "
            f"correct the date, or, if the source announced it in advance, set `status: scheduled`",
        )


# --- policies ------------------------------------------------------------------

TAKES_EFFECT = ("in-force", "effective", "provisional", "adopted", "enacted")


def _check_policy_durations(site: Site) -> Iterator[Problem]:
    """'for five years' agrees with the day the policy takes effect and its `ends`."""
    for entry in site.of_kind("policy"):
        policy = entry.record
        if not policy.duration_as_stated or policy.ends is None:
            continue
        where: dict[str, Any] = dict(file=entry.file, line=entry.line_of(("duration_as_stated",)), field="duration_as_stated")
        unit = re.search(r"\b(day|week|month|year)s?\b", policy.duration_as_stated.lower())
        amounts = [m for m in read_numbers(policy.duration_as_stated) if m.kind == "number"]
        if not unit or len(amounts) != 1:
            yield Problem(
                **where,
                message=f"cannot read '{policy.duration_as_stated}' as a length of time — write it as the source does: 'for five years', 'for 6 months'",
            )
            continue
        starts = [step for step in policy.history if step.action in ("in-force", "effective")] or [s for s in policy.history if s.action in TAKES_EFFECT]
        if not starts:
            yield Problem(**where, message="a duration counts from the day the policy takes effect: add a `history` step with `action: in-force`")
            continue
        start = starts[0].date
        end = _add_duration(start.first_day, int(amounts[0].value), unit.group(1))
        candidates = {end, end - dt.timedelta(days=1)}
        if not any(PartialDate(c.year, c.month if policy.ends.month else None, c.day if policy.ends.day else None) == policy.ends for c in candidates):
            yield Problem(
                entry.file,
                entry.line_of(("ends",)),
                "ends",
                f"'{policy.ends}' does not match '{policy.duration_as_stated}' from {start} (when it takes effect): that ends on "
                f"{(end - dt.timedelta(days=1)).isoformat()} — correct `ends` or `duration_as_stated`",
            )


def _add_duration(start: dt.date, amount: int, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return start + dt.timedelta(days=amount * (7 if unit == "week" else 1))
    months = amount * (12 if unit == "year" else 1)
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
