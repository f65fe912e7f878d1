"""What follows from the data: derived-figure arithmetic, implied figures, claim status.

Figures carry qualifiers ("over 39,000") and rounding ("34%"), so each is read as
an interval of the values it admits; a derived figure agrees with the figures it
is derived from when its interval and the computed one overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

from . import vocabulary
from .model import Derivation, Figure
from .vocabulary import UNIT_SPECS, UNITS

ABOUT_TOLERANCE = 0.05
"""'about 22,900' admits values within 5% (or within half its rounding step, if wider)."""


@dataclass(frozen=True)
class Bounds:
    lo: float
    hi: float

    def overlaps(self, other: Bounds) -> bool:
        return self.lo <= other.hi + 1e-9 and other.lo <= self.hi + 1e-9


def default_rounding(value: float) -> float:
    """The step of the last digit written: 34 → 1, 33.6 → 0.1, 12.0 (as written) → 0.1."""
    if hasattr(value, "step"):
        return value.step
    text = repr(float(value))
    if "e" in text:
        return 1.0
    decimals = len(text.split(".")[1].rstrip("0"))
    return 10.0**-decimals


def bounds(value: float, qualifier: str, rounding: float | None, exact_count: bool = False) -> Bounds:
    """The values a stated figure admits: "over 39,000" is [39,000, ∞); 12 members is exactly 12."""
    half = 0.0 if exact_count and not rounding else (rounding or default_rounding(value)) / 2
    loose = max(half, abs(value) * ABOUT_TOLERANCE)
    return {
        "exact": lambda: Bounds(value - half, value + half),
        "about": lambda: Bounds(value - loose, value + loose),
        "nearly": lambda: Bounds(value - loose, value),
        "over": lambda: Bounds(value, math.inf),
        "at-least": lambda: Bounds(value, math.inf),
        "under": lambda: Bounds(-math.inf, value),
        "at-most": lambda: Bounds(-math.inf, value),
    }[qualifier]()


def figure_bounds(figure: Figure) -> Bounds:
    """Counts are exact unless `rounding` says otherwise; other figures are read to the digits written."""
    return bounds(cast(float, figure.value), figure.qualifier, figure.rounding, exact_count=UNIT_SPECS[figure.unit].is_count)


def _divide(a: Bounds, b: Bounds) -> Bounds | None:
    if b.lo <= 0:
        return None  # a base that may be zero or negative admits any ratio
    candidates = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
    candidates = [c for c in candidates if not math.isnan(c)]
    return Bounds(min(candidates), max(candidates))


def computed_bounds(relation: str, operands: list[Bounds]) -> Bounds | None:
    """The interval a derived figure must fall in, from the intervals of its operands."""
    if relation == "sum":
        return Bounds(sum(b.lo for b in operands), sum(b.hi for b in operands))
    base, current = operands
    if relation == "percentage-point-change":
        return Bounds(current.lo - base.hi, current.hi - base.lo)
    ratio = _divide(current, base)
    if ratio is None:
        return None
    if relation == "multiple":
        return ratio
    return Bounds((ratio.lo - 1) * 100, (ratio.hi - 1) * 100)  # percent-change


def compute(relation: str, values: list[float]) -> float:
    """The derived value from the operands' stated values."""
    if relation == "sum":
        return sum(values)
    base, current = values
    if relation == "percentage-point-change":
        return current - base
    if relation == "multiple":
        return current / base
    return (current / base - 1) * 100


def implied_value(relation: str, stated: float, known: float, known_is_base: bool) -> float:
    """Solve the relation for its missing operand: +70% on over 39,000 → 39,000 / 1.7."""
    if relation == "percentage-point-change":
        return known + stated if known_is_base else known - stated
    factor = stated if relation == "multiple" else 1 + stated / 100
    return known * factor if known_is_base else known / factor


def implied_bounds(relation: str, stated: Bounds, known: Bounds, known_is_base: bool) -> Bounds:
    """Interval arithmetic: every value the implied figure can take, given the values its inputs admit.

    Solving for the missing operand is monotone in each input, so the extremes are at the corners:
    over 39,000 and a rounded 70% (69.5 to 70.5) give 22,874 or more, not "over 22,941".
    """
    corners = [implied_value(relation, s, k, known_is_base) for s in (stated.lo, stated.hi) for k in (known.lo, known.hi)]
    corners = [c for c in corners if not math.isnan(c)]
    return Bounds(min(corners), max(corners)) if corners else Bounds(-math.inf, math.inf)


