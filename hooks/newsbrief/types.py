"""Reusable value types of the content model: partial dates, slugs, URLs, references.

Each type rejects a bad value with a message about the value alone; the loader
adds the file, line and field.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTH_NAMES = list(calendar.month_name)  # ['', 'January', ...]


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2025``, ``2026-01``, ``2026-02-01``;
    or only as a bound, ``before 2024``, when that is all the source says (no period is invented)."""

    year: int
    month: int | None = None
    day: int | None = None
    before: bool = False
    """Some time before this date: 'the rate before the 2024 increase'."""

    @property
    def precision(self) -> str:
        if self.before:
            return "before"
        return "day" if self.day else "month" if self.month else "year"

    @property
    def bound(self) -> PartialDate:
        """The date a 'before' is before (the date itself otherwise)."""
        return PartialDate(self.year, self.month, self.day)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, cls):
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"expected a date such as 2026-02-01, 2026-01 or 2025, got {value!r}")
        if isinstance(value, str) and value.startswith("before "):
            bound = cls.parse(value.removeprefix("before ").strip())
            return cls(bound.year, bound.month, bound.day, before=True)
        match = _PARTIAL_DATE.match(str(value))
        if not match:
            raise ValueError(f"expected a date such as 2026-02-01, 2026-01 or 2025, got '{value}'")
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has month {month}; months run from 01 to 12")
        assert year is not None  # the pattern requires the year
        if day is not None:
            assert month is not None  # the pattern has no day without a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{value}' is not a real date: {MONTH_NAMES[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        if self.before:
            return dt.date.min  # some time before: no start is known
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.before:
            return self.bound.first_day - dt.timedelta(days=1)
        if self.day:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __lt__(self, other: PartialDate) -> bool:
        """Earlier start first; of two starting together, the more precise (shorter) first."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.first_day, self.last_day) < (other.first_day, other.last_day)

    def contains(self, other: PartialDate) -> bool:
        """True when ``other`` lies within this date's span (2026 contains 2026-01-31)."""
        return self.first_day <= other.first_day and other.last_day <= self.last_day

    def __str__(self) -> str:
        if self.before:
            return f"before {self.bound}"
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """As a reader should see it, with its precision: 'October 2024', '1 February 2026', '2025', 'before 2024'."""
        if self.before:
            return f"before {self.bound.human()}"
        if self.day and self.month:  # a day is always given with its month
            return f"{self.day} {MONTH_NAMES[self.month]} {self.year}"
        if self.month:
            return f"{MONTH_NAMES[self.month]} {self.year}"
        return str(self.year)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> PartialDate:
            try:
                return cls.parse(value)
            except ValueError as exc:
                raise PydanticCustomError("partial_date", str(exc)) from None

        return core_schema.no_info_plain_validator_function(validate, serialization=core_schema.plain_serializer_function_ser_schema(str))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^(before )?\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date to the day (2026-02-01), the month (2026-01) or the year (2025); or 'before 2024' when only that is known.",
        }


def _check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):  # fullmatch: "$" alone would accept a final newline
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f" — did you mean '{suggestion}'?" if suggestion and _SLUG.fullmatch(suggestion) else ""
        raise PydanticCustomError(
            "slug",
            "'{value}' is not an id: use lower-case letters, digits and single hyphens{hint}",
            {"value": value, "hint": hint},
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN})]


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise PydanticCustomError(
            "url",
            "'{value}' is not a web address: it must start with http:// or https:// — "
            "if the source has no public link, remove `url` and write `no_public_link: <why>`",
            {"value": value},
        )
    return value


HttpUrl = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"pattern": "^https?://", "format": "uri"})]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as holding the id of a record of one of ``kinds``."""

    kinds: tuple[str, ...]


def Ref(*kinds: str):
    """The type of a field that names another record: ``speaker: Ref("person", "company")``."""
    named = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"
    return Annotated[
        str,
        AfterValidator(_check_slug),
        RefTo(kinds),
        Field(json_schema_extra={"pattern": SLUG_PATTERN, "description": f"The id of a {named} (its file name without .yaml)."}),
    ]


class Number(float):
    """A number as the editor wrote it: ``12.0`` keeps its one decimal, ``12`` has none.

    YAML (and Python) read both as the same float; the reader sees "12.0%" and
    "12%", and the checks read "12.0" as precise to a tenth. The loader hands over
    the written form (``yamlload.WrittenFloat``), and this type keeps it.
    """

    decimals: int

    def __new__(cls, value: float, decimals: int = 0) -> Number:
        number = super().__new__(cls, value)
        number.decimals = decimals
        return number

    def __reduce__(self):  # pickled for the render worker: keep the decimals
        return (Number, (float(self), self.decimals))

    @property
    def step(self) -> float:
        """The step of the last digit written: 12.0 → 0.1, 411837 → 1."""
        return 10.0**-self.decimals

    @classmethod
    def of(cls, value: Any) -> Number:
        if isinstance(value, cls):
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"expected a number, got {value!r}")
        written = getattr(value, "written", None) or (str(value) if isinstance(value, int) else repr(float(value)))
        decimals = len(written.split(".")[1]) if "." in written and "e" not in written.lower() else 0
        return cls(float(value), decimals)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> Number:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise PydanticCustomError("float_type", "Input should be a valid number")
            return cls.of(value)

        return core_schema.no_info_plain_validator_function(validate, serialization=core_schema.plain_serializer_function_ser_schema(float))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "number"}


def _check_country(value: str) -> str:
    from .vocabulary import COUNTRY_CODES  # vocabulary reads Babel; types stays importable alone

    if value not in COUNTRY_CODES:
        raise PydanticCustomError(
            "country",
            "'{value}' is not a country code: use the two capital letters of ISO 3166, such as US, CN or DE",
            {"value": value},
        )
    return value


CountryCode = Annotated[
    str, AfterValidator(_check_country), Field(json_schema_extra={"pattern": "^[A-Z]{2}$"}, description="ISO 3166 two-letter code: US, CN.")
]
