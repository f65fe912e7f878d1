"""Partial dates and relative dates ("last month" in a Sunday paper)."""

from __future__ import annotations

import pytest

from newsbrief.reldates import resolve
from newsbrief.types import PartialDate

SUNDAY = PartialDate.parse("2026-02-01")


@pytest.mark.parametrize(
    ("text", "expected", "human"),
    [
        ("2026-02-01", PartialDate(2026, 2, 1), "1 February 2026"),
        ("2024-10", PartialDate(2024, 10), "October 2024"),
        (2025, PartialDate(2025), "2025"),
        ("2024-02-29", PartialDate(2024, 2, 29), "29 February 2024"),
    ],
)
def test_partial_dates_parse_with_their_precision(text, expected, human) -> None:
    parsed = PartialDate.parse(text)
    assert parsed == expected
    assert parsed.human() == human
    assert str(parsed) == str(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a real date: February 2026 has 28 days"),
        ("2025-13", "'2025-13' has month 13; months run from 01 to 12"),
        ("1 Feb 2026", "expected a date such as 2026-02-01, 2026-01 or 2025, got '1 Feb 2026'"),
        (True, "expected a date such as 2026-02-01, 2026-01 or 2025, got True"),
        (2026.5, "expected a date such as 2026-02-01, 2026-01 or 2025, got 2026.5"),
    ],
)
def test_impossible_dates_are_refused(text, message) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


def test_a_year_contains_its_days_but_not_the_reverse() -> None:
    assert PartialDate(2026).contains(PartialDate(2026, 1, 31))
    assert not PartialDate(2026, 1, 31).contains(PartialDate(2026))
    assert not PartialDate(2025, 12).contains(PartialDate(2026, 1))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Sunday", "2026-02-01"),
        ("on Saturday", "2026-01-31"),
        ("earlier this Sunday", "2026-02-01"),
        ("Monday", "2026-01-26"),
        ("yesterday", "2026-01-31"),
        ("today", "2026-02-01"),
        ("last month", "2026-01"),
        ("later in the month", "2026-02"),
        ("next month", "2026-03"),
        ("last year", "2025"),
        ("this year", "2026"),
        ("next year", "2027"),
        ("January", "2026-01"),
        ("in August", "2025-08"),
        ("October 2024", "2024-10"),
        ("2024", "2024"),
    ],
)
def test_relative_words_resolve_against_the_source_date(words: str, expected: str) -> None:
    assert str(resolve(words, SUNDAY)) == expected


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    assert str(resolve("last month", PartialDate(2026, 1, 15))) == "2025-12"


@pytest.mark.parametrize(
    ("words", "anchor", "message"),
    [
        ("a while ago", SUNDAY, "cannot read 'a while ago' as a date; the words understood are "),
        ("Saturday", PartialDate(2026, 2), "'Saturday' needs the source's full date, but it is dated 2026-02"),
        ("last month", PartialDate(2026), "a month cannot be worked out from a source dated only to the year (2026)"),
    ],
)
def test_unreadable_relative_words_are_explained(words, anchor, message) -> None:
    with pytest.raises(ValueError) as caught:
        resolve(words, anchor)
    assert str(caught.value).startswith(message)


TUESDAY = PartialDate.parse("2024-10-29")


