"""Real MkDocs builds of the project: strict build passes; content mistakes fail it, named."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, copy_project, mkdocs_build, mkdocs_build_command


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if "__pycache__" not in p.parts}


def test_the_project_builds_strict(tmp_path: Path) -> None:
    before = {part: snapshot(ROOT / part) for part in ("content", "docs")}
    result = mkdocs_build_command(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    # The render worker (a spawned process: hooks/ is off sys.path by then) started and imported newsbrief.
    assert "Traceback" not in result.stderr and "render worker not started" not in result.stderr, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    # Without SITE_URL, site_url is make serve's address (mkdocs.yml): the sitemap is still full.
    assert (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8").count("<loc>http://127.0.0.1:8000/") > 80
    # Building writes only into the site folder.
    assert {part: snapshot(ROOT / part) for part in ("content", "docs")} == before


def test_a_content_mistake_fails_the_strict_build_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    target = project / "content" / "figures" / "xiaomi-target-2026.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("550000", "600000"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "ERROR   -  content/figures/xiaomi-target-2026-vs-registrations-2025.yaml:4: value: 34% does not agree" in result.stderr
    assert "content/figures/xiaomi-target-2026.yaml:4" in result.stderr
    assert "Aborted with 4 errors in strict mode!" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_yaml_traps_fail_the_build_without_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "companies" / "byd.yaml").write_bytes(b"name: BYD\nname: BYD Auto\n")
    (project / "content" / "companies" / "huawei.yaml").write_bytes(b"\xef\xbb\xbfname: Huawei\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "content/companies/byd.yaml:2: key 'name' appears twice in the same mapping (first on line 1) — keep one" in result.stderr
    assert "content/companies/huawei.yaml:1: the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM" in result.stderr
    assert "Traceback" not in result.stderr


def _problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_the_in_process_build_prints_what_the_command_prints(tmp_path: Path) -> None:
    """The tests build in-process (`mkdocs_build`, to save starting an interpreter per build): the same
    exit status, the same warnings and errors in the same words and order, the same abort message."""
    project = copy_project(tmp_path / "project")
    target = project / "content" / "figures" / "xiaomi-target-2026.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("550000", "600000"), encoding="utf-8")
    (project / "content" / "companies" / "byd.yaml").write_bytes(b"name: BYD\nname: BYD Auto\n")
    command = mkdocs_build_command(project, tmp_path / "command")
    in_process = mkdocs_build(project, tmp_path / "in-process")
    assert (in_process.returncode, command.returncode) == (1, 1)
    assert _problem_lines(in_process.stderr) == _problem_lines(command.stderr) != []
    assert in_process.stdout.strip() == command.stdout.strip() == "Aborted with 5 errors in strict mode!"
