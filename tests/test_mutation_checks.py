"""The cross-record checks (hooks/newsbrief/checks.py), each rule broken once on the small valid tree.

Found unguarded by mutation testing (issue 12): references of the wrong kind, stances on policy
steps, votes that do not add up, implied figures of every relation, relative dates read in the
right direction, and durations of policies. Each case asserts the exact message an editor reads,
with its file, line and field. Fast: one load of a tree of 18 files per case, no build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import problems
from newsbrief.checks import DATED_FIELDS, Site, _add_duration, changed_ids, find_problems, load_site, recheck_references
from newsbrief.loader import FileCache
from newsbrief.model import FOLDER_OF, KINDS
from newsbrief.types import PartialDate


def _safe_id(value: object) -> str:
    """A test id without spaces or signs: mutmut runs each mutant's tests by id, and cannot pass '20 points'."""
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in str(value)) if isinstance(value, (str, int)) else ""


def edit(content: Path, path: str, **fields) -> None:
    """Set (or, with None, remove) top-level fields of a record, writing the file anew."""
    target = content / path
    data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    target.parent.mkdir(exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --- references ---------------------------------------------------------------------------


def test_a_reference_to_a_record_of_the_wrong_kind_names_the_kinds_it_may_name(valid_content: Path) -> None:
    edit(valid_content, "claims/acme-globex-merger-talks.yaml", subjects=["acme", "daily-report"])
    edit(valid_content, "statements/acme-denies-talks.yaml", sources=["acme"])
    assert problems(valid_content) == [
        "content/claims/acme-globex-merger-talks.yaml:4: subjects[1]: 'daily-report' is a source, but this must name a company, organization, "
        "person or policy — did you mean 'daily-times'?",
        "content/statements/acme-denies-talks.yaml:12: sources[0]: 'acme' is a company, but this must name a source",
    ]


def _every_reference(content: Path) -> list[tuple[str, int, str]]:
    """(file, line, id) of every reference of every record of the tree, from the records' own reference lists."""
    site = load_site(content)
    return sorted({(entry.file, entry.line_of(loc), target) for entry in site.entries.values() for loc, target, _kinds in entry.refs})


def test_the_preview_rechecks_the_references_of_a_saved_record_as_the_whole_check_does(valid_content: Path) -> None:
    """For every reference in the tree in turn: made to name no record, then mended, the references of the
    saved record checked again (what the preview shows with a save) are what the whole check finds."""
    files = FileCache()
    site = load_site(valid_content, valid_content.parent, files)
    found = find_problems(site)
    references = _every_reference(valid_content)
    assert len(references) > 20
    rechecked = 0
    for file, line, target in references:
        path = valid_content.parent / file
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        if target not in lines[line - 1]:
            continue  # written on another line than its field's (a flow list's item): the next reference is
        lines[line - 1] = lines[line - 1].replace(target, target + "-gone", 1)
        for saved in ("".join(lines), text):
            path.write_text(saved, encoding="utf-8")
            last, last_found = site, found
            site = load_site(valid_content, valid_content.parent, files)
            found = find_problems(site)
            assert recheck_references(site, last.entries, last.broken_ids, last_found, changed_ids(last.entries, site.entries)) == found, (
                f"{file}:{line} naming {target}-gone"
            )
        rechecked += 1
    assert rechecked > 20


def test_a_record_whose_file_is_mended_has_its_references_rechecked(valid_content: Path) -> None:
    """Broken, its id was known (a broken id) and its references unchecked; mended, they are checked."""
    files = FileCache()
    good = (valid_content / "statements/acme-denies-talks.yaml").read_text(encoding="utf-8")
    (valid_content / "statements/acme-denies-talks.yaml").write_text(good.replace("speaker: ", "speaker: [", 1), encoding="utf-8")
    broken = load_site(valid_content, valid_content.parent, files)
    assert "acme-denies-talks" in broken.broken_ids
    (valid_content / "statements/acme-denies-talks.yaml").write_text(good.replace("speaker: ", "speaker: nobody #", 1), encoding="utf-8")
    mended = load_site(valid_content, valid_content.parent, files)
    expected = find_problems(mended)
    assert [p.message for p in expected] == ["no record 'nobody'"]
    assert recheck_references(mended, broken.entries, broken.broken_ids, find_problems(broken), changed_ids(broken.entries, mended.entries)) == expected


def test_a_record_whose_file_breaks_loses_the_problems_of_its_references_with_the_save(valid_content: Path) -> None:
    """Its id stays known (a broken id, the same kind): the problems of its references go at once."""
    files = FileCache()
    edit(valid_content, "statements/acme-denies-talks.yaml", speaker="nobody")
    site = load_site(valid_content, valid_content.parent, files)
    found = find_problems(site)
    assert [p.message for p in found] == ["no record 'nobody'"]
    path = valid_content / "statements/acme-denies-talks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: ", "speaker: [", 1), encoding="utf-8")
    broken = load_site(valid_content, valid_content.parent, files)
    assert "acme-denies-talks" in broken.broken_ids
    assert recheck_references(broken, site.entries, site.broken_ids, found, changed_ids(site.entries, broken.entries)) == find_problems(broken) == []


def test_a_save_that_adds_a_record_leaves_the_references_to_the_whole_check(valid_content: Path) -> None:
    """A new id may mend other records' references: the quick recheck says nothing new, the whole check does."""
    files = FileCache()
    site = load_site(valid_content, valid_content.parent, files)
    found = find_problems(site)
    edit(valid_content, "statements/acme-denies-talks.yaml", speaker="acme-ceo")
    edit(valid_content, "people/acme-ceo.yaml", name="Acme's chief", description="Runs Acme.")
    saved = load_site(valid_content, valid_content.parent, files)
    assert recheck_references(saved, site.entries, site.broken_ids, found, changed_ids(site.entries, saved.entries)) == found == []
    assert find_problems(saved) == []


