"""How a number in a text is matched to a figure (hooks/newsbrief/textcheck.py): "every figure agrees".

Found unguarded by mutation testing (issue 12). The matching rules are tested as tables
generated from the vocabulary (every unit, every kind of number a text can hold); what an editor
reads when a number does not agree is tested on the small valid tree, message by message; which
figures each text may quote, on an "island" added to that tree where every route into a text's
scope brings a different number (`ISLAND_SCOPES`).
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
import yaml

from conftest import problems
from newsbrief import textcheck
from newsbrief.checks import load_site
from newsbrief.numbers import MULTIPLE, PERCENT, PLAIN, POINTS, Mention
from newsbrief.textcheck import Candidate, agrees, closest, compatible, count_numbers, vote_count_values
from newsbrief.types import Number
from newsbrief.vocabulary import UNIT_SPECS


def _safe_id(value: object) -> str:
    """A test id without spaces or signs: mutmut runs each mutant's tests by id, and cannot pass '20 points'."""
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in str(value)) if isinstance(value, (str, int, float)) else ""


DIMENSION_A_TEXT_KIND_QUOTES = {PERCENT: {"percent"}, POINTS: {"percentage-points"}, MULTIPLE: {"ratio"}}
"""The promise, written out: '%' quotes only a percent, 'points' only percentage points, '×' only a
multiple, '$' only US dollars; a plain number a count, a duration or a sum of money."""
TEXT_KINDS = [PERCENT, POINTS, MULTIPLE, PLAIN, "money-USD", "money-EUR"]


def mention(value: float, kind: str = PLAIN, step: float = 1.0, direction: str | None = None, approximate: str | None = None) -> Mention:
    return Mention(0, 1, str(value), value, kind, step, direction, approximate)


def expected_compatible(kind: str, dimension: str) -> bool:
    if kind in DIMENSION_A_TEXT_KIND_QUOTES:
        return dimension in DIMENSION_A_TEXT_KIND_QUOTES[kind]
    if kind.startswith("money-"):
        return dimension == kind
    return dimension in ("count", "duration") or dimension.startswith("money-")


@pytest.mark.parametrize("kind", TEXT_KINDS, ids=_safe_id)
def test_a_number_quotes_only_a_figure_of_its_kind_of_quantity(kind: str) -> None:
    """Every unit of the vocabulary (and every currency) against every kind of number a text holds."""
    for unit, spec in UNIT_SPECS.items():
        candidate = Candidate("f", 5.0, unit, False)
        assert compatible(mention(5.0, kind), candidate) == expected_compatible(kind, spec.dimension), (kind, unit)
        assert agrees(mention(5.0, kind), candidate) == expected_compatible(kind, spec.dimension), (kind, unit)


@pytest.mark.parametrize(
    ("text_number", "figure_value", "agreed"),
    [
        # as written: within half the last digit written
        (mention(1200), 1200.49, True),
        (mention(1200), 1200.51, False),
        (mention(1200), 1199.51, True),
        (mention(1200), 1199.49, False),
        (mention(12.0, step=0.1), 12.04, True),
        (mention(12.0, step=0.1), 12.06, False),
        (mention(1.2e9, step=1e8), 1.249e9, True),
        (mention(1.2e9, step=1e8), 1.251e9, False),
        (mention(1200), 1200.5, True),  # half the last digit exactly
        (mention(456789.1, step=0.1), 456789.15, True),  # ... also where the float error of a large number exceeds 10**-9
        # 'about': within 5%, or half the step when that is wider
        (mention(40000, approximate="about"), 38001, True),
        (mention(40000, approximate="about"), 37999, False),
        (mention(40000, approximate="about"), 41999, True),
        (mention(40000, approximate="about"), 42001, False),
        (mention(40000, approximate="about"), 42000, True),  # 5% exactly
        (mention(40000, approximate="about"), 38000, True),
        (mention(10, step=10.0, approximate="about"), 14.9, True),
        (mention(10, step=10.0, approximate="about"), 15.1, False),
        # 'over' / 'under': a bound, with half a step of slack
        (mention(39000, approximate="over"), 411837, True),
        (mention(39000, approximate="over"), 38999.6, True),
        (mention(39000, approximate="over"), 38999.4, False),
        (mention(5000, approximate="under"), 4000, True),
        (mention(5000, approximate="under"), 5000.4, True),
        (mention(5000, approximate="under"), 5000.6, False),
        # a fall is quoted without its sign: 'down 20%' is the figure -20
        (mention(20), -20, True),
    ],
    ids=_safe_id,
)
def test_a_number_agrees_with_a_figure_within_what_its_words_admit(text_number: Mention, figure_value: float, agreed: bool) -> None:
    assert agrees(text_number, Candidate("f", figure_value, "units", False)) is agreed


@pytest.mark.parametrize(
    ("direction", "value", "is_change", "agreed"),
    [
        ("up", 20.0, True, True),
        ("up", -20.0, True, False),
        ("down", -20.0, True, True),
        ("down", 20.0, True, False),
        (None, -20.0, True, True),
        ("down", 20.0, False, True),  # a level ('fell to 20%') has no direction to disagree with
        ("up", 0.0, True, False),  # no change is neither up nor down: 20 is not 0
    ],
    ids=_safe_id,
)
def test_a_direction_in_the_text_must_be_the_sign_of_a_change(direction: str | None, value: float, is_change: bool, agreed: bool) -> None:
    assert agrees(mention(20.0, PERCENT, direction=direction), Candidate("f", value, "percent", is_change)) is agreed