@pytest.mark.parametrize(
    ("words", "anchor", "direction", "expected"),
    [
        ("tomorrow", TUESDAY, None, "2024-10-30"),
        ("tonight", TUESDAY, None, "2024-10-29"),
        ("the next day", TUESDAY, None, "2024-10-30"),
        ("the day before", TUESDAY, None, "2024-10-28"),
        ("on Wednesday", TUESDAY, "future", "2024-10-30"),
        ("on Wednesday", TUESDAY, "past", "2024-10-23"),
        ("Wednesday", TUESDAY, None, "2024-10-23"),
        ("next Friday", TUESDAY, None, "2024-11-01"),
        ("last Saturday", SUNDAY, None, "2026-01-31"),
        ("last Sunday", SUNDAY, None, "2026-01-25"),
        ("30 October", TUESDAY, None, "2024-10-30"),
        ("October 30", PartialDate.parse("2025-01-05"), None, "2024-10-30"),
        ("in January", SUNDAY, "future", "2027-01"),
        ("this week", TUESDAY, None, "2024-10-28 to 2024-11-03"),
        ("in the coming weeks", TUESDAY, None, "2024-10-30 to 2024-12-10"),
        ("early next year", TUESDAY, None, "2025-01-01 to 2025-04-30"),
        ("later this month", TUESDAY, None, "2024-10"),
        ("30 October 2024", SUNDAY, None, "2024-10-30"),
    ],
)
def test_relative_words_as_people_write_them(words, anchor, direction, expected) -> None:
    assert str(resolve(words, anchor, direction)) == expected


def test_a_coarser_date_at_the_words_own_precision_agrees() -> None:
    assert resolve("later this month", TUESDAY).contains(PartialDate(2024, 10))
    assert resolve("early next year", TUESDAY).contains(PartialDate(2025))
    assert not resolve("early next year", TUESDAY).contains(PartialDate(2025, 6))


def test_a_day_and_month_that_could_be_either_year_is_refused() -> None:
    with pytest.raises(ValueError) as caught:
        resolve("30 October", PartialDate.parse("2025-05-01"))
    assert str(caught.value) == (
        "'30 October' has no year and could be 2024 or 2025 (written on 2025-05-01) — add the year to the words, "
        "or say which way they point with `…_direction: past` or `future`"
    )


def test_a_date_known_only_as_a_bound_is_kept_as_written() -> None:
    """'The rate before the 2024 increase': no year is invented; it ends the day before and sorts first."""
    before = PartialDate.parse("before 2024")
    assert (str(before), before.human(), before.precision) == ("before 2024", "before 2024", "before")
    assert before.last_day.isoformat() == "2023-12-31"
    assert before < PartialDate(1990) and PartialDate(2023).contains(PartialDate.parse("2023-12-31"))
    assert not before.contains(PartialDate(2024))


# Every phrase of the month, year, week and "coming" tables, at one anchor: Tuesday 29 October 2024.
# Written out by hand (not computed by the reader under test), so a phrase that stops being read, or
# reads one month or year off, fails here.
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("last month", "2024-09"),
        ("this month", "2024-10"),
        ("earlier this month", "2024-10"),
        ("later this month", "2024-10"),
        ("later in the month", "2024-10"),
        ("earlier in the month", "2024-10"),
        ("next month", "2024-11"),
        ("early next month", "2024-11-01 to 2024-11-10"),
        ("late next month", "2024-11-21 to 2024-11-30"),
        ("late last month", "2024-09-21 to 2024-09-30"),
        ("early last month", "2024-09-01 to 2024-09-10"),
        ("last year", "2023"),
        ("this year", "2024"),
        ("earlier this year", "2024"),
        # 'later this year' is read like 'late this year' (September to December); the year itself agrees too.
        ("later this year", "2024-09-01 to 2024-12-31"),
        ("next year", "2025"),
        ("early next year", "2025-01-01 to 2025-04-30"),
        ("late next year", "2025-09-01 to 2025-12-31"),
        ("late last year", "2023-09-01 to 2023-12-31"),
        ("early last year", "2023-01-01 to 2023-04-30"),
        ("early this year", "2024-01-01 to 2024-04-30"),
        ("late this year", "2024-09-01 to 2024-12-31"),
        ("last week", "2024-10-21 to 2024-10-27"),
        ("next week", "2024-11-04 to 2024-11-10"),
        ("in the coming days", "2024-10-30 to 2024-11-08"),
        ("the next few weeks", "2024-10-30 to 2024-12-10"),
        ("in the coming months", "2024-10-30 to 2025-04-30"),
        ("Last Month", "2024-09"),
        ("in  October,  2024", "2024-10"),
    ],
)
def test_every_period_phrase_reads_as_written_out(words: str, expected: str) -> None:
    assert str(resolve(words, PartialDate.parse("2024-10-29"), None)) == expected


