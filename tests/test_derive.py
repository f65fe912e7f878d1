"""Figure arithmetic with qualifiers and rounding, and claim status from stances."""

from __future__ import annotations

import math

import pytest

from newsbrief import derive
from newsbrief.derive import Bounds
from newsbrief.model import Derivation, Figure
from newsbrief.types import Number


@pytest.mark.parametrize(
    ("value", "qualifier", "rounding", "expected"),
    [
        (34, "exact", None, Bounds(33.5, 34.5)),
        (33.6, "exact", None, Bounds(33.55, 33.65)),
        (35, "exact", 5, Bounds(32.5, 37.5)),
        (39000, "over", None, Bounds(39000, math.inf)),
        (100, "under", None, Bounds(-math.inf, 100)),
        (100, "about", None, Bounds(95, 105)),
        (100, "nearly", None, Bounds(95, 100)),
    ],
)
def test_stated_figures_are_intervals(value, qualifier, rounding, expected) -> None:
    got = derive.bounds(value, qualifier, rounding)
    assert got.lo == pytest.approx(expected.lo) and got.hi == pytest.approx(expected.hi)


@pytest.mark.parametrize(
    ("relation", "base", "current", "stated", "agrees"),
    [
        ("percent-change", (411837, "exact"), (550000, "exact"), (34, "exact"), True),  # +33.55% stated as 34%
        ("percent-change", (411837, "exact"), (550000, "exact"), (40, "exact"), False),
        ("percent-change", (411837, "exact"), (550000, "exact"), (33, "exact"), False),
        ("percent-change", (1000, "exact"), (500, "over"), (-40, "exact"), True),  # over 500 admits −40%
        ("percent-change", (1000, "exact"), (500, "over"), (-60, "exact"), False),  # …but not −60%
        ("multiple", (25, "exact"), (100, "exact"), (4, "exact"), True),
        ("multiple", (25, "exact"), (100, "exact"), (3, "exact"), False),
        ("percentage-point-change", (10, "exact"), (12.5, "exact"), (2.5, "exact"), True),
    ],
)
def test_derived_figures_agree_within_rounding_and_qualifiers(relation, base, current, stated, agrees) -> None:
    operands = [derive.bounds(v, q, None) for v, q in (base, current)]
    expected = derive.computed_bounds(relation, operands)
    assert expected.overlaps(derive.bounds(*stated, None)) is agrees


def test_sum_of_parts() -> None:
    parts = [derive.bounds(v, "exact", None) for v in (10, 20, 30)]
    assert derive.computed_bounds("sum", parts).overlaps(derive.bounds(60, "exact", None))
    assert not derive.computed_bounds("sum", parts).overlaps(derive.bounds(63, "exact", None))


@pytest.mark.parametrize(
    ("relation", "stated", "known", "known_is_base", "expected"),
    [
        ("percent-change", 70, 39000, False, 39000 / 1.7),
        ("percent-change", -20, 39000, False, 48750),
        ("percent-change", 34, 411837, True, 411837 * 1.34),
        ("multiple", 4, 100, False, 25),
        ("percentage-point-change", 2, 10, True, 12),
        ("percentage-point-change", 2, 12, False, 10),
    ],
)
def test_implied_values_solve_the_relation(relation, stated, known, known_is_base, expected) -> None:
    assert derive.implied_value(relation, stated, known, known_is_base) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("stances", "status"),
    [
        ([], "reported"),
        (["asserts"], "reported"),
        (["asserts", "denies", "denies"], "disputed"),
        (["denies"], "denied"),
        (["confirms"], "confirmed"),
        (["confirms", "denies"], "disputed"),
        (["declines-to-comment"], "reported"),
    ],
)
def test_claim_status_is_derived_from_stances(stances, status) -> None:
    assert derive.claim_status(stances) == status


@pytest.mark.parametrize(("value", "text"), [(411837, "411,837"), (33.5507, "33.55"), (4.0, "4"), (0.5, "0.5")])
def test_numbers_are_formatted_for_readers(value, text) -> None:
    assert derive.format_number(value) == text


@pytest.mark.parametrize(
    ("stances", "status"),
    [(["supports"], "reported"), (["rejects"], "denied"), (["supports", "rejects"], "disputed"), (["asserts", "rejects"], "disputed")],
)
def test_stances_on_policies_and_rulings_count_like_claims(stances: list[str], status: str) -> None:
    """'The ministry rejects the ruling': rejecting is denying, supporting is asserting."""
    assert derive.claim_status(stances) == status


