"""Backlinks, generated from the model: every record's page links back to every record that refers to it.

The pairs come from the references in the data (``newsbrief.refs``: which field of which kind names
which kinds), over the real content and the second brief, which together hold every kind; a test
asserts every pair of kinds the model allows that the content has is covered, so a page kind that
drops a backlinks section fails for each reference it no longer shows.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import add_second_brief, copy_project, mkdocs_build
from newsbrief.checks import load_site
from newsbrief.model import FOLDER_OF, FOLDERS, KINDS
from newsbrief.refs import _fields_of
from sitehtml import read_site, resolve


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("backlinks") / "project")
    add_second_brief(project)
    result = mkdocs_build(project, project.parent / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    return load_site(project / "content", project), read_site(project.parent / "site")


def model_pairs() -> set[tuple[str, str]]:
    """(referring kind, referred kind) for every top-level reference field of the model."""
    return {(kind, target) for kind, model in KINDS.items() for _, _, kinds in _fields_of(model) if kinds for target in kinds}


def linked_from(page) -> set[str]:
    """The record pages a page's article links to: 'statements/ford-denies-jv-report/'."""
    targets = (resolve(page, href) for href, _ in page.links)
    return {t[0] for t in targets if t and t[0].count("/") == 2}


def test_every_referred_record_links_back_to_every_record_that_names_it(built) -> None:
    site, pages = built
    missing: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in site.entries.values():
        for _loc, target, _kinds in entry.refs:
            if target == entry.id or target not in site.entries:
                continue
            target_kind = site.entries[target].kind
            page = pages[f"{FOLDER_OF[target_kind]}/{target}/"]
            if f"{FOLDER_OF[entry.kind]}/{entry.id}/" not in linked_from(page):
                missing[(entry.kind, target_kind)].append(f"{target} does not link back to {entry.id}")
    assert not missing, "\n".join(f"{k}: {len(v)} missing, e.g. {v[0]}" for k, v in sorted(missing.items()))


def test_the_content_covers_most_pairs_of_kinds_the_model_allows(built) -> None:
    site, _ = built
    present = {(e.kind, site.entries[t].kind) for e in site.entries.values() for _, t, _ in e.refs if t in site.entries}
    top_level = model_pairs()
    # Nested references (a person's roles, a claim's figures) add pairs; every top-level pair in the data is checked above.
    assert len(present & top_level) >= 15, sorted(top_level - present)


def every_records_relations(made_from) -> dict[str, list[tuple[str, str, str, str]]]:
    """Each record's edges as (source, label, target, via): asked of ``graph.Relations``, which works them
    out from the index of references, or, given a site, found as the whole site's edge set would have them
    (every record's edges, in id order, the first of equal edges kept; both ends known)."""
    from newsbrief.checks import Site
    from newsbrief.graph import edges_made_by

    if not isinstance(made_from, Site):
        return {record_id: [(e.source, e.label, e.target, e.via) for e in made_from.touching(record_id)] for record_id in made_from.site.entries}
    site, found = made_from, {}
    for entry in site.entries.values():
        for edge in edges_made_by(entry):
            if edge.source in site.entries and edge.target in site.entries:
                found.setdefault(edge, edge)
    return {record_id: sorted((e.source, e.label, e.target, e.via) for e in found if record_id in (e.source, e.target)) for record_id in site.entries}


def test_every_records_relations_are_found_from_the_references_to_it(built) -> None:
    """The graph and the relationship table ask for a record's edges: worked out from the record and the
    records that refer to it, they are those of the whole site's edge set, the same record making each."""
    from newsbrief.backlinks import Backlinks
    from newsbrief.graph import Relations

    site, _ = built
    relations = every_records_relations(site)
    assert sum(map(len, relations.values())) > 50 and any(len({via for *_, via in edges}) > 1 for edges in relations.values())
    assert every_records_relations(Relations(site, Backlinks(site))) == relations


def test_an_edge_two_records_make_is_drawn_once_and_credited_to_the_first_by_id(valid_content) -> None:
    """Acme denies the talks twice: one "denies" edge, made by the statement first by id, as a whole-site edge set has it."""
    from newsbrief.backlinks import Backlinks
    from newsbrief.graph import Relations

    statement = (valid_content / "statements" / "acme-denies-talks.yaml").read_text(encoding="utf-8")
    for again in ("aa-acme-denies-talks-again", "zz-acme-denies-talks-again"):
        (valid_content / "statements" / f"{again}.yaml").write_text(statement.replace("There were no talks.", "Still no talks."), encoding="utf-8")
    site = load_site(valid_content, valid_content.parent)
    relations = every_records_relations(Relations(site, Backlinks(site)))
    assert [edge for edge in relations["acme"] if edge[1] == "denies"] == [("acme", "denies", "acme-globex-merger-talks", "aa-acme-denies-talks-again")]
    assert relations == every_records_relations(site)


def test_the_preview_updates_the_index_after_every_edit_as_a_new_index_has_it(valid_content) -> None:
    """`make preview` takes out and puts in only the references of the records a save changed
    (Backlinks.update): after an edit to every field of every kind (generated from the model), a new
    record and a deleted one, the index is the one a build makes."""
    from test_incremental import model_edits

    from newsbrief.backlinks import Backlinks
    from newsbrief.checks import changed_ids
    from newsbrief.graph import Relations
    from newsbrief.loader import FileCache

    files = FileCache()
    site = load_site(valid_content, valid_content.parent, files)
    index = Backlinks(site)
    edits = model_edits(valid_content)
    kinds_in_tree = {FOLDERS[folder.name] for folder in valid_content.iterdir() if any(folder.glob("*.yaml"))}
    assert {what.split(".")[0] for what, _ in edits} == kinds_in_tree, "every kind in the valid tree has a field to edit"
    new_company = valid_content / "companies" / "initech.yaml"

    def add(content) -> bool:
        new_company.write_text("name: Initech\ndescription: A new company.\ncountry: US\n", encoding="utf-8")
        (content / "claims" / "acme-globex-merger-talks.yaml").write_text(
            (content / "claims" / "acme-globex-merger-talks.yaml").read_text(encoding="utf-8").replace("subjects: [", "subjects: [initech, ", 1),
            encoding="utf-8",
        )
        return True

    def delete(content) -> bool:
        (content / "people" / "jane-doe.yaml").unlink()
        return True

    updated = 0
    for what, edit in [*edits, ("a new company, named by a claim", add), ("a person deleted", delete)]:
        if not edit(valid_content):
            continue
        last = site
        site = load_site(valid_content, valid_content.parent, files)
        index = index.update(last.entries, site.entries, changed_ids(last.entries, site.entries))
        assert dict(index._to) == dict(Backlinks(site)._to), f"after editing {what}"
        assert every_records_relations(Relations(site, index)) == every_records_relations(site), f"after editing {what}"
        updated += 1
    assert updated >= len(kinds_in_tree) + 2
