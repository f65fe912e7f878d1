"""What each MkDocs event does; ``hooks/brief_hooks.py`` only forwards the events here.

One build: ``on_config`` starts a fresh :class:`BuildState`; ``on_files`` loads and
checks content/, checks the hand-written pages, and adds a generated page for
every record and kind. A generated page is a Markdown stub of front matter (its
title) that Python-Markdown never sees: its body is rendered straight to HTML by
the templates (``render.py``), in a worker process while MkDocs works
(``prerender.py``), and put in place, with its table of contents, when MkDocs
reaches the page (``on_page_context``). Later events decorate pages. Problems are logged through
the ``mkdocs.*`` logger at ERROR level, so ``mkdocs build --strict`` fails on any,
while under ``mkdocs serve`` the site still builds and every page shows them.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.toc import get_toc

from . import docsguard, export, incremental, mkdocs_internals, pending, schema
from .checks import Site, load_site
from .incremental import PageMemory, fingerprint, merge_search_entries
from .loader import Entry, FileCache
from .prerender import Failure, Prerender
from .problems import Problem, display_path
from .prose import ProseRenderer, expand
from .render import KIND_TITLES, RenderedPage, Renderer, index_uri, markdown_safe, page_uri

log = logging.getLogger("mkdocs.hooks.newsbrief")

PROBLEMS_URI = "problems.md"
TIMELINE_URI = "timeline/index.md"
HOME_URI = "index.md"
EDITORS_URI = "editors/index.md"
FRESH_PAGES = (PROBLEMS_URI, EDITORS_URI)
"""Pages made afresh on every build: they show the build's problems and its today, not only records."""
BANNER_LIMIT = 20


@dataclass
class BuildState:
    """State of one build; replaced at the start of every build (MkDocs keeps hook modules alive)."""

    root: Path
    content_dir: Path
    # Set by on_files, before any later event reads them (None until then: a build that fails
    # earlier ends with end_build, which checks).
    site: Site = None  # type: ignore[assignment]
    renderer: Renderer = None  # type: ignore[assignment]
    problems: list[Problem] = field(default_factory=list)
    pages: Mapping[str, Entry] = field(default_factory=dict)
    """src_uri of each generated record page → its record."""
    renderers: dict[str, tuple[str, Callable[[], RenderedPage]]] = field(default_factory=dict)
    """src_uri of each generated page → how it is named in messages, and how to render its body."""
    prerender: Prerender = None  # type: ignore[assignment]  # set by on_files, as above
    """The rendered bodies, in the order MkDocs asks for them, then the downloads."""
    memory: PageMemory | None = None
    """Under `mkdocs serve --dirty`, what the last good build made: only pages that changed are rebuilt."""
    files: Files = None  # type: ignore[assignment]  # set by on_files, as above
    config_print: str = ""
    """Under --dirty: the fingerprint of mkdocs.yml and the templates, which every page depends on."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, incremental.CachedBody] = field(default_factory=dict)
    """Under --dirty: the bodies of this build, for the next one to reuse."""
    rebuilt: set[str] = field(default_factory=set)
    """Under --dirty: URLs of the pages this build rebuilds."""
    full_html: dict[str, str] = field(default_factory=dict)
    """A generated page's whole body, from the early on_page_context (search sees less) to the late one."""
    site_prints: dict[str, str] = field(default_factory=dict)
    """Under --dirty: the fingerprint of what the sitemap and the 404 page show (on_env)."""
    guard_problems: list[Problem] = field(default_factory=list)
    """Hand-written files refused as unsafe (docsguard), kept for the preview server."""
    skeleton: bool = False
    """Session.skeleton, for this build."""
    nav: Navigation | None = None
    env: jinja2.Environment | None = None
    """The navigation and the theme's templates, kept for the preview server (preview.py)."""


@dataclass
class Session:
    """What may outlive a build: the command, and the parsed-file cache (valid while files are unchanged)."""

    cache: FileCache = field(default_factory=FileCache)
    command: str = "build"
    dirty: bool = False
    memory: PageMemory = field(default_factory=PageMemory)
    build: BuildState | None = None
    skeleton: bool = False
    """For the preview server: build everything but the pages made from records and the downloads, which
    the preview makes when they are asked for (a --dirty build then skips those pages)."""

    def forget(self) -> None:
        """New code, or a failed build: nothing cached is to be trusted."""
        self.cache = FileCache()
        self.memory.forget()


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns on every --dirty build that navigation may be stale; here every page whose
    content changed is rebuilt (see ``incremental.py``), so the warning would only mislead editors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(mkdocs_internals.DIRTY_BUILD_NOTICE)


