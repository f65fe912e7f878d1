"""Cross-record checks: run by the MkDocs hook on every build and by the tests.

Every problem is collected and reported together, each as one line an editor can
act on. The result, :class:`Site`, also carries what the checks computed —
implied figures, arithmetic, claim statuses — so pages never recompute it.
"""

from __future__ import annotations

import functools
import re
import typing
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from . import derive, reldates
from .loader import Entry, FileCache, Loaded, field_name, load_content
from .model import FOLDER_OF
from .problems import Problem, did_you_mean
from .types import PartialDate, RefTo


@dataclass(frozen=True)
class Implied:
    """A figure the source never states, computed from a derived figure."""

    value: float
    qualifier: str
    arithmetic: str


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

    def of_kind(self, kind: str) -> list[Entry]:
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
    site = Site(problems=list(loaded.problems), broken_ids=dict(loaded.broken_ids))
    seen: dict[str, Entry] = {}
    for entry in loaded.entries:
        if entry.id in seen:
            first = seen[entry.id]
            site.problems.append(Problem(entry.file, 0, "", f"id '{entry.id}' is already used by {first.file} — ids must be unique across all kinds; rename one file"))
            continue
        seen[entry.id] = entry
    for record_id, kind in loaded.broken_ids.items():
        if record_id in seen:
            site.problems.append(Problem(f"content/{FOLDER_OF[kind]}/{record_id}.yaml", 0, "", f"id '{record_id}' is already used by {seen[record_id].file} — ids must be unique across all kinds; rename one file"))
    site.entries = dict(sorted(seen.items()))

    known = {**{i: e.kind for i, e in site.entries.items()}, **loaded.broken_ids}
    for entry in site.entries.values():
        site.problems.extend(_check_refs(entry, known))
    _collect_stances(site)
    site.problems.extend(_check_figures(site))
    site.problems.extend(_check_dates(site))
    site.problems.extend(_check_numbers_in_text(site))
    site.problems.sort()
    return site


# --- references --------------------------------------------------------------