def test_a_save_that_adds_a_broken_file_leaves_the_references_to_the_whole_check(valid_content: Path) -> None:
    """A broken file's id is known (its references are not reported missing): a new one, even with no record
    changed by it, may mend other records' references, so the quick recheck declines, as for a new record."""
    files = FileCache()
    edit(valid_content, "statements/acme-denies-talks.yaml", speaker="initech")
    site = load_site(valid_content, valid_content.parent, files)
    found = find_problems(site)
    assert [p.message for p in found] == ["no record 'initech'"]
    edit(valid_content, "statements/acme-denies-talks.yaml", speaker="initech", quote="Still no talks.")
    (valid_content / "companies" / "initech.yaml").write_text("name: [Initech\n", encoding="utf-8")
    saved = load_site(valid_content, valid_content.parent, files)
    assert saved.broken_ids == {"initech": "company"} and changed_ids(site.entries, saved.entries) == ["acme-denies-talks"]
    assert recheck_references(saved, site.entries, site.broken_ids, found, ["acme-denies-talks"]) == found
    assert find_problems(saved) == []


def test_a_record_cannot_refer_to_itself(valid_content: Path) -> None:
    edit(valid_content, "figures/acme-sales-2025.yaml", compared_to=[{"than": "acme-sales-2025", "relation": "at-least"}])
    assert problems(valid_content) == ["content/figures/acme-sales-2025.yaml:8: compared_to[0].than: a record cannot refer to itself ('acme-sales-2025')"]


def test_a_broken_file_with_a_used_id_is_a_duplicate_and_does_not_shadow_the_record(valid_content: Path) -> None:
    """people/acme.yaml fails to load; jane-doe's role still names the company acme, not a broken person."""
    (valid_content / "people" / "acme.yaml").write_text("name: Acme\n", encoding="utf-8")
    assert problems(valid_content) == [
        "content/people/acme.yaml: id 'acme' is already used by content/companies/acme.yaml — ids must be unique across all kinds; rename one file",
        "content/people/acme.yaml:1: description: required field is missing — add `description: …`",
    ]


def test_two_records_with_one_id_are_reported_once_and_the_rest_is_still_checked(valid_content: Path) -> None:
    """people/globex.yaml loads, but companies/globex.yaml came first: the person is left out, every folder after it is still read."""
    (valid_content / "people" / "globex.yaml").write_text("name: Globex\ndescription: A person.\n", encoding="utf-8")
    site = load_site(valid_content)
    assert [(p.file, p.line, p.field, p.message) for p in site.problems] == [
        (
            "content/people/globex.yaml",
            0,
            "",
            "id 'globex' is already used by content/companies/globex.yaml — ids must be unique across all kinds; rename one file",
        )
    ]
    assert site.entries["globex"].kind == "company"
    assert site.entries.keys() == {path.stem for path in valid_content.glob("*/*.yaml")}


def test_a_broken_file_is_known_to_the_site_and_its_duplicate_problem_has_no_line(valid_content: Path) -> None:
    (valid_content / "people" / "acme.yaml").write_text("name: Acme\n", encoding="utf-8")
    site = load_site(valid_content)
    assert site.broken_ids == {"acme": "person"}
    assert [(p.line, p.field) for p in site.problems if "already used" in p.message] == [(0, "")]


def test_the_build_today_is_fixed_by_newsbrief_today(valid_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-01-15")
    assert load_site(valid_content).today == dt.date(2026, 1, 15)
    monkeypatch.delenv("NEWSBRIEF_TODAY")
    assert load_site(valid_content).today == dt.date.today()


def test_problems_name_files_relative_to_the_root_given(valid_content: Path) -> None:
    (valid_content / "companies" / "globex.yaml").write_text("name: Globex\n", encoding="utf-8")
    shown = f"{valid_content.parent.name}/content/companies/globex.yaml:1: description: required field is missing — add `description: …`"
    assert [str(p) for p in load_site(valid_content, valid_content.parent.parent).problems] == [shown]


def test_a_site_loaded_with_a_cache_reuses_unchanged_records(valid_content: Path) -> None:
    cache = FileCache()
    first = load_site(valid_content, cache=cache)
    again = load_site(valid_content, cache=cache)
    assert all(again.record(i) is first.record(i) for i in first.entries)


def test_the_figures_of_a_measure_over_time_form_a_series_oldest_first(valid_content: Path) -> None:
    assert sorted(load_site(valid_content).series.values()) == [
        ["acme-sales-2024", "acme-sales-2025"],
        ["acme-sales-growth-2025"],
        ["globex-sales-2025-01", "globex-sales-2026-01"],
        ["globex-sales-growth-2026-01"],
    ]


# --- stances --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stance", "message"),
    [
        ({"claim": "widget-tariff", "stance": "denies", "step": 1}, None),
        ({"claim": "widget-tariff", "stance": "denies", "step": 2}, "stances[1].step: 'widget-tariff' has 1 steps in its history, not 2"),
        (
            {"claim": "acme-sales-grew-2025", "stance": "denies", "step": 1},
            "stances[1].step: `step` is for a stance on a policy's history, but 'acme-sales-grew-2025' is a claim — remove `step`",
        ),
    ],
    ids=_safe_id,
)
def test_a_stance_on_a_step_names_a_step_of_a_policy(valid_content: Path, stance: dict, message: str | None) -> None:
    edit(valid_content, "statements/acme-denies-talks.yaml", stances=[{"claim": "acme-globex-merger-talks", "stance": "denies"}, stance])
    assert problems(valid_content) == ([] if message is None else [f"content/statements/acme-denies-talks.yaml:13: {message}"])


def test_a_stance_on_a_missing_record_does_not_hide_the_next_stances_step(valid_content: Path) -> None:
    edit(
        valid_content,
        "statements/acme-denies-talks.yaml",
        stances=[{"claim": "no-such-claim", "stance": "denies", "step": 1}, {"claim": "widget-tariff", "stance": "denies", "step": 2}],
    )
    assert problems(valid_content) == [
        "content/statements/acme-denies-talks.yaml:9: stances[0].claim: no record 'no-such-claim'",
        "content/statements/acme-denies-talks.yaml:14: stances[1].step: 'widget-tariff' has 1 steps in its history, not 2",
    ]


def test_a_claims_stances_are_collected_in_statement_order(valid_content: Path) -> None:
    site = load_site(valid_content)
    assert site.stances == {"acme-globex-merger-talks": [("acme-denies-talks", "denies"), ("daily-times-reports-talks", "asserts")]}
    assert (site.status("acme-globex-merger-talks"), site.status("acme-sales-grew-2025")) == ("disputed", "reported")


# --- votes ----------------------------------------------------------------------------------