def quiet_dirty_warning() -> None:
    logger = logging.getLogger(mkdocs_internals.BUILD_LOGGER)
    if not any(type(f).__name__ == "_DirtyBuildNotice" for f in logger.filters):  # by name: this module may be reloaded
        logger.addFilter(_DirtyBuildNotice())


def use_worker(command: str) -> bool:
    """A worker process renders page bodies during `mkdocs build` (not under serve: a server has threads).

    ``NEWSBRIEF_WORKER=0`` turns it off, to measure or debug a build in one process.
    """
    return command == "build" and os.environ.get("NEWSBRIEF_WORKER", "1") != "0"


JIEBA_CACHE = ".cache"
"""Where the search plugin's Chinese word splitter keeps its 9 MB dictionary cache: in the project
(git-ignored), not in the machine's shared temporary folder."""


def keep_jieba_cache_in(folder: Path) -> None:
    try:
        import jieba
    except ImportError:
        return
    folder.mkdir(exist_ok=True)
    jieba.dt.tmp_dir = str(folder)


def start_build(session: Session, config) -> BuildState:
    root = Path(config.config_file_path).resolve().parent
    keep_jieba_cache_in(root / JIEBA_CACHE)
    session.build = BuildState(root=root, content_dir=root / "content", memory=session.memory if session.dirty else None, skeleton=session.skeleton)
    return session.build


def edit_base(config) -> str | None:
    """Where an editor edits a content file online: ``<repo_url>/edit/<branch>/`` from mkdocs.yml."""
    if not config.repo_url:
        return None
    edit_uri = (config.edit_uri or "edit/main/docs/").strip("/")
    docs_folder = Path(config.docs_dir).name
    # edit_uri points into docs/ ("edit/main/docs"); content files sit beside docs/.
    prefix = edit_uri[: -len(docs_folder)].rstrip("/") if edit_uri.endswith(docs_folder) else edit_uri
    return f"{config.repo_url.rstrip('/')}/{prefix}/"


def on_files(state: BuildState, cache: FileCache, files: Files, config, parallel: bool = False) -> Files:
    state.files = files
    state.site = load_site(state.content_dir, state.root, cache)
    state.renderer = Renderer(state.site, edit_base(config))
    state.problems = list(state.site.problems)
    docs_dir = Path(config.docs_dir)
    state.guard_problems = docsguard.refuse_unsafe_files(files, docs_dir, display_path(docs_dir, state.root))
    state.problems += state.guard_problems
    state.problems += _expand_docs_pages(state, files)
    for problem in state.problems:
        log.error(str(problem))
    if state.problems:
        count = len(state.problems)
        log.info(f"content has {count} problem{'s' if count != 1 else ''}: fix the lines above (each names the file and line)")
    # Overdue data is news for editors, not a mistake: INFO, which `mkdocs build --strict` does not count.
    for note in pending.overdue_notes(state.site):
        log.info(note)
    _add_generated_pages(state, files, config)
    if state.skeleton:  # a --dirty build: the hand-written pages are built (the navigation shows their titles), the rest skipped
        for file in files.documentation_pages():
            file.is_modified = functools.partial(_always, file.src_uri not in state.renderers)  # type: ignore[method-assign]
    jobs: dict[str, Callable[[], object]] = {uri: render for uri, (_, render) in state.renderers.items()}
    jobs[DOWNLOADS] = lambda: downloads(state.site, state.renderer, config)
    remote_jobs = functools.partial(worker_jobs, state.site, state.renderer.edit_base, FeedSettings(config.site_name, config.site_url))
    if state.memory is not None:
        # Every body now (from the cache when nothing it read has changed): a page is rebuilt if what it shows changed.
        state.config_print = fingerprint(Path(config.config_file_path).read_text(encoding="utf-8"), repr(state.renderer.templates_version))
        _reuse_unchanged_bodies(state, jobs)
        state.prerender = Prerender(jobs, worker=False)
        state.prerender.do_now(state.renderers)
        _skip_unchanged_pages(state, files)
    else:
        # Started last: the worker makes the same jobs from the checked records (prerender.py).
        state.prerender = Prerender(jobs, worker=parallel, remote_jobs=remote_jobs)
    return files