@pytest.mark.parametrize(
    ("relation", "stated", "known", "known_is_base", "expected"),
    [
        # over 39,000 after a rounded +70%: 22,874 or more, said as "at least 22,800"
        ("percent-change", Bounds(69.5, 70.5), Bounds(39000, math.inf), False, (22800, "at-least")),
        ("percent-change", Bounds(-20.5, -19.5), Bounds(39000, math.inf), False, (48400, "at-least")),
        ("multiple", Bounds(3.5, 4.5), Bounds(99.5, 100.5), False, (25, "about")),
        ("percent-change", Bounds(33.5, 34.5), Bounds(-math.inf, 411837), True, (554000, "at-most")),
    ],
)
def test_implied_figures_carry_only_the_precision_their_inputs_justify(relation, stated, known, known_is_base, expected) -> None:
    bounds = derive.implied_bounds(relation, stated, known, known_is_base)
    value, qualifier = derive.honest_value(bounds)
    assert (value, qualifier) == (pytest.approx(expected[0]), expected[1])
    # What is said is true of every value the inputs admit.
    assert derive.bounds(value, qualifier, None).lo <= bounds.lo + 1e-9 or qualifier == "about"
    if qualifier == "about":
        assert bounds.lo <= value <= bounds.hi


# "Acme's sales are above Globex's": whether a stated comparison can hold, for every relation, at the
# edges where bounds touch. Each row is written out by hand.
@pytest.mark.parametrize(
    ("this", "other", "holds"),
    [
        ((10, 10), (10, 10), {"above": False, "at-least": True, "below": False, "at-most": True, "equal": True}),
        ((10, 11), (11, 12), {"above": False, "at-least": True, "below": True, "at-most": True, "equal": True}),
        ((13, 14), (11, 12), {"above": True, "at-least": True, "below": False, "at-most": False, "equal": False}),
        ((5, 6), (11, 12), {"above": False, "at-least": False, "below": True, "at-most": True, "equal": False}),
        ((12, 13), (11, 12), {"above": True, "at-least": True, "below": False, "at-most": True, "equal": True}),
    ],
)
def test_a_comparison_holds_exactly_when_the_bounds_allow_it(this, other, holds) -> None:
    assert {relation: derive.comparison_holds(relation, Bounds(*this), Bounds(*other)) for relation in holds} == holds


def test_bounds_that_touch_within_rounding_noise_overlap_and_others_do_not() -> None:
    assert Bounds(1, 2).overlaps(Bounds(2 + 1e-10, 3)) and Bounds(2 + 1e-10, 3).overlaps(Bounds(1, 2))
    assert not Bounds(1, 2).overlaps(Bounds(2.01, 3)) and not Bounds(2.01, 3).overlaps(Bounds(1, 2))


# Each qualifier's interval, written out by hand: the width is half the rounding step, or 5% for
# 'about'/'nearly' when that is wider; a count with no rounding is exact; negative values too.
@pytest.mark.parametrize(
    ("value", "qualifier", "rounding", "exact_count", "expected"),
    [
        (12, "exact", None, True, Bounds(12, 12)),  # 12 members is exactly 12
        (12, "exact", 4, True, Bounds(10, 14)),  # …unless the editor says it is rounded
        (12, "exact", None, False, Bounds(11.5, 12.5)),
        (3, "about", None, False, Bounds(2.5, 3.5)),  # half a step (0.5) is wider than 5% (0.15)
        (-100, "about", None, False, Bounds(-105, -95)),  # 5% of the size, whatever the sign
        (3, "nearly", None, False, Bounds(2.5, 3)),
        (-100, "nearly", None, False, Bounds(-105, -100)),
        (200, "at-least", None, False, Bounds(200, math.inf)),
        (200, "at-most", None, False, Bounds(-math.inf, 200)),
        (34.0, "exact", None, False, Bounds(33.5, 34.5)),  # a float written without decimals reads to the unit
        (1e-05, "exact", None, False, Bounds(1e-05 - 0.5, 1e-05 + 0.5)),  # written in powers of ten: to the unit
    ],
)
def test_every_qualifier_admits_the_values_written_out(value, qualifier, rounding, exact_count, expected) -> None:
    got = derive.bounds(value, qualifier, rounding, exact_count)
    assert (got.lo, got.hi) == (pytest.approx(expected.lo), pytest.approx(expected.hi))


