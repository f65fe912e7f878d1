"""The value types of the model (types.py), as an editor meets them: a bad date, id, address or
country code in a record is refused with the file, line and field, and the exact words of the fix;
dates read, print and sort as a reader sees them; numbers keep the decimals written.

Written for mutation testing (docs/testing.md): each case was chosen to fail when one rule of the
type is dropped or bent.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from conftest import problems
from newsbrief.model import ENTITY_KINDS
from newsbrief.types import SLUG_PATTERN, CountryCode, HttpUrl, Number, PartialDate, Ref, RefTo
from newsbrief.yamlload import WrittenFloat

NOT_AN_ID = "is not an id: use lower-case letters, digits and single hyphens"
NOT_A_DATE = "expected a date such as 2026-02-01, 2026-01 or 2025, got"
NOT_AN_ADDRESS = (
    "is not a web address: it must start with http:// or https:// — if the source has no public link, remove `url` and write `no_public_link: <why>`"
)


def _write_field(content: Path, record: str, field: str, value: str) -> None:
    """Replace one top-level field's line in a record of the valid tree."""
    path = content / record
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[index] = f"{field}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


SOURCE = "sources/daily-report.yaml"  # publisher on line 2, published on line 3, url on line 5
COMPANY = "companies/acme.yaml"  # country on line 3


@pytest.mark.parametrize(
    ("record", "field", "value", "problem"),
    [
        (SOURCE, "url", "ftp://example.com/a", f"5: url: 'ftp://example.com/a' {NOT_AN_ADDRESS}"),
        (SOURCE, "url", "https://", f"5: url: 'https://' {NOT_AN_ADDRESS}"),
        (SOURCE, "url", "https://example.com/a b", f"5: url: 'https://example.com/a b' {NOT_AN_ADDRESS}"),
        (SOURCE, "url", "http://example.com/a", None),
        (SOURCE, "publisher", "Daily Times", f"2: publisher: 'Daily Times' {NOT_AN_ID} — did you mean 'daily-times'?"),
        (SOURCE, "publisher", "daily--times", f"2: publisher: 'daily--times' {NOT_AN_ID} — did you mean 'daily-times'?"),
        (SOURCE, "publisher", "'--'", f"2: publisher: '--' {NOT_AN_ID}"),
        (SOURCE, "publisher", "Daily Times!", f"2: publisher: 'Daily Times!' {NOT_AN_ID} — did you mean 'daily-times'?"),
        (SOURCE, "published", "2026-02-30", "3: published: '2026-02-30' is not a real date: February 2026 has 28 days"),
        (SOURCE, "published", "2100-02-29", "3: published: '2100-02-29' is not a real date: February 2100 has 28 days"),
        (SOURCE, "published", "2026-04-00", "3: published: '2026-04-00' is not a real date: April 2026 has 30 days"),
        (SOURCE, "published", "2026-00", "3: published: '2026-00' has month 0; months run from 01 to 12"),
        (SOURCE, "published", "2026-2-1", f"3: published: {NOT_A_DATE} '2026-2-1'"),
        (SOURCE, "published", "true", f"3: published: {NOT_A_DATE} True"),
        (SOURCE, "published", "2026.5", f"3: published: {NOT_A_DATE} 2026.5"),
        (SOURCE, "published", "2026-02-02", None),
        (COMPANY, "country", "us", "3: country: 'us' is not a country code: use the two capital letters of ISO 3166, such as US, CN or DE"),
        (COMPANY, "country", "UK", "3: country: 'UK' is not a country code: use the two capital letters of ISO 3166, such as US, CN or DE"),
        (COMPANY, "country", "DE", None),
    ],
)
def test_a_bad_value_is_refused_with_its_file_line_and_fix(valid_content: Path, record: str, field: str, value: str, problem: str | None) -> None:
    _write_field(valid_content, record, field, value)
    assert problems(valid_content) == ([] if problem is None else [f"content/{record}:{problem}"])


# Each precision as the record holds it (str), as a reader sees it (human), and the days it spans.
@pytest.mark.parametrize(
    ("written", "text", "human", "precision", "first", "last"),
    [
        ("2026-02-01", "2026-02-01", "1 February 2026", "day", "2026-02-01", "2026-02-01"),
        ("2024-02", "2024-02", "February 2024", "month", "2024-02-01", "2024-02-29"),
        ("2025", "2025", "2025", "year", "2025-01-01", "2025-12-31"),
        ("0999", "0999", "999", "year", "0999-01-01", "0999-12-31"),
        ("before 2024", "before 2024", "before 2024", "before", "0001-01-01", "2023-12-31"),
        ("before 2024-10", "before 2024-10", "before October 2024", "before", "0001-01-01", "2024-09-30"),
        ("before  2024-10-15", "before 2024-10-15", "before 15 October 2024", "before", "0001-01-01", "2024-10-14"),
    ],
)
def test_a_date_reads_prints_and_spans_as_written(written: str, text: str, human: str, precision: str, first: str, last: str) -> None:
    date = PartialDate.parse(written)
    assert (str(date), date.human(), date.precision) == (text, human, precision)
    assert (date.first_day.isoformat(), date.last_day.isoformat()) == (first, last)
    assert PartialDate.parse(date) is date


