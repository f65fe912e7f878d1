"""Reading numbers in text as a reader does (hooks/newsbrief/numbers.py), on real sentences."""

from __future__ import annotations

import pytest

from newsbrief.numbers import read_numbers


def _read(text: str) -> list[tuple]:
    return [(m.written, m.value, m.kind, m.step, m.direction, m.approximate) for m in read_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Xiaomi delivered over 39,000 vehicles in January 2026, up 70% on a year earlier, and down 20% on December 2025.",
            [("39,000", 39000, "number", 1, None, "over"), ("70%", 70, "percent", 1, "up", None), ("20%", 20, "percent", 1, "down", None)],
            id="separators-percent-direction-and-qualifier",
        ),
        pytest.param(
            "Lei Jun announced a 550,000-vehicle target for 2026, up 34% from 2025.",
            [("550,000", 550000, "number", 1, None, None), ("34%", 34, "percent", 1, "up", None)],
            id="years-are-not-figures",
        ),
        pytest.param(
            "The administration quadrupled tariffs to 100%.",
            [("quadrupled", 4, "times", 1, "up", None), ("100%", 100, "percent", 1, None, None)],
            id="multiples-in-words",
        ),
        pytest.param(
            "The FT cited four people; ten voted for, five against and twelve abstained.",
            [
                ("four", 4, "number", 1, None, None),
                ("ten", 10, "number", 1, None, None),
                ("five", 5, "number", 1, None, None),
                ("twelve", 12, "number", 1, None, None),
            ],
            id="number-words",
        ),
        pytest.param(
            "The rate fell by 1.5 percentage points to 12.0%.",
            [("1.5 percentage points", 1.5, "percentage-points", 0.1, "down", None), ("12.0%", 12.0, "percent", 0.1, None, None)],
            id="points-versus-percent-and-written-precision",
        ),
        pytest.param(
            "It slid 2.3 pp, then 0.4 points.",
            [("2.3 pp", 2.3, "percentage-points", 0.1, "down", None), ("0.4 points", 0.4, "percentage-points", 0.1, None, None)],
            id="pp-and-points",
        ),
        pytest.param(
            "Sales rose to $1.2 billion; costs were €400m; profit was 1.2bn yuan.",
            [
                ("$1.2 billion", 1.2e9, "money-USD", 1e8, None, None),
                ("€400m", 4e8, "money-EUR", 1e6, None, None),
                ("1.2bn yuan", 1.2e9, "money-CNY", 1e8, None, None),
            ],
            id="currencies-and-scales",
        ),
        pytest.param(
            "A third of buyers chose the SU7; half chose the YU7.",
            [("A third", 33.333333, "percent", 2, None, None), ("half", 50, "percent", 2, None, None)],
            id="fractions-and-model-names",
        ),
        pytest.param(
            "On Sunday 1 February 2026, at 10:30, in the 1990s, COVID-19 and the G7 met on 30 October.", [], id="dates-times-decades-and-names-are-not-figures"
        ),
        pytest.param(
            "Exports doubled; one member state voted ×4.",
            [("doubled", 2, "times", 1, "up", None), ("one", 1, "number", 1, None, None), ("×4", 4, "times", 1, None, None)],
            id="one-with-a-unit-and-times-sign",
        ),
        pytest.param(
            "about 23,000 and nearly 40,000 but fewer than 5,000",
            [("23,000", 23000, "number", 1, None, "about"), ("40,000", 40000, "number", 1, None, "about"), ("5,000", 5000, "number", 1, None, "under")],
            id="approximations",
        ),
        pytest.param("a 20% decline from December", [("20%", 20, "percent", 1, "down", None)], id="direction-after-the-number"),
        pytest.param("rose to 12%", [("12%", 12, "percent", 1, None, None)], id="a-level-after-to-has-no-direction"),
        pytest.param("one of the reasons", [], id="one-as-a-pronoun-is-not-a-number"),
    ],
)
def test_numbers_are_read_as_a_reader_reads_them(text: str, expected: list[tuple]) -> None:
    assert _read(text) == [tuple(float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else x for x in row) for row in expected]


def test_each_number_knows_where_it_is() -> None:
    text = "Ten member states voted for, five against and 12 abstained."
    assert [text[m.start : m.end] for m in read_numbers(text)] == ["Ten", "five", "12"]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("0.4 points below the provisional rate", "down"),
        ("20% above target", "up"),
        ("12% more", "up"),
        ("fell by 1.5 points", "down"),
        ("rose to 12.0%", None),
        ("a 70% increase", "up"),
    ],
)
def test_the_sentence_gives_a_number_its_direction(text: str, direction: str | None) -> None:
    assert read_numbers(text)[0].direction == direction
