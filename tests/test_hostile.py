"""Hostile text in content is shown as text, never run: every text field of the real brief, planted."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build, problems
from hostile_edits import EDITS, Edit

PAYLOADS = [
    "<script>window.__pwned = true</script>",
    '<img src="x" onerror="window.__pwned = true">',
    "[click](javascript:window.__pwned=true)",
    "<a href='javascript:window.__pwned=true'>x</a>",
    "*not emphasis* and `not code` and <b>not bold</b> & an ampersand",
]
PROSE_FIELDS = {"name", "description", "title", "text", "quote", "paraphrase", "quote_note", "note", "summary",
                "headline", "metric", "scope", "excerpt", "attribution_note", "no_public_link", "label"}


def plant(node, payload: str):
    """Append the payload to every prose field of a parsed YAML record (nested ones too)."""
    if isinstance(node, dict):
        return {
            k: v if k == "not_figures" else  # exceptions quote the text's own words: planting there would break the link
            (f"{v} {payload}" if k in PROSE_FIELDS and isinstance(v, str) else plant(v, payload))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [plant(item, payload) for item in node]
    return node


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    for path in (project / "content").rglob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for payload in PAYLOADS:
            record = plant(record, payload)
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def all_output(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json", ".csv"))


class _Markup(HTMLParser):
    """Collects what a browser would act on: scripts, event handlers, javascript: links, tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.dangers.append(f"<{tag} {name}={value}>")
        if tag == "b":
            self.dangers.append("<b> from content")
        self.in_script = tag == "script"

    def handle_data(self, data):
        if self.in_script and "__pwned" in data and "application/ld+json" not in data:
            self.dangers.append(f"script: {data[:60]}")

    def handle_endtag(self, tag):
        self.in_script = False


def test_no_planted_script_survives_as_markup(planted_site: Path) -> None:
    for page in planted_site.rglob("*.html"):
        parser = _Markup()
        text = page.read_text(encoding="utf-8")
        # JSON-LD blocks are data, checked separately.
        parser.feed(re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S))
        assert parser.dangers == [], page


def test_planted_text_is_shown_as_text(planted_site: Path) -> None:
    page = (planted_site / "companies" / "ford" / "index.html").read_text(encoding="utf-8")
    assert "Ford Motor Company &lt;script&gt;window.__pwned = true&lt;/script&gt;" in page
    assert "*not emphasis*" in page and "<em>not emphasis</em>" not in page


def test_feeds_and_json_ld_carry_planted_text_inertly(planted_site: Path) -> None:
    feed = (planted_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    brief = (planted_site / "briefs" / "ford-xiaomi-deny-jv-report" / "index.html").read_text(encoding="utf-8")
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', brief, re.S):
        assert "</script" not in block and "<\\/script>" in block



@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_each_hostile_or_mistaken_edit_gets_its_exact_message(real_content: Path, edit: Edit) -> None:
    edit.apply(real_content)
    assert problems(real_content) == list(edit.messages)


def test_deleting_a_company_lists_every_dangling_reference_file_by_file(two_briefs: Path) -> None:
    """Every file that names BYD (in either brief) gets its own line; nothing else is reported."""
    (two_briefs / "companies" / "byd.yaml").unlink()
    naming = sorted(
        f"content/{path.relative_to(two_briefs).as_posix()}"
        for path in two_briefs.rglob("*.yaml")
        if re.search(r"(?<![\w-])byd(?![\w-])", path.read_text(encoding="utf-8"))
    )
    found = problems(two_briefs)
    assert len(naming) >= 6  # both stories name BYD
    assert sorted({p.split(":")[0] for p in found}) == naming
    assert all(p.endswith("no record 'byd'") for p in found)
    assert "content/briefs/ford-xiaomi-deny-jv-report.yaml:26: entities[2]: no record 'byd'" in found


def test_content_cannot_name_a_path_outside_its_folder(real_content: Path) -> None:
    (real_content / "companies" / "..evil.yaml").write_text("name: x\ndescription: y\n", encoding="utf-8")
    (real_content / "companies" / "Evil Corp.yaml").write_text("name: x\ndescription: y\n", encoding="utf-8")
    found = problems(real_content)
    assert "content/companies/Evil Corp.yaml: 'Evil Corp' is not a valid id: a file name is lower-case letters, digits and single hyphens — rename the file to 'evil-corp.yaml'" in found
    assert len(found) == 1  # dot-files are not read at all
