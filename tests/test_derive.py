"""Figure arithmetic with qualifiers and rounding, and claim status from stances."""

from __future__ import annotations

import math

import pytest

from newsbrief import derive
from newsbrief.derive import Bounds


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


@pytest.mark.parametrize(
    ("known", "implied"),
    [
        ("over", "over"),
        ("at-least", "over"),
        ("under", "under"),
        ("at-most", "under"),
        ("exact", "about"),
        ("about", "about"),
        ("nearly", "about"),
    ],
)
def test_an_implied_figure_keeps_the_direction_of_the_bound_it_comes_from(known: str, implied: str) -> None:
    assert derive.implied_qualifier(known) == implied
