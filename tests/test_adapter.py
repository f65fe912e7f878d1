"""The MkDocs adapter's safety nets, tested without a running server."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

from newsbrief.mkdocs_adapter import edit_base, guard_builder


def test_a_failing_rebuild_shows_its_error_instead_of_hanging_the_server(tmp_path: Path) -> None:
    (tmp_path / "companies" / "ford").mkdir(parents=True)
    (tmp_path / "companies" / "ford" / "index.html").write_text("<p>old page</p>", encoding="utf-8")

    def failing_build():
        raise ValueError("mkdocs.yml: nav: 'Briefs' points at a page that does not exist")

    logged = []
    server = guard_builder(SimpleNamespace(builder=failing_build, root=str(tmp_path)), log_error=logged.append)
    server.builder()  # does not raise: MkDocs would otherwise leave every request waiting
    page = (tmp_path / "companies" / "ford" / "index.html").read_text(encoding="utf-8")
    assert "The site could not be rebuilt: ValueError: mkdocs.yml: nav: &#x27;Briefs&#x27; points at a page" in page
    assert logged == ["The site could not be rebuilt: ValueError: mkdocs.yml: nav: 'Briefs' points at a page that does not exist"]


def test_a_failed_rebuild_names_the_file_mkdocs_logged_before_failing(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>old page</p>", encoding="utf-8")

    def failing_build():
        logging.getLogger("mkdocs.commands.build").error("Error reading page 'editing.md': 'utf-8' codec can't decode byte 0xff")
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    guard_builder(SimpleNamespace(builder=failing_build, root=str(tmp_path)), log_error=lambda message: None).builder()
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<li><code>Error reading page &#x27;editing.md&#x27;: &#x27;utf-8&#x27; codec can&#x27;t decode byte 0xff</code></li>" in page
    assert "Fix the file named there and save" in page


def test_a_failed_rebuild_that_names_no_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>old page</p>", encoding="utf-8")

    def failing_build():
        raise MemoryError()

    guard_builder(SimpleNamespace(builder=failing_build, root=str(tmp_path)), log_error=lambda message: None).builder()
    assert "No file was named: undo the last change and save" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_good_rebuild_passes_through(tmp_path: Path) -> None:
    calls = []
    server = guard_builder(SimpleNamespace(builder=lambda: calls.append("built"), root=str(tmp_path)))
    server.builder()
    assert calls == ["built"]


def test_edit_links_go_beside_docs_in_the_repository() -> None:
    config = SimpleNamespace(repo_url="https://example.org/newsroom/briefs/", edit_uri="edit/main/docs/", docs_dir="/x/docs")
    assert edit_base(config) == "https://example.org/newsroom/briefs/edit/main/"
    assert edit_base(SimpleNamespace(repo_url=None, edit_uri=None, docs_dir="/x/docs")) is None