SIGNIFICANT_DIGITS = 3
"""An open-ended implied bound is rounded outwards to this many significant digits: at least 22,800."""


def _round_to_digits(value: float, digits: int, direction) -> float:
    if value == 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
    return direction(value / step) * step


def honest_value(b: Bounds) -> tuple[float, str] | None:
    """What the bounds justify saying, as (value, qualifier): 'at least 22,800', 'about 25'; None if nothing."""
    if math.isinf(b.lo) and math.isinf(b.hi):
        return None
    if math.isinf(b.hi):
        return _round_to_digits(b.lo, SIGNIFICANT_DIGITS, math.floor), "at-least"
    if math.isinf(b.lo):
        return _round_to_digits(b.hi, SIGNIFICANT_DIGITS, math.ceil), "at-most"
    middle, width = (b.lo + b.hi) / 2, b.hi - b.lo
    if width == 0:
        return middle, "exact"
    step = 10.0 ** math.floor(math.log10(width))  # no digit finer than the interval's own width
    return round(middle / step) * step, "about"


UNIT_RULES = {
    "percent-change": ("same", "percent"),
    "percentage-point-change": ("percent", "percentage-points"),
    "multiple": ("same", "times"),
    "sum": ("same", None),
}
"""relation → (what the operands must share, the unit the derived figure must have)."""


def unit_problem(derivation: Derivation, figure: Figure, operands: list[Figure]) -> str | None:
    """Why the units of a derivation don't fit together, or None."""
    operand_rule, result_unit = UNIT_RULES[derivation.relation]
    dimensions = {UNITS[o.unit] for o in operands}
    units = ", ".join(sorted({o.unit for o in operands}))
    if operand_rule == "percent" and dimensions != {"percent"}:
        return f"a percentage-point change compares two percentages, but the figures are in {units}"
    if len(dimensions) > 1:
        return f"cannot compare figures in different units ({units}): a {derivation.relation} needs one unit"
    if result_unit and figure.unit != result_unit:
        return f"a {derivation.relation} is measured in {result_unit}, not {figure.unit} — set `unit: {result_unit}`"
    if result_unit is None and UNITS[figure.unit] not in dimensions:
        return f"a sum of figures in {units} cannot be in {figure.unit}"
    return None


def arithmetic_text(relation: str, operand_texts: list[str], result_text: str) -> str:
    """The arithmetic written out for readers: '550,000 / 411,837 − 1 = +33.55%'."""
    if relation == "sum":
        return f"{' + '.join(operand_texts)} = {result_text}"
    base, current = operand_texts
    return {
        "percent-change": f"{current} / {base} − 1 = {result_text}",
        "percentage-point-change": f"{current} − {base} = {result_text}",
        "multiple": f"{current} / {base} = {result_text}",
    }[relation]


def format_number(value: float, max_decimals: int = 2) -> str:
    """411837 → '411,837'; 33.5507 → '33.55'; 4.0 → '4'; a value as the editor wrote it, 17.0, → '17.0'."""
    written = getattr(value, "decimals", None)
    if written is not None:
        return f"{value:,.{written}f}"
    text = f"{value:,.{max_decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def comparison_holds(relation: str, this: Bounds, other: Bounds) -> bool:
    """Whether "this is <relation> other" is possible for some values the bounds admit."""
    return {
        "above": lambda: this.hi > other.lo,
        "at-least": lambda: this.hi >= other.lo,
        "below": lambda: this.lo < other.hi,
        "at-most": lambda: this.lo <= other.hi,
        "equal": lambda: this.overlaps(other),
    }[relation]()


QUALIFIER_TEXT = vocabulary.QUALIFIER_TEXT
"""How a qualifier reads before a number: 'over 39,000' (vocabulary.yaml)."""

STATUS_LABELS = {"reported": "Reported", "disputed": "Disputed", "denied": "Denied", "confirmed": "Confirmed"}


def claim_status(stances: list[str]) -> str:
    """A claim's status from the stances taken on it; never typed by hand.

    Someone asserts, confirms or supports and someone denies or rejects → disputed; only denials → denied;
    a confirmation without denial → confirmed; otherwise → reported.
    """
    supports = any(s in ("asserts", "confirms", "supports") for s in stances)
    denies = any(s in ("denies", "rejects") for s in stances)
    if denies:
        return "disputed" if supports else "denied"
    if "confirms" in stances:
        return "confirmed"
    return "reported"
