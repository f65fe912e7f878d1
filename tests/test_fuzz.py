"""Property-based tests: whatever an editor (or a stranger's pull request) puts in content/,
the loader and checks only report — they never crash — and the renderer never emits markup from it."""

from __future__ import annotations

import importlib.util
import re
import shutil
from html import unescape
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from conftest import ROOT, VALID_CONTENT
from newsbrief.checks import load_site
from newsbrief.model import FOLDERS, KINDS
from newsbrief.render import markdown_safe
from newsbrief.yamlload import YamlError, parse_yaml

FILES = sorted(p.relative_to(VALID_CONTENT).as_posix() for p in VALID_CONTENT.rglob("*.yaml"))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.sampled_from(["2026-02-30", "acme", "Acme Corp", "../etc/passwd", "NO", "yes", "<script>x</script>", "", "-1"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3), max_leaves=6)


@SETTINGS
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_are_read_or_refused_with_a_message(raw: bytes) -> None:
    try:
        parse_yaml(raw)
    except YamlError as exc:
        assert exc.message and exc.line >= 0


def _load_mutated(tmp_path: Path, relpath: str, mutate) -> list:
    content = tmp_path / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(VALID_CONTENT, content)
    target = content / relpath
    record = yaml.safe_load(target.read_text(encoding="utf-8"))
    target.write_text(yaml.safe_dump(mutate(record), allow_unicode=True), encoding="utf-8")
    return load_site(content, tmp_path).problems


@SETTINGS
@given(relpath=st.sampled_from(FILES), data=st.data())
def test_a_deleted_or_retyped_field_is_reported_never_raised(tmp_path: Path, relpath: str, data) -> None:
    deleted: list[str] = []

    def mutate(record: dict) -> dict:
        key = data.draw(st.sampled_from(sorted(record)))
        if data.draw(st.booleans()):
            record.pop(key)
            deleted.append(key)
        else:
            record[key] = data.draw(values)
        return record

    problems = _load_mutated(tmp_path, relpath, mutate)
    for problem in problems:
        assert problem.file.startswith("content/") and problem.message
    # A deleted field the model requires is reported, in the file it was deleted from.
    model = KINDS[FOLDERS[relpath.split("/")[0]]]
    required = {info.alias or name for name, info in model.model_fields.items() if info.is_required()}
    if deleted and deleted[0] in required:
        assert any(p.file == f"content/{relpath}" for p in problems), f"deleting `{deleted[0]}` went unreported"


@SETTINGS
@given(relpath=st.sampled_from(FILES), key=st.text(min_size=1, max_size=12), value=values)
def test_an_unknown_field_or_random_reference_is_reported(tmp_path: Path, relpath: str, key: str, value) -> None:
    def mutate(record: dict) -> dict:
        record[key] = value
        return record

    problems = _load_mutated(tmp_path, relpath, mutate)
    if key not in yaml.safe_load((VALID_CONTENT / relpath).read_text(encoding="utf-8")):
        assert problems, "an unknown field must be reported"


def _plain_pages():
    """bench/plain_pages.py (a script, not a package): how the benchmark writes content text as Markdown."""
    spec = importlib.util.spec_from_file_location("bench_plain_pages", ROOT / "bench" / "plain_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


md_escape = _plain_pages().md_escape
EXTENSIONS = yaml.safe_load(
    (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8").split("markdown_extensions:")[1].split("\n\n")[0].replace("\n  - ", "\n- ")
)
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS]


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80), prefix=st.sampled_from(["", "Said: "]))
def test_escaped_text_renders_as_exactly_that_text(text: str, prefix: str) -> None:
    """Whatever an editor types, the benchmark's plain Markdown pages show md_escape(text) as the text itself."""
    html = markdown.markdown(prefix + md_escape(text), extensions=EXTENSIONS)
    if not " ".join(text.split()):
        return
    body = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in body.replace("&lt;", ""), html
    expected = " ".join((prefix + text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())
    rendered = " ".join(body.replace("&#124;", "|").replace("&#45;", "-").replace("&#61;", "=").split())
    assert rendered == expected


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_a_rendered_link_in_a_hand_written_page_shows_its_text_exactly(text: str) -> None:
    """`[[id]]` in a docs page puts an HTML link into Markdown: the record's title must come out as typed."""
    fragment = markdown_safe(Markup('<a href="../companies/x/">%s</a>') % text)
    html = markdown.markdown("See " + fragment + " here.", extensions=EXTENSIONS)
    match = re.fullmatch(r'<p>See <a href="../companies/x/">(.*)</a> here.</p>', html, re.DOTALL)
    assert match, html
    assert "<" not in match.group(1), html
    assert " ".join(unescape(match.group(1)).split()) == " ".join(text.split())
