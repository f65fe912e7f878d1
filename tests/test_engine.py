"""The engine underneath: every MkDocs internal the hooks rely on keeps its shape, and a
site built by an engine that ignores ``hooks:`` is caught before it is published."""

from __future__ import annotations

import inspect
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.commands import build as build_command

from conftest import ROOT, copy_project, mkdocs_build
from newsbrief import mkdocs_adapter, mkdocs_internals
from newsbrief.model import FOLDERS

CHECK_PAGES = ROOT / ".ci" / "check_pages.py"
BUILD_SOURCE = inspect.getsource(build_command)


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


# ---------------------------------------------------------------- the internals, one test each


def test_the_build_logger_is_the_build_modules_own_and_says_the_dirty_notice() -> None:
    assert mkdocs_internals.BUILD_LOGGER == build_command.__name__
    assert re.search(r"^log = logging\.getLogger\(__name__\)$", BUILD_SOURCE, re.M), "the build command logs elsewhere now"
    assert f'"{mkdocs_internals.DIRTY_BUILD_NOTICE}' in BUILD_SOURCE


def test_the_dirty_notice_is_filtered_on_the_real_logger() -> None:
    logger = logging.getLogger(build_command.__name__)
    mkdocs_adapter.quiet_dirty_warning()
    notice = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, mkdocs_internals.DIRTY_BUILD_NOTICE + ", this will…", (), None)
    other = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "something else", (), None)
    assert (logger.filter(notice), bool(logger.filter(other))) == (False, True)


def test_a_dirty_build_asks_each_file_is_modified() -> None:
    assert parameters(mkdocs_internals.IS_MODIFIED) == ["self"]
    assert "page.file.is_modified()" in BUILD_SOURCE


def test_a_page_is_rendered_by_page_render_config_files() -> None:
    assert parameters(mkdocs_internals.PAGE_RENDER) == ["self", "config", "files"]
    assert "page.render(config, files)" in BUILD_SOURCE
    assert mkdocs_internals.PAGE_ANCHOR_IDS in inspect.get_annotations(mkdocs_internals.Page)


def test_the_sitemap_and_404_page_are_the_themes_static_templates_rendered_after_on_env() -> None:
    from mkdocs.config import load_config

    theme = load_config(str(ROOT / "mkdocs.yml")).theme
    templates = getattr(theme, mkdocs_internals.THEME_STATIC_TEMPLATES)
    assert isinstance(templates, set)
    assert {*mkdocs_internals.SITEMAP_TEMPLATES, *mkdocs_internals.ERROR_PAGE_TEMPLATES} <= templates
    env_event, templates_built = BUILD_SOURCE.index("plugins.on_env("), BUILD_SOURCE.index("for template in config.theme.static_templates:")
    assert env_event < templates_built, "on_env must come before the static templates are rendered"


def test_mkdocs_serve_rebuilds_through_the_servers_builder() -> None:
    server = mkdocs_internals.LIVE_RELOAD_SERVER
    assert "builder" in parameters(server.__init__)
    assert f"self.{mkdocs_internals.SERVER_BUILDER} = builder" in inspect.getsource(server.__init__)
    assert f"self.{mkdocs_internals.SERVER_BUILDER}()" in inspect.getsource(server)


def test_materials_search_keeps_the_previous_index_and_its_entries() -> None:
    plugin = SearchPlugin()
    assert hasattr(plugin, mkdocs_internals.SEARCH_PREVIOUS_INDEX)
    assert f"self.{mkdocs_internals.SEARCH_PREVIOUS_INDEX} = self.search_index" in inspect.getsource(SearchPlugin.on_post_build)
    assert getattr(SearchIndex(), mkdocs_internals.SEARCH_ENTRIES) == []


def test_the_themes_page_template_opens_the_content_with_the_article_the_banner_is_found_after() -> None:
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    assert base.count(mkdocs_internals.THEME_ARTICLE) == 1
    assert base.index(mkdocs_internals.THEME_ARTICLE) < base.index('{% include "partials/content.html" %}')