def test_a_value_as_the_editor_wrote_it_is_read_to_its_last_digit() -> None:
    """12.0 as written is precise to a tenth; the same float written 12 is precise to the unit."""
    assert derive.default_rounding(Number(12.0, 1)) == pytest.approx(0.1)
    assert derive.default_rounding(Number(12.0, 0)) == 1
    assert derive.default_rounding(33.65) == pytest.approx(0.01)


@pytest.mark.parametrize(
    ("relation", "values", "expected"),
    [
        ("sum", [10, 20, 30.5], 60.5),
        ("percentage-point-change", [10, 12.5], 2.5),
        ("multiple", [25, 100], 4),
        ("percent-change", [1000, 1200], 20),
        ("percent-change", [1000, 800], -20),
    ],
)
def test_the_derived_value_is_computed_from_the_stated_values(relation: str, values: list[float], expected: float) -> None:
    assert derive.compute(relation, values) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("relation", "operands", "expected"),
    [
        ("sum", [Bounds(1, 2), Bounds(10, 20)], Bounds(11, 22)),
        ("percentage-point-change", [Bounds(10, 11), Bounds(12, 15)], Bounds(1, 5)),
        ("multiple", [Bounds(2, 4), Bounds(8, 12)], Bounds(2, 6)),
        ("multiple", [Bounds(0.5, 1), Bounds(2, 3)], Bounds(2, 6)),  # a base under 1 is still a base
        ("percent-change", [Bounds(100, 200), Bounds(300, 400)], Bounds(50, 300)),
        # a base of 'over 10' and a current of 'at least 39,000': any multiple from 0 up
        ("multiple", [Bounds(10, math.inf), Bounds(39000, math.inf)], Bounds(0, math.inf)),
    ],
)
def test_the_interval_a_derived_figure_must_fall_in(relation: str, operands: list[Bounds], expected: Bounds) -> None:
    got = derive.computed_bounds(relation, operands)
    assert got is not None and (got.lo, got.hi) == (pytest.approx(expected.lo), pytest.approx(expected.hi))


@pytest.mark.parametrize("base", [Bounds(0, 10), Bounds(-5, 10)])
@pytest.mark.parametrize("relation", ["multiple", "percent-change"])
def test_a_ratio_to_a_base_that_may_be_zero_or_negative_is_not_checked(relation: str, base: Bounds) -> None:
    assert derive.computed_bounds(relation, [base, Bounds(5, 6)]) is None


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        (Bounds(-math.inf, math.inf), None),  # nothing can be said
        (Bounds(5, 5), (5, "exact")),
        (Bounds(0, math.inf), (0, "at-least")),
        (Bounds(22874.3, math.inf), (22800, "at-least")),  # rounded down to 3 digits: still true
        (Bounds(-math.inf, 22801), (22900, "at-most")),  # rounded up to 3 digits
        (Bounds(-math.inf, 0.012345), (0.0124, "at-most")),
        (Bounds(24.2, 25.9), (25, "about")),  # no digit finer than the width (1.7 → units)
        (Bounds(240, 259), (250, "about")),  # width 19 → tens
    ],
)
def test_an_implied_figure_is_said_only_as_precisely_as_its_bounds_allow(bounds: Bounds, expected) -> None:
    said = derive.honest_value(bounds)
    assert said == (None if expected is None else (pytest.approx(expected[0]), expected[1]))


def test_implied_bounds_take_the_extremes_at_the_corners() -> None:
    # 'multiple' of 3.5 to 4.5 on a current of 99.5 to 100.5: 99.5 / 4.5 to 100.5 / 3.5
    got = derive.implied_bounds("multiple", Bounds(3.5, 4.5), Bounds(99.5, 100.5), False)
    assert (got.lo, got.hi) == (pytest.approx(99.5 / 4.5), pytest.approx(100.5 / 3.5))
    got = derive.implied_bounds("percentage-point-change", Bounds(1, 2), Bounds(10, 11), True)
    assert (got.lo, got.hi) == (pytest.approx(11), pytest.approx(13))


def _figure(unit: str) -> Figure:
    # unit_problem reads only the unit: a figure made without validation keeps the table short.
    return Figure.model_construct(unit=unit)


