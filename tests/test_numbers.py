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


# --- every way of writing a number (mutation testing, issue 12) --------------------------------

from newsbrief.numbers import _APPROXIMATE, _CURRENCY_WORDS  # noqa: E402 — the reader's own word lists
from newsbrief.vocabulary import CURRENCY_SYMBOLS, DIRECTION_WORDS, FRACTIONS, MULTIPLES, NUMBER_WORDS, SCALES  # noqa: E402


def _safe_id(value: object) -> str:
    """A test id without spaces or signs: mutmut runs each mutant's tests by id, and cannot pass '5 m'."""
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in str(value)) if isinstance(value, str) else ""


def _one(text: str):
    found = read_numbers(text)
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # units written after digits: each spelling, with and without a space, in any case
        ("5 pt", ("5 pt", 5, "percentage-points", 1)),
        ("5 pts", ("5 pts", 5, "percentage-points", 1)),
        ("5 point", ("5 point", 5, "percentage-points", 1)),
        ("5 percentage point", ("5 percentage point", 5, "percentage-points", 1)),
        ("5 percent", ("5 percent", 5, "percent", 1)),
        ("5 Per Cent", ("5 Per Cent", 5, "percent", 1)),
        ("12 %", ("12 %", 12, "percent", 1)),
        ("3 times", ("3 times", 3, "times", 1)),
        ("3x", ("3x", 3, "times", 1)),
        ("3 ×", ("3 ×", 3, "times", 1)),
        ("5 USD", ("5 USD", 5, "money-USD", 1)),
        ("5 eur", ("5 eur", 5, "money-EUR", 1)),
        # scales: 'm', 'b', 'k' only when joined to the digits or after a currency sign
        ("5 m", ("5", 5, "number", 1)),
        ("5 b", ("5", 5, "number", 1)),
        ("5 k", ("5", 5, "number", 1)),
        ("5 M", ("5", 5, "number", 1)),
        ("400M", ("400M", 4e8, "number", 1e6)),
        ("$5 m", ("$5 m", 5e6, "money-USD", 1e6)),
        ("5 Billion", ("5 Billion", 5e9, "number", 1e9)),
        # a bare year is not a figure; the same digits with a unit, a sign, a separator or decimals are
        ("$2025", ("$2025", 2025, "money-USD", 1)),
        ("2025%", ("2025%", 2025, "percent", 1)),
        ("2,025", ("2,025", 2025, "number", 1)),
        ("2025.5", ("2025.5", 2025.5, "number", 0.1)),
        ("2025bn", ("2025bn", 2.025e12, "number", 1e9)),
        ("1700", ("1700", 1700, "number", 1)),
        # signs give the direction; the written text keeps them
        ("+5%", ("+5%", 5, "percent", 1)),
        ("-5%", ("-5%", 5, "percent", 1)),
        ("−5%", ("−5%", 5, "percent", 1)),
        # precision as written
        ("12.05%", ("12.05%", 12.05, "percent", 0.01)),
        ("1,234.5", ("1,234.5", 1234.5, "number", 0.1)),
        ("$1.25bn", ("$1.25bn", 1.25e9, "money-USD", 1e7)),
        # currency signs in any case ('us$' is what a case-blind match can find)
        ("us$5", ("us$5", 5, "money-USD", 1)),
        ("rmb 5bn", ("rmb 5bn", 5e9, "money-CNY", 1e9)),
        ("cn¥5", ("cn¥5", 5, "money-CNY", 1)),
        # number words with units, and tens-ones in any case
        ("five percentage points", ("five percentage points", 5, "percentage-points", 1)),
        ("two points", ("two points", 2, "percentage-points", 1)),
        ("ten Percent", ("ten Percent", 10, "percent", 1)),
        ("ten per cent", ("ten per cent", 10, "percent", 1)),
        ("three times", ("three times", 3, "times", 1)),
        ("Twenty-One", ("Twenty-One", 21, "number", 1)),
        ("ninety nine", ("ninety nine", 99, "number", 1)),
        ("×2.5", ("×2.5", 2.5, "times", 0.1)),
    ],
    ids=_safe_id,
)
def test_every_way_of_writing_a_number_is_read_as_written(text: str, expected: tuple) -> None:
    mention = _one(text)
    assert (mention.written, mention.value, mention.kind, mention.step) == pytest.approx(expected)
    assert text[mention.start : mention.end].strip() == mention.written


@pytest.mark.parametrize(("text", "direction"), [("+5%", "up"), ("-5%", "down"), ("−5%", "down"), ("5%", None)], ids=_safe_id)
def test_a_sign_gives_the_direction(text: str, direction: str | None) -> None:
    assert _one(text).direction == direction


@pytest.mark.parametrize("word", sorted(w for w in NUMBER_WORDS if w not in ("one", "hundred")), ids=_safe_id)
def test_every_number_word_is_read_in_any_case(word: str) -> None:
    for written in (word, word.capitalize()):
        mention = _one(f"{written} voted for.")
        assert (mention.written, mention.value, mention.kind) == (written, NUMBER_WORDS[word], "number")