VOTE = {"body": "daily-times", "date": "2026-01-01", "voted_on": "widget-tariff", "question": "q", "unit": "member-states", "outcome": "passed"}


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"in_favour": 7, "against": 3, "abstaining": 2, "absent": 0, "members": 12}, None),
        ({"in_favour": 7, "against": 3, "abstaining": 2, "members": 15}, None),  # 3 not accounted for: not every count is given
        ({"in_favour": 7, "against": 3, "abstaining": 2, "members": 12}, None),
        ({"in_favour": 7, "against": 3}, None),  # no `members`: nothing to add up to
        (
            {"in_favour": 7, "against": 3, "abstaining": 2, "absent": 1, "members": 12},
            "11: members: the counts do not add up: in_favour 7 + against 3 + abstaining 2 + absent 1 = 13, but the body has 12 member states (+1) "
            "— correct a count or `members`",
        ),
        (
            {"in_favour": 7, "against": 3, "abstaining": 2, "absent": 1, "members": 15},
            "11: members: the counts do not add up: in_favour 7 + against 3 + abstaining 2 + absent 1 = 13, but the body has 15 member states (−2) "
            "— correct a count or `members`",
        ),
        (
            {"in_favour": 7, "against": 3, "abstaining": 2, "members": 11},
            "10: members: the counts do not add up: in_favour 7 + against 3 + abstaining 2 = 12, but the body has 11 member states (+1) "
            "— correct a count or `members`",
        ),
    ],
    ids=_safe_id,
)
def test_a_votes_counts_add_up_to_its_members(valid_content: Path, counts: dict, message: str | None) -> None:
    edit(valid_content, "votes/v.yaml", **VOTE, **counts, sources=["daily-report"])
    assert problems(valid_content) == ([] if message is None else [f"content/votes/v.yaml:{message}"])


def test_a_vote_without_members_does_not_stop_the_next_votes_count(valid_content: Path) -> None:
    edit(valid_content, "votes/a-vote.yaml", **VOTE, in_favour=7, sources=["daily-report"])  # no `members`: nothing to add up to
    edit(valid_content, "votes/b-vote.yaml", **VOTE, in_favour=7, against=6, members=12, sources=["daily-report"])
    assert problems(valid_content) == [
        "content/votes/b-vote.yaml:9: members: the counts do not add up: in_favour 7 + against 6 = 13, but the body has 12 member states (+1) "
        "— correct a count or `members`"
    ]


# --- figures --------------------------------------------------------------------------------


def test_a_negative_duration_is_refused_and_a_rounded_count_may_have_decimals(valid_content: Path) -> None:
    edit(valid_content, "figures/acme-sales-2024.yaml", value=1000.5, rounding=0.5)
    assert problems(valid_content) == []
    edit(valid_content, "figures/acme-sales-2024.yaml", unit="days", value=-3, rounding=None)
    assert "content/figures/acme-sales-2024.yaml:4: value: -3 days is negative — a count cannot be; a fall is a percent-change figure" in problems(
        valid_content
    )


STAFF = "figures/acme-staff-2026.yaml"


@pytest.mark.parametrize(("value", "period"), [(0, "2026"), (0.5, "2026"), (50, "2026-02-01")], ids=["none", "half_rounded", "on_the_day_of_its_source"])
def test_a_count_of_zero_and_a_result_of_its_sources_day_are_accepted(valid_content: Path, value: float, period: str) -> None:
    edit(valid_content, STAFF, subject="acme", metric="staff", unit="days", value=value, period=period, rounding=0.5, sources=["daily-report"])
    assert problems(valid_content) == []


SUM = "figures/acme-sales-2024-2025.yaml"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (2200, None),
        (
            2500,
            f"content/{SUM}:4: value: 2,500 does not agree with the figures it is derived from: 1,000 + 1,200 = 2,200 — correct `value` "
            "(or `rounding`), or the figures it uses: content/figures/acme-sales-2024.yaml:4, content/figures/acme-sales-2025.yaml:4",
        ),
    ],
    ids=["agrees", "disagrees"],
)
def test_a_sum_agrees_with_its_parts(valid_content: Path, value: int, message: str | None) -> None:
    derivation = {"relation": "sum", "parts": ["acme-sales-2024", "acme-sales-2025"]}
    edit(valid_content, SUM, subject="acme", metric="sales, total", unit="units", value=value, period="2025", derivation=derivation, sources=["daily-report"])
    assert problems(valid_content) == ([] if message is None else [message])


def test_a_target_may_be_for_a_period_after_its_sources(valid_content: Path) -> None:
    edit(valid_content, "figures/globex-sales-2026-01.yaml", period="2026-03", basis="target")
    assert problems(valid_content) == []


GROWTH = "figures/globex-sales-growth-2026-01.yaml"
KNOWN = "figures/globex-sales-2026-01.yaml"
IMPLIED = "figures/globex-sales-2025-01.yaml"


def _as_percent_points(content: Path) -> None:
    edit(content, KNOWN, unit="percent", value=30, qualifier=None)
    edit(content, IMPLIED, unit="percent")