# Every way of naming a weekday, at one anchor (Tuesday 29 October 2024; the week runs Monday 28
# October to Sunday 3 November). Written out by hand from a calendar, not computed by the reader:
# a prefix that stops being read, or counts from the wrong day, fails here.
@pytest.mark.parametrize(
    ("words", "direction", "expected"),
    [
        ("last Tuesday", None, "2024-10-22"),  # the same weekday a week back, never the day itself
        ("last Monday", None, "2024-10-28"),
        ("next Tuesday", None, "2024-11-05"),  # a week ahead, never the day itself
        ("next Wednesday", None, "2024-10-30"),
        ("this past Monday", None, "2024-10-28"),
        ("this past Tuesday", None, "2024-10-29"),
        ("earlier this Monday", None, "2024-10-28"),
        # The words point back even in a record that looks forward (a scheduled event).
        ("this past Monday", "future", "2024-10-28"),
        ("earlier this Monday", "future", "2024-10-28"),
        ("this coming Friday", None, "2024-11-01"),
        ("this coming Tuesday", None, "2024-10-29"),
        ("later this Thursday", None, "2024-10-31"),
        ("this Monday", None, "2024-10-28"),
        ("this Monday", "future", "2024-11-04"),
        ("the Friday", "past", "2024-10-25"),
        ("the Friday", "future", "2024-11-01"),
        ("on Tuesday", "future", "2024-10-29"),
        ("on Tuesday", "past", "2024-10-29"),
        ("Sunday", None, "2024-10-27"),
        ("Sunday", "future", "2024-11-03"),
    ],
)
def test_every_weekday_phrase_reads_as_written_out(words: str, direction: str | None, expected: str) -> None:
    assert str(resolve(words, TUESDAY, direction)) == expected


# A day and a month without a year: the nearest such day, or the one the direction points to; written
# out by hand. Each ordinal ending, "of", either order, and the years either side of the anchor.
@pytest.mark.parametrize(
    ("words", "anchor", "direction", "expected"),
    [
        ("1st November", TUESDAY, None, "2024-11-01"),
        ("2nd of November", TUESDAY, None, "2024-11-02"),
        ("3rd November", TUESDAY, None, "2024-11-03"),
        ("November 4th", TUESDAY, None, "2024-11-04"),
        ("October 22nd", TUESDAY, None, "2024-10-22"),
        ("29 February", TUESDAY, None, "2024-02-29"),  # only 2024 of 2023–2025 has one
        ("5 January", PartialDate.parse("2024-12-30"), None, "2025-01-05"),  # the year after the anchor's
        ("20 December", PartialDate.parse("2025-01-05"), None, "2024-12-20"),  # the year before
        ("30 October", TUESDAY, "past", "2023-10-30"),
        ("30 October", TUESDAY, "future", "2024-10-30"),
        ("29 October", TUESDAY, "past", "2024-10-29"),  # the anchor's own day is both past and future
        ("29 October", TUESDAY, "future", "2024-10-29"),
        ("28 October", TUESDAY, "future", "2025-10-28"),
        # 1 August 2024 is 153 days after 1 March 2024, 1 August 2023 213 days before: 60 days apart is enough.
        ("1 August", PartialDate.parse("2024-03-01"), None, "2024-08-01"),
    ],
)
def test_a_day_and_month_reads_as_written_out(words: str, anchor: PartialDate, direction: str | None, expected: str) -> None:
    assert str(resolve(words, anchor, direction)) == expected