@pytest.mark.parametrize("words", sorted(FRACTIONS), ids=_safe_id)
def test_every_fraction_is_a_percent(words: str) -> None:
    mention = _one(f"{words.capitalize()} of buyers chose it.")
    assert (mention.written.lower(), mention.value, mention.kind) == (words, FRACTIONS[words], "percent")


@pytest.mark.parametrize("word", sorted(MULTIPLES), ids=_safe_id)
def test_every_multiple_is_a_rise_by_that_many_times(word: str) -> None:
    mention = _one(f"Exports {word.upper()}.")
    assert (mention.written, mention.value, mention.kind, mention.direction) == (word.upper(), MULTIPLES[word], "times", "up")


@pytest.mark.parametrize("scale", sorted(SCALES), ids=_safe_id)
def test_every_scale_multiplies_the_digits(scale: str) -> None:
    mention = _one(f"sales of 1.5{scale.upper()}")
    assert (mention.value, mention.step) == pytest.approx((1.5 * SCALES[scale], 0.1 * SCALES[scale]))


@pytest.mark.parametrize("symbol", sorted(CURRENCY_SYMBOLS), ids=_safe_id)
def test_every_currency_sign_names_its_currency(symbol: str) -> None:
    written = f"{symbol} 5" if symbol[-1].isalpha() else f"{symbol}5"  # 'RMB5' reads as a model name, like 'SU7'
    mention = _one(f"costs of {written}")
    assert (mention.written, mention.kind) == (written, f"money-{CURRENCY_SYMBOLS[symbol]}")


@pytest.mark.parametrize("word", sorted(_CURRENCY_WORDS), ids=_safe_id)
def test_every_currency_word_names_its_currency(word: str) -> None:
    assert _one(f"5 {word.capitalize()}").kind == f"money-{_CURRENCY_WORDS[word]}"


@pytest.mark.parametrize("phrase", sorted(_APPROXIMATE), ids=_safe_id)
def test_every_approximation_is_read_at_the_start_and_in_any_case(phrase: str) -> None:
    assert _one(f"{phrase.capitalize()} 5,000 cars").approximate == _APPROXIMATE[phrase]
    assert _one(f"Sales were {phrase}  5,000 cars").approximate == _APPROXIMATE[phrase]
    assert _one(f"Sales were {phrase}{' ' * 12}5,000 cars").approximate == _APPROXIMATE[phrase]  # a quoted YAML string keeps them


@pytest.mark.parametrize("word", sorted(DIRECTION_WORDS), ids=_safe_id)
def test_every_direction_word_gives_its_direction_before_and_after_the_number(word: str) -> None:
    assert _one(f"Sales {word} by 5%").direction == DIRECTION_WORDS[word]
    assert _one(f"Sales {word.upper()} by 5%").direction == DIRECTION_WORDS[word]
    # After the number, 'cut' is not read: 'a 20% tariff cut' names what was cut, not the way of the 20%.
    assert _one(f"a 5% {word.upper()} in sales").direction == (None if word == "cut" else DIRECTION_WORDS[word])


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("up 5%", "up"),
        ("Sales were up by 5%", "up"),
        ("fell by a further 5%", "down"),
        ("rose to about 12%", None),
        ("Sales fell; profit 5%", None),
        ("Sales fell and profit 5%", None),
        ("Sales fell but profit 5%", None),
        ("Sales fell while profit 5%", None),
        ("Sales fell, and profit 5%", None),
        ("Its stake rose to Acme's 12%", None),
        ("It holds 20% of the decline", None),
        ("a 20%; decline later", None),
        ("a 20% tariff cut", None),
        ("Sales fell and profit 5% lower", "down"),  # a word before the 'and' is another clause's; after the number is this one's
        # How far a direction word is read (no direction never reports a text wrongly; a wrong one would):
        # up to four words and 40 characters before the number, and two words and 25 characters after it.
        ("Sales fell this quarter by 5%", "down"),
        ("Sales fell in the quarter by 5%", None),  # five words back
        ("Output rose notwithstanding wartime disruption 5%", "up"),  # 'rose' begins 40 characters back
        ("Output rose notwithstanding wartime disruption, 5%", None),  # ... 41
        ("a 5% uncharacteristic decline", "down"),  # 'decline' ends 25 characters after
        ("a 5% uncharacteristic increase", None),  # ... 26
        ("The decline's 5 points came from exports", "down"),  # a possessive's 's is not a word
    ],
    ids=_safe_id,
)
def test_a_direction_is_read_only_within_its_clause(text: str, direction: str | None) -> None:
    assert read_numbers(text)[-1].direction == direction


def test_a_text_without_digits_is_read_for_number_words_in_any_case() -> None:
    assert [m.written for m in read_numbers("TEN voted for; Half abstained.")] == ["TEN", "Half"]


def test_one_with_a_unit_is_the_word_one_alone() -> None:
    text = "one member state abstained"
    assert [(m.start, m.end, m.written) for m in read_numbers(text)] == [(0, 3, "one")]