@dataclass(frozen=True)
class FeedSettings:
    """What the downloads read from mkdocs.yml, picklable for the render worker."""

    site_name: str
    site_url: str | None


def page_jobs(site: Site, renderer: Renderer) -> dict[str, Callable[[], RenderedPage]]:
    """How to render the body of every generated page (but the problems page), by src_uri.

    One list for the build's process and the render worker, so both make the same pages.
    """
    jobs: dict[str, Callable[[], RenderedPage]] = {
        page_uri(entry.kind, entry.id): functools.partial(renderer.record_page, entry) for entry in site.entries.values()
    }
    return {**jobs, **_site_wide_jobs(renderer)}


def _site_wide_jobs(renderer: Renderer) -> dict[str, Callable[[], RenderedPage]]:
    """The pages made from all the records: each kind's index, the timeline, the home page."""
    jobs: dict[str, Callable[[], RenderedPage]] = {index_uri(kind): functools.partial(renderer.index_page, kind) for kind in KIND_TITLES}
    jobs[TIMELINE_URI] = renderer.timeline_page
    jobs[HOME_URI] = renderer.home_page
    return jobs


def worker_jobs(site: Site, edit_base: str | None, feed: FeedSettings) -> dict[str, Callable[[], object]]:
    """The render worker's jobs (prerender.py), made in the worker from its own renderer."""
    renderer = Renderer(site, edit_base)
    jobs: dict[str, Callable[[], object]] = dict(page_jobs(site, renderer))
    jobs[DOWNLOADS] = functools.partial(downloads, site, renderer, feed)
    return jobs


def _reuse_unchanged_bodies(state: BuildState, jobs: dict) -> None:
    assert state.memory is not None  # only under --dirty
    incremental.track(state.renderer)
    records = incremental.record_prints(state.renderer)
    cache = state.memory.bodies if state.memory.config_print == state.config_print else {}

    def cached_or_rendered(uri: str, render: Callable[[], RenderedPage]):
        cached = cache.get(uri)
        if cached is not None and cached.still_valid(records):
            state.bodies[uri] = cached
            return cached.page
        page = render()
        if page.reads is not None:
            state.bodies[uri] = incremental.cache_entry(page, page.reads, records)
        return page

    for uri, (_, render) in state.renderers.items():
        if uri not in FRESH_PAGES:  # the problems and editors' pages show the build, not only records: always made afresh
            jobs[uri] = lambda uri=uri, render=render: cached_or_rendered(uri, render)


def _skip_unchanged_pages(state: BuildState, files: Files) -> None:
    """Tell MkDocs which pages an edit left as they were (see ``incremental.py``)."""
    assert state.memory is not None  # only under --dirty
    site_print = state.config_print  # not the problems: a change in them alone refills the banner (on_post_build)
    for file in files.documentation_pages():
        body = state.prerender.peek(file.src_uri)
        shown = body.html if isinstance(body, RenderedPage) else repr(body) if body is not None else ""
        page_print = fingerprint(site_print, file.content_string, shown)
        changed = state.memory.changed(file.src_uri, page_print)
        state.fingerprints[file.src_uri] = page_print
        if changed:
            state.rebuilt.add(_location(file))
        file.is_modified = functools.partial(_always, changed)  # type: ignore[method-assign]  # what MkDocs asks under --dirty
    log.info(f"{len(state.rebuilt)} of {len(state.fingerprints)} pages changed: rebuilding only those")


def _always(changed: bool) -> bool:
    return changed


def _location(file: File) -> str:
    """A page's URL as the search index writes it ('' for the home page)."""
    return "" if file.url in ("./", ".") else file.url


def _expand_docs_pages(state: BuildState, files: Files) -> list[Problem]:
    """Fill in {{ figure(...) }} and [[id]] in hand-written pages; check their typed numbers."""
    problems: list[Problem] = []
    for file in list(files.documentation_pages()):
        if file.generated_by:
            continue
        try:
            original = file.content_string
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(
                Problem(docs_page_shown(state, file), 0, "", f"the page cannot be read ({type(exc).__name__}) — save it as UTF-8 text; it is left out")
            )
            files.remove(file)
            continue
        text, found = expand_docs_page(state, file, original)
        if text != original:
            file.content_string = text
        problems += found
    return problems


