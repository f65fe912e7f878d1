"""Relative dates: read "last month", "tomorrow" or "on Wednesday" as people write them.

A record keeps the resolved date (``date: 2026-01``) and the words as stated
(``date_as_stated: last month``); the check reads the words against their anchor
(the date of the source that says them, or the step before in a policy's history)
and confirms the two agree, so a brief written on Sunday 2026-02-01 cannot call
2025-12 "last month".

Words that could point either way ("on Wednesday", "30 October") take their
direction from the record: a scheduled or planned event, a policy step dated after
its source, or a target looks forward; a report of what happened looks back; an
explicit ``…_direction: future`` or ``past`` settles the rest.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .types import MONTH_NAMES, PartialDate

WEEKDAYS = [d.lower() for d in calendar.day_name]  # monday … sunday
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES) if name}

SUPPORTED = (
    "'today', 'tonight', 'yesterday', 'tomorrow', 'the day before', 'the next day', 'the following day', "
    "a weekday ('Sunday', 'on Saturday', 'last Wednesday', 'next Friday'), "
    "'this/last/next week', 'this/last/next month', 'earlier/later this month', 'this/last/next year', "
    "'early/late next year', 'in the coming days/weeks/months', "
    "a month ('January', 'in January'), a day and month ('30 October'), 'October 2024', or a year ('2024')"
)

AMBIGUOUS_DAYS = 60
"""'30 October' without a year is refused when the nearest two such days are this close in distance."""


@dataclass(frozen=True)
class Span:
    """The days a phrase can mean: one day, a week, a month, "the coming weeks"."""

    first: dt.date
    last: dt.date
    coarse: PartialDate | None = None
    """The date at the phrase's own precision ('later this month' → the month), accepted as agreeing."""

    @classmethod
    def of(cls, date: PartialDate) -> Span:
        return cls(date.first_day, date.last_day, date)

    def contains(self, value: PartialDate) -> bool:
        """The recorded date agrees with the words: inside the span, or the span's own month or year."""
        return (self.first <= value.first_day and value.last_day <= self.last) or value == self.coarse

    def __str__(self) -> str:
        if self.coarse is not None and self.coarse.first_day == self.first and self.coarse.last_day == self.last:
            return str(self.coarse)
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def resolve(words: str, anchor: PartialDate, direction: str | None = None) -> Span:
    """The days that ``words`` name when written on ``anchor``; ValueError if they can't be read.

    ``direction`` ('past' or 'future') decides words that could point either way.
    """
    phrase = " ".join(words.lower().replace(",", " ").split())
    phrase = re.sub(r"^(?:on|in|by|from|at)\s+", "", phrase)
    for reader in (_absolute, _days, _weekday, _periods, _day_and_month, _month):
        span = reader(phrase, anchor, direction, words)
        if span is not None:
            return span
    raise ValueError(f"cannot read '{words}' as a date; the words understood are {SUPPORTED}")


def _absolute(phrase: str, anchor: PartialDate, direction, words) -> Span | None:
    month_year = re.fullmatch(r"([a-z]+)\s+(\d{4})", phrase)
    if month_year and month_year.group(1) in _MONTHS:
        return Span.of(PartialDate(int(month_year.group(2)), _MONTHS[month_year.group(1)]))
    full = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})|([a-z]+)\s+(\d{1,2})\s+(\d{4})", phrase)
    if full:
        day, month, year = (full.group(1), full.group(2), full.group(3)) if full.group(1) else (full.group(5), full.group(4), full.group(6))
        if month in _MONTHS:
            return Span.of(PartialDate.parse(f"{year}-{_MONTHS[month]:02d}-{int(day):02d}"))
    year = re.fullmatch(r"(\d{4})", phrase)
    if year:
        return Span.of(PartialDate(int(year.group(1))))
    return None


_DAY_OFFSETS = {
    "today": 0,
    "earlier today": 0,
    "later today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before": -1,
    "the previous day": -1,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
}


def _days(phrase: str, anchor: PartialDate, direction, words) -> Span | None:
    if phrase not in _DAY_OFFSETS:
        return None
    return Span.of(_day(anchor, _DAY_OFFSETS[phrase], words))


def _weekday(phrase: str, anchor: PartialDate, direction, words) -> Span | None:
    match = re.fullmatch(r"(?:(last|next|this|this coming|this past|earlier this|later this|the)\s+)?([a-z]+)", phrase)
    if not match or match.group(2) not in WEEKDAYS:
        return None
    if anchor.day is None:
        raise ValueError(f"'{words}' needs the source's full date, but it is dated {anchor}")
    weekday = WEEKDAYS.index(match.group(2))
    today = anchor.first_day
    behind = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    word = match.group(1)
    if word in ("last", "this past", "earlier this"):
        day = today - dt.timedelta(days=behind or 7) if word == "last" else today - dt.timedelta(days=behind)
    elif word in ("next", "this coming", "later this"):
        day = today + dt.timedelta(days=ahead or 7) if word == "next" else today + dt.timedelta(days=ahead)
    elif direction == "future":
        day = today + dt.timedelta(days=ahead)
    else:  # a weekday in a report is the latest one: "Saturday" in a Sunday paper is the day before
        day = today - dt.timedelta(days=behind)
    return Span.of(PartialDate(day.year, day.month, day.day))


