"""The promises that mutation testing found unguarded (issue 12), each proven by breaking content.

"Every claim has a source": every kind whose model requires sources refuses a record without
them, and every reference to a source must name a real one — generated from the model, so a new
kind or field is covered the day it is added. "Every figure agrees": a wrong number in a brief's
headline or summary is reported.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build, problems
from newsbrief.checks import load_site
from newsbrief.model import FOLDERS, KINDS
from newsbrief.refs import _fields_of, iter_refs

MUST_CITE = ["brief", "claim", "event", "policy", "statement", "vote"]
"""The kinds whose every record states or reports something, so needs a source: the promise itself, written
out (a list taken from the model would shrink with the bug). A figure needs one unless it is implied
(tested below); an entity's facts (roles) carry their own."""
FOLDER_OF_KIND = {kind: folder for folder, kind in FOLDERS.items()}


@pytest.fixture
def content(two_briefs: Path) -> Path:
    """The real content and the second brief: together they hold a record of every kind."""
    return two_briefs


def first_record(content: Path, kind: str) -> Path:
    files = sorted((content / FOLDER_OF_KIND[kind]).glob("*.yaml"))
    assert files, f"no {kind} in the real content or the second brief: add one so its rules are tested"
    return files[0]


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_content_under_test_is_clean(content: Path) -> None:
    assert problems(content) == []


def test_the_model_requires_sources_of_exactly_the_kinds_that_must_cite() -> None:
    required = {k for k, m in KINDS.items() if "sources" in m.model_fields and m.model_fields["sources"].is_required()}
    assert required == set(MUST_CITE)


@pytest.mark.parametrize("kind", MUST_CITE)
def test_a_record_without_sources_is_refused_with_its_file(content: Path, kind: str) -> None:
    path = first_record(content, kind)
    edit(path, lambda data: data.pop("sources"))
    found = [p for p in problems(content) if p.startswith(f"content/{FOLDER_OF_KIND[kind]}/{path.name}:")]
    assert any("needs at least one source" in p for p in found), found


def test_a_figure_with_a_stated_value_and_no_source_is_refused(content: Path) -> None:
    stated = next(p for p in sorted((content / "figures").glob("*.yaml")) if "value" in yaml.safe_load(p.read_text(encoding="utf-8")))
    edit(stated, lambda data: data.pop("sources"))
    assert f"content/figures/{stated.name}:1: a figure needs at least one source — add `sources: [<source-id>]`" in problems(content)


def _source_refs(content: Path) -> list[tuple[str, Path, tuple]]:
    """(kind, file, location) of the first reference to a source in one record of each kind (from the model)."""
    site = load_site(content, content.parent)
    found, seen = [], set()
    for entry in sorted(site.entries.values(), key=lambda e: e.id):
        if entry.kind in seen:
            continue
        for loc, _target, kinds in iter_refs(entry.record):
            if kinds == ("source",):
                found.append((entry.kind, content / FOLDER_OF_KIND[entry.kind] / f"{entry.id}.yaml", loc))
                seen.add(entry.kind)
                break
    return found


def test_every_kind_that_cites_sources_is_covered(content: Path) -> None:
    citing = {kind for kind, model in KINDS.items() if any(kinds == ("source",) for _, _, kinds in _fields_of(model))}
    assert citing <= {kind for kind, _, _ in _source_refs(content)} | {"person", "company", "organization"}


def test_an_unknown_source_id_is_reported_in_every_kind(content: Path) -> None:
    refs = _source_refs(content)
    assert len(refs) >= 5
    for kind, path, loc in refs:

        def plant(data, loc=loc):
            holder = data
            for key in loc[:-1]:
                holder = holder[key]
            holder[loc[-1]] = "no-such-source"

        original = path.read_text(encoding="utf-8")
        edit(path, plant)
        found = [p for p in problems(content) if "no record 'no-such-source'" in p]
        assert found and found[0].startswith(f"content/{FOLDER_OF_KIND[kind]}/{path.name}:"), (kind, found)
        path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("field", ["headline", "summary"])
def test_a_wrong_number_in_a_briefs_headline_or_summary_is_reported(content: Path, field: str) -> None:
    path = content / "briefs" / "ford-xiaomi-deny-jv-report.yaml"
    # Xiaomi registered 411,837 cars in 2025 (figure xiaomi-registrations-2025); 411,000 is not it.
    edit(path, lambda data: data.__setitem__(field, data[field] + " Xiaomi registered 411,000 cars in 2025."))
    found = [p for p in problems(content) if p.startswith(f"content/briefs/{path.name}:") and field in p]
    assert found and "411,000" in found[0], problems(content)


# --- outside addresses ---------------------------------------------------------------

HOSTILE_URL = 'https://example.com/a?b=1&c="onmouseover="window.__pwned=1"><script>window.__pwned=1</script>'
"""A web address a model accepts (http(s), a host, no space) that breaks out of an unescaped href."""


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.dangers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k == "href"]
        self.dangers += [f"<{tag} {k}>" for k, _ in attrs if k.startswith("on")] + (["<script>"] if tag == "script" else [])


def test_an_outside_address_is_one_escaped_href_on_its_source_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = next(p for p in sorted((project / "content" / "sources").glob("*.yaml")) if "url" in yaml.safe_load(p.read_text(encoding="utf-8")))
    edit(source, lambda data: data.__setitem__("url", HOSTILE_URL))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site" / "sources" / source.stem / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    parser = _Anchors()
    parser.feed(re.sub(r'<script type="application/ld\+json">.*?</script>', "", article, flags=re.S))
    # The reader's link goes to exactly the address the editor wrote, and nothing of it became markup.
    assert HOSTILE_URL in parser.hrefs
    assert [d for d in parser.dangers if d != "<script>"] == [] and "window.__pwned=1</script>" not in article