@pytest.mark.parametrize(
    ("words", "anchor", "message"),
    [
        # 1 October 2025 is 153 days after 1 May 2025, 1 October 2024 212 days before: 59 days apart is too close.
        (
            "1 October",
            PartialDate.parse("2025-05-01"),
            "'1 October' has no year and could be 2024 or 2025 (written on 2025-05-01) — add the year to the words, "
            "or say which way they point with `…_direction: past` or `future`",
        ),
        # The nearer of the two is the earlier one: the years are still named in order.
        (
            "1 March",
            PartialDate.parse("2025-08-20"),
            "'1 March' has no year and could be 2025 or 2026 (written on 2025-08-20) — add the year to the words, "
            "or say which way they point with `…_direction: past` or `future`",
        ),
        ("31 February", TUESDAY, "'31 February' is not a real date"),
        ("4th of July", PartialDate(2024, 7), "'4th of July' needs the source's full date, but it is dated 2024-07"),
        ("Friday", PartialDate(2024), "'Friday' needs the source's full date, but it is dated 2024"),
        ("next week", PartialDate(2024, 10), "'next week' needs the source's full date, but it is dated 2024-10"),
        ("in the coming days", PartialDate(2024, 10), "'in the coming days' needs the source's full date, but it is dated 2024-10"),
        ("Octember 30", TUESDAY, "cannot read 'Octember 30' as a date; the words understood are 'today', 'tonight', "),
    ],
)
def test_a_day_that_cannot_be_worked_out_is_explained(words: str, anchor: PartialDate, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        resolve(words, anchor)
    assert str(caught.value).startswith(message)


# A month without a year: the latest such month in a report, the next one looking forward; the
# anchor's own month is both. A source dated only to the year reads as its December.
@pytest.mark.parametrize(
    ("words", "anchor", "direction", "expected"),
    [
        ("this October", TUESDAY, None, "2024-10"),
        ("in October", TUESDAY, "future", "2024-10"),
        ("in November", TUESDAY, None, "2023-11"),
        ("in September", TUESDAY, "future", "2025-09"),
        ("the November", TUESDAY, "future", "2024-11"),
        ("earlier September", TUESDAY, None, "2024-09"),
        ("later December", TUESDAY, "future", "2024-12"),
        ("in December", PartialDate(2024), None, "2024-12"),
        ("in December", PartialDate(2024), "future", "2024-12"),
        ("in March", PartialDate(2024), "future", "2025-03"),
    ],
)
def test_a_month_without_a_year_reads_as_written_out(words: str, anchor: PartialDate, direction: str | None, expected: str) -> None:
    assert str(resolve(words, anchor, direction)) == expected


@pytest.mark.parametrize(
    ("words", "anchor", "expected"),
    [
        ("October 30, 2024", SUNDAY, "2024-10-30"),  # the month first, as in American usage
        ("this week", SUNDAY, "2026-01-26 to 2026-02-01"),  # Sunday ends the week it is in
        # Written on a date known to the month: the coming months start after that month.
        ("in the coming months", PartialDate(2024, 10), "2024-11-01 to 2025-05-02"),
    ],
)
def test_more_phrases_read_as_written_out(words: str, anchor: PartialDate, expected: str) -> None:
    assert str(resolve(words, anchor)) == expected


def test_today_needs_the_sources_full_date() -> None:
    with pytest.raises(ValueError) as caught:
        resolve("today", PartialDate(2024, 10))
    assert str(caught.value) == "'today' needs the source's full date, but it is dated 2024-10"


@pytest.mark.parametrize(
    ("words", "inside", "outside"),
    [
        ("this week", ["2024-10-28", "2024-11-03"], ["2024-10-27", "2024-11-04", "2024-10", "2024-11"]),  # a week is no month
        ("early next month", ["2024-11-01", "2024-11-10", "2024-11"], ["2024-11-11", "2024-10-31"]),
        ("late last month", ["2024-09-21", "2024-09-30", "2024-09"], ["2024-09-20", "2024-10-01"]),
        ("late next year", ["2025-09-01", "2025-12-31", "2025", "2025-10"], ["2025-08-31", "2026-01-01"]),
        ("early next year", ["2025-01-01", "2025-04-30", "2025"], ["2025-05-01"]),
    ],
)
def test_a_span_agrees_with_its_days_its_edges_and_its_own_month_or_year(words: str, inside: list[str], outside: list[str]) -> None:
    span = resolve(words, TUESDAY)
    assert [d for d in inside + outside if span.contains(PartialDate.parse(d))] == inside