@pytest.mark.parametrize(
    ("setup", "value", "qualifier", "arithmetic"),
    [
        (
            lambda c: edit(c, KNOWN, qualifier=None),
            400,
            "about",
            "500 / (1 + 25%) = 398 to 402, taking 25% as 24.5% to 25.5%: about 400 (implied)",
        ),
        (
            lambda c: edit(c, KNOWN, qualifier="under"),
            402,
            "at-most",
            "under 500 / (1 + 25%) = up to 402, taking 25% as 24.5% to 25.5%: at most 402 (implied)",
        ),
        (
            lambda c: edit(c, GROWTH, value=-25),
            662,
            "at-least",
            "over 500 / (1 − 25%) = 662 or more, taking −25% as −25.5% to −24.5%: at least 662 (implied)",
        ),
        (
            lambda c: edit(c, GROWTH, derivation={"relation": "percent-change", "base": "globex-sales-2026-01", "current": "globex-sales-2025-01"}),
            622,
            "at-least",
            "over 500 × (1 + 25%) = 622 or more, taking 25% as 24.5% to 25.5%: at least 622 (implied)",
        ),
        (
            lambda c: edit(
                c, GROWTH, unit="times", value=1.25, derivation={"relation": "multiple", "base": "globex-sales-2025-01", "current": "globex-sales-2026-01"}
            ),
            398,
            "at-least",
            "over 500 / 1.25 = 398 or more, taking 1.25× as 1.245× to 1.255×: at least 398 (implied)",
        ),
        (
            lambda c: edit(
                c, GROWTH, unit="times", value=1.25, derivation={"relation": "multiple", "base": "globex-sales-2026-01", "current": "globex-sales-2025-01"}
            ),
            622,
            "at-least",
            "over 500 × 1.25 = 622 or more, taking 1.25× as 1.245× to 1.255×: at least 622 (implied)",
        ),
        (
            lambda c: edit(c, GROWTH, value=0),
            497,
            "at-least",
            "over 500 / (1 + 0%) = 498 or more, taking 0% as −0.5% to 0.5%: at least 497 (implied)",
        ),
        (
            lambda c: (
                _as_percent_points(c),
                edit(
                    c,
                    GROWTH,
                    unit="percentage-points",
                    value=5,
                    derivation={"relation": "percentage-point-change", "base": "globex-sales-2025-01", "current": "globex-sales-2026-01"},
                ),
            ),
            25,
            "about",
            "30% − 5 pp = 24% to 26%, taking 5 pp as 4.5 pp to 5.5 pp: about 25% (implied)",
        ),
        (
            lambda c: (
                _as_percent_points(c),
                edit(
                    c,
                    GROWTH,
                    unit="percentage-points",
                    value=5,
                    derivation={"relation": "percentage-point-change", "base": "globex-sales-2026-01", "current": "globex-sales-2025-01"},
                ),
            ),
            35,
            "about",
            "30% + 5 pp = 34% to 36%, taking 5 pp as 4.5 pp to 5.5 pp: about 35% (implied)",
        ),
    ],
    ids=["exact", "under", "a-fall", "as-the-base", "a-multiple", "a-multiple-of-the-base", "no-change", "points-as-current", "points-as-base"],
)
def test_an_implied_figure_is_worked_out_for_every_relation_and_qualifier(valid_content: Path, setup, value: float, qualifier: str, arithmetic: str) -> None:
    setup(valid_content)
    site = load_site(valid_content)
    assert [str(p) for p in site.problems] == []
    implied = site.implied["globex-sales-2025-01"]
    assert (implied.value, implied.qualifier, implied.arithmetic, implied.uses) == (value, qualifier, arithmetic, None)
    assert site.figure_value("globex-sales-2025-01") == (value, qualifier)


@pytest.mark.parametrize(
    ("fall", "rounding", "taken_as"), [(-100, None, "−100.5% to −99.5%"), (-99.8, 0.5, "−100.05% to −99.55%")], ids=["100", "99_8_give_or_take_0_5"]
)
def test_an_implied_figure_that_a_fall_of_100_percent_leaves_undefined_is_refused(valid_content: Path, fall: float, rounding, taken_as: str) -> None:
    """Current = base × (1 − 100%) says nothing of the base: the build crashed (division by zero), or showed nonsense."""
    edit(valid_content, GROWTH, value=fall, rounding=rounding)
    site = load_site(valid_content)
    assert [str(p) for p in site.problems] == [
        f"content/{IMPLIED}:5: implied_by: cannot be worked out: over 500 / (1 − {abs(fall):g}%), taking −{abs(fall):g}% as {taken_as}, "
        "admits any value — state this figure's value and its source instead of `implied_by`"
    ]
    assert "globex-sales-2025-01" not in site.implied


def test_an_implied_figure_keeps_every_value_its_inputs_admit(valid_content: Path) -> None:
    """Over 500 now, after growth of 25% (24.5% to 25.5%): a year earlier it was 500 / 1.255 or more, with no upper end."""
    implied = load_site(valid_content).implied["globex-sales-2025-01"]
    assert (implied.bounds.lo, implied.bounds.hi) == (pytest.approx(500 / 1.255), float("inf"))


REVISION = "figures/globex-sales-2026-01-revised.yaml"


def _revise_the_known_figure(content: Path) -> None:
    """A later source revises globex-sales-2026-01 (over 500) to over 520: the revision is preferred."""
    edit(
        content,
        "sources/later-report.yaml",
        title="Globex revises",
        publisher="daily-times",
        published="2026-03-01",
        kind="news-report",
        url="https://example.com/later",
    )
    edit(
        content,
        REVISION,
        subject="globex",
        metric="sales",
        unit="units",
        value=520,
        qualifier="over",
        period="2026-01",
        revises="globex-sales-2026-01",
        sources=["later-report"],
    )


@pytest.mark.parametrize(
    ("values", "value", "uses", "arithmetic"),
    [
        (
            None,
            414,
            "globex-sales-2026-01-revised",
            "over 520 / (1 + 25%) = 414 or more, taking 25% as 24.5% to 25.5%: at least 414 (implied), "
            "using the preferred value globex-sales-2026-01-revised (later revision) of globex-sales-2026-01",
        ),
        ("as-named", 398, None, "over 500 / (1 + 25%) = 398 or more, taking 25% as 24.5% to 25.5%: at least 398 (implied)"),
    ],
    ids=["preferred", "as-named"],
)
def test_an_implied_figure_uses_the_preferred_value_unless_told_to_use_the_one_named(
    valid_content: Path, values: str | None, value: float, uses: str | None, arithmetic: str
) -> None:
    _revise_the_known_figure(valid_content)
    derivation = {"relation": "percent-change", "base": "globex-sales-2025-01", "current": "globex-sales-2026-01", **({"values": values} if values else {})}
    edit(valid_content, GROWTH, derivation=derivation)
    site = load_site(valid_content)
    assert [str(p) for p in site.problems] == []
    implied = site.implied["globex-sales-2025-01"]
    assert (implied.value, implied.qualifier, implied.arithmetic, implied.uses) == (value, "at-least", arithmetic, uses)


def test_a_derivation_is_checked_against_the_value_named_when_told_so(valid_content: Path) -> None:
    """acme-sales-2025 (1,200) is revised to 1,500 by a later source: growth of 20% agrees only with the value named."""
    edit(
        valid_content,
        "sources/later-report.yaml",
        title="Acme revises",
        publisher="daily-times",
        published="2026-03-01",
        kind="news-report",
        url="https://example.com/later",
    )
    edit(
        valid_content,
        "figures/acme-sales-2025-revised.yaml",
        subject="acme",
        metric="sales",
        unit="units",
        value=1500,
        period="2025",
        revises="acme-sales-2025",
        sources=["later-report"],
    )
    derivation = {"relation": "percent-change", "base": "acme-sales-2024", "current": "acme-sales-2025"}
    edit(valid_content, "figures/acme-sales-growth-2025.yaml", derivation=derivation)
    assert [p for p in problems(valid_content) if "does not agree" in p] == [
        "content/figures/acme-sales-growth-2025.yaml:4: value: 20% does not agree with the figures it is derived from: 1,500 / 1,000 − 1 = +50%, "
        "using the preferred value acme-sales-2025-revised (later revision) of acme-sales-2025 — correct `value` (or `rounding`), or the figures "
        "it uses (or set `derivation.values: as-named`): content/figures/acme-sales-2024.yaml:4, content/figures/acme-sales-2025-revised.yaml:4"
    ]
    edit(valid_content, "figures/acme-sales-growth-2025.yaml", derivation={**derivation, "values": "as-named"})
    assert [p for p in problems(valid_content) if "does not agree" in p] == []


