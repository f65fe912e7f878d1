"""`mkdocs serve` as an editor uses it: mistakes show in the browser, fixes bring the page back."""

from __future__ import annotations

import html
import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_serve, touch_later
from hostile_edits import BATCHES, EDITS
from newsbrief.mkdocs_internals import THEME_ARTICLE

WAIT = 90  # seconds a rebuild may take on a slow CI machine before the test gives up


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, predicate, what: str) -> str:
    deadline = time.monotonic() + WAIT
    body = ""
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if predicate(status, body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}; last response: {body[:500]!r}")


@pytest.fixture(params=["--dirty", "full rebuilds"])
def server(tmp_path: Path, request):
    """The server as `make serve` runs it (--dirty: only changed pages are rebuilt), and as plain `mkdocs serve`."""
    project = copy_project(tmp_path / "project")
    options = [request.param] if request.param.startswith("--") else []
    with mkdocs_serve(project, tmp_path / "serve.log", *options) as base:
        yield project, base, tmp_path / "serve.log"


@pytest.fixture
def dirty_server(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    with mkdocs_serve(project, tmp_path / "serve.log", "--dirty") as base:
        yield project, base, tmp_path / "serve.log"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch_later(path)


def test_a_mistake_shows_in_the_browser_and_the_fix_brings_the_page_back(server) -> None:
    project, base, log = server
    page = f"{base}/companies/ford/"
    wait_for(page, lambda s, b: s == 200 and "Ford Motor Company" in b, "the first build")
    statement = project / "content" / "statements" / "ford-denies-jv-report.yaml"

    edit(statement, "speaker: ford\n", "speaker: ford-motors\n")
    body = wait_for(page, lambda s, b: "ford-motors" in b, "the error on the page")
    assert "content/statements/ford-denies-jv-report.yaml:1: speaker: no record &#x27;ford-motors&#x27; — did you mean &#x27;ford&#x27;?" in body

    edit(statement, "speaker: ford-motors\n", "speaker: ford\n")
    body = wait_for(page, lambda s, b: s == 200 and "ford-motors" not in b and "Statements by Ford" in b, "the page to come back")
    assert "content problem" not in body

    # A YAML trap in another file: the server keeps answering, and recovers again.
    company = project / "content" / "companies" / "byd.yaml"
    edit(company, "name: BYD\n", "name: BYD\nname: BYD Auto\n")
    body = wait_for(page, lambda s, b: "appears twice" in b, "the duplicate-key error")
    assert "content/companies/byd.yaml:2: key &#x27;name&#x27; appears twice in the same mapping (first on line 1) — keep one" in body
    edit(company, "name: BYD\nname: BYD Auto\n", "name: BYD\n")
    wait_for(page, lambda s, b: s == 200 and "appears twice" not in b, "recovery from the duplicate key")
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_an_edit_to_the_hook_code_takes_effect_without_a_restart(dirty_server) -> None:
    """Under --dirty, as `make serve` runs: the code is reloaded (newsbrief.reload_if_changed, the same
    under plain `mkdocs serve`) and the pages made by the old code are made again."""
    project, base, _ = dirty_server
    page = f"{base}/statements/ford-denies-jv-report/"
    wait_for(page, lambda s, b: s == 200 and "written statement" in b, "the first build")
    edit(project / "hooks" / "newsbrief" / "render.py", "return CHANNELS[channel]", 'return CHANNELS[channel].replace("written", "in writing")')
    wait_for(page, lambda s, b: s == 200 and "in writing statement" in b, "the edited hook code to take effect")
    # The vocabulary beside the model is part of the code: an edit to it takes effect too.
    edit(project / "hooks" / "newsbrief" / "vocabulary.yaml", "written-statement: {label: written statement", "written-statement: {label: signed statement")
    wait_for(page, lambda s, b: s == 200 and "signed statement" in b, "the edited vocabulary to take effect")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """One `mkdocs serve --dirty` (as `make serve` runs it) for the whole hostile table, per worker."""
    where = tmp_path_factory.mktemp("hostile")
    project = copy_project(where / "project")
    with mkdocs_serve(project, where / "serve.log", "--dirty") as base:
        yield project, base, where / "serve.log"


@pytest.mark.parametrize("group", BATCHES, ids=[f"group-{n}-of-{len(BATCHES)}" for n in range(1, len(BATCHES) + 1)])
def test_a_running_server_walks_through_each_group_of_hostile_edits_and_recovers(hostile_server, group) -> None:
    """The whole hostile table in one running `mkdocs serve` (one a worker), a group of edits to distinct
    files at a time (one rebuild each): the problems page lists every exact message, each inert edit
    shows its planted text made harmless, no file's contents leak, and after each revert the good site
    is served again. Links to devices, 25,000 nested '[' (which crashed PyYAML's C extension) and
    50,000 '[' in docs/ included: the server survives them all."""
    project, base, log = hostile_server
    watched = f"{base}/companies/xiaomi/"

    def good(status: int, body: str) -> bool:
        return status == 200 and "content problem" not in body and "Statements by Xiaomi" in body

    wait_for(watched, good, "the good site")
    undo = [edit.apply(project) for edit in group]
    for edit in group:
        touch_later(edit.path(project).parent)  # the folder: a link or a pipe is not a file to touch
    for edit in group:
        page = f"{base}/problems/" if edit.messages else f"{base}/{edit.page}"
        expected = edit.expected_in_page()
        body = wait_for(page, lambda s, b: s == 200 and all(e in b for e in expected), f"the output of {edit.name}")
        assert not any(secret in body for secret in edit.never), edit.name
    for undo_one in undo:
        undo_one()
    for edit in group:
        touch_later(edit.path(project).parent)
    wait_for(watched, good, f"the good site after undoing {', '.join(e.name for e in group)}")
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text
    assert not any(secret in text for edit in EDITS for secret in edit.never)


def test_the_404_page_of_a_record_whose_file_fails_says_why(dirty_server) -> None:
    """The page an editor is watching disappears when its own file fails to load: the 404 in its
    place shows the problems (and reloads by itself), and the fix brings the page back."""
    import html

    project, base, _ = dirty_server
    page = f"{base}/companies/byd/"
    wait_for(page, lambda s, b: s == 200 and "BYD" in b, "the first build")
    company = project / "content" / "companies" / "byd.yaml"
    edit(company, "name: BYD\n", "name: BYD\nname: BYD Auto\n")
    message = "content/companies/byd.yaml:2: key 'name' appears twice in the same mapping (first on line 1) — keep one"
    body = wait_for(page, lambda s, b: s == 404 and html.escape(message) in b, "the 404 page with the problem")
    assert "livereload" in body, "the 404 page reloads by itself when the file is fixed"
    edit(company, "name: BYD\nname: BYD Auto\n", "name: BYD\n")
    wait_for(page, lambda s, b: s == 200 and "content problem" not in b, "the page to come back")


def search_entries(base: str) -> list[dict]:
    return json.loads(fetch(f"{base}/search/search_index.json")[1])["docs"]


def pages_rebuilt(log: Path) -> tuple[int, int]:
    """(pages rebuilt, pages in the site) of the last build, from the server's log."""
    found = re.findall(r"(\d+) of (\d+) pages changed", log.read_text(encoding="utf-8"))
    return tuple(map(int, found[-1]))


def test_an_edit_rebuilds_only_the_pages_that_show_what_changed(dirty_server) -> None:
    project, base, log = dirty_server
    page = f"{base}/companies/xiaomi/"
    wait_for(page, lambda s, b: s == 200 and "Xiaomi" in b, "the first build")
    rebuilt, total = pages_rebuilt(log)
    assert rebuilt == total > 50

    edit(project / "content" / "companies" / "xiaomi.yaml", "  Chinese smartphone", "  Edited Chinese smartphone")
    wait_for(page, lambda s, b: "Edited Chinese smartphone" in b, "the edited description")
    assert pages_rebuilt(log) == (1, total)  # only the company's page shows its description (the index has its own columns)
    entries = search_entries(base)
    locations = [e["location"] for e in entries]
    assert len(locations) == len(set(locations)), "no page is indexed twice"
    assert {e["location"] for e in entries if "Edited Chinese smartphone" in e["text"]} == {"companies/xiaomi/"}

    # A name appears wherever the record is linked: every one of those pages is rebuilt.
    edit(project / "content" / "people" / "lei-jun.yaml", "name: Lei Jun", "name: Lei Jun (edited)")
    wait_for(page, lambda s, b: "Lei Jun (edited)" in b, "the new name on the company's page")
    wait_for(f"{base}/statements/lei-jun-2026-target/", lambda s, b: "Lei Jun (edited)" in b, "the new name on his statement")
    assert 2 < pages_rebuilt(log)[0] < total
    assert "A 'dirty' build is being performed" not in log.read_text(encoding="utf-8")  # MkDocs's warning does not apply


def served_pages(base: str) -> list[str]:
    """Every page's address, from the sitemap the server serves (`mkdocs serve` sets the site's address to its own)."""
    return re.findall(r"<loc>(.*?)</loc>", fetch(f"{base}/sitemap.xml")[1])


def as_served(body: str) -> str:
    """A page without the numbers `mkdocs serve`'s live-reload script changes on every request."""
    return re.sub(r"reload\(\d+, \d+\)", "reload()", body)


FORGED_SLOT_PAGE = """---
title: How the <!--nb-problems--> slot works
description: "The <!--nb-problems--> and <!--/nb-problems--> markers, written by an editor"
---

A hand-written page whose front matter names the banner's markers, which the theme writes raw into the head.
"""


def test_a_mistake_and_its_fix_show_on_every_page_without_rebuilding_them(dirty_server) -> None:
    """The problems banner opens every page, but a mistake changes only the pages that show what was
    edited: the others keep their HTML, but for the banner refilled in its slot, and the fix empties it."""
    project, base, log = dirty_server
    page = f"{base}/companies/ford/"
    (project / "docs" / "slot.md").write_text(FORGED_SLOT_PAGE, encoding="utf-8")
    wait_for(f"{base}/slot/", lambda s, b: s == 200 and "which the theme writes raw" in b, "the hand-written page")
    wait_for(page, lambda s, b: s == 200 and "Ford Motor Company" in b, "the first build")
    _, total = pages_rebuilt(log)
    good = {address: as_served(fetch(address)[1]) for address in served_pages(base)}
    assert len(good) == total and all(THEME_ARTICLE in body for body in good.values())
    company = project / "content" / "companies" / "xiaomi.yaml"
    message = html.escape("content/companies/xiaomi.yaml:5: description: '123,457' matches no figure in this text's scope")

    edit(company, "  Chinese smartphone", "  Chinese 123,457 smartphone")
    wait_for(page, lambda s, b: s == 200 and message in b, "the banner on a page that does not show the edited text")
    rebuilt, _ = pages_rebuilt(log)
    assert rebuilt <= 3, "the company's page, the problems page and the editors' page: not every page for the banner"
    pages = served_pages(base)
    assert len(pages) == total + 1 and f"{base}/problems/" in pages  # the problems page is new
    for address in pages:
        status, body = fetch(address)
        assert status == 200 and body.count("1 content problem: fix it and save") == 1 and message in body, address
        before_content = body.partition(THEME_ARTICLE)[0]
        if address in good and not address.endswith(("/companies/xiaomi/", "/editors/")):
            assert before_content == good[address].partition(THEME_ARTICLE)[0], f"only the banner's slot changes: {address}"

    edit(company, "  Chinese 123,457 smartphone", "  Chinese smartphone")
    wait_for(page, lambda s, b: s == 200 and "content problem" not in b, "the banner to go")
    assert pages_rebuilt(log)[0] <= 3
    for address in served_pages(base):
        body = as_served(fetch(address)[1])
        assert "content problem" not in body and "<!--nb-problems--><!--/nb-problems-->" in body, address
        assert body == good[address] or address.endswith(("/companies/xiaomi/", "/editors/")), f"the page is as it was: {address}"


def test_a_new_record_gets_a_page_and_a_deleted_one_loses_it(dirty_server) -> None:
    project, base, log = dirty_server
    wait_for(f"{base}/companies/", lambda s, b: s == 200 and "Xiaomi" in b, "the first build")
    new = project / "content" / "companies" / "nio.yaml"
    new.write_text("name: NIO\ndescription: Chinese electric-vehicle maker.\ncountry: CN\n", encoding="utf-8")
    wait_for(f"{base}/companies/nio/", lambda s, b: s == 200 and "Chinese electric-vehicle maker." in b, "the new page")
    assert any(e["location"] == "companies/nio/" for e in search_entries(base))
    assert "/companies/nio/</loc>" in fetch(f"{base}/sitemap.xml")[1]  # the sitemap is remade when the pages change

    new.unlink()
    wait_for(f"{base}/companies/", lambda s, b: s == 200 and "NIO" not in b, "the index without the deleted record")
    wait_for(f"{base}/companies/nio/", lambda s, b: s == 404, "the deleted record's page to go")
    assert not any(e["location"].startswith("companies/nio/") for e in search_entries(base))
    assert "/companies/nio/</loc>" not in fetch(f"{base}/sitemap.xml")[1]
