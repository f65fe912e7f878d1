"""Relative dates: read "last month" or "Saturday" against the date of the source that says it.

A record keeps the resolved date (``date: 2026-01``) and the words as stated
(``date_as_stated: last month``); the check confirms the two agree, so a brief
written on Sunday 2026-02-01 cannot call 2025-12 "last month".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .types import MONTH_NAMES, PartialDate

WEEKDAYS = [d.lower() for d in calendar.day_name]  # monday … sunday
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES) if name}

SUPPORTED = (
    "a weekday ('Sunday', 'on Saturday', 'earlier this Sunday'), 'today', 'yesterday', "
    "'last month', 'this month', 'later this month', 'next month', 'last year', 'this year', 'next year', "
    "a month ('January', 'in January'), 'October 2024', or a year ('2024')"
)

_FILLER = re.compile(r"^(on|in|earlier|later|this|the)\s+")


def resolve(words: str, anchor: PartialDate) -> PartialDate:
    """The date that ``words`` name when written on ``anchor``; ValueError if they can't be read."""
    phrase = " ".join(words.lower().replace(",", " ").split())
    month_year = re.fullmatch(r"(?:in\s+)?([a-z]+)\s+(\d{4})", phrase)
    if month_year and month_year.group(1) in _MONTHS:
        return PartialDate(int(month_year.group(2)), _MONTHS[month_year.group(1)])
    year = re.fullmatch(r"(?:in\s+)?(\d{4})", phrase)
    if year:
        return PartialDate(int(year.group(1)))
    relative = {
        "last month": lambda: _add_months(anchor, -1),
        "this month": lambda: _add_months(anchor, 0),
        "earlier this month": lambda: _add_months(anchor, 0),
        "later this month": lambda: _add_months(anchor, 0),
        "later in the month": lambda: _add_months(anchor, 0),
        "next month": lambda: _add_months(anchor, 1),
        "last year": lambda: PartialDate(anchor.year - 1),
        "this year": lambda: PartialDate(anchor.year),
        "earlier this year": lambda: PartialDate(anchor.year),
        "next year": lambda: PartialDate(anchor.year + 1),
        "today": lambda: _day(anchor, 0),
        "earlier today": lambda: _day(anchor, 0),
        "yesterday": lambda: _day(anchor, -1),
    }
    if phrase in relative:
        return relative[phrase]()
    core = phrase
    while _FILLER.match(core):
        core = _FILLER.sub("", core, count=1)
    if core in WEEKDAYS:
        return _latest_weekday(anchor, WEEKDAYS.index(core), words)
    if core in _MONTHS:
        month = _MONTHS[core]
        return PartialDate(anchor.year if month <= (anchor.month or 12) else anchor.year - 1, month)
    raise ValueError(f"cannot read '{words}' as a date; the words understood are {SUPPORTED}")


def _add_months(anchor: PartialDate, months: int) -> PartialDate:
    if anchor.month is None:
        raise ValueError(f"a month cannot be worked out from a source dated only to the year ({anchor})")
    index = anchor.year * 12 + anchor.month - 1 + months
    return PartialDate(index // 12, index % 12 + 1)


def _day(anchor: PartialDate, offset: int) -> PartialDate:
    if anchor.day is None:
        raise ValueError(f"a day cannot be worked out from a source dated {anchor}; give the source's full date")
    day = anchor.first_day + dt.timedelta(days=offset)
    return PartialDate(day.year, day.month, day.day)


def _latest_weekday(anchor: PartialDate, weekday: int, words: str) -> PartialDate:
    """The latest ``weekday`` on or before the anchor: "Saturday" in a Sunday paper is the day before."""
    if anchor.day is None:
        raise ValueError(f"'{words}' needs the source's full date, but it is dated {anchor}")
    day = anchor.first_day - dt.timedelta(days=(anchor.first_day.weekday() - weekday) % 7)
    return PartialDate(day.year, day.month, day.day)