def test_an_implied_figure_must_be_computed_from_a_stated_one(valid_content: Path) -> None:
    edit(valid_content, KNOWN, value=None, sources=None, qualifier=None, implied_by="globex-sales-growth-2026-01")
    assert [p for p in problems(valid_content) if "implied_by" in p] == [
        f"content/{path}:5: implied_by: 'globex-sales-growth-2026-01' must compare this figure with one whose value is stated, but '{other}' is not"
        for path, other in [(IMPLIED, "globex-sales-2026-01"), (KNOWN, "globex-sales-2025-01")]
    ]


# --- comparisons ------------------------------------------------------------------------------

COMPARING = "figures/acme-sales-2025.yaml"
"""1,200 units, compared with acme-sales-2024 (1,000 units) on its lines 7–9."""


@pytest.mark.parametrize(
    ("relation", "message"),
    [
        ("above", None),
        ("at-least", None),
        ("below", "9: compared_to[0].relation: 1,200 is not below 1,000 ('acme-sales-2024') — correct one of the values or the comparison"),
        ("at-most", "9: compared_to[0].relation: 1,200 is not at most 1,000 ('acme-sales-2024') — correct one of the values or the comparison"),
        ("equal", "9: compared_to[0].relation: 1,200 is not equal 1,000 ('acme-sales-2024') — correct one of the values or the comparison"),
    ],
    ids=_safe_id,
)
def test_a_comparison_between_two_figures_holds(valid_content: Path, relation: str, message: str | None) -> None:
    edit(valid_content, COMPARING, compared_to=[{"than": "acme-sales-2024", "relation": relation}])
    assert problems(valid_content) == ([] if message is None else [f"content/{COMPARING}:{message}"])


def test_figures_of_different_units_cannot_be_compared(valid_content: Path) -> None:
    # `relation` written first: the problem is on the line of `than`, not of the list item
    edit(valid_content, COMPARING, compared_to=[{"relation": "above", "than": "acme-sales-growth-2025"}])
    assert problems(valid_content) == [f"content/{COMPARING}:9: compared_to[0].than: cannot compare units with percent"]


def test_a_comparison_with_an_implied_figure_is_not_checked(valid_content: Path) -> None:
    """An implied figure has no stated value to compare: its own arithmetic is what is shown."""
    edit(valid_content, "figures/globex-sales-2026-01.yaml", compared_to=[{"than": "globex-sales-2025-01", "relation": "below"}])
    edit(valid_content, IMPLIED, compared_to=[{"than": "globex-sales-2026-01", "relation": "above"}])
    assert problems(valid_content) == []


# --- relative dates ---------------------------------------------------------------------------

EVENT = "events/acme-denial.yaml"
"""Its source, daily-report, was published on Sunday 1 February 2026."""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2026-02-04", "status": "scheduled"}, None),
        ({"date": "2026-01-28", "status": "happened"}, None),
        ({"date": "2026-01-28", "status": "scheduled", "date_direction": "past"}, None),
        (
            {"date": "2026-01-28", "status": "scheduled"},
            "2: date: '2026-01-28' does not match 'on Wednesday' as written in 'daily-report' on 2026-02-01: that means 2026-02-04 — correct `date` or `date_as_stated`",
        ),
        (
            {"date": "2026-01-28", "status": "planned"},
            "2: date: '2026-01-28' does not match 'on Wednesday' as written in 'daily-report' on 2026-02-01: that means 2026-02-04 — correct `date` or `date_as_stated`",
        ),
        (
            {"date": "2026-01-28", "status": "expected"},
            "2: date: '2026-01-28' does not match 'on Wednesday' as written in 'daily-report' on 2026-02-01: that means 2026-02-04 — correct `date` or `date_as_stated`",
        ),
    ],
    ids=_safe_id,
)
def test_words_that_point_either_way_point_forward_for_what_is_to_come(valid_content: Path, fields: dict, message: str | None) -> None:
    edit(valid_content, EVENT, date_as_stated="on Wednesday", **fields)
    assert problems(valid_content) == ([] if message is None else [f"content/events/acme-denial.yaml:{message}"])


@pytest.mark.parametrize(
    ("basis", "period"), [("target", "2026-02-04"), ("forecast", "2026-02-04"), ("scheduled", "2026-02-04"), ("actual", "2026-01-28")], ids=_safe_id
)
def test_a_target_or_forecast_looks_forward_and_a_result_back(valid_content: Path, basis: str, period: str) -> None:
    edit(valid_content, "figures/acme-sales-2025.yaml", period=period, period_as_stated="on Wednesday", basis=basis, compared_to=None)
    assert [p for p in problems(valid_content) if "period" in p] == []


# Each kind that may say which way its words point (a `…_direction` field in the model), with the
# file of the valid tree (or a new one) that holds such a record, and its dated field's line.
REPORTED = {
    "statement": ("statements/acme-denies-talks.yaml", {}),
    "event": ("events/acme-denial.yaml", {}),
    "vote": ("votes/v.yaml", {**VOTE, "in_favour": 7, "sources": ["daily-report"]}),
    "figure": ("figures/acme-staff-2025.yaml", {"subject": "acme", "metric": "staff", "unit": "people", "value": 50, "sources": ["daily-report"]}),
}
DIRECTED = sorted((kind, name) for kind, model in KINDS.items() for name in DATED_FIELDS if f"{name}_direction" in model.model_fields)


def test_every_kind_that_may_state_a_direction_has_a_record_here() -> None:
    assert sorted(REPORTED) == sorted(kind for kind, _ in DIRECTED)