def _periods(phrase: str, anchor: PartialDate, direction, words) -> Span | None:
    if phrase in ("last week", "this week", "next week"):
        today = _day(anchor, 0, words).first_day
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks={"last week": -1, "this week": 0, "next week": 1}[phrase])
        return Span(monday, monday + dt.timedelta(days=6))
    months = {
        "last month": -1,
        "this month": 0,
        "earlier this month": 0,
        "later this month": 0,
        "later in the month": 0,
        "next month": 1,
        "early next month": 1,
        "late next month": 1,
        "late last month": -1,
        "early last month": -1,
        "earlier in the month": 0,
    }
    if phrase in months:
        month = _add_months(anchor, months[phrase])
        span = Span.of(month)
        if phrase.startswith("early"):
            return Span(span.first, span.first + dt.timedelta(days=9), month)
        if phrase.startswith("late "):
            return Span(span.last - dt.timedelta(days=9), span.last, month)
        return span
    years = {
        "last year": -1,
        "this year": 0,
        "earlier this year": 0,
        "later this year": 0,
        "next year": 1,
        "early next year": 1,
        "late next year": 1,
        "late last year": -1,
        "early last year": -1,
        "early this year": 0,
        "late this year": 0,
    }
    if phrase in years:
        year = PartialDate(anchor.year + years[phrase])
        if phrase.startswith("early"):
            return Span(dt.date(year.year, 1, 1), dt.date(year.year, 4, 30), year)
        if phrase.startswith("late"):
            return Span(dt.date(year.year, 9, 1), dt.date(year.year, 12, 31), year)
        return Span.of(year)
    coming = re.fullmatch(r"(?:the\s+)?(?:coming|next few)\s+(days|weeks|months)", phrase)
    if coming:
        today = _day(anchor, 0, words).first_day if coming.group(1) != "months" else anchor.last_day
        length = {"days": 10, "weeks": 42, "months": 183}[coming.group(1)]
        return Span(today + dt.timedelta(days=1), today + dt.timedelta(days=length))
    return None


def _day_and_month(phrase: str, anchor: PartialDate, direction, words) -> Span | None:
    """'30 October' or 'October 30': the nearest such day to the anchor (or the next/last one, by direction)."""
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)|([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?", phrase)
    if not match:
        return None
    day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    if month not in _MONTHS:
        return None
    today = _day(anchor, 0, words).first_day
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, _MONTHS[month], int(day)))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(f"'{words}' is not a real date")
    if direction == "past":
        chosen = max(c for c in candidates if c <= today)
    elif direction == "future":
        chosen = min(c for c in candidates if c >= today)
    else:
        nearest = sorted(candidates, key=lambda c: abs((c - today).days))
        if len(nearest) > 1 and abs(abs((nearest[0] - today).days) - abs((nearest[1] - today).days)) < AMBIGUOUS_DAYS:
            raise ValueError(
                f"'{words}' has no year and could be {nearest[1].year if nearest[1] < nearest[0] else nearest[0].year} "
                f"or {max(nearest[0], nearest[1]).year} (written on {anchor}) — add the year to the words, "
                f"or say which way they point with `…_direction: past` or `future`"
            )
        chosen = nearest[0]
    return Span.of(PartialDate(chosen.year, chosen.month, chosen.day))


def _month(phrase: str, anchor: PartialDate, direction, words) -> Span | None:
    core = re.sub(r"^(?:earlier|later|this|the)\s+", "", phrase)
    if core not in _MONTHS:
        return None
    month = _MONTHS[core]
    current = anchor.month or 12
    if direction == "future":
        year = anchor.year if month >= current else anchor.year + 1
    else:  # "in August" in a report is the latest August
        year = anchor.year if month <= current else anchor.year - 1
    return Span.of(PartialDate(year, month))


def _add_months(anchor: PartialDate, months: int) -> PartialDate:
    if anchor.month is None:
        raise ValueError(f"a month cannot be worked out from a source dated only to the year ({anchor})")
    index = anchor.year * 12 + anchor.month - 1 + months
    return PartialDate(index // 12, index % 12 + 1)


def _day(anchor: PartialDate, offset: int, words: str | None = None) -> PartialDate:
    if anchor.day is None:
        if words:
            raise ValueError(f"'{words}' needs the source's full date, but it is dated {anchor}")
        raise ValueError(f"a day cannot be worked out from a source dated {anchor}; give the source's full date")
    day = anchor.first_day + dt.timedelta(days=offset)
    return PartialDate(day.year, day.month, day.day)
