"""`make preview` (newsbrief/preview.py): every page it makes on demand is the page the build writes,
after every kind of edit, and the server shows a save, a mistake and its fix without a restart."""

from __future__ import annotations

import difflib
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest
from test_incremental import model_edits
from test_serve import fetch, wait_for

from conftest import add_second_brief, copy_project, mkdocs_build, preview_serve
from newsbrief import preview as preview_module
from newsbrief.mkdocs_adapter import DOWNLOAD_PLACES
from newsbrief.model import FOLDERS
from newsbrief.preview import CHANGES_PATH, RECORDS, SITE_WIDE, Preview

SERVE_URL = "http://127.0.0.1:8000/"
BANNER = 'class="admonition failure nb-problems"'
"""The problems banner (every page has its empty slot)."""


@pytest.fixture(autouse=True)
def builds_in_this_process(monkeypatch) -> None:
    """The comparison builds are small: a render worker would cost more than it saves."""
    monkeypatch.setenv("NEWSBRIEF_WORKER", "0")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with the second brief: two stories sharing records."""
    made = copy_project(tmp_path / "project")
    add_second_brief(made)
    return made


@pytest.fixture
def preview(project: Path, tmp_path: Path) -> Preview:
    return Preview(project / "mkdocs.yml", tmp_path / "preview-site", SERVE_URL)


@pytest.fixture(scope="module")
def untouched(tmp_path_factory) -> tuple[Preview, Path]:
    """A preview for the tests that only ask (its project is not edited)."""
    folder = tmp_path_factory.mktemp("untouched")
    project = copy_project(folder / "project")
    return Preview(project / "mkdocs.yml", folder / "preview-site", SERVE_URL), project


def built(project: Path, site_dir: Path) -> dict[str, bytes]:
    """Every file a build writes that the preview makes on demand: pages, the data downloads and the feed."""
    result = mkdocs_build(project, site_dir, strict=False, site_url=SERVE_URL)
    assert result.returncode == 0, result.stderr
    made = {}
    for path in site_dir.rglob("*"):
        relative = path.relative_to(site_dir).as_posix()
        if path.name == "index.html" or relative.startswith(("data/", "schemas/")) or relative == "feed.xml":
            made[relative] = path.read_bytes()
    return made


def previewed(preview: Preview, paths) -> dict[str, bytes]:
    """What the preview answers for each path, as the build would write it (without its reload script)."""
    answers = {}
    for path in paths:
        shown = preview.respond("/" + path)
        if shown.status == 200:
            answers[path] = _without_reload_script(shown.body)
    return answers


def _without_reload_script(body: bytes) -> bytes:
    head, marker, tail = body.partition(b"<script>\n(function () {\n  var version")
    return head + tail.partition(b"</script>")[2] if marker else body


def assert_preview_is_the_build(preview: Preview, project: Path, site_dir: Path, after: str) -> dict[str, bytes]:
    expected = built(project, site_dir)
    pages_expected = {p for p in expected if p.endswith("index.html")}
    pages_shown = {file.dest_uri for file in preview.by_url.values()}
    assert pages_shown == pages_expected, (
        f"after {after}: pages only the preview has {sorted(pages_shown - pages_expected)}, only the build {sorted(pages_expected - pages_shown)}"
    )
    gone = {p.relative_to(preview.site_dir).as_posix() for p in preview.site_dir.rglob("*") if p.is_file()} - set(expected)
    still_shown = sorted(
        path for path in gone if (path.endswith("index.html") or path.startswith(DOWNLOAD_PLACES)) and preview.respond("/" + path).status != 404
    )
    assert still_shown == [], f"after {after}: pages the build no longer has are still shown: {still_shown[:8]}"
    got = previewed(preview, expected)
    differ = sorted(path for path in expected if got.get(path) != expected[path])
    if differ:
        first = differ[0]
        diff = difflib.unified_diff(
            expected[first].decode().splitlines(), got.get(first, b"(not found)").decode().splitlines(), "build", "preview", n=0, lineterm=""
        )
        raise AssertionError(f"after {after}, the preview differs from the build on {len(differ)} files: {differ[:8]}\n" + "\n".join(list(diff)[:12]))
    return got


def page_of(preview: Preview, path: str) -> tuple[int, str]:
    shown = preview.respond(path)
    return shown.status, shown.body.decode("utf-8")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def replace(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    return write(path, text.replace(old, new, 1))


XIAOMI = "content/companies/xiaomi.yaml"
STATEMENT = "content/statements/ford-denies-jv-report.yaml"
BRIEF = "content/briefs/ford-xiaomi-deny-jv-report.yaml"
NEW_COMPANY = "content/companies/preview-motors.yaml"


def structural_edits(project: Path):
    """Each kind of save the preview handles differently, with what it must show: (what, save, path, shows)."""
    content = project / "content"
    statement = project / STATEMENT
    speaker = statement.read_text(encoding="utf-8").split("speaker: ", 1)[1].split("\n", 1)[0]
    return [
        (
            "a record's one line",
            lambda: replace(project / XIAOMI, "description: ", "description: Edited in the preview. "),
            "/companies/xiaomi/",
            "Edited in the preview.",
        ),
        (
            "a new record",
            lambda: write(project / NEW_COMPANY, "name: Preview Motors\ndescription: Added while previewing.\ncountry: CN\n"),
            "/companies/preview-motors/",
            "Added while previewing.",
        ),
        (
            "a mistake",
            lambda: replace(statement, f"speaker: {speaker}\n", "speaker: nobody-by-that-id\n"),
            "/companies/ford/",
            "no record &#x27;nobody-by-that-id&#x27;",
        ),
        ("its fix", lambda: replace(statement, "speaker: nobody-by-that-id\n", f"speaker: {speaker}\n"), "/problems/", None),
        ("a number no figure has", lambda: replace(project / BRIEF, "A US venture would run", "A 12,345 US venture would run"), "/problems/", "12,345"),
        ("its fix too", lambda: replace(project / BRIEF, "A 12,345 US venture would run", "A US venture would run"), "/problems/", None),
        ("a record deleted", lambda: (project / NEW_COMPANY).unlink() or content, "/companies/preview-motors/", None),
        (
            "a hand-written page",
            lambda: replace(project / "docs/security.md", "\n", "\n\nA line added while previewing.\n"),
            "/security/",
            "A line added while previewing.",
        ),
        ("a file that is not YAML", lambda: write(project / XIAOMI, "name: [Xiaomi\n"), "/companies/ford/", "content/companies/xiaomi.yaml:2: not valid YAML"),
        (
            "mkdocs.yml",
            lambda: replace(project / "mkdocs.yml", "site_name: News briefs", "site_name: Renamed in the preview"),
            "/companies/ford/",
            "Renamed in the preview",
        ),
    ]


COMPARED_AFTER = {"a new record", "a mistake", "a record deleted", "a file that is not YAML", "mkdocs.yml"}
"""The saves after which every file is compared with a build (a build each): what the saves between
changed is compared with the next; the every-field test below compares one-line saves."""


def test_every_page_and_download_the_preview_makes_is_the_builds_after_each_kind_of_save(preview: Preview, project: Path, tmp_path: Path) -> None:
    assert_preview_is_the_build(preview, project, tmp_path / "built", "the first build")
    edits = structural_edits(project)
    assert COMPARED_AFTER <= {what for what, *_ in edits} and edits[-1][0] in COMPARED_AFTER
    for what, save, path, shows in edits:
        saved = save()
        version = preview.version
        preview.apply({Path(saved) if isinstance(saved, Path) else project / "content"})
        reloads = preview.version - version
        # A wrong reference in the saved file shows with the save (checks.recheck_references); a mistake only
        # the whole check finds (a number in a text) shows after the save has: pages reload twice.
        expected = {"a mistake": 1, "its fix": 1, "a number no figure has": 2, "its fix too": 2, "a record's one line": 1, "a hand-written page": 1}
        expected = expected.get(what, reloads)
        assert reloads >= 1, f"after {what}: open pages were not told to reload"
        assert reloads == expected, f"after {what}: open pages reloaded {reloads} times, not {expected}"
        if what in COMPARED_AFTER:
            assert_preview_is_the_build(preview, project, tmp_path / "built", what)
        status, body = page_of(preview, path)
        if shows is None:
            assert status == 404 or BANNER not in body, f"after {what}: {path} still shows the banner"
        else:
            assert shows in body, f"after {what}: {path} does not show {shows!r}"


def test_an_edit_to_every_field_of_every_kind_shows_in_the_preview_as_the_build_shows_it(preview: Preview, project: Path, tmp_path: Path) -> None:
    """Generated from the model: for each kind in turn, every field that some record has is changed and
    saved, then every page, download and the feed are compared with a build."""
    content = project / "content"
    edits = model_edits(content)
    before = previewed(preview, [f.dest_uri for f in preview.by_url.values()])
    kinds = sorted(FOLDERS.items())
    for saved in (kinds[0::3], kinds[1::3], kinds[2::3]):  # a save of three kinds at a time: three builds to compare with
        done = [what for what, edit in edits for _, kind in saved if what.startswith(kind + ".") and edit(content)]
        for _, kind in saved:
            assert any(what.startswith(kind + ".") for what in done), f"no {kind} field could be edited: the content has none of them"
        preview.apply({content / folder for folder, _ in saved})
        after = assert_preview_is_the_build(preview, project, tmp_path / "built", f"editing {', '.join(done)}")
        changed = [path for path, body in after.items() if before.get(path) != body]
        assert changed, f"editing {done} changed no page the preview makes"
        before = after


def test_a_save_lets_the_last_records_go_before_the_new_are_assembled(preview: Preview, project: Path, monkeypatch) -> None:
    """Memory stays where the first build left it: while a save's records are assembled (the collector
    paused), the last save's records and the renderer's indexes of them are already gone, not kept
    beside the new ones until the collector runs."""
    last = weakref.ref(preview.model.state.site)
    alive_while_assembling = []
    assemble_records = preview_module.assemble

    def assemble(loaded, derivations):
        alive_while_assembling.append(last() is not None)
        return assemble_records(loaded, derivations)

    monkeypatch.setattr(preview_module, "assemble", assemble)
    preview.apply({replace(project / XIAOMI, "description: ", "description: Saved again. ")})
    assert alive_while_assembling == [False]
    assert "Saved again." in page_of(preview, "/companies/xiaomi/")[1]


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("content/companies/xiaomi.yaml", RECORDS),
        ("content/companies/new.yaml", RECORDS),
        ("content", RECORDS),
        ("docs/security.md", RECORDS),
        ("docs/new-page.md", SITE_WIDE),
        ("docs/stylesheets/brief.css", SITE_WIDE),
        ("mkdocs.yml", SITE_WIDE),
        ("hooks/newsbrief/render.py", SITE_WIDE),
        ("hooks/newsbrief/__pycache__/render.cpython-311.pyc", None),
        ("docs/.security.md.swp", None),
        ("docs/4913", None),
        ("docs/security.md~", None),
        (".git/index", None),
        ("README.md", None),
        (".venv/lib/python3.11/site-packages/mkdocs/__init__.py", None),
    ],
)
def test_what_a_save_makes_the_preview_do(untouched: tuple[Preview, Path], changed: str, expected: str | None) -> None:
    preview, project = untouched
    assert preview.what_changed({project / changed}) == expected


def test_a_page_asked_for_outside_the_site_is_not_found(untouched: tuple[Preview, Path]) -> None:
    preview, _ = untouched
    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/no-such-page/", "/companies/no-such-company/"):
        status, body = page_of(preview, path)
        assert status == 404, path
        assert "root:" not in body


# --- the server itself, as `make preview` runs it ---------------------------------------


def test_the_preview_server_shows_a_save_a_mistake_and_its_fix_and_keeps_answering(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    log_path = tmp_path / "preview.log"
    with preview_serve(project, log_path) as base:
        page = f"{base}/companies/xiaomi/"
        body = wait_for(page, lambda status, body: status == 200 and "Xiaomi" in body, "the first build")
        version = int(body.split("var version = ", 1)[1].split(";", 1)[0])
        woken: list[dict] = []
        waiter = threading.Thread(target=lambda: woken.append(json.loads(fetch(f"{base}{CHANGES_PATH}?since={version}")[1])))
        waiter.start()
        for _ in range(3):  # tabs closed while they wait for a change: answering them must not print a traceback
            gone = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])))
            gone.sendall(f"GET {CHANGES_PATH}?since={version} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            gone.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # closed with a reset
            gone.close()

        replace(project / XIAOMI, "description: ", "description: Saved while previewing. ")
        wait_for(page, lambda status, body: "Saved while previewing." in body, "the saved description")
        waiter.join(timeout=30)
        assert woken and woken[0]["version"] > version, "an open page waiting for a change was not told to reload"
        assert "Saved while previewing." in fetch(f"{base}/data/all.json")[1]

        replace(project / XIAOMI, "name: ", "name: [")
        ford = wait_for(f"{base}/companies/ford/", lambda status, body: BANNER in body, "the problems banner")
        assert "content/companies/xiaomi.yaml:" in ford
        status, missing = fetch(f"{base}/no-such-page/")
        assert status == 404 and "content/companies/xiaomi.yaml:" in missing, "a page not found should show the problems: its record's file may be what failed"

        replace(project / XIAOMI, "name: [", "name: ")
        wait_for(page, lambda status, body: status == 200 and BANNER not in body, "the page back without the banner")
        status, missing = fetch(f"{base}/no-such-page/")
        assert status == 404 and BANNER not in missing, missing.partition(BANNER)[2][:600] + log_path.read_text(encoding="utf-8")[-1500:]
    log = log_path.read_text(encoding="utf-8")
    assert "Traceback" not in log, log
    assert "content/companies/xiaomi.yaml changed: records read" in log, log


def test_a_preview_that_cannot_build_says_why_on_every_page_and_builds_once_mkdocs_yml_is_fixed(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    replace(config, "  name: material\n", "  name: no-such-theme\n")
    preview = Preview(config, tmp_path / "preview-site", SERVE_URL)
    for path in ("/", "/companies/xiaomi/"):
        status, body = page_of(preview, path)
        assert status == 500 and "no-such-theme" in body and "this page reloads by itself" in body, body[:500]
    assert preview.what_changed({project / "content/companies/xiaomi.yaml"}) == SITE_WIDE, "after a failed build, any save builds again"

    replace(config, "  name: no-such-theme\n", "  name: material\n")
    preview.apply({config})
    status, body = page_of(preview, "/companies/xiaomi/")
    assert status == 200 and "Xiaomi" in body


def test_a_preview_started_where_a_server_already_listens_says_so_at_once(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "newsbrief.preview", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "PYTHONPATH": str(project / "hooks")},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"127.0.0.1:{port}: cannot serve there" in result.stderr and f"--dev-addr 127.0.0.1:{port + 1}" in result.stderr
    assert "Traceback" not in result.stderr and "built" not in result.stderr, "it stops before building the site"