def docs_page_shown(state: BuildState, file: File) -> str:
    """A hand-written page as messages name it: docs/editing.md."""
    return f"{display_path(Path(file.src_dir), state.root)}/{file.src_uri}" if file.src_dir else file.src_uri


def expand_docs_page(state: BuildState, file: File, original: str) -> tuple[str, list[Problem]]:
    """One hand-written page's Markdown with its figures and links filled in from the records, and its problems."""
    renderer = state.renderer
    prose = ProseRenderer(figure=lambda fid: markdown_safe(renderer.fig_link(fid)), link=lambda rid, text: markdown_safe(renderer.link(rid, text)))
    renderer.start_page(file.src_uri)
    shown = docs_page_shown(state, file)
    source, found_early = docsguard.defuse_bracket_runs(original, shown)
    text, found = expand(source, shown, 1, state.site, prose)
    return text, found_early + found


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the records: what MkDocs reads of it (front matter only), and how its body is rendered."""

    stub: Callable[[], str]
    """Made when asked for: the preview needs only the stubs of the pages it shows."""
    render: Callable[[], RenderedPage]
    shown: str
    """How messages name it: the page, and for a record's page the YAML file it comes from."""
    in_nav: bool = True
    entry: Entry | None = None
    """The record a record's page shows."""


class GeneratedPages(MutableMapping):
    """Every page made from the records, by src_uri, in a build's order (the records' pages, then the
    site-wide ones). A record's page is made when it is asked for: the preview asks for a few of 10,000
    after a save, and making them all took 0.07 s of each save at 10,000 records. Only the site-wide pages
    (the problems page) are added or removed."""

    def __init__(self, site: Site, renderer: Renderer, site_wide: dict[str, GeneratedPage]):
        self.site, self.renderer, self.site_wide = site, renderer, site_wide

    def entry_of(self, uri: str) -> Entry | None:
        """The record whose page ``uri`` is ('companies/ford.md' → ford), or None."""
        if uri in self.site_wide:
            return None
        entry = self.site.entries.get(uri.rpartition("/")[2].removesuffix(".md"))
        return entry if entry is not None and page_uri(entry.kind, entry.id) == uri else None

    def __getitem__(self, uri: str) -> GeneratedPage:
        if uri in self.site_wide:
            return self.site_wide[uri]
        entry = self.entry_of(uri)
        if entry is None:
            raise KeyError(uri)
        renderer = self.renderer
        return GeneratedPage(
            functools.partial(renderer.record_stub, entry),
            functools.partial(renderer.record_page, entry),
            f"{uri} (from {entry.file})",
            in_nav=False,
            entry=entry,
        )

    def __contains__(self, uri: object) -> bool:
        return isinstance(uri, str) and (uri in self.site_wide or self.entry_of(uri) is not None)

    def __iter__(self):
        site_wide = self.site_wide
        yield from (uri for uri in (page_uri(entry.kind, record_id) for record_id, entry in self.site.entries.items()) if uri not in site_wide)
        yield from site_wide

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __setitem__(self, uri: str, page: GeneratedPage) -> None:
        self.site_wide[uri] = page

    def __delitem__(self, uri: str) -> None:
        del self.site_wide[uri]

    def release(self) -> None:
        """No page any more (``preview.Model.release``): the records may go."""
        self.site_wide.clear()
        self.site = Site()

    def entries(self) -> Mapping[str, Entry]:
        """src_uri → the record its page shows, for the hooks that ask (``BuildState.pages``)."""
        return _PageEntries(self)