@pytest.mark.parametrize(("kind", "name"), DIRECTED, ids=[kind for kind, _ in DIRECTED])
def test_a_report_reads_a_day_without_a_year_as_the_latest_such_day(valid_content: Path, kind: str, name: str) -> None:
    """'1 August' in a source of 1 February 2026 is the August just gone, not the one to come (three days nearer).

    Without the direction a report gives its words, the two would be refused as too close to choose.
    """
    path, fields = REPORTED[kind]
    assert path.startswith(FOLDER_OF[kind] + "/")
    edit(valid_content, path, **{**fields, name: "2025-08-01", f"{name}_as_stated": "1 August"})
    assert problems(valid_content) == []
    edit(valid_content, path, **{f"{name}_direction": "future"})
    line = (valid_content / path).read_text(encoding="utf-8").splitlines().index(f"{name}: '2025-08-01'") + 1
    assert problems(valid_content) == [
        f"content/{path}:{line}: {name}: '2025-08-01' does not match '1 August' as written in 'daily-report' on 2026-02-01: "
        f"that means 2026-08-01 — correct `{name}` or `{name}_as_stated`"
    ]


def test_a_policy_steps_day_without_a_year_has_no_direction_and_may_be_too_close_to_choose(valid_content: Path) -> None:
    edit(
        valid_content,
        "policies/widget-tariff.yaml",
        history=[{"action": "enacted", "date": "2025-08-01", "date_as_stated": "1 August", "sources": ["daily-report"]}],
    )
    assert problems(valid_content) == [
        "content/policies/widget-tariff.yaml:10: history[0].date_as_stated: '1 August' has no year and could be 2025 or 2026 "
        "(written on 2026-02-01) — add the year to the words, or say which way they point with `…_direction: past` or `future`"
    ]


def test_a_happened_event_after_its_sources_is_refused_a_planned_one_is_not(valid_content: Path) -> None:
    edit(valid_content, EVENT, date="2026-02-03", status="planned")
    assert problems(valid_content) == []
    edit(valid_content, EVENT, status=None)
    assert problems(valid_content) == [
        "content/events/acme-denial.yaml:2: date: 2026-02-03 is after its sources were published (latest 2026-02-01) — a report cannot come before "
        "what it reports: correct the date, or, if the source announced it in advance, set `status: scheduled`"
    ]


def test_an_implied_figures_words_are_read_against_the_source_of_the_figure_that_implies_it(valid_content: Path) -> None:
    edit(valid_content, IMPLIED, period_as_stated="last year")
    assert problems(valid_content) == []
    edit(valid_content, IMPLIED, period_as_stated="this year")
    assert problems(valid_content) == [
        "content/figures/globex-sales-2025-01.yaml:4: period: '2025-01' does not match 'this year' as written in 'daily-report' on 2026-02-01: "
        "that means 2026 — correct `period` or `period_as_stated`"
    ]


def test_a_policy_step_may_be_dated_from_the_step_before(valid_content: Path) -> None:
    def history(second_date: str, words: str) -> list[dict]:
        return [
            {"action": "enacted", "date": "2025-01-10", "sources": ["daily-report"]},
            {"action": "in-force", "date": second_date, "date_as_stated": words, "sources": ["daily-report"]},
        ]

    edit(valid_content, "policies/widget-tariff.yaml", history=history("2025-01-11", "the next day"))
    assert problems(valid_content) == []
    edit(valid_content, "policies/widget-tariff.yaml", history=history("2025-01-12", "The  next day"))
    assert problems(valid_content) == [
        "content/policies/widget-tariff.yaml:13: history[1].date: '2025-01-12' does not match 'The  next day' counted from the step before "
        "(2025-01-10): that means 2025-01-11 — correct `date` or `date_as_stated`"
    ]
    edit(
        valid_content,
        "policies/widget-tariff.yaml",
        history=[{"action": "enacted", "date": "2025-01-10", "date_as_stated": "the day before", "sources": ["daily-report"]}],
    )
    assert problems(valid_content) == [
        "content/policies/widget-tariff.yaml:9: history[0].date: '2025-01-10' does not match 'the day before' as written in 'daily-report' on 2026-02-01: "
        "that means 2026-01-31 — correct `date` or `date_as_stated`"
    ]


# --- durations of policies -----------------------------------------------------------------------


def _step(action: str, date: str) -> dict:
    return {"action": action, "date": date, "sources": ["daily-report"]}


@pytest.mark.parametrize(
    ("history", "words", "ends", "message"),
    [
        ([_step("enacted", "2025-01-15"), _step("in-force", "2025-01-31")], "for one month", "2025-02-28", None),
        ([_step("in-force", "2025-01-31")], "for 2 years", "2027-01-30", None),
        ([_step("in-force", "2025-01-31")], "for 2 years", "2027-01", None),
        ([_step("in-force", "2025-01-31")], "for 2 years", "2027", None),
        ([_step("in-force", "2025-01-01")], "for three weeks", "2025-01-22", None),
        ([_step("in-force", "2025-01-01")], "for 10 days", "2025-01-11", None),
        ([_step("adopted", "2025-01-01"), _step("effective", "2025-03-01")], "for 2 years", "2027-03-01", None),
        ([_step("announced", "2024-12-01"), _step("adopted", "2025-01-01")], "for 2 years", "2027-01-01", None),
        (
            [_step("in-force", "2025-01-31")],
            "for 2 years",
            "2027-03-01",
            "15: ends: '2027-03-01' does not match 'for 2 years' from 2025-01-31 (when it takes effect): that ends on 2027-01-30 — correct `ends` or `duration_as_stated`",
        ),
        (
            [_step("in-force", "2025-01-01")],
            "for 10 days",
            "2025-01-13",
            "15: ends: '2025-01-13' does not match 'for 10 days' from 2025-01-01 (when it takes effect): that ends on 2025-01-10 — correct `ends` or `duration_as_stated`",
        ),
        (
            [_step("in-force", "2025-01-01")],
            "for ever",
            "2025-01-13",
            "14: duration_as_stated: cannot read 'for ever' as a length of time — write it as the source does: 'for five years', 'for 6 months'",
        ),
        (
            [_step("in-force", "2025-01-01")],
            "for 2 or 3 years",
            "2027-01-01",
            "14: duration_as_stated: cannot read 'for 2 or 3 years' as a length of time — write it as the source does: 'for five years', 'for 6 months'",
        ),
        (
            [_step("announced", "2025-01-01")],
            "for 2 years",
            "2027-01-01",
            "14: duration_as_stated: a duration counts from the day the policy takes effect: add a `history` step with `action: in-force`",
        ),
    ],
    ids=_safe_id,
)
def test_a_policys_stated_duration_agrees_with_its_end(valid_content: Path, history: list, words: str, ends: str, message: str | None) -> None:
    edit(valid_content, "policies/widget-tariff.yaml", history=history, duration_as_stated=words, ends=ends)
    assert problems(valid_content) == ([] if message is None else [f"content/policies/widget-tariff.yaml:{message}"])