@pytest.mark.parametrize(
    ("relation", "operand_units", "unit", "problem"),
    [
        ("percent-change", ["units", "units"], "percent", None),
        ("percent-change", ["units", "vehicles"], "percent", None),  # both counts
        ("percent-change", ["units", "percent"], "percent", "cannot compare figures in different units (percent, units): a percent-change needs one unit"),
        ("percent-change", ["units", "units"], "units", "a percent-change is measured in percent, not units — set `unit: percent`"),
        ("percentage-point-change", ["percent", "percent"], "percentage-points", None),
        (
            "percentage-point-change",
            ["units", "units"],
            "percentage-points",
            "a percentage-point change compares two percentages, but the figures are in units",
        ),
        (
            "percentage-point-change",
            ["percent", "percent"],
            "percent",
            "a percentage-point-change is measured in percentage-points, not percent — set `unit: percentage-points`",
        ),
        ("multiple", ["units", "units"], "times", None),
        ("multiple", ["units", "units"], "percent", "a multiple is measured in times, not percent — set `unit: times`"),
        ("sum", ["units", "vehicles", "units"], "units", None),
        ("sum", ["units", "units"], "percent", "a sum of figures in units cannot be in percent"),
        ("sum", ["units", "days"], "units", "cannot compare figures in different units (days, units): a sum needs one unit"),
    ],
)
def test_a_derivation_whose_units_do_not_fit_is_explained(relation: str, operand_units: list[str], unit: str, problem: str | None) -> None:
    derivation = Derivation.model_construct(relation=relation)
    assert derive.unit_problem(derivation, _figure(unit), [_figure(u) for u in operand_units]) == problem


@pytest.mark.parametrize(
    ("relation", "operands", "text"),
    [
        ("sum", ["1", "2", "3"], "1 + 2 + 3 = 6"),
        ("percent-change", ["411,837", "550,000"], "550,000 / 411,837 − 1 = +33.55%"),
        ("percentage-point-change", ["10%", "12.5%"], "12.5% − 10% = +2.5 points"),
        ("multiple", ["25", "100"], "100 / 25 = 4 times"),
    ],
)
def test_the_arithmetic_is_written_out_for_readers(relation: str, operands: list[str], text: str) -> None:
    result = text.rsplit(" = ", 1)[1]
    assert derive.arithmetic_text(relation, operands, result) == text


@pytest.mark.parametrize(
    ("value", "max_decimals", "text"),
    [
        (Number(17.0, 1), 2, "17.0"),  # as the editor wrote it
        (Number(1234.5, 2), 0, "1,234.50"),
        (1500, 0, "1,500"),  # no decimal point: no zero is stripped
        (1500.0, 2, "1,500"),
        (-2.5, 2, "-2.5"),
        (0.126, 1, "0.1"),
    ],
)
def test_numbers_are_formatted_to_the_decimals_asked_or_written(value: float, max_decimals: int, text: str) -> None:
    assert derive.format_number(value, max_decimals) == text


@pytest.mark.parametrize(
    ("unit", "rounding", "expected"),
    [("members", None, Bounds(12, 12)), ("members", 2, Bounds(11, 13)), ("percent", None, Bounds(11.5, 12.5)), ("days", None, Bounds(11.5, 12.5))],
)
def test_a_count_is_exact_and_any_other_figure_is_read_to_its_digits(unit: str, rounding: float | None, expected: Bounds) -> None:
    figure = Figure.model_construct(unit=unit, value=Number(12, 0), qualifier="exact", rounding=rounding)
    assert derive.figure_bounds(figure) == expected


def test_bounds_that_touch_at_exactly_the_rounding_noise_overlap() -> None:
    assert Bounds(1, 2).overlaps(Bounds(2 + 1e-9, 3)) and Bounds(2 + 1e-9, 3).overlaps(Bounds(1, 2))


def test_an_implied_figure_from_inputs_that_admit_nothing_finite_says_nothing() -> None:
    """Every corner undefined (∞ − ∞): any value is possible, so no value is stated."""
    nothing = derive.implied_bounds("percentage-point-change", Bounds(-math.inf, -math.inf), Bounds(math.inf, math.inf), True)
    assert (nothing.lo, nothing.hi) == (-math.inf, math.inf)
    assert derive.honest_value(nothing) is None