class _PageEntries(Mapping):
    def __init__(self, pages: GeneratedPages):
        self.pages = pages

    def __getitem__(self, uri: str) -> Entry:
        entry = self.pages.entry_of(uri)
        if entry is None:
            raise KeyError(uri)
        return entry

    def __iter__(self):
        return (uri for uri in self.pages if self.pages.entry_of(uri) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def generated_pages(site: Site, renderer: Renderer, problems: list[Problem], hand_written_home: bool) -> GeneratedPages:
    """Every page made from the records, by src_uri: one list for the build and the preview."""
    renders = _site_wide_jobs(renderer)
    pages: dict[str, GeneratedPage] = {}
    for kind in KIND_TITLES:
        pages[index_uri(kind)] = GeneratedPage(functools.partial(renderer.markdown_stub, KIND_TITLES[kind]), renders[index_uri(kind)], index_uri(kind))
    pages[TIMELINE_URI] = GeneratedPage(functools.partial(renderer.markdown_stub, "Timeline"), renders[TIMELINE_URI], TIMELINE_URI)
    # Made afresh each build: it shows the build's today.
    pages[EDITORS_URI] = GeneratedPage(functools.partial(renderer.markdown_stub, "Data status for editors"), renderer.editors_page, EDITORS_URI, in_nav=False)
    if not hand_written_home:
        pages[HOME_URI] = GeneratedPage(functools.partial(renderer.markdown_stub, "Home"), renders[HOME_URI], HOME_URI)
    if problems:
        pages[PROBLEMS_URI] = problems_page(renderer, problems)
    return GeneratedPages(site, renderer, pages)


def problems_page(renderer: Renderer, problems: list[Problem]) -> GeneratedPage:
    """The list of every problem, at /problems/ (only while there are any)."""
    return GeneratedPage(
        functools.partial(renderer.markdown_stub, "Content problems"), functools.partial(renderer.problems_page, list(problems)), PROBLEMS_URI, in_nav=False
    )


def _add_generated_pages(state: BuildState, files: Files, config) -> None:
    hand_written_home = files.get_file_from_path(HOME_URI) is not None
    pages: dict[str, Entry] = {}
    for uri, made in generated_pages(state.site, state.renderer, state.problems, hand_written_home).items():
        state.renderers[uri] = (made.shown, made.render)
        if made.entry is not None:
            pages[uri] = made.entry
        inclusion = InclusionLevel.UNDEFINED if made.in_nav else InclusionLevel.NOT_IN_NAV
        _add(files, File.generated(config, uri, content=made.stub(), inclusion=inclusion))
    state.pages = pages


DOWNLOADS = "downloads"
"""The job that makes the data downloads, their schemas and the Atom feed."""


DOWNLOAD_PLACES = ("data/", "schemas/", "feed.xml")
"""Where the downloads go in the site (``downloads``): the preview makes them from the records only."""


def downloads(site: Site, renderer: Renderer, config) -> dict[str, str]:
    """Each download's path in the site → its text."""
    json_downloads = export.JsonDownloads(site)
    files = {"data/all.json": json_downloads.text(), "data/figures.csv": export.figures_csv(site)}
    for brief in site.of_kind("brief"):
        files[f"data/{brief.id}.json"] = json_downloads.text(brief.id)
    for name, text in schema.render_all().items():
        files[f"schemas/{name}"] = text
    files["feed.xml"] = export.atom_feed(site, config.site_name, config.site_url, renderer.title)
    return files


def write_downloads(state: BuildState, config) -> None:
    """Written last, into the site folder: the worker has made them while MkDocs built the pages."""
    made = state.prerender.get(DOWNLOADS)
    if isinstance(made, Failure):
        log.error(f"the data downloads could not be made ({made.summary})\n{made.details}")
        return
    site_dir = Path(config.site_dir)
    for path, text in made.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def site_url_of(config, record_uri: str) -> str:
    """A page's address for JSON-LD: absolute when `site_url` is set, else from the site root."""
    path = record_uri[: -len(".md")] + "/"
    return f"{config.site_url.rstrip('/')}/{path}" if config.site_url else f"/{path}"


def newsroom(config) -> dict:
    """The site as a schema.org Organization: the author and publisher of its briefs and claim reviews."""
    return {"@type": "Organization", "name": config.site_name, "url": config.site_url or "/"}


def preview_tags(page, config) -> str:
    """Open Graph and Twitter card tags, so a shared link shows the page's title and description."""
    tags = {
        "og:type": "article" if page.file.src_uri.startswith("briefs/") and page.file.src_uri != "briefs/index.md" else "website",
        "og:site_name": config.site_name,
        "og:title": page.title or config.site_name,
        "og:description": page.meta.get("description") or config.site_description or "",
        "twitter:card": "summary",
    }
    if config.site_url and page.canonical_url:
        tags["og:url"] = page.canonical_url
    # A generated page's title and description arrive escaped (render.markdown_stub): unescape, then escape once.
    return "".join(
        f'<meta {"name" if key.startswith("twitter:") else "property"}="{key}" content="{html.escape(html.unescape(str(value)))}">'
        for key, value in tags.items()
    )


def on_post_page(state: BuildState, output: str, page, config) -> str:
    """Each record page carries schema.org JSON-LD and link-preview tags; every page links the Atom feed."""
    head = '<link rel="alternate" type="application/atom+xml" title="Briefs" href="%sfeed.xml">' % _root_of(page)
    head += preview_tags(page, config)
    entry = state.pages.get(page.file.src_uri)
    if entry is not None and state.site is not None:
        data = export.json_ld(
            state.site,
            entry.id,
            state.renderer.title,
            lambda record_id: site_url_of(config, page_uri(state.site.entries[record_id].kind, record_id)),
            newsroom(config),
        )
        if data:
            head += export.json_ld_script(data)
    return output.replace("</head>", head + "</head>", 1)


def _root_of(page) -> str:
    return _root_of_url(page.file.url)


def _root_of_url(url: str) -> str:
    """The way from a page's URL to the site's root: 'companies/ford/' → '../../'."""
    return "../" * url.count("/") if url not in ("", "./") else ""


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        # A hand-written page in docs/ at a generated URL: the data wins, and the editor is told.
        log.error(f"docs/{file.src_uri}: this page is generated from content/ — rename or remove the hand-written file")
        files.remove(existing)
    files.append(file)


def on_pre_page(state: BuildState, page) -> None:
    """A generated page is not Python-Markdown's to render: its body comes in ``on_page_context``.

    MkDocs offers no event to supply a page's HTML, so the page object's ``render``
    (called once, right after ``on_page_markdown``) is replaced, for this page only,
    by one that leaves the content empty for now.
    """
    if page.file.src_uri not in state.renderers:
        return

    def render_later(config, files) -> None:
        page.content = ""

    page.render = render_later


ERROR_PAGE_HEADING = "<h1>404 - Not found</h1>"


def on_post_template(state: BuildState | None, output: str, template_name: str, config) -> str:
    """The 404 page shows the problems too: under `mkdocs serve`, the page an editor is looking at
    is missing exactly when its file fails to load, and the reload must say why."""
    if template_name != "404.html" or state is None or not state.problems:
        return output
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"  # error pages link from the site's root
    return output.replace(ERROR_PAGE_HEADING, ERROR_PAGE_HEADING + _banner(state.problems, root), 1)


def fill_generated_page(state: BuildState, page) -> None:
    """Put a generated page's body in place, before the search plugin indexes it.

    Material's search plugin indexes ``page.content`` in its ``on_page_context``: the
    page shows it a lighter view of itself (:func:`render.search_view`), and gets its
    whole body back in :func:`on_page_context`, which runs after the plugin's.
    """
    named = state.renderers.get(page.file.src_uri)
    if named is None:
        return
    body = state.prerender.get(page.file.src_uri)
    if isinstance(body, Failure):
        log.error(f"{named[0]}: the page could not be rendered ({body.summary})\n{body.details}")
        body = RenderedPage.of(f"<h1>Page not rendered</h1>\n<p>The page could not be rendered: <code>{html.escape(body.summary)}</code></p>\n")
    page.toc = get_toc(body.toc)
    page.present_anchor_ids = _anchor_ids(body.toc)
    page.content = body.search_html
    state.full_html[page.file.src_uri] = body.html


def _anchor_ids(toc: list[dict]) -> set[str]:
    return {token["id"] for token in toc} | {i for token in toc for i in _anchor_ids(token["children"])}


def on_nav(state: BuildState, nav: Navigation) -> None:
    state.nav = nav


def on_env(state: BuildState, config, env: jinja2.Environment) -> None:
    """Under --dirty, leave out the sitemap and the 404 page when an edit did not change what they show.

    Both are rendered on every build (``Theme.static_templates``); the sitemap lists every
    page, so it costs as much as a dozen pages at 2,000 records. A dirty build cleans
    nothing, so the last build's files stay in the site folder.
    """
    state.env = env
    memory = state.memory
    if memory is None:
        return
    pages = sorted(f.url for f in state.files.documentation_pages())
    # The 404 page shows the navigation (titles of hand-written pages) and the problems banner as well.
    hand_written = sorted(p for uri, p in state.fingerprints.items() if uri not in state.renderers)
    error_page = [*hand_written, *map(str, state.problems)]
    shown = {name: fingerprint(state.config_print, *pages) for name in mkdocs_internals.SITEMAP_TEMPLATES}
    shown.update({name: fingerprint(state.config_print, *pages, *error_page) for name in mkdocs_internals.ERROR_PAGE_TEMPLATES})
    templates = getattr(config.theme, mkdocs_internals.THEME_STATIC_TEMPLATES)
    for name, print_ in shown.items():
        if memory.site_prints.get(name) == print_ and name in templates:
            templates.discard(name)
    state.site_prints = shown


def on_post_build(state: BuildState, config) -> None:
    """Runs before the search plugin writes its index (a higher priority)."""
    memory = state.memory
    if memory is not None:
        pages = {f.src_uri: f for f in state.files.documentation_pages()}
        _merge_search_index(config, state.rebuilt, {_location(f) for f in pages.values()})
        _remove_deleted_pages(memory.destinations, pages, Path(config.site_dir))
        problems_print = fingerprint(*map(str, state.problems))
        if memory.problems_print != problems_print:
            _refill_banners(state, pages.values(), Path(config.site_dir))
        memory.problems_print = problems_print
        memory.fingerprints = state.fingerprints
        memory.destinations = {uri: f.abs_dest_path for uri, f in pages.items()}
        memory.bodies, memory.config_print = state.bodies, state.config_print
        memory.site_prints = state.site_prints
    if not state.skeleton:
        write_downloads(state, config)
    end_build(state)


def _merge_search_index(config, rebuilt: set[str], pages: set[str]) -> None:
    search = next((plugin for name, plugin in config.plugins.items() if name.endswith("search")), None)
    previous = getattr(search, mkdocs_internals.SEARCH_PREVIOUS_INDEX, None)
    if search is None or previous is None or search.search_index is previous:
        return
    search.search_index.entries = merge_search_entries(previous.entries, search.search_index.entries, rebuilt, pages)
    setattr(search, mkdocs_internals.SEARCH_PREVIOUS_INDEX, None)  # merged here: the plugin would merge one page's only


def _remove_deleted_pages(last: dict[str, str], pages: dict[str, File], site_dir: Path) -> None:
    """A record deleted since the last build: its page goes too (a dirty build cleans nothing)."""
    for uri, destination in last.items():
        path = Path(destination)
        if uri not in pages and path.is_file() and site_dir.resolve() in path.resolve().parents:
            path.unlink()


def _refill_banners(state: BuildState, pages, site_dir: Path) -> None:
    """The problems changed and nothing else a page shows: its banner slot is filled again in place (a
    read and a write a page, where rebuilding would render every page again: an editor's mistake and its
    fix cost what an edit does). Pages this build rebuilt have the new banner already."""
    root = site_dir.resolve()  # once, not per page
    for file in pages:
        path = Path(file.abs_dest_path)
        if _location(file) in state.rebuilt or not path.is_file() or root not in path.resolve().parents:
            continue
        text = path.read_text(encoding="utf-8")
        before, article, content = text.partition(mkdocs_internals.THEME_ARTICLE)
        slot = banner_slot(state.problems, _root_of_url(file.url))
        refilled = before + article + BANNER_SLOT_PATTERN.sub(lambda _match: slot, content, count=1)
        if article and refilled != text:
            path.write_text(refilled, encoding="utf-8")


def end_build(state: BuildState | None) -> None:
    if state is not None and state.prerender is not None:
        state.prerender.close()


BANNER_SLOT = ("<!--nb-problems-->", "<!--/nb-problems-->")
"""Where a page's problems banner is (empty without problems): under --dirty, a change in the problems
alone refills the slot in every page an edit left as it was, instead of rebuilding them all."""
BANNER_SLOT_PATTERN = re.compile(
    re.escape(BANNER_SLOT[0]) + '(?:<div class="admonition failure nb-problems" role="alert">.*?</div>)?' + re.escape(BANNER_SLOT[1]), re.S
)
"""The slot exactly as ``banner_slot`` writes it (a banner's text is escaped: it holds no marker)."""


def banner_slot(problems: list[Problem], root: str) -> str:
    """The slot and, under problems, the banner in it (``root``: the way from the page to the site's root)."""
    return BANNER_SLOT[0] + (_banner(problems, root) if problems else "") + BANNER_SLOT[1]


def _banner(problems: list[Problem], root: str) -> str:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems[:BANNER_LIMIT])
    more = f"<li>… and {len(problems) - BANNER_LIMIT} more</li>" if len(problems) > BANNER_LIMIT else ""
    link = root + "problems/"
    count = len(problems)
    return (
        f'<div class="admonition failure nb-problems" role="alert"><p class="admonition-title">'
        f"{count} content problem{'s' if count != 1 else ''}: fix {'them' if count != 1 else 'it'} and save; "
        f'this page updates by itself</p><ul>{items}{more}</ul><p><a href="{link}">All problems</a></p></div>'
    )