def test_a_builds_steps_for_one_page_are_the_ones_the_preview_takes() -> None:
    """preview.Preview.page does what these do for one page; a change here must be made there too."""
    populate, build_page, _ = (inspect.getsource(step) for step in mkdocs_internals.PAGE_STEPS)
    for step in ("plugins.on_pre_page(", "page.read_source(config)", "plugins.on_page_markdown(", "page.render(config, files)", "plugins.on_page_content("):
        assert step in populate, step
    for step in (
        "page.active = True",
        "get_context(nav, doc_files, config, page)",
        "page.meta.get('template', 'main.html')",
        "plugins.on_page_context(",
        "template.render(context)",
        "plugins.on_post_page(",
        "page.active = False",
    ):
        assert step in build_page, step
    assert "config._current_page = page" in populate and "config._current_page = page" in build_page
    assert hasattr(mkdocs_internals.BUILD, "__call__") and "serve_url" in inspect.signature(mkdocs_internals.BUILD).parameters
    assert set(inspect.signature(mkdocs_internals.GET_CONTEXT).parameters) >= {"nav", "files", "config", "page", "base_url"}


def test_no_other_module_names_an_engine_internal_by_string() -> None:
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        if path.name == "mkdocs_internals.py":
            continue
        text = path.read_text(encoding="utf-8")
        for named in ("mkdocs.commands", "search_index_prev", "'dirty' build"):
            assert named not in text, f"{path.relative_to(ROOT)} names {named!r}: use newsbrief.mkdocs_internals"


# ---------------------------------------------------------------- an engine that ignores hooks


def check_pages(site_dir: Path, project: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK_PAGES), str(site_dir), str(project)], capture_output=True, text=True, timeout=120)


def test_the_page_count_check_passes_the_real_build(built_site: Path) -> None:
    records = sum(len(list((ROOT / "content" / folder).glob("*.yaml"))) for folder in FOLDERS)
    result = check_pages(built_site)
    assert result.returncode == 0, result.stderr
    assert f"all {records} records have their page" in result.stdout


@pytest.fixture(scope="module")
def site_without_hooks(tmp_path_factory) -> tuple[Path, Path]:
    """What an engine that ignores `hooks:` builds: mkdocs.yml without them, not strict (such
    an engine reports nothing), so only the hand-written pages are there."""
    folder = tmp_path_factory.mktemp("no-hooks")
    project = copy_project(folder / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "hooks:\n  - hooks/brief_hooks.py\n" in text
    config.write_text(text.replace("hooks:\n  - hooks/brief_hooks.py\n", ""), encoding="utf-8")
    result = mkdocs_build(project, folder / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return folder / "site", project


def test_a_site_built_without_the_hooks_fails_the_page_count_check(site_without_hooks) -> None:
    site_dir, project = site_without_hooks
    assert (site_dir / "editing" / "index.html").is_file()  # a site, with the hand-written pages
    result = check_pages(site_dir, project)
    assert result.returncode == 1
    assert re.search(r": 0 record pages for \d+ records in .*content: missing briefs/ford-xiaomi-deny-jv-report/index.html", result.stderr), result.stderr
    assert "Did the engine run the hooks in mkdocs.yml (`hooks:`)?" in result.stderr


def test_one_missing_record_page_is_named(tmp_path: Path, built_site: Path) -> None:
    site_dir = tmp_path / "site"
    for page in built_site.rglob("index.html"):
        target = site_dir / page.relative_to(built_site)
        if target.parent.name != "xiaomi":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("", encoding="utf-8")
    result = check_pages(site_dir)
    assert result.returncode == 1
    assert result.stderr.rstrip().endswith(
        "missing companies/xiaomi/index.html. Did the engine run the hooks in mkdocs.yml (`hooks:`)? Build with MkDocs 1.6 or ProperDocs (see docs/engines.md)."
    )


def test_make_build_runs_the_page_count_check_after_building() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert build.index(" build --strict") < build.index(".ci/check_pages.py site")
