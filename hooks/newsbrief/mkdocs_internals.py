"""Every MkDocs (and Material) internal this project relies on, in one place, with why.

MkDocs 1.6.1 is the last 1.x release; ProperDocs continues it (``import mkdocs``
then loads ``properdocs``), and other engines may follow. The hooks use a few
things no plugin API promises; each is named here, by the object itself where
Python allows (so a rename fails at import, not silently), and
``tests/test_engine.py`` fails if any of them changes shape. Nothing else in
``newsbrief`` may name an engine internal by string.
"""

from __future__ import annotations

from mkdocs.commands import build as build_command
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

BUILD_LOGGER = build_command.__name__
"""The logger of the build command ('mkdocs.commands.build', or 'properdocs.commands.build'
under ProperDocs): under --dirty it warns on every build that navigation may be stale;
the hooks rebuild every changed page (incremental.py), so that warning is filtered out."""

DIRTY_BUILD_NOTICE = "A 'dirty' build is being performed"
"""How that warning starts (build_command's source holds it; the test checks)."""

IS_MODIFIED = File.is_modified
"""``File.is_modified()``: what a --dirty build asks of each page before rebuilding it.
The hooks replace it, per file, by a fingerprint comparison (incremental.py)."""

PAGE_RENDER = Page.render
"""``Page.render(config, files)``: runs Python-Markdown on a page. For a generated page
the hooks replace it (per page) by one that leaves the body empty: the body comes
from the templates (mkdocs_adapter.on_pre_page)."""

PAGE_ANCHOR_IDS = "present_anchor_ids"
"""``Page.present_anchor_ids``: the ids MkDocs validates anchors against; a generated
page sets it from its own table of contents."""

SERVER_BUILDER = "builder"
"""``LiveReloadServer.builder``: the rebuild function `mkdocs serve` calls after a save;
wrapped so that a failing rebuild shows its error instead of hanging every request."""

SEARCH_PREVIOUS_INDEX = "search_index_prev"
"""Material's search plugin keeps the previous build's index here under --dirty and
merges it for one page only; the hooks merge it for every rebuilt page, then clear it."""

SEARCH_ENTRIES = "entries"
"""The search index's list of entries (one dict per page section, with 'location')."""

LIVE_RELOAD_SERVER = LiveReloadServer

THEME_STATIC_TEMPLATES = "static_templates"
"""``Theme.static_templates``: the set of templates the build renders once per build after
``on_env`` (``sitemap.xml``, ``404.html``). Under --dirty the hooks leave out those whose
output an edit cannot have changed (the sitemap lists every page: 1.2 s at 2,000 records)."""

SITEMAP_TEMPLATES = ("sitemap.xml",)
"""Shows the set of pages only."""

ERROR_PAGE_TEMPLATES = ("404.html",)
"""Shows the navigation and, under problems, the problems banner (on_post_template)."""

THEME_ARTICLE = '<article class="md-content__inner md-typeset">'
"""Where Material's ``base.html`` puts a page's content. The problems banner's slot is the first thing in
it, and under --dirty it is refilled in place (mkdocs_adapter._refill_banners) searching from here only:
what comes before — a hand-written page's front-matter title and description, written raw into the head
— may hold the marker's text."""

CONFIG_HOOKS = "hooks"
"""``config.hooks``: after validation, each hook file's path → the module MkDocs imported it as (once per
process). The preview server (preview.py) asks the hook module for what the build made."""

CURRENT_PAGE = "_current_page"
"""``config._current_page``: MkDocs sets it while a page is read and rendered (Markdown extensions and
plugins may read it). The preview sets it as ``_populate_page`` and ``_build_page`` do."""

BUILD = build_command.build
"""``build(config, serve_url=…, dirty=…)``: what `mkdocs build` and `mkdocs serve` run. The preview runs it
for the whole site, at its start and after a change to mkdocs.yml, the code or docs/'s files."""

GET_CONTEXT = build_command.get_context
"""``get_context(nav, files, config, page=None, base_url='')``: the template context of a page (or, with
``base_url``, of a theme template such as 404.html)."""

PAGE_STEPS = (build_command._populate_page, build_command._build_page, build_command.get_context)
"""What a build does for one page, which the preview (``Preview.page``) does when the page is asked for:
``_populate_page`` (on_pre_page, ``Page.read_source``, Markdown, on_page_content) and ``_build_page``
(``page.active``, ``get_context``, the page's template, on_page_context, on_post_page), calling the hooks'
functions directly rather than every plugin's events: the search plugin would index the page again on
every request. The tests compare every previewed page with the built one."""