def iter_refs(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """Every reference in a record: (location, id, kinds it may name)."""
    for name, kinds in _fields_of(type(model)):
        value = getattr(model, name)
        if kinds:
            if isinstance(value, list):
                yield from (((*loc, name, i), v, kinds) for i, v in enumerate(value))
            elif value is not None:
                yield (*loc, name), value, kinds
        elif isinstance(value, BaseModel):
            yield from iter_refs(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, (*loc, name, i))


@functools.lru_cache(maxsize=None)
def _fields_of(model_class: type[BaseModel]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """Each field of a model class and the kinds it may name (None: not a reference); worked out once a class."""
    return tuple((name, _ref_kinds(info)) for name, info in model_class.model_fields.items())


def _ref_kinds(info) -> tuple[str, ...] | None:
    for meta in _all_metadata(info.annotation, info.metadata):
        if isinstance(meta, RefTo):
            return meta.kinds
    return None


def _all_metadata(annotation: Any, metadata: list) -> Iterator[Any]:
    yield from metadata
    yield from getattr(annotation, "__metadata__", ())
    for arg in typing.get_args(annotation):
        yield from _all_metadata(arg, [])


def _check_refs(entry: Entry, known: dict[str, str]) -> Iterator[Problem]:
    for loc, target, kinds in iter_refs(entry.record):
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
        yield Problem(entry.file, entry.line_of(("value",)), "value",
                      f"{derive.format_number(figure.value)} {figure.unit} is negative — a count cannot be; a fall is a percent-change figure")
    if figure.basis != "actual" or not figure.sources:
        return
    published = [site.entries[s].record.published for s in figure.sources if s in site.entries and site.entries[s].kind == "source"]
    if published and all(figure.period.first_day > p.last_day for p in published):
        yield Problem(entry.file, entry.line_of(("period",)), "period",
                      f"{figure.period} begins after its sources were published (latest {max(published)}) — a result cannot be "
                      f"reported before it happens: correct the period, or set `basis: target` or `forecast`")


def _operands(derivation) -> list[tuple[str, str]]:
    """[(field location, figure id)] of a derivation's operands, in formula order."""
    if derivation.relation == "sum":
        return [(f"parts[{i}]", p) for i, p in enumerate(derivation.parts)]
    return [("base", derivation.base), ("current", derivation.current)]


def _resolve_implied(site: Site, entry: Entry, figures: dict[str, Entry]) -> Iterator[Problem]:
    figure = entry.record
    where: dict[str, Any] = dict(file=entry.file, line=entry.line_of(("implied_by",)), field="implied_by")
    deriving = figures.get(figure.implied_by)
    if deriving is None:
        return  # reported as a dangling reference
    derivation = deriving.record.derivation
    if derivation is None or entry.id not in (derivation.base, derivation.current):
        yield Problem(**where, message=f"'{figure.implied_by}' does not derive this figure: it must have a `derivation` whose `base` or `current` is '{entry.id}'")
        return
    known_is_base = derivation.current == entry.id
    known_id = derivation.base if known_is_base else derivation.current
    known = figures.get(known_id)
    if known is None or known.record.implied_by:
        yield Problem(**where, message=f"'{figure.implied_by}' must compare this figure with one whose value is stated, but '{known_id}' is not")
        return
    stated = deriving.record.value
    value = derive.implied_value(derivation.relation, stated, known.record.value, known_is_base)
    qualifier = derive.implied_qualifier(known.record.qualifier)
    shown_known = _quantity(known.record.value, known.record.qualifier, known.record.unit)
    shown_stated = _quantity(stated, "exact", deriving.record.unit)
    arithmetic = _implied_arithmetic(derivation.relation, shown_known, shown_stated, known_is_base, stated)
    site.implied[entry.id] = Implied(value, qualifier, f"{arithmetic} = {_quantity(value, qualifier, figure.unit)} (implied)")


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
    operands = _operands(derivation)
    if any(fid not in figures for _, fid in operands):
        return  # reported as a dangling reference
    operand_figures = [figures[fid].record for _, fid in operands]
    if any(f.value is None and fid not in site.implied for f, (_, fid) in zip(operand_figures, operands)):
        return  # an implied operand that could not be computed: its own problem is reported
    units = derive.unit_problem(derivation, figure, operand_figures)
    if units:
        yield Problem(entry.file, entry.line_of(("unit",)), "unit", units)
        return
    values = [site.figure_value(fid) for _, fid in operands]
    computed = derive.compute(derivation.relation, [v for v, _ in values])
    operand_texts = [_quantity(v, q, f.unit) for (v, q), f in zip(values, operand_figures)]
    computed_text = _signed(computed, figure.unit, derivation.relation)
    stated_text = _quantity(figure.value, figure.qualifier, figure.unit)
    site.arithmetic[entry.id] = f"{derive.arithmetic_text(derivation.relation, operand_texts, computed_text)}, stated as {stated_text}"
    implied_operands = [fid for _, fid in operands if fid in site.implied]
    if implied_operands:
        # The implied operand was computed from this very figure: show how, check nothing.
        site.arithmetic[entry.id] = site.implied[implied_operands[0]].arithmetic
        return
    operand_bounds = [derive.figure_bounds(f) for f in operand_figures]
    expected = derive.computed_bounds(derivation.relation, operand_bounds)
    if expected is not None and not expected.overlaps(derive.figure_bounds(figure)):
        yield Problem(
            entry.file, entry.line_of(("value",)), "value",
            f"{stated_text} does not agree with the figures it is derived from: "
            f"{derive.arithmetic_text(derivation.relation, operand_texts, computed_text)} — "
            f"correct `value` (or `rounding`), or the figures it uses: "
            + ", ".join(f"{figures[fid].file}:{figures[fid].line_of(('value',))}" for _, fid in operands),
        )


def _check_comparison(site: Site, entry: Entry, index: int, comparison, figures: dict[str, Entry]) -> Iterator[Problem]:
    other = figures.get(comparison.than)
    if other is None or other.record.implied_by or entry.record.implied_by:
        return
    loc = ("compared_to", index)
    this_fig, other_fig = entry.record, other.record
    if derive.UNITS[this_fig.unit] != derive.UNITS[other_fig.unit]:
        yield Problem(entry.file, entry.line_of((*loc, "than")), field_name((*loc, "than")),
                      f"cannot compare {this_fig.unit} with {other_fig.unit}")
        return
    if not derive.comparison_holds(comparison.relation, derive.figure_bounds(this_fig), derive.figure_bounds(other_fig)):
        this_text = _quantity(this_fig.value, this_fig.qualifier, this_fig.unit)
        other_text = _quantity(other_fig.value, other_fig.qualifier, other_fig.unit)
        yield Problem(entry.file, entry.line_of((*loc, "relation")), field_name((*loc, "relation")),
                      f"{this_text} is not {comparison.relation.replace('-', ' ')} {other_text} ('{comparison.than}') — correct one of the values or the comparison")


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


def _check_record_dates(site: Site, entry: Entry, record: BaseModel, loc: tuple) -> Iterator[Problem]:
    for name in DATED_FIELDS:
        stated = getattr(record, f"{name}_as_stated", None)
        if stated:
            yield from _check_relative(site, entry, record, loc, name, stated)
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel) and hasattr(item, "sources"):
                    yield from _check_record_dates(site, entry, item, (*loc, name, i))
    yield from _check_not_after_sources(site, entry, record, loc)


def _first_source(site: Site, entry: Entry, record: BaseModel):
    """The first listed source: relative words are read against its date."""
    for source_id in getattr(record, "sources", None) or []:
        source_entry = site.entries.get(source_id)
        if source_entry and source_entry.kind == "source":
            return source_id, source_entry.record
    return None, None


def _check_relative(site: Site, entry: Entry, record: BaseModel, loc: tuple, name: str, words: str) -> Iterator[Problem]:
    source_id, source = _first_source(site, entry, record)
    if source is None:
        return
    where_words = (*loc, f"{name}_as_stated")
    try:
        resolved = reldates.resolve(words, source.published)
    except ValueError as exc:
        yield Problem(entry.file, entry.line_of(where_words), field_name(where_words), str(exc))
        return
    value: PartialDate = getattr(record, name)
    if not resolved.contains(value):
        yield Problem(
            entry.file, entry.line_of((*loc, name)), field_name((*loc, name)),
            f"'{value}' does not match '{words}' as written in '{source_id}' on {source.published}: "
            f"that means {resolved} — correct `{name}` or `{name}_as_stated`",
        )


def _check_not_after_sources(site: Site, entry: Entry, record: Any, loc: tuple) -> Iterator[Problem]:
    """A statement or happened event cannot be dated after every source that reports it."""
    if entry.kind not in ("statement", "event") or loc or getattr(record, "status", "happened") != "happened":
        return
    published = [site.entries[s].record.published for s in record.sources if s in site.entries and site.entries[s].kind == "source"]
    if published and all(record.date.first_day > p.last_day for p in published):
        latest = max(published)
        yield Problem(entry.file, entry.line_of(("date",)), "date",
                      f"{record.date} is after its sources were published (latest {latest}) — correct the date, or mark a future event `status: planned`")


# --- numbers written in text -------------------------------------------------

# A number a reader would take for a figure: 411,837 or 34% (bare years like 2025 are not).
_NUMBER_IN_TEXT = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?=\s?%))(?![\w,]\d)")


