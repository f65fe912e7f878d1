"""Every message of the loader (hooks/newsbrief/loader.py), each with its file, line and field.

Found unguarded by mutation testing (issue 12): each branch of the message an editor reads for a
wrong value, a wrong file or a wrong folder is written out here once, exactly as the editor sees it,
on a copy of the small valid tree. Fast: one load of a tree of 18 files per case, no build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import problems
from newsbrief.checks import load_site
from newsbrief.loader import FileCache, field_name, line_of, load_content
from newsbrief.model import FOLDERS, KINDS
from newsbrief.yamlload import parse_yaml

ROLE = "name: Jane Doe\ndescription: d\nroles:\n  - {role}\n    organization: acme\n    as_of: 2026-02-01\n{sources}"
FIGURE = "subject: acme\nmetric: sales\nunit: {unit}\nvalue: {value}\n{extra}period: 2024\nsources: [daily-report]\n"
POLICY = "title: Widget tariff\nissuer: daily-times\nsummary: s\nstatus: in-force\naffects: [globex]\nhistory:{history}\nsources: [daily-report]\n"
VOTE = "body: daily-times\ndate: 2026-01-01\nvoted_on: widget-tariff\nquestion: q\nunit: members\nin_favour: {count}\nmembers: 10\noutcome: passed\nsources: [daily-report]\n"
SOURCES = "    sources: [daily-report]\n"

CASES = [
    pytest.param(
        "companies/globex.yaml",
        "name: Globex\ndescription: x\nzzz: 1999\n",
        "content/companies/globex.yaml:3: zzz: unknown field 'zzz' (fields here are: not_figures, name, native_name, aliases, country, description, website, sources)",
        id="unknown-field-lists-the-fields",
    ),
    pytest.param(
        "people/jane-doe.yaml",
        ROLE.format(role="title: CEO\n    zzz: 1", sources=SOURCES),
        "content/people/jane-doe.yaml:5: roles[0].zzz: unknown field 'zzz' (fields here are: title, organization, since, until, as_of, sources)",
        id="unknown-nested-field-lists-the-nested-fields",
    ),
    pytest.param(
        "people/jane-doe.yaml",
        ROLE.format(role="title: CEO", sources=""),
        "content/people/jane-doe.yaml:4: roles[0].sources: every role needs at least one source — add `sources: [<source-id>]`",
        id="a-role-without-sources",
    ),
    pytest.param(
        "policies/widget-tariff.yaml",
        POLICY.format(history="\n  - action: enacted\n    date: 2025-01"),
        "content/policies/widget-tariff.yaml:7: history[0].sources: every policy action needs at least one source — add `sources: [<source-id>]`",
        id="a-policy-step-without-sources",
    ),
    pytest.param(
        "policies/widget-tariff.yaml",
        POLICY.format(history=" []"),
        "content/policies/widget-tariff.yaml:6: history: needs at least 1 item(s)",
        id="an-empty-list",
    ),
    pytest.param(
        "figures/acme-sales-2024.yaml",
        FIGURE.format(unit="dollarz", value=1000, extra=""),
        "content/figures/acme-sales-2024.yaml:3: unit: 'dollarz' is not one of the 325 choices (the first are: vehicles, units, people, members, "
        "member-states, countries, votes, seats, shares, companies, jobs, percent, percentage-points, times, days, weeks, months, years; "
        "all are in docs/editing.md)",
        id="a-choice-among-many-names-the-first",
    ),
    pytest.param(
        "organizations/daily-times.yaml",
        "name: Daily Times\ntype: newspaper\ndescription: A newspaper.\n",
        "content/organizations/daily-times.yaml:2: type: 'newspaper' is not one of: government, administration, agency, publisher, association, podcast, other",
        id="a-choice-among-few-lists-them",
    ),
    pytest.param(
        "figures/acme-sales-2024.yaml",
        FIGURE.format(unit="XOFF", value=1000, extra=""),
        "content/figures/acme-sales-2024.yaml:3: unit: 'XOFF' is not one of the 325 choices — did you mean 'XOF'? (the first are: vehicles, units, people, "
        "members, member-states, countries, votes, seats, shares, companies, jobs, percent, percentage-points, times, days, weeks, months, years; "
        "all are in docs/editing.md)",
        id="a-near-miss-among-many-names-the-closest",  # a currency code that begins with X, as a dozen do
    ),
    pytest.param(
        "organizations/daily-times.yaml",
        "name: Daily Times\ntype: goverment\ndescription: A newspaper.\n",
        "content/organizations/daily-times.yaml:2: type: 'goverment' is not one of: government, administration, agency, publisher, association, "
        "podcast, other — did you mean 'government'?",
        id="a-near-miss-among-few-names-the-closest",
    ),
    pytest.param(
        "figures/acme-sales-2024.yaml",
        FIGURE.format(unit="units", value="lots", extra=""),
        "content/figures/acme-sales-2024.yaml:4: value: expected a number, got 'lots' — write digits only, e.g. 39000",
        id="a-word-for-a-number",
    ),
    pytest.param(
        "votes/v.yaml",
        VOTE.format(count="2.5"),
        "content/votes/v.yaml:6: in_favour: expected a number, got the number 2.5 — write digits only, e.g. 39000",
        id="a-fraction-for-a-count",
    ),
    pytest.param(
        "votes/v.yaml",
        VOTE.format(count="true"),
        "content/votes/v.yaml:6: in_favour: expected a number, got true (true/false) — write digits only, e.g. 39000",
        id="a-boolean-for-a-count",
    ),
    pytest.param(
        "figures/acme-sales-2024.yaml",
        FIGURE.format(unit="units", value=1000, extra="rounding: 0\n"),
        "content/figures/acme-sales-2024.yaml:5: rounding: must be greater than 0.0, got 0",
        id="a-bound-not-met",
    ),
    pytest.param(
        "claims/acme-globex-merger-talks.yaml",
        "text: Acme and Globex discussed a merger.\nsubjects: [acme, globex]\nsources: daily-report\n",
        "content/claims/acme-globex-merger-talks.yaml:3: sources: expected a list (`[a, b]` or one `- item` a line), got 'daily-report'",
        id="one-item-for-a-list",
    ),
    pytest.param(
        "people/jane-doe.yaml",
        "name: Jane Doe\ndescription: d\nroles: [5]\n",
        "content/people/jane-doe.yaml:3: roles[0]: expected a mapping of `name: value` lines, got the number 5",
        id="a-number-for-a-mapping",
    ),
    pytest.param(
        "figures/acme-sales-growth-2025.yaml",
        "subject: acme\nmetric: m\nunit: percent\nvalue: 20\nperiod: 2025\nderivation:\n  relation: percent-change\n  base: acme-sales-2024\n"
        "  current: acme-sales-2025\n  zzz: 1\nsources: [daily-report]\n",
        "content/figures/acme-sales-growth-2025.yaml:10: derivation.zzz: unknown field 'zzz' (fields here are: relation, base, current, parts, as_stated, values)",
        id="unknown-field-of-a-nested-mapping-lists-its-fields",
    ),
    pytest.param(
        "briefs/acme-denies-merger.yaml",
        "headline: h\nsummary: s\npublished: 2026-02-01\nkey_points: [acme-globex-merger-talks]\nsources: [daily-report]\n"
        "sections:\n  - kind: the-news\n    items:\n      - claim: acme-globex-merger-talks\n      - text: t\n        zzz: 1\n",
        "content/briefs/acme-denies-merger.yaml:11: sections[0].items[1].zzz: unknown field 'zzz' (fields here are: claim, statement, figure, event, text)",
        id="unknown-field-of-a-list-in-a-list-lists-its-fields",
    ),
    pytest.param("companies/globex.yaml", "name: ''\ndescription: x\n", "content/companies/globex.yaml:1: name: must not be empty", id="empty-text"),
    pytest.param(
        "sources/daily-report.yaml",
        "title: t\npublisher: daily-times\npublished: 2026-02-01\nkind: news-report\nurl: https://example.com/a\nlanguage: EN\n",
        "content/sources/daily-report.yaml:6: language: 'EN' does not have the expected form (a language code such as en or zh)",
        id="a-pattern-explained",
    ),
    pytest.param(
        "companies/globex.yaml",
        "hello\n",
        "content/companies/globex.yaml:1: a company file must be a mapping of `name: value` lines, not 'hello'",
        id="a-file-of-one-word",
    ),
    *(
        pytest.param(
            "companies/globex.yaml",
            f"name: {written}\ndescription: x\n",
            f"content/companies/globex.yaml:1: name: expected text, got {described} — put it in quotes",
            id="text-given-as-" + "".join(c if c.isalnum() else "-" for c in described),  # no spaces: mutmut runs tests by id
        )
        for written, described in [
            ("true", "true (true/false)"),
            ("5", "the number 5"),
            ("2.5", "the number 2.5"),
            ("[a]", "a list"),
            ("{a: 1}", "a mapping"),
            ("", "nothing"),
        ]
    ),
]


@pytest.mark.parametrize(("path", "text", "message"), CASES)
def test_each_wrong_value_gets_its_message_at_its_file_line_and_field(valid_content: Path, path: str, text: str, message: str) -> None:
    target = valid_content / path
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    assert problems(valid_content) == [message]


# --- files and folders that are not records ---------------------------------------------

FOLDER_LIST = ", ".join(FOLDERS)
LINK = "a symbolic link — links are not followed, so that nothing outside content/ is read or published: put the file itself here instead"
NOT_REGULAR = "not a regular file or folder (a device, pipe or socket) — only ordinary .yaml files are read"


def whole_file_problems(content: Path) -> list[str]:
    """The problems of a tree, each checked to be about a whole file: no line (0) and no field."""
    found = load_site(content, content.parent).problems
    assert [(p.line, p.field) for p in found] == [(0, "")] * len(found)
    return [str(p) for p in found]


def test_what_lies_directly_in_content_is_read_refused_or_skipped(valid_content: Path) -> None:
    (valid_content / "notes.txt").write_text("x", encoding="utf-8")
    (valid_content / "README.md").write_text("x", encoding="utf-8")  # the editors' own notes: skipped
    (valid_content / "README").write_text("x", encoding="utf-8")  # the same, without an extension
    (valid_content / "compnies").mkdir()  # sorted before most folders: the ones after it are still read
    (valid_content / ".DS_Store").write_text("x", encoding="utf-8")  # an operating system's: skipped
    (valid_content / ".acme.yaml").write_text("x", encoding="utf-8")
    os.symlink(valid_content / "companies", valid_content / "people2")
    os.mkfifo(valid_content / "fifo")
    os.mkfifo(valid_content / ".fifo")  # hidden: skipped like any hidden file, whatever it is
    assert whole_file_problems(valid_content) == [
        "content/.acme.yaml: a hidden file (its name starts with a dot) is not read — rename it to 'acme.yaml'",
        f"content/compnies: unknown folder 'compnies' — did you mean 'companies'? (folders are: {FOLDER_LIST})",
        f"content/fifo: {NOT_REGULAR}",
        f"content/notes.txt: a file directly in content/ is not read — move it into one of: {FOLDER_LIST}",
        f"content/people2: {LINK}",
    ]


def test_what_lies_in_a_folder_is_read_refused_or_skipped(valid_content: Path) -> None:
    companies = valid_content / "companies"
    (companies / ".globex.yaml.swp").write_text("x", encoding="utf-8")  # an editor's swap file: skipped
    (companies / ".initech.yaml").write_text("x", encoding="utf-8")
    os.symlink(companies / "globex.yaml", companies / "hooli.yaml")
    os.mkfifo(companies / "pipe.yaml")
    (companies / "old").mkdir()
    (companies / "umbrella.yaml").mkdir()
    (companies / "notes.txt").write_text("x", encoding="utf-8")
    (companies / "initech.YAML").write_text("x", encoding="utf-8")
    (companies / "initech.Yaml").write_text("x", encoding="utf-8")
    (companies / ".X-ray.yaml").write_text("x", encoding="utf-8")
    (companies / "___.yaml").write_text("x", encoding="utf-8")
    os.symlink("loop.yaml", companies / "loop.yaml")  # a link to itself: refused, not followed round
    assert whole_file_problems(valid_content) == [
        "content/companies/.X-ray.yaml: a hidden file (its name starts with a dot) is not read — rename it to 'X-ray.yaml'",
        "content/companies/.initech.yaml: a hidden file (its name starts with a dot) is not read — rename it to 'initech.yaml'",
        "content/companies/___.yaml: '___' is not a valid id: a file name is lower-case letters, digits and single hyphens",
        f"content/companies/hooli.yaml: {LINK}",
        "content/companies/initech.YAML: only .yaml files are read here — rename it to 'initech.yaml'",
        "content/companies/initech.Yaml: only .yaml files are read here — rename it to 'initech.yaml'",
        f"content/companies/loop.yaml: {LINK}",
        "content/companies/notes.txt: only .yaml files are read here",
        "content/companies/old: a folder inside companies/ — folders here are not read: move the .yaml files out of it",
        f"content/companies/pipe.yaml: {NOT_REGULAR}",
        "content/companies/umbrella.yaml: a folder named like a record file; a record is a file, companies/umbrella.yaml, not a folder "
        "— folders here are not read: move the .yaml files out of it",
    ]


def test_a_file_removed_while_its_folder_is_read_is_a_problem_not_a_crash(valid_content: Path, monkeypatch) -> None:
    """A `git checkout` while `mkdocs serve` runs: a file listed a moment ago is gone when its turn comes.
    The build goes on and says which file could not be read (with the cache serve keeps, and without)."""
    from newsbrief import loader

    original = loader._load_file

    def removed_first(file: Path, *args, **kwargs) -> None:
        if file.name == "globex.yaml" and file.exists():
            file.unlink()
        original(file, *args, **kwargs)

    monkeypatch.setattr(loader, "_load_file", removed_first)
    for cache in (FileCache(), None):
        (valid_content / "companies" / "globex.yaml").write_text("name: Globex\ncountry: US\n", encoding="utf-8")
        loaded = load_content(valid_content, valid_content.parent, cache)
        assert [str(p) for p in loaded.problems] == [
            "content/companies/globex.yaml: the file cannot be opened (No such file or directory) — check that it is still there and readable, then save it again"
        ]
        assert "globex" not in {entry.id for entry in loaded.entries} and "acme" in {entry.id for entry in loaded.entries}


def test_a_missing_content_folder_is_one_problem(tmp_path: Path) -> None:
    assert whole_file_problems(tmp_path / "content") == ["content: the content folder does not exist"]


def test_every_record_is_loaded_with_its_kind_file_and_model(valid_content: Path) -> None:
    loaded = load_content(valid_content)
    assert loaded.problems == [] and loaded.broken_ids == {}
    on_disk = sorted((path.stem, FOLDERS[path.parent.name], f"content/{path.parent.name}/{path.name}") for path in valid_content.glob("*/*.yaml"))
    assert sorted((e.id, e.kind, e.file) for e in loaded.entries) == on_disk
    assert all(isinstance(e.record, KINDS[e.kind]) for e in loaded.entries)


def test_a_file_that_fails_to_load_is_known_as_broken(valid_content: Path) -> None:
    (valid_content / "companies" / "globex.yaml").write_text("name: Globex\n", encoding="utf-8")
    loaded = load_content(valid_content)
    assert loaded.broken_ids == {"globex": "company"}
    assert "globex" not in {e.id for e in loaded.entries}


# --- lines and field names -----------------------------------------------------------------


def test_a_location_is_found_at_its_line_or_its_deepest_present_parent() -> None:
    raw = parse_yaml(b"name: Jane\nroles:\n  - title: CEO\n    sources:\n      - a\n      - b\n")
    assert [
        line_of(raw, loc)
        for loc in [(), ("name",), ("roles",), ("roles", 0), ("roles", 0, "sources", 1), ("roles", 0, "until"), ("roles", 3), ("roles", 1), ("nothing",)]
    ] == [
        1,
        1,
        2,
        3,
        6,
        3,
        2,
        2,
        1,
    ]
    assert [field_name(loc) for loc in [(), ("name",), ("roles", 0, "title"), ("roles", 0, "sources", 1)]] == [
        "",
        "name",
        "roles[0].title",
        "roles[0].sources[1]",
    ]


# --- the cache that `mkdocs serve` keeps --------------------------------------------------


def test_a_cached_load_reuses_an_unchanged_file_and_reads_an_edited_one_again(valid_content: Path) -> None:
    cache = FileCache()
    globex = valid_content / "companies" / "globex.yaml"
    first = {e.id: e.record for e in load_content(valid_content, cache=cache).entries}
    again = {e.id: e.record for e in load_content(valid_content, cache=cache).entries}
    assert all(again[i] is first[i] for i in first)  # not parsed again: what makes an edit under `serve` fast
    globex.write_text("name: Globex\ndescription: A rival of Acme, and bigger.\n", encoding="utf-8")
    edited = load_content(valid_content, cache=cache)
    assert {e.id: e.record for e in edited.entries}["globex"].description == "A rival of Acme, and bigger."
    globex.write_text("name: Globex\n", encoding="utf-8")
    assert [str(p) for p in load_content(valid_content, cache=cache).problems] == [
        "content/companies/globex.yaml:1: description: required field is missing — add `description: …`"
    ]


# --- the preview's folder cache: a save reads the folder the watcher names, and only that ---------


def _loaded_names(loaded) -> dict[str, str]:
    return {e.id: getattr(e.record, "name", None) or "" for e in loaded.entries}


def test_the_folder_cache_reads_a_folder_again_only_when_told_a_file_in_it_changed(valid_content: Path) -> None:
    """A save to a file the folder had reads that file alone; a new file lists the folder again."""
    from newsbrief.loader import FolderCache

    folders, files = FolderCache(), FileCache()
    first = load_content(valid_content, valid_content.parent, files, folders)
    assert first == load_content(valid_content, valid_content.parent), "with the cache, the same as without"
    globex = valid_content / "companies" / "globex.yaml"
    globex.write_text(globex.read_text(encoding="utf-8").replace("name: Globex", "name: Globex Renamed"), encoding="utf-8")
    (valid_content / "companies" / "initech.yaml").write_text("name: Initech\ndescription: d\n", encoding="utf-8")

    folders.forget([valid_content / "people" / "jane-doe.yaml", valid_content.parent / "docs" / "index.md"], valid_content)
    kept = load_content(valid_content, valid_content.parent, files, folders)
    assert _loaded_names(kept)["globex"] == "Globex" and "initech" not in _loaded_names(kept), "companies/ was not named: kept as read"

    folders.forget([globex], valid_content)  # a file the folder had: read again alone
    edited = load_content(valid_content, valid_content.parent, files, folders)
    assert _loaded_names(edited)["globex"] == "Globex Renamed" and "initech" not in _loaded_names(edited), "the folder was not listed again"

    folders.forget([valid_content / "companies" / "initech.yaml"], valid_content)  # a new file: the folder listed again
    again = load_content(valid_content, valid_content.parent, files, folders)
    assert _loaded_names(again)["globex"] == "Globex Renamed" and _loaded_names(again)["initech"] == "Initech"
    assert again == load_content(valid_content, valid_content.parent), "the folder read again, the same as a load from scratch"
    assert [e.id for e in again.entries] == [e.id for e in load_content(valid_content, valid_content.parent).entries], "in the same order"


def test_the_folder_cache_forgets_every_folder_when_told_content_itself_changed(valid_content: Path) -> None:
    from newsbrief.loader import FolderCache

    folders = FolderCache()
    load_content(valid_content, valid_content.parent, None, folders)
    (valid_content / "companies" / "globex.yaml").unlink()
    (valid_content / "people" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    folders.forget([valid_content], valid_content)
    loaded = load_content(valid_content, valid_content.parent, None, folders)
    assert loaded == load_content(valid_content, valid_content.parent)
    assert "globex" not in _loaded_names(loaded) and loaded.broken_ids == {"broken": "person"}
    assert [str(p) for p in loaded.problems] == [str(p) for p in load_content(valid_content, valid_content.parent).problems] != []


def test_an_unchanged_file_gives_the_same_entry_with_what_it_worked_out_and_a_changed_one_a_new_entry(valid_content: Path) -> None:
    """The file cache keeps each entry while its file is unchanged, so its references and texts are worked
    out once while serving (10,000 records: most of a save's checks)."""
    files = FileCache()
    before = {e.id: e for e in load_content(valid_content, valid_content.parent, files).entries}
    globex = valid_content / "companies" / "globex.yaml"
    globex.write_text(globex.read_text(encoding="utf-8") + "aliases: [Globex Corp]\n", encoding="utf-8")
    after = {e.id: e for e in load_content(valid_content, valid_content.parent, files).entries}
    assert after["acme"] is before["acme"] and after["acme"].refs is before["acme"].refs
    assert after["globex"] is not before["globex"] and after["globex"].record.aliases == ["Globex Corp"]
    moved = load_content(valid_content, valid_content.parent / "elsewhere", files)  # shown from another root: another file name
    assert next(e for e in moved.entries if e.id == "acme") is not before["acme"]


def test_a_folder_read_again_keeps_the_entries_of_its_unchanged_files_and_two_saves_in_one_folder_are_one(valid_content: Path) -> None:
    from newsbrief.loader import FolderCache

    folders, files = FolderCache(), FileCache()
    folders.forget([valid_content / "companies" / "acme.yaml"], valid_content)  # nothing read yet: nothing to forget
    before = {e.id: e for e in load_content(valid_content, valid_content.parent, files, folders).entries}
    globex = valid_content / "companies" / "globex.yaml"
    globex.write_text(globex.read_text(encoding="utf-8") + "aliases: [Globex Corp]\n", encoding="utf-8")
    folders.forget([globex, valid_content / "companies" / "acme.yaml"], valid_content)  # two files of one folder in one save
    after = {e.id: e for e in load_content(valid_content, valid_content.parent, files, folders).entries}
    assert after["acme"] is before["acme"], "the unchanged file's entry, from the file cache"
    assert after["globex"].record.aliases == ["Globex Corp"]


def test_a_file_read_again_alone_replaces_all_it_loaded_and_a_deleted_one_lists_its_folder_again(valid_content: Path) -> None:
    """Broken, mended, then deleted, one file at a time: each time what the cache gives is a load from scratch,
    its problems and broken ids included, in the same order."""
    from newsbrief.loader import FolderCache

    folders, files = FolderCache(), FileCache()
    load_content(valid_content, valid_content.parent, files, folders)
    globex = valid_content / "companies" / "globex.yaml"
    good = globex.read_text(encoding="utf-8")
    for text in ("name: [Globex\n", good.replace("name: ", "nmae: ", 1), good + "aliases: [Globex Corp]\n", None):
        if text is None:
            globex.unlink()
        else:
            globex.write_text(text, encoding="utf-8")
        folders.forget([globex], valid_content)
        cached, fresh = load_content(valid_content, valid_content.parent, files, folders), load_content(valid_content, valid_content.parent)
        assert cached == fresh and [str(p) for p in cached.problems] == [str(p) for p in fresh.problems]
        assert [e.id for e in cached.entries] == [e.id for e in fresh.entries]
    assert "globex" not in _loaded_names(cached) and cached.broken_ids == {}