@pytest.mark.parametrize(
    ("start", "amount", "unit", "end"),
    [
        ("2025-01-31", 1, "month", "2025-02-28"),
        ("2024-01-31", 1, "month", "2024-02-29"),
        ("2025-11-15", 2, "month", "2026-01-15"),
        ("2025-12-01", 1, "month", "2026-01-01"),
        ("2024-02-29", 1, "year", "2025-02-28"),
        ("2025-01-01", 3, "week", "2025-01-22"),
        ("2025-01-30", 2, "day", "2025-02-01"),
    ],
    ids=_safe_id,
)
def test_a_length_of_time_is_added_as_a_calendar_does(start: str, amount: int, unit: str, end: str) -> None:
    assert _add_duration(dt.date.fromisoformat(start), amount, unit) == dt.date.fromisoformat(end)


def test_a_date_is_scheduled_until_its_first_day_comes() -> None:
    """What a timeline shows as scheduled rather than happened, by the build's today."""
    site = Site(today=dt.date(2026, 2, 1))
    dates = [PartialDate(2026, 2, 2), PartialDate(2026, 2, 1), PartialDate(2026, 2, None), PartialDate(2026, 3, None), PartialDate(2025, None, None)]
    assert [site.is_scheduled(d) for d in dates] == [True, False, False, True, False]


@pytest.mark.parametrize(
    ("base", "current", "stated", "shown"),
    [
        (1000, 1200, 20, "1,200 / 1,000 − 1 = +20%, stated as 20%"),
        (1000, 1005, 0.5, "1,005 / 1,000 − 1 = +0.5%, stated as 0.5%"),
        (1000, 1000, 0, "1,000 / 1,000 − 1 = 0%, stated as 0%"),
        (1000, 900, -10, "900 / 1,000 − 1 = −10%, stated as −10%"),
        (300, 400, 33.3, "400 / 300 − 1 = +33.33%, stated as 33.3%"),
    ],
    ids=["rise", "rise-under-one-percent", "no-change", "fall", "two-decimals"],
)
def test_a_derived_change_shows_its_sign_only_when_it_rose(valid_content: Path, base: int, current: int, stated: float, shown: str) -> None:
    """The arithmetic line of a figure page: a rise reads '+20%', a fall '−10%', no change '0%' (not '+0%'); two decimals."""
    edit(valid_content, "figures/acme-sales-2024.yaml", value=base)
    edit(valid_content, "figures/acme-sales-2025.yaml", value=current, compared_to=None)
    derivation = {"relation": "percent-change", "base": "acme-sales-2024", "current": "acme-sales-2025"}
    edit(
        valid_content,
        "figures/acme-sales-growth-2025.yaml",
        subject="acme",
        metric="sales, change",
        unit="percent",
        value=stated,
        period="2025",
        derivation=derivation,
        sources=["daily-report"],
    )
    site = load_site(valid_content)
    assert [str(p) for p in site.problems if "acme-sales-growth-2025" in str(p.file)] == []  # (the claim's text quotes 1,200)
    assert site.arithmetic["acme-sales-growth-2025"] == shown


def test_a_derived_figure_whose_operand_it_implies_shows_how_that_operand_was_worked_out(valid_content: Path) -> None:
    """globex-sales-growth-2026-01 (+25%) implies last year's sales: its figure page shows that arithmetic,
    not a check of itself against a number computed from itself."""
    site = load_site(valid_content)
    assert site.arithmetic["globex-sales-growth-2026-01"] == site.implied["globex-sales-2025-01"].arithmetic
    assert site.arithmetic["globex-sales-growth-2026-01"] == "over 500 / (1 + 25%) = 398 or more, taking 25% as 24.5% to 25.5%: at least 398 (implied)"


@pytest.mark.parametrize(
    ("low", "high", "unit", "shown"),
    [
        (200 / 9, 200 / 7, "percent", "22.22% to 28.57%"),  # two decimals tell them apart: no more
        (1.2341, 1.2349, "times", "1.234× to 1.235×"),  # the same at two decimals: one more, not two
        (398.4, 398.45, "units", "398"),  # a count stays whole, and its ends are one number
        (0.125, 0.125, "percent", "0.125%"),  # an exact value keeps its decimals
        (25, 25, "percent", "25%"),
        (22874, float("inf"), "units", "22,874 or more"),
        (float("-inf"), 12, "percent", "up to 12%"),
    ],
    ids=["repeating-decimals", "third-decimal", "narrow-count", "exact-decimal", "exact-whole", "open-above", "open-below"],
)
def test_the_values_an_interval_admits_are_written_with_the_decimals_that_tell_its_ends_apart(low: float, high: float, unit: str, shown: str) -> None:
    """How an implied figure's arithmetic writes an interval ('= 22.22% to 28.57%, taking 25% as 24.5% to 25.5%')."""
    from newsbrief import derive
    from newsbrief.checks import _range

    assert _range(derive.Bounds(low, high), unit) == shown