def numbers_in_text(text: str) -> list[tuple[str, float]]:
    """[(as written, value)] of figure-like numbers in prose: '411,837' and '34%'."""
    return [(m.group(1), float(m.group(1).replace(",", ""))) for m in _NUMBER_IN_TEXT.finditer(text)]


def _check_numbers_in_text(site: Site) -> Iterator[Problem]:
    """Numbers written in text agree with the data.

    A claim that lists figures may only quote those figures' values; any other text
    (quotes, summaries, titles) may only quote a value some figure in the data has.
    """
    all_values = {e.id: site.figure_value(e.id)[0] for e in site.of_kind("figure") if e.record.value is not None or e.id in site.implied}
    for entry in site.entries.values():
        if entry.kind == "claim" and entry.record.figures:
            listed = [f for f in entry.record.figures if f in all_values]
            if len(listed) < len(entry.record.figures):
                continue  # a listed figure is missing or broken: that is reported on its own
            yield from _numbers_agree(entry, ("text",), entry.record.text, {f: all_values[f] for f in listed}, "this claim lists")
            continue
        for name in TEXT_FIELDS.get(entry.kind, ()):
            text = getattr(entry.record, name)
            if text:
                yield from _numbers_agree(entry, (name,), text, all_values, "in content/")


TEXT_FIELDS = {
    "claim": ("text",), "statement": ("quote", "paraphrase"), "brief": ("headline", "summary"),
    "event": ("title", "summary"), "policy": ("title", "summary"),
}
"""Prose fields whose figure-like numbers must agree with the data."""


def _numbers_agree(entry: Entry, loc: tuple, text: str, values: dict[str, float], where: str) -> Iterator[Problem]:
    for written, number in numbers_in_text(text):
        if any(number_matches(number, written, value) for value in values.values()):
            continue
        if where == "this claim lists":
            shown = ", ".join(f"{fid} = {derive.format_number(v, 0 if abs(v) >= 1000 else 2)}" for fid, v in values.items())
            message = f"'{written}' matches none of the figures this claim lists ({shown}) — correct the text, or the figure"
        else:
            message = f"'{written}' matches no figure in content/ — add the figure, or correct the text"
        yield Problem(entry.file, entry.line_of(loc), field_name(loc), message)


def number_matches(number: float, written: str, value: float) -> bool:
    """Prose drops the sign ("down 20%") and rounds to the digits it writes."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    return round(abs(value), decimals) == number