def test_a_change_of_zero_agrees_with_either_direction() -> None:
    for direction in ("up", "down"):
        assert agrees(mention(0.0, POINTS, direction=direction), Candidate("f", 0.0, "percentage-points", True))


def test_the_closest_figures_are_listed_first_those_of_the_same_kind_before_all_others() -> None:
    candidates = {
        c.id: c
        for c in [
            Candidate("b-far", 2000.0, "units", False),
            Candidate("a-percent", 1201.0, "percent", False),
            Candidate("c-near", 1150.0, "units", False),
            Candidate("d-fall", -1190.0, "units", False),
            Candidate("e-tie", 1150.0, "units", False),
        ]
    }
    assert [c.id for c in closest(mention(1200), candidates)] == ["d-fall", "c-near", "e-tie", "b-far", "a-percent"]


@pytest.mark.parametrize(
    ("candidate", "shown"),
    [
        (Candidate("sales", 411837.0, "vehicles", False), "sales = 411,837"),
        (Candidate("sales", 22941.18, "vehicles", False), "sales = 22,941"),
        (Candidate("avg", 2.5, "vehicles", False), "avg = 2"),
        (Candidate("growth", 34.567, "percent", True), "growth = 34.57%"),
        (Candidate("growth", -20.0, "percent", True), "growth = −20%"),
        (Candidate("gap", 1.5, "percentage-points", True), "gap = 1.5 points"),
        (Candidate("ratio", 4.0, "times", False), "ratio = 4×"),
        (Candidate("cost", 1234.5, "USD", False), "cost = 1,234"),
        (Candidate("cost", 12.345, "USD", False), "cost = 12.35"),
        (Candidate("cost", 1000.25, "USD", False), "cost = 1,000"),  # from 1,000 on, no decimals
        (Candidate("rate", Number(17.0, 1), "percent", False), "rate = 17.0%"),
        (Candidate("old", 398.0, "vehicles", False, note="implied from the preferred value x"), "old = 398 (implied from the preferred value x)"),
    ],
    ids=_safe_id,
)
def test_a_figure_is_listed_as_an_editor_reads_it(candidate: Candidate, shown: str) -> None:
    assert candidate.shown() == shown


# --- on the small valid tree: what the editor reads ------------------------------------------------

CLAIM = "claims/acme-sales-grew-2025.yaml"
SCOPE_OF_THE_CLAIM = "acme-sales-2024 = 1,000, acme-sales-2025 = 1,200, acme-sales-growth-2025 = 20%"
"""The claim's figures, closest to '7' first, the percent (another kind of quantity) last."""