def test_dates_sort_by_start_and_the_shorter_first() -> None:
    written = ["2026-01-31", "2026", "2026-01", "before 2026", "2025-12", "2026-02"]
    ordered = [str(d) for d in sorted(PartialDate.parse(w) for w in written)]
    assert ordered == ["before 2026", "2025-12", "2026-01", "2026", "2026-01-31", "2026-02"]
    assert PartialDate(2026) <= PartialDate(2026) and not PartialDate(2026) < PartialDate(2026)
    with pytest.raises(TypeError):
        _ = PartialDate(2026) < "2027"  # type: ignore[operator]


@pytest.mark.parametrize(
    ("outer", "inner", "contains"),
    [
        ("2026", "2026-01-01", True),
        ("2026", "2026-12-31", True),
        ("2026", "2026", True),
        ("2026-01", "2026-02-01", False),
        ("2026-01", "2025-12-31", False),
        ("2026-01", "2026", False),
        ("before 2024", "2023-12-31", True),
        ("before 2024", "2024-01-01", False),
    ],
)
def test_a_date_contains_exactly_the_days_of_its_span(outer: str, inner: str, contains: bool) -> None:
    assert PartialDate.parse(outer).contains(PartialDate.parse(inner)) is contains


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (WrittenFloat("12.0"), 1, "12.0"),
        (WrittenFloat("12.50"), 2, "12.50"),
        (WrittenFloat("1_000.5"), 1, "1000.5"),
        (WrittenFloat("1.5e3"), 0, "1500"),  # a power of ten: no decimals written
        (12, 0, "12"),
        (12.25, 2, "12.25"),  # a float from elsewhere: its shortest form
        (-0.5, 1, "-0.5"),
    ],
)
def test_a_number_keeps_the_decimals_the_editor_wrote(value: float, decimals: int, text: str) -> None:
    number = Number.of(value)
    assert (float(number), number.decimals, f"{number:.{number.decimals}f}") == (float(value), decimals, text)
    assert number.step == pytest.approx(10.0**-decimals)
    again = pickle.loads(pickle.dumps(number))  # as the render worker receives it
    assert (type(again), float(again), again.decimals) == (Number, float(value), decimals)
    assert Number.of(number) is number


@pytest.mark.parametrize("value", [True, "12", None])
def test_a_number_that_is_not_one_is_refused(value: object) -> None:
    with pytest.raises(ValueError) as caught:
        Number.of(value)
    assert str(caught.value) == f"expected a number, got {value!r}"


# The model's types are built into pydantic's validators when the model is imported; these tests
# build them again, so that what each type says to pydantic (its validation, its export, its JSON
# Schema) is checked where a mutant of it can be seen (mutation/run.py runs each mutant from an
# already-imported model).
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def _committed_property(kind: str, field: str) -> dict:
    """A field's JSON Schema as committed in schemas/ (what editors' tools check files against), less its title."""
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))["properties"][field]
    return {key: value for key, value in schema.items() if key != "title"}


@pytest.mark.parametrize(
    ("kind", "field", "type_", "path"),
    [
        ("figure", "period", PartialDate, []),
        ("figure", "value", Number, ["anyOf", 0]),
        ("figure", "subject", Ref(*ENTITY_KINDS, "policy"), []),
        ("figure", "implied_by", Ref("figure"), ["anyOf", 0]),
        ("figure", "sources", Ref("source"), ["items"]),
        ("source", "url", HttpUrl, ["anyOf", 0]),
        ("company", "country", CountryCode, ["anyOf", 0]),
    ],
)
def test_the_committed_schema_of_a_field_is_its_types_schema(kind: str, field: str, type_: object, path: list) -> None:
    committed: object = _committed_property(kind, field)
    for step in path:
        committed = committed[step]  # type: ignore[index]
    assert committed == TypeAdapter(type_).json_schema()


@pytest.mark.parametrize(
    ("kinds", "named"),
    [(("person",), "a person"), (("person", "company"), "a person or company"), (("person", "company", "policy"), "a person, company or policy")],
)
def test_a_reference_names_the_kinds_it_may_point_to(kinds: tuple[str, ...], named: str) -> None:
    reference = Ref(*kinds)
    assert TypeAdapter(reference).json_schema() == {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "description": f"The id of {named} (its file name without .yaml).",
    }
    assert [m.kinds for m in reference.__metadata__ if isinstance(m, RefTo)] == [kinds]
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(reference).validate_python("Jane Doe")
    assert caught.value.errors()[0]["msg"] == f"'Jane Doe' {NOT_AN_ID} — did you mean 'jane-doe'?"


def test_a_date_validates_and_exports_as_written() -> None:
    adapter = TypeAdapter(PartialDate)
    assert adapter.validate_python("2026-02") == PartialDate(2026, 2)
    assert adapter.dump_python(PartialDate(2026, 2)) == "2026-02" and adapter.dump_json(PartialDate.parse("before 2024")) == b'"before 2024"'
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python("2026-02-30")
    (error,) = caught.value.errors()
    assert (error["type"], error["msg"]) == ("partial_date", "'2026-02-30' is not a real date: February 2026 has 28 days")


def test_a_number_validates_keeps_its_decimals_and_exports_as_a_number() -> None:
    adapter = TypeAdapter(Number)
    number = adapter.validate_python(WrittenFloat("12.0"))
    assert (type(number), number.decimals, adapter.dump_python(number), adapter.dump_json(number)) == (Number, 1, 12.0, b"12.0")
    for wrong in (True, "12", None):
        with pytest.raises(ValidationError) as caught:
            adapter.validate_python(wrong)
        (error,) = caught.value.errors()
        assert (error["type"], error["msg"]) == ("float_type", "Input should be a valid number")