@pytest.mark.parametrize(
    ("words", "history", "first_problem"),
    [
        (None, [_step("in-force", "2025-01-01")], None),  # an end, no stated duration: nothing to check
        ("for ever", [_step("in-force", "2025-01-01")], "14: duration_as_stated: cannot read 'for ever' as a length of time"),
        ("for 2 years", [_step("announced", "2025-01-01")], "14: duration_as_stated: a duration counts from the day the policy takes effect"),
    ],
    ids=["ends-without-duration", "unreadable-duration", "no-in-force-step"],
)
def test_every_policys_duration_is_checked_whatever_the_policy_before_it(
    valid_content: Path, words: str | None, history: list, first_problem: str | None
) -> None:
    """widget-tariff comes first and cannot be checked; zeta-tariff, after it, is checked all the same."""
    edit(valid_content, "policies/widget-tariff.yaml", history=history, duration_as_stated=words, ends="2027-01-01")
    zeta = {"title": "Zeta tariff", "issuer": "daily-times", "summary": "A tariff.", "status": "in-force", "affects": ["globex"]}
    zeta.update(history=[_step("in-force", "2025-01-01")], duration_as_stated="for 10 days", ends="2025-01-13", sources=["daily-report"])
    (valid_content / "policies" / "zeta-tariff.yaml").write_text(yaml.safe_dump(zeta, sort_keys=False), encoding="utf-8")
    found = problems(valid_content)
    own = [p for p in found if "widget-tariff" in p]
    assert len(own) == (first_problem is not None) and all(p.startswith(f"content/policies/widget-tariff.yaml:{first_problem}") for p in own)
    assert [p for p in found if "widget-tariff" not in p] == [
        "content/policies/zeta-tariff.yaml:13: ends: '2025-01-13' does not match 'for 10 days' from 2025-01-01 (when it takes effect): "
        "that ends on 2025-01-10 — correct `ends` or `duration_as_stated`"
    ]


def test_a_rise_in_percentage_points_shows_its_sign(valid_content: Path) -> None:
    edit(valid_content, "figures/acme-sales-2024.yaml", unit="percent", value=30, metric="share")
    edit(valid_content, "figures/acme-sales-2025.yaml", unit="percent", value=32, metric="share", compared_to=None)
    derivation = {"relation": "percentage-point-change", "base": "acme-sales-2024", "current": "acme-sales-2025"}
    edit(
        valid_content,
        "figures/acme-share-change-2025.yaml",
        subject="acme",
        metric="share, change",
        unit="percentage-points",
        value=2,
        period="2025",
        derivation=derivation,
        sources=["daily-report"],
    )
    assert load_site(valid_content).arithmetic["acme-share-change-2025"] == "32% − 30% = +2 pp, stated as 2 pp"


ASSEMBLED = ("problems", "series", "stances", "pending", "competing", "implied", "arithmetic")
"""What ``assemble`` makes besides the records: the preview keeps the steps that read nothing a save changed."""


def _assembled(site: Site) -> dict:
    """What assembling made, the records (in order, each the very entry loaded) and each kind's list among it."""
    listed = {"entries": [(i, id(e)) for i, e in site.entries.items()], "kinds": {k: [(e.id, id(e)) for e in v] for k, v in (site.kinds or {}).items()}}
    return {**{name: getattr(site, name) for name in ASSEMBLED}, **listed}


@pytest.mark.parametrize("tree", ["valid_content", "real_content"])
def test_a_save_keeps_the_assembling_steps_that_read_nothing_it_changed_and_matches_a_fresh_assembling(tree: str, request: pytest.FixtureRequest) -> None:
    """After an edit to every field of every kind (generated from the model), assembling with the last
    reading's derivations makes what assembling afresh makes; some steps are kept, and some made again."""
    from test_incremental import model_edits

    from conftest import add_second_brief
    from newsbrief.checks import DERIVATION_STEPS, assemble
    from newsbrief.loader import load_content

    content = request.getfixturevalue(tree)
    if tree == "real_content":
        add_second_brief(content)  # every kind, with derivations, competing values and expected releases
    files = FileCache()
    site = assemble(load_content(content, content.parent, files))
    moved = sorted((content / "companies").glob("*.yaml"))[0]
    as_company = moved.read_text(encoding="utf-8")  # before the edits below, some of which leave it broken

    def add(c: Path) -> bool:
        (c / "companies" / "initech.yaml").write_text("name: Initech\ndescription: A new company.\ncountry: US\n", encoding="utf-8")
        return True

    def delete(c: Path) -> bool:
        sorted((c / "people").glob("*.yaml"))[0].unlink()
        return True

    def mend(c: Path) -> bool:
        moved.write_text(as_company, encoding="utf-8")
        return True

    def move(c: Path) -> bool:  # the same id, another kind: every kind's list made afresh
        (c / "organizations" / moved.name).write_text(as_company + "type: association\n", encoding="utf-8")
        moved.unlink()
        return True

    kept = made = 0
    for what, edit in [
        *model_edits(content),
        ("a company added", add),
        ("a person deleted", delete),
        (f"{moved.stem} mended", mend),
        (f"{moved.stem} moved to organizations", move),
    ]:
        if not edit(content):
            continue
        last = site
        loaded = load_content(content, content.parent, files)
        site = assemble(loaded, last.derivations)
        assert _assembled(site) == _assembled(assemble(loaded)), f"after editing {what}"
        assert site.changed == changed_ids(last.entries, site.entries)
        for name, _outputs, _step in DERIVATION_STEPS:
            same = site.derivations.steps[name] is last.derivations.steps[name]
            kept, made = kept + same, made + (not same)
    assert kept > 10 and made > 10, (kept, made)
    assert site.entries[moved.stem].kind == "organization" and moved.stem in [e.id for e in site.kinds["organization"]]


def test_a_new_day_makes_the_pending_releases_again(real_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing saved, but the day has passed: what was expected may now be overdue."""
    from newsbrief.checks import assemble
    from newsbrief.loader import load_content

    files = FileCache()
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2026-02-01")
    before = assemble(load_content(real_content, real_content.parent, files))
    monkeypatch.setenv("NEWSBRIEF_TODAY", "2031-01-01")
    loaded = load_content(real_content, real_content.parent, files)
    after, fresh = assemble(loaded, before.derivations), assemble(loaded)
    assert after.changed == [] and after.pending != before.pending
    assert _assembled(after) == _assembled(fresh)


def test_a_step_that_went_through_every_record_is_made_again_after_any_save(valid_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that read the whole site (``site.entries.values()``) depends on every record: never kept."""
    from newsbrief import checks
    from newsbrief.loader import load_content

    calls: list[int] = []

    def every_record(site: Site) -> list:
        calls.append(sum(1 for _ in site.entries.values()))
        return []

    monkeypatch.setattr(checks, "DERIVATION_STEPS", (*checks.DERIVATION_STEPS, ("every record", (), every_record)))
    files = FileCache()
    site = checks.assemble(load_content(valid_content, valid_content.parent, files))
    edit(valid_content, "companies/acme.yaml", description="Saved again.")
    saved = checks.assemble(load_content(valid_content, valid_content.parent, files), site.derivations)
    assert saved.changed == ["acme"] and len(calls) == 2
    assert saved.derivations.steps["stances"] is site.derivations.steps["stances"]  # read no company: kept