def on_page_context(state: BuildState, context: dict, page) -> dict:
    """After search has indexed it, a generated page gets its whole body back, and an edit
    link to the YAML file it came from.

    MkDocs takes a hand-written page's title from its heading as plain text, and the theme
    writes it into <title> unescaped: a name such as '</title><script>' must not become markup.
    """
    full_html = state.full_html.pop(page.file.src_uri, None)
    if full_html is not None:
        page.content = full_html
    if full_html is None and page.title and any(c in page.title for c in "<>&"):  # generated titles are escaped already
        page.title = html.escape(page.title, quote=False)
    # Under problems every page opens with them, so an editor sees each mistake where they look; in its
    # slot, which --dirty fills again in pages an edit left as they were (on_post_build), and after
    # search has indexed the page: the problems are the build's, not what a reader searches.
    page.content = banner_slot(state.problems, _root_of(page)) + (page.content or "")
    entry = state.pages.get(page.file.src_uri)
    if entry is not None:
        base = state.renderer.edit_base
        page.edit_url = f"{base}{entry.file}" if base else None
    return context


class ErrorLog(logging.Handler):
    """The errors logged during one rebuild: they name the file being read when a build fails."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().split("\n", 1)[0])


def guard_builder(server, log_error=log.error, on_failure: Callable[[], None] = lambda: None):
    """Keep `mkdocs serve` answering when a rebuild raises (MkDocs would leave every request hanging).

    The failed build's message, and the errors logged before it (they name the file), replace
    the pages in the site folder; the browser, reloaded, shows them, and the next good build
    brings the site back. The 404 page reloads by itself too, so a page that is missing because
    its file failed to load comes back when the file is fixed.
    """
    build = server.builder

    def guarded_builder(*args, **kwargs):
        errors = ErrorLog()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(errors)
        try:
            return build(*args, **kwargs)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 — shown in the browser instead
            message = f"The site could not be rebuilt: {type(exc).__name__}: {exc}"
            log_error(message)
            _write_error_pages(Path(server.root), message, errors.messages)
            on_failure()  # every page now shows the error: the next build rebuilds them all
        finally:
            mkdocs_log.removeHandler(errors)

    server.builder = guarded_builder
    _reload_error_pages(server)
    return server


def _reload_error_pages(server) -> None:
    """MkDocs adds its live-reload script to pages it finds, not to its 404 page: add it there too."""
    handler = getattr(server, "error_handler", None)
    inject = getattr(server, "_inject_js_into_html", None)  # MkDocs 1.6's own; without it, pages do not reload
    if handler is None or inject is None:
        return

    def error_page(code: int):
        content = handler(code)
        return inject(content, server._visible_epoch) if content else content

    server.error_handler = error_page


ERRORS_SHOWN = 20


def _write_error_pages(site_dir: Path, message: str, logged: list[str]) -> None:
    page = error_page(message, logged)
    for file in site_dir.rglob("*.html"):
        file.write_text(page, encoding="utf-8")


def error_page(message: str, logged: list[str]) -> str:
    """What every page shows when the site cannot be built: the error, and the errors logged before it (they
    name the file)."""
    files = [line for line in logged if line != message][-ERRORS_SHOWN:]
    logged_html = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in files)
    where = (
        f"<p>Logged while building:</p><ul>{logged_html}</ul><p>Fix the file named there and save; this page reloads by itself.</p>"
        if files
        else "<p>No file was named: undo the last change and save; this page reloads by itself.</p>"
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title></head>"
        f"<body><h1>Build failed</h1><pre>{html.escape(message)}</pre>{where}</body></html>"
    )