def write(content: Path, path: str, data: dict) -> None:
    (content / path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read(content: Path, path: str) -> dict:
    return yaml.safe_load((content / path).read_text(encoding="utf-8"))


def with_text(content: Path, path: str, field: str, text: str, **more) -> None:
    data = read(content, path)
    data[field] = text
    data.update(more)
    write(content, path, data)


def test_an_unused_exception_is_reported_where_it_is_listed(valid_content: Path) -> None:
    with_text(valid_content, CLAIM, "text", "Acme sold 1,200 widgets in 2025.", not_figures=[{"text": "Section 301", "reason": "a law"}])
    assert problems(valid_content) == [
        "content/claims/acme-sales-grew-2025.yaml:11: not_figures[0].text: 'Section 301' is not a number in this record's text — remove it from `not_figures`, "
        "or correct it to the words as they appear"
    ]


def test_an_exception_covers_its_words_in_any_case_wherever_they_appear(valid_content: Path) -> None:
    with_text(
        valid_content,
        CLAIM,
        "text",
        "Acme sold 1,200 widgets in 2025 under Section 301; section 301 covers 7 rules.",
        not_figures=[{"text": "SECTION 301", "reason": "a law"}],
    )
    assert problems(valid_content) == [
        f"content/claims/acme-sales-grew-2025.yaml:1: text: '7' matches no figure in this text's scope ({SCOPE_OF_THE_CLAIM}) — "
        "closest is acme-sales-2024; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason"
    ]


def test_a_text_whose_scope_has_no_figure_says_so(valid_content: Path) -> None:
    # A publisher that no figure is about, that cites nothing and that no brief names.
    with_text(valid_content, "organizations/daily-times.yaml", "description", "A newspaper with 7 desks.")
    assert problems(valid_content) == [
        "content/organizations/daily-times.yaml:3: description: '7' matches no figure: this text's scope has none — add the figure and refer to it, "
        "or, if it is not a figure, list it under `not_figures` with the reason"
    ]


def test_names_addresses_and_date_words_are_not_read_for_figures(valid_content: Path) -> None:
    with_text(valid_content, "companies/globex.yaml", "name", "Globex 2000", aliases=["G7 Group 12"], website="https://example.com/7")
    assert problems(valid_content) == []


def test_a_figure_in_a_brief_may_be_quoted_by_every_record_the_brief_names(valid_content: Path) -> None:
    # acme-denial names no figure; the brief that lists it names acme-sales-2025.
    with_text(valid_content, "events/acme-denial.yaml", "title", "Acme, seller of 1,200 units, denies talks")
    assert problems(valid_content) == []
    with_text(valid_content, "events/acme-denial.yaml", "title", "Acme, seller of 1,300 units, denies talks")
    assert [p.split(" matches")[0] for p in problems(valid_content)] == ["content/events/acme-denial.yaml:1: title: '1,300'"]


def test_a_figure_may_be_quoted_by_the_records_of_the_source_that_backs_it(valid_content: Path) -> None:
    # The statement cites daily-report, which backs every figure of the tree; it names no figure itself.
    with_text(valid_content, "statements/acme-denies-talks.yaml", "quote", "There were no talks, and we sold over 500 units.")
    assert problems(valid_content) == []


def test_a_claim_that_names_figures_is_checked_against_those_and_what_derives_from_them(valid_content: Path) -> None:
    data = read(valid_content, CLAIM)
    data["figures"] = ["acme-sales-2024"]  # the growth and 2025 derive from / compare with it, both ways
    write(valid_content, CLAIM, data)
    assert problems(valid_content) == []
    data["figures"] = ["globex-sales-2026-01"]
    write(valid_content, CLAIM, data)
    assert [p.split(" — ")[0] for p in problems(valid_content)] == [
        f"content/claims/acme-sales-grew-2025.yaml:1: text: '{number}' matches no figure in this text's scope ({scope})"
        for number, scope in [
            ("1,000", "globex-sales-2026-01 = 500, globex-sales-2025-01 = 398, globex-sales-growth-2026-01 = 25%"),
            ("1,200", "globex-sales-2026-01 = 500, globex-sales-2025-01 = 398, globex-sales-growth-2026-01 = 25%"),
            ("20%", "globex-sales-growth-2026-01 = 25%, globex-sales-2025-01 = 398, globex-sales-2026-01 = 500"),
        ]
    ]


def test_a_text_whose_numbers_are_all_listed_as_not_figures_does_not_stop_the_next_text_being_checked(valid_content: Path) -> None:
    with_text(
        valid_content, CLAIM, "text", "Acme acted under Section 301.", not_figures=[{"text": "Section 301", "reason": "a law"}], note="Acme sold 7 widgets."
    )
    assert [p.split(" (")[0] for p in problems(valid_content)] == [
        f"content/{CLAIM}:{_line_of(valid_content, CLAIM, 'note')}: note: '7' matches no figure in this text's scope"
    ]


def test_a_figure_that_cannot_be_worked_out_leaves_every_other_figure_quotable(valid_content: Path) -> None:
    """Listed first of the figures, it has no value (what implies it does not derive it): the figures after it are still in scope."""
    write(
        valid_content,
        "figures/acme-plants-2024.yaml",
        {"subject": "acme", "metric": "plants", "unit": "units", "period": 2024, "implied_by": "acme-sales-2024"},
    )
    assert problems(valid_content) == [
        "content/figures/acme-plants-2024.yaml:5: implied_by: 'acme-sales-2024' does not derive this figure: it must have a `derivation` "
        "whose `base` or `current` is 'acme-plants-2024'"
    ]


def test_a_figure_reaches_its_competing_values_and_every_figure_each_of_them_is_worked_out_from_or_compared_with(valid_content: Path) -> None:
    """The claim names the implied January 2025 only. From it: the growth that implies it, the January 2026 that growth is
    worked out from, the official January 2026 that competes with it (preferred: the implied value is worked out from it, and
    says so), and the Acme 2024 the official one is compared with, with the Acme figures worked out from or compared with that."""
    write(valid_content, "sources/official-report.yaml", {**_source("official-report"), "title": "Official"})
    write(
        valid_content,
        "figures/globex-sales-2026-01-official.yaml",
        {
            "subject": "globex",
            "metric": "sales",
            "unit": "units",
            "value": 520,
            "period": "2026-01",
            "compared_to": [{"than": "acme-sales-2024", "relation": "below"}],
            "rank": "preferred",
            "rank_reason": "official statistics",
            "sources": ["official-report"],
        },
    )
    data = read(valid_content, "claims/acme-globex-merger-talks.yaml")
    data["text"] = "Acme and Globex discussed a merger; Globex sold 7."
    data["figures"] = ["globex-sales-2025-01"]
    write(valid_content, "claims/acme-globex-merger-talks.yaml", data)
    assert problems(valid_content) == [
        "content/claims/acme-globex-merger-talks.yaml:1: text: '7' matches no figure in this text's scope ("
        "globex-sales-2025-01 = 416 (implied from the preferred value globex-sales-2026-01-official), globex-sales-2026-01 = 500, "
        "globex-sales-2026-01-official = 520, acme-sales-2024 = 1,000, acme-sales-2025 = 1,200, acme-sales-growth-2025 = 20% and 1 more) "
        "— closest is globex-sales-2025-01; correct the text or the figure, or, if it is not a figure, list it under `not_figures` with the reason"
    ]


@pytest.mark.parametrize(
    ("as_stated", "message"),
    [
        ("up 20%", None),
        ("20 percent higher", None),
        ("21%", "'21%' does not agree with the value 20 percent — correct `value` or `as_stated`"),
        ("down 20%", "'20%' says a fall, but the value is 20 percent — correct the sign of `value`, or `as_stated`"),
        ("20 points", "'20 points' is in percentage points, but the figure is in percent (20 percent) — correct `unit` or `as_stated`"),
        ("20 times", "'20 times' is in a multiple, but the figure is in percent (20 percent) — correct `unit` or `as_stated`"),
        ("20 widgets", "'20' is in a plain number, but the figure is in percent (20 percent) — correct `unit` or `as_stated`"),
        ("$20", "'$20' is in money-USD, but the figure is in percent (20 percent) — correct `unit` or `as_stated`"),
    ],
    ids=_safe_id,
)
def test_a_figures_own_words_must_say_its_value_unit_and_sign(valid_content: Path, as_stated: str, message: str | None) -> None:
    with_text(valid_content, "figures/acme-sales-growth-2025.yaml", "as_stated", as_stated)
    assert problems(valid_content) == ([] if message is None else [f"content/figures/acme-sales-growth-2025.yaml:12: as_stated: {message}"])


def test_vote_counts_are_quotable_with_their_total(valid_content: Path) -> None:
    vote = {
        "body": "daily-times",
        "date": "2026-01-01",
        "voted_on": "widget-tariff",
        "question": "Twelve voted on the tariff: 7 for, 3 against, 2 abstained.",
        "unit": "members",
        "in_favour": 7,
        "against": 3,
        "abstaining": 2,
        "members": 15,
        "outcome": "passed",
        "sources": ["daily-report"],
    }
    (valid_content / "votes").mkdir()
    write(valid_content, "votes/v.yaml", vote)
    site = load_site(valid_content)
    assert vote_count_values(site, "v") == {"v.in_favour": 7.0, "v.against": 3.0, "v.abstaining": 2.0, "v.members": 15.0, "v.voting": 12.0}
    assert [str(p) for p in site.problems] == []
    vote["question"] = "Thirteen voted on the tariff."
    write(valid_content, "votes/v.yaml", vote)
    assert [p.split(" (")[0] for p in problems(valid_content)] == ["content/votes/v.yaml:4: question: 'Thirteen' matches no figure in this text's scope"]
    # A count is not a change: a direction beside it ('3 against, less than expected') cannot disagree with it.
    vote["question"] = "Twelve voted on the tariff: 7 for, 3 against, less than expected, and 2 abstained."
    write(valid_content, "votes/v.yaml", vote)
    assert problems(valid_content) == []


def test_one_count_has_no_total(valid_content: Path) -> None:
    vote = {"body": "daily-times", "date": "2026-01-01", "voted_on": "widget-tariff", "question": "q", "unit": "members", "in_favour": 7, "outcome": "passed"}
    (valid_content / "votes").mkdir()
    write(valid_content, "votes/v.yaml", {**vote, "sources": ["daily-report"]})
    assert vote_count_values(load_site(valid_content), "v") == {"v.in_favour": 7.0}


def test_the_numbers_of_the_content_are_counted_read_checked_and_excepted(valid_content: Path) -> None:
    with_text(valid_content, CLAIM, "text", "Acme sold 1,200 widgets in 2025 under Section 301.", not_figures=[{"text": "Section 301", "reason": "a law"}])
    site = load_site(valid_content)
    assert [str(p) for p in site.problems] == []
    read_numbers_of_texts = sum(len(textcheck.read_numbers(t)) for e in site.entries.values() for _, t in textcheck.texts_of(e))
    assert count_numbers(site) == {"read": read_numbers_of_texts, "checked": read_numbers_of_texts - 1, "not_figures": 1}


def test_a_record_that_names_a_missing_record_is_not_checked_for_numbers(valid_content: Path) -> None:
    with_text(valid_content, CLAIM, "text", "Acme sold 9,999 widgets.", subjects=["acme", "no-such-company"])
    assert [p for p in problems(valid_content) if "9,999" in p] == []
    with_text(valid_content, CLAIM, "text", "Acme sold 9,999 widgets.", subjects=["acme"])
    assert [p.split(" matches")[0] for p in problems(valid_content)] == ["content/claims/acme-sales-grew-2025.yaml:1: text: '9,999'"]


@pytest.mark.parametrize("field", ["headline", "summary"], ids=_safe_id)
def test_a_briefs_headline_and_summary_quote_only_its_figures(valid_content: Path, field: str) -> None:
    brief = "briefs/acme-denies-merger.yaml"
    line = {"headline": 1, "summary": 2}[field]
    with_text(valid_content, brief, field, read(valid_content, brief)[field] + " Acme sold 1,200 units in 2025.")
    assert problems(valid_content) == []
    with_text(valid_content, brief, field, read(valid_content, brief)[field].replace("1,200", "1,300"))
    assert [p.split(" (")[0] for p in problems(valid_content)] == [
        f"content/briefs/acme-denies-merger.yaml:{line}: {field}: '1,300' matches no figure in this text's scope"
    ]


# --- scope: a tree where each record reaches different figures ----------------------------------
#
# In the small valid tree one source backs every figure, so every text may quote every figure and a
# scope that is too wide (or a route into it that is lost) cannot be seen. The island below is added
# to a copy of it: every record cites a source of its own, which backs one figure of its own
# ("<record>-sourced"), so each way a text reaches a figure — the brief that names the record, the
# record's own references and sources, the claims, statements, votes, policies, events and figures it
# cites, the votes on it — brings in a different number. Every text is given every number; the ones
# reported are the ones outside its scope.

ISLAND_FIGURES: dict[str, tuple[int, str]] = {
    "isl-claim-sourced": (3100, "initech"),
    "isl-claim-named": (3150, "initech"),
    "isl-policy-sourced": (3200, "initech"),
    "isl-policy-about": (3250, "isl-policy"),
    "isl-event-sourced": (3300, "initech"),
    "isl-vote-sourced": (3400, "initech"),
    "isl-event-vote-sourced": (3450, "initech"),
    "isl-other-statement-sourced": (3500, "initech"),
    "isl-statement-sourced": (3600, "initech"),
    "isl-stanced-figure": (3700, "initech"),
    "isl-stanced-figure-sibling": (3750, "initech"),  # backed by the stanced figure's source
    "isl-brief-sourced": (3800, "initech"),
    "isl-brief-named": (3850, "initech"),
    "isl-brief-2-sourced": (3900, "initech"),
}
"""Figure id: (value, subject). A figure '<record>-sourced' cites the record's own source; every other
figure a source of its own, but the sibling, which cites the stanced figure's."""

ISLAND_VOTES = {"isl-vote": (41, 43), "isl-event-vote": (51, 53)}
"""Vote id: (in favour, against); each vote's total of those voting (84, 104) is quotable too."""

OUTSIDE_EVERY_SCOPE = 1200
"""acme-sales-2025 of the valid tree: no record of the island reaches it."""


def _vote_numbers(vote_id: str) -> set[int]:
    in_favour, against = ISLAND_VOTES[vote_id]
    return {in_favour, against, in_favour + against}


def _values(*figure_ids: str) -> set[int]:
    return {ISLAND_FIGURES[f][0] for f in figure_ids}


ISLAND_SCOPES: dict[tuple[str, str], set[int]] = {
    # (file, text field): the numbers it may quote, and why.
    ("claims/isl-claim.yaml", "note"): _values(
        "isl-claim-sourced",  # its source backs it
        "isl-claim-named",  # it names it
        "isl-brief-sourced",  # the brief that lists the claim: the brief's source backs it
        "isl-brief-named",  # ... and the brief names it
        "isl-brief-2-sourced",  # the second brief that lists it: every brief counts
    )
    | _vote_numbers("isl-event-vote"),  # the brief lists this vote
    ("policies/isl-policy.yaml", "summary"): _values("isl-policy-sourced", "isl-policy-about") | _vote_numbers("isl-vote"),  # the vote on it
    ("events/isl-event.yaml", "summary"): _values("isl-event-sourced", "isl-brief-sourced", "isl-brief-named") | _vote_numbers("isl-event-vote"),
    ("votes/isl-vote.yaml", "question"): _values("isl-vote-sourced", "isl-policy-sourced", "isl-policy-about") | _vote_numbers("isl-vote"),
    ("votes/isl-event-vote.yaml", "question"): _values("isl-event-vote-sourced", "isl-event-sourced", "isl-brief-sourced", "isl-brief-named")
    | _vote_numbers("isl-event-vote"),
    # it is about the policy: the policy's figures and the votes on it
    ("statements/isl-other-statement.yaml", "paraphrase"): _values("isl-other-statement-sourced", "isl-policy-sourced", "isl-policy-about")
    | _vote_numbers("isl-vote"),
    ("briefs/isl-brief-2.yaml", "summary"): _values("isl-brief-2-sourced", "isl-claim-sourced", "isl-claim-named"),
    ("statements/isl-statement.yaml", "quote"): _values(
        "isl-statement-sourced",
        "isl-stanced-figure",  # a stance on a figure names it
        "isl-stanced-figure-sibling",  # ... and the figure's source backs this one
        "isl-claim-sourced",  # the claim it takes a stance on: that claim's figures
        "isl-claim-named",
        "isl-policy-sourced",  # the policy it takes a stance on
        "isl-policy-about",
        "isl-other-statement-sourced",  # the statement it takes a stance on
        "isl-vote-sourced",  # the vote it takes a stance on
    )
    | _vote_numbers("isl-vote"),  # ... and that vote's counts
    ("figures/isl-stanced-figure.yaml", "note"): _values("isl-stanced-figure", "isl-stanced-figure-sibling"),
    ("briefs/isl-brief.yaml", "summary"): _values(
        "isl-brief-sourced",
        "isl-brief-named",
        "isl-claim-sourced",  # its key point
        "isl-claim-named",
        "isl-event-sourced",  # its event
        "isl-event-vote-sourced",  # its vote
    )
    | _vote_numbers("isl-event-vote"),
    ("sources/isl-brief-source.yaml", "excerpt"): _values("isl-brief-sourced", "isl-brief-named") | _vote_numbers("isl-event-vote"),  # its brief's
    # Figures about a company are in its scope; a figure about a policy is not.
    ("companies/initech.yaml", "description"): {value for value, subject in ISLAND_FIGURES.values() if subject == "initech"},
}

EVERY_NUMBER = sorted({value for value, _ in ISLAND_FIGURES.values()} | _vote_numbers("isl-vote") | _vote_numbers("isl-event-vote") | {OUTSIDE_EVERY_SCOPE})


def _all_numbers() -> str:
    return "Said: " + "; ".join(f"{n:,}" for n in EVERY_NUMBER) + "."


def _source(record_id: str) -> dict:
    return {
        "title": f"Report {record_id}",
        "publisher": "daily-times",
        "published": "2026-02-01",
        "kind": "news-report",
        "url": f"https://example.com/{record_id}",
    }


def island_records() -> dict[str, dict]:
    """The island's files (path under content/: the record); each record's checked text comes first, on line 1."""
    text = _all_numbers()
    records: dict[str, dict] = {
        "companies/initech.yaml": {"description": text, "name": "Initech", "country": "US"},
        "organizations/isl-council.yaml": {"name": "Council", "type": "government", "description": "A council."},
        "organizations/isl-assembly.yaml": {"name": "Assembly", "type": "government", "description": "An assembly."},
        "claims/isl-claim.yaml": {
            "note": text,
            "text": "Initech made 3,150 widgets.",
            "subjects": ["initech"],
            "figures": ["isl-claim-named"],
            "sources": ["isl-claim-source"],
        },
        "policies/isl-policy.yaml": {
            "summary": text,
            "title": "Widget levy",
            "issuer": "daily-times",
            "status": "in-force",
            "history": [{"action": "enacted", "date": "2025-01", "sources": ["isl-policy-source"]}],
            "sources": ["isl-policy-source"],
        },
        "events/isl-event.yaml": {
            "summary": text,
            "title": "Initech opens a plant",
            "date": "2026-01-15",
            "participants": ["initech"],
            "sources": ["isl-event-source"],
        },
        "statements/isl-other-statement.yaml": {
            "paraphrase": text,
            "speaker": "daily-times",
            "date": "2026-01-20",
            "channel": "news-report",
            "about": ["isl-policy"],
            "sources": ["isl-other-statement-source"],
        },
        "statements/isl-statement.yaml": {
            "quote": text,
            "speaker": "initech",
            "date": "2026-01-21",
            "channel": "written-statement",
            "stances": [
                {"claim": "isl-claim", "stance": "asserts"},
                {"claim": "isl-policy", "stance": "supports"},
                {"claim": "isl-other-statement", "stance": "confirms"},
                {"claim": "isl-stanced-figure", "stance": "asserts"},
                {"claim": "isl-vote", "stance": "supports"},
            ],
            "sources": ["isl-statement-source"],
        },
        "briefs/isl-brief.yaml": {
            "summary": text,
            "headline": "Initech opens a plant",
            "published": "2026-02-01",
            "key_points": ["isl-claim"],
            "figures": ["isl-brief-named"],
            "events": ["isl-event"],
            "votes": ["isl-event-vote"],
            "sources": ["isl-brief-source"],
        },
        "briefs/isl-brief-2.yaml": {
            "summary": text,
            "headline": "Initech again",
            "published": "2026-02-01",
            "key_points": ["isl-claim"],
            "sources": ["isl-brief-2-source"],
        },
    }
    for vote_id, voted_on, body in [("isl-vote", "isl-policy", "isl-council"), ("isl-event-vote", "isl-event", "isl-assembly")]:
        in_favour, against = ISLAND_VOTES[vote_id]
        records[f"votes/{vote_id}.yaml"] = {
            "question": text,
            "body": body,
            "date": "2026-01-25",
            "voted_on": voted_on,
            "in_favour": in_favour,
            "against": against,
            "outcome": "passed",
            "sources": [f"{vote_id}-source"],
        }
    owners = [path.split("/")[1].removesuffix(".yaml") for path in records if not path.startswith(("companies/", "organizations/"))]
    for owner in owners:
        records[f"sources/{owner}-source.yaml"] = _source(owner)
    records["sources/isl-brief-source.yaml"] = {"excerpt": text, **_source("isl-brief")}
    for figure_id, (value, subject) in ISLAND_FIGURES.items():
        owner = figure_id.removesuffix("-sourced")
        source = f"{owner}-source" if owner in owners else f"{figure_id.removesuffix('-sibling')}-source"
        if source == f"{figure_id}-source":
            records[f"sources/{source}.yaml"] = _source(figure_id)
        records[f"figures/{figure_id}.yaml"] = {
            "note": text if figure_id == "isl-stanced-figure" else "A figure.",
            "subject": subject,
            "metric": f"measure {figure_id}",
            "unit": "units",
            "value": value,
            "period": 2025,
            "sources": [source],
        }
    return records


def plant_island(content: Path) -> None:
    for path, record in island_records().items():
        (content / path).parent.mkdir(exist_ok=True)
        write(content, path, record)


def test_every_text_may_quote_exactly_the_figures_its_record_reaches(valid_content: Path) -> None:
    """Each number outside a text's scope is reported at the text's file, line and field; each one inside is not."""
    plant_island(valid_content)
    reported = problems(valid_content)
    expected = [
        f"content/{path}:1: {field}: '{number:,}' matches no figure in this text's scope"
        for (path, field), scope in ISLAND_SCOPES.items()
        for number in EVERY_NUMBER
        if number not in scope
    ]
    assert sorted(p.split(" (")[0] for p in reported) == sorted(expected)


def test_a_number_outside_the_scope_is_reported_with_the_closest_figures_of_the_scope(valid_content: Path) -> None:
    plant_island(valid_content)
    reported = [p for p in problems(valid_content) if p.startswith("content/briefs/isl-brief.yaml:1: summary: '3,200'")]
    assert reported == [
        "content/briefs/isl-brief.yaml:1: summary: '3,200' matches no figure in this text's scope (isl-claim-named = 3,150, "
        "isl-event-sourced = 3,300, isl-claim-sourced = 3,100, isl-event-vote-sourced = 3,450, isl-brief-sourced = 3,800, "
        "isl-brief-named = 3,850 and 3 more) — closest is isl-claim-named; correct the text or the figure, or, if it is not a figure, "
        "list it under `not_figures` with the reason"
    ]


@pytest.mark.parametrize(
    ("value", "reported"),
    [
        (12.4, False),  # '12' is 12.4 as written (half a unit either way)
        (12.5, False),  # ... up to half a unit exactly
        (11.5, False),
        (12.6, True),  # another number: the figure's own problem does not excuse it
        (11.4, True),
        (-12.4, False),  # a fall is quoted without its sign
    ],
    ids=_safe_id,
)
@pytest.mark.parametrize("field", ["text", "note"], ids=_safe_id)  # the claim's text quotes its own figures; its note, its whole scope
def test_a_number_that_quotes_a_figure_with_a_problem_of_its_own_is_not_blamed_twice(valid_content: Path, value: float, reported: bool, field: str) -> None:
    """'12%' quoting a count of 12.4 (itself reported: a count is whole) is one mistake, reported once, at the figure;
    the numbers after it in the text are still checked."""
    write(
        valid_content,
        "figures/acme-plants-2025.yaml",
        {"subject": "acme", "metric": "plants", "unit": "units", "value": value, "period": 2025, "sources": ["daily-report"]},
    )
    data = read(valid_content, CLAIM)
    data[field] = data.get(field, "Acme.") + " It has 12% of plants and 9,999 staff."
    data["figures"].append("acme-plants-2025")
    write(valid_content, CLAIM, data)
    in_the_claim = [p.split(" (")[0] for p in problems(valid_content) if p.startswith("content/claims/")]
    where = f"content/claims/acme-sales-grew-2025.yaml:{_line_of(valid_content, CLAIM, field)}: {field}"
    assert in_the_claim == [f"{where}: '{number}' matches no figure in this text's scope" for number in (["12%"] if reported else []) + ["9,999"]]


@pytest.mark.parametrize(
    ("unit", "value", "as_stated", "message"),
    [
        ("units", 20, "20%", "'20%' is in percent, but the figure is in units (20 units) — correct `unit` or `as_stated`"),
        ("percentage-points", -2, "up 2 points", "'2 points' says a rise, but the value is -2 percentage-points — correct the sign of `value`, or `as_stated`"),
        ("percentage-points", 2, "down 2 points", "'2 points' says a fall, but the value is 2 percentage-points — correct the sign of `value`, or `as_stated`"),
        # no change is neither a rise nor a fall: only the number is wrong
        ("percentage-points", 0, "down 1 point", "'1 point' does not agree with the value 0 percentage-points — correct `value` or `as_stated`"),
        ("percentage-points", 0, "up 1 point", "'1 point' does not agree with the value 0 percentage-points — correct `value` or `as_stated`"),
        ("percentage-points", 0.5, "up 0.5 points", None),  # a rise under 1 is a rise
        ("percent", 0.5, "0.5%, down on 2024", None),  # a level (no derivation, not negative) has no direction to disagree with
        ("percentage-points", 0.5, "up 0.7 points", "'0.7 points' does not agree with the value 0.5 percentage-points — correct `value` or `as_stated`"),
        ("percentage-points", 2, "up 2 points", None),
    ],
    ids=_safe_id,
)
def test_a_figures_own_words_are_checked_against_its_unit_and_sign(valid_content: Path, unit: str, value: float, as_stated: str, message: str | None) -> None:
    write(
        valid_content,
        "figures/acme-margin-2025.yaml",
        {"as_stated": as_stated, "subject": "acme", "metric": "margin", "unit": unit, "value": value, "period": 2025, "sources": ["daily-report"]},
    )
    assert problems(valid_content) == ([] if message is None else [f"content/figures/acme-margin-2025.yaml:1: as_stated: {message}"])


def test_an_implied_figures_own_words_are_checked_against_its_value_to_six_decimals(valid_content: Path) -> None:
    """An implied value has no written decimals: the message shows six, enough to see it is not the 5% stated."""
    share = {"subject": "acme", "metric": "share", "unit": "percent"}
    write(valid_content, "figures/acme-share-2024.yaml", {**share, "period": 2024, "implied_by": "acme-share-change-2025", "as_stated": "5%"})
    write(valid_content, "figures/acme-share-2025.yaml", {**share, "period": 2025, "value": 12.3456789, "sources": ["daily-report"]})
    change = {"relation": "percentage-point-change", "base": "acme-share-2024", "current": "acme-share-2025"}
    write(
        valid_content,
        "figures/acme-share-change-2025.yaml",
        {**share, "metric": "share change", "unit": "percentage-points", "period": 2025, "value": 1.1111111, "derivation": change, "sources": ["daily-report"]},
    )
    assert problems(valid_content) == [
        "content/figures/acme-share-2024.yaml:6: as_stated: '5%' does not agree with the value 11.234568 percent — correct `value` or `as_stated`"
    ]


def test_a_percentage_point_change_has_a_sign_even_before_its_unit_can_be_checked(valid_content: Path) -> None:
    """Its base cannot be worked out (what implies it does not derive it), so its unit (percent, not percentage points) is not
    checked yet: its own words are still held to its sign."""
    share = {"subject": "acme", "metric": "share", "unit": "percent"}
    write(valid_content, "figures/acme-share-2024.yaml", {**share, "period": 2024, "implied_by": "acme-sales-2024"})
    write(valid_content, "figures/acme-share-2025.yaml", {**share, "period": 2025, "value": 12, "sources": ["daily-report"]})
    change = {"relation": "percentage-point-change", "base": "acme-share-2024", "current": "acme-share-2025"}
    write(
        valid_content,
        "figures/acme-share-change-2025.yaml",
        {"as_stated": "down 2%", **share, "metric": "share change", "period": 2025, "value": 2, "derivation": change, "sources": ["daily-report"]},
    )
    assert problems(valid_content) == [
        "content/figures/acme-share-2024.yaml:5: implied_by: 'acme-sales-2024' does not derive this figure: it must have a `derivation` "
        "whose `base` or `current` is 'acme-share-2024'",
        "content/figures/acme-share-change-2025.yaml:1: as_stated: '2%' says a fall, but the value is 2 percent — correct the sign of `value`, or `as_stated`",
    ]


def test_every_number_is_counted_once_as_checked_or_as_not_a_figure(valid_content: Path) -> None:
    with_text(
        valid_content,
        CLAIM,
        "text",
        "Under Section 301 and Rule 7, Acme sold 1,200 widgets in 2025, up 20% on 2024's 1,000.",
        not_figures=[{"text": "Section 301", "reason": "a law"}, {"text": "Rule 7", "reason": "a rule"}],
    )
    site = load_site(valid_content)
    assert [str(p) for p in site.problems] == []
    assert count_numbers(site) == {"read": 5, "checked": 3, "not_figures": 2}


@pytest.mark.parametrize(
    ("number", "values", "order"),
    [
        # closeness is relative to the larger of the two: 180 is nearer 100 than 50 is (80/180 < 50/100)
        (100.0, {"fifty": 50.0, "one-eighty": 180.0}, ["one-eighty", "fifty"]),
        # ... the larger being the text's number when the figure is smaller: 75 is 25/100 off, 143 is 43/143
        (100.0, {"seventy-five": 75.0, "one-forty-three": 143.0}, ["seventy-five", "one-forty-three"]),
        # ... also below 1: 0.9 is 0.4/0.9 off 0.5, 0.2 is 0.3/0.5
        (0.5, {"point-two": 0.2, "point-nine": 0.9}, ["point-nine", "point-two"]),
        # a zero beside a zero is no division by zero
        (0.0, {"zero": 0.0, "one": 1.0}, ["zero", "one"]),
    ],
    ids=_safe_id,
)
def test_the_closest_figure_is_the_nearest_in_proportion(number: float, values: dict[str, float], order: list[str]) -> None:
    candidates = {name: Candidate(name, value, "units", False) for name, value in values.items()}
    assert [c.id for c in closest(mention(number, PERCENT), candidates)] == order


def test_one_figure_beyond_those_listed_is_counted(valid_content: Path) -> None:
    """The vote on the event reaches seven values (six listed, closest first, and one more)."""
    plant_island(valid_content)
    reported = [p for p in problems(valid_content) if p.startswith("content/votes/isl-event-vote.yaml:1: question: '3,200'")]
    assert reported == [
        "content/votes/isl-event-vote.yaml:1: question: '3,200' matches no figure in this text's scope (isl-event-sourced = 3,300, "
        "isl-event-vote-sourced = 3,450, isl-brief-sourced = 3,800, isl-brief-named = 3,850, isl-event-vote.voting = 104, "
        "isl-event-vote.against = 53 and 1 more) — closest is isl-event-sourced; correct the text or the figure, or, if it is not a figure, "
        "list it under `not_figures` with the reason"
    ]


@pytest.mark.parametrize(
    ("path", "field", "edit", "said"),
    [
        # a derivation's words quote the figure and the figures it is worked out from, nothing else
        (
            "figures/acme-sales-growth-2025.yaml",
            "derivation.as_stated",
            lambda d: d["derivation"].update(as_stated="up 20% from 1,000 to 1,200, while Globex sold 500"),
            "'500'",
        ),
        # a comparison's words quote the figure and the one it is compared with, nothing else
        (
            "figures/acme-sales-2025.yaml",
            "compared_to[0].as_stated",
            lambda d: d["compared_to"][0].update(as_stated="1,200, above the 1,000 of 2024 and the 500 of Globex"),
            "'500'",
        ),
    ],
    ids=["derivation", "compared_to"],
)
def test_a_figures_derivation_and_comparison_words_quote_only_the_figures_they_name(
    valid_content: Path, path: str, field: str, edit: typing.Callable[[dict], None], said: str
) -> None:
    """globex-sales-2026-01 (500) shares the figure's source, so the figure's other texts may quote it; these may not."""
    data = read(valid_content, path)
    edit(data)
    write(valid_content, path, data)
    assert [p.split(" (")[0] for p in problems(valid_content)] == [
        f"content/{path}:{_line_of(valid_content, path, 'as_stated')}: {field}: {said} matches no figure in this text's scope"
    ]


def _line_of(content: Path, path: str, key: str) -> int:
    """The line on which `key:` is written in the file (the first such line)."""
    lines = (content / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


@pytest.mark.parametrize(
    ("words", "covered"),
    [
        ("7", True),  # exactly the number
        ("7 rules", True),  # the number first
        ("has 7", True),  # the number last
        ("HAS 7 RULES", True),
        ("7 rule", True),
        ("has", False),  # words beside the number, not around it
        ("rules", False),
        ("s 7x", False),
    ],
    ids=_safe_id,
)
def test_an_exception_covers_a_number_only_when_its_words_hold_the_whole_number(valid_content: Path, words: str, covered: bool) -> None:
    with_text(
        valid_content, CLAIM, "text", "Acme sold 1,200 widgets in 2025, up 20% on 2024's 1,000; it has 7 rules.", not_figures=[{"text": words, "reason": "r"}]
    )
    reported = [p.split(" — ")[0].split(" (")[0] for p in problems(valid_content)]
    assert reported == (
        []
        if covered
        else [
            "content/claims/acme-sales-grew-2025.yaml:1: text: '7' matches no figure in this text's scope",
            f"content/claims/acme-sales-grew-2025.yaml:11: not_figures[0].text: '{words}' is not a number in this record's text",
        ]
    )


def test_a_derived_figures_note_may_quote_every_figure_its_source_backs(valid_content: Path) -> None:
    """Only the derivation's own words are held to its operands: the note reads like any other text."""
    data = read(valid_content, "figures/acme-sales-growth-2025.yaml")
    data["note"] = "Globex sold 500 in January 2026."
    write(valid_content, "figures/acme-sales-growth-2025.yaml", data)
    assert problems(valid_content) == []


def test_a_claim_on_the_latest_period_of_a_series_quotes_that_series_only(valid_content: Path) -> None:
    """`latest` names any figure of a series; the text is checked against the newest period (500 in 2026-01) and what derives from it."""
    data = read(valid_content, "claims/acme-globex-merger-talks.yaml")
    data["latest"] = ["globex-sales-2025-01"]
    data["text"] = "Globex sold over 500 in its latest month, up 25%, while Acme sold 1,200."
    write(valid_content, "claims/acme-globex-merger-talks.yaml", data)
    assert [p.split(" — ")[0] for p in problems(valid_content)] == [
        "content/claims/acme-globex-merger-talks.yaml:1: text: '1,200' matches no figure in this text's scope "
        "(globex-sales-2026-01 = 500, globex-sales-2025-01 = 398, globex-sales-growth-2026-01 = 25%)"
    ]
