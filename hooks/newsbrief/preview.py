"""`make preview`: a server that renders each page when the browser asks for it, from the records in memory.

After every save `mkdocs serve --dirty` rebuilds the site: MkDocs' own work on a build (a file and a
page object for every page, the navigation, the search index) is over a second at 10,000 records before
the hooks do anything (docs/performance.md). The preview does what Hugo's fast render mode does:

1. It builds the site once into a temporary folder, as `mkdocs serve` does, but for the pages made from
   records and the downloads: the theme's files, the hand-written pages, the search index of those, the
   sitemap. It keeps MkDocs' files, navigation and templates from that build.
2. On a save under content/, or to a hand-written page in docs/, it reads the records again (the
   loader's caches read only the files the watcher names), assembles them keeping every step that read
   nothing the save changed (checks.DERIVATION_STEPS), checks the references of the records that changed
   (checks.recheck_references: a wrong id shows with the save) and updates the index of references to
   each record with theirs (Backlinks.update), and tells every open page to reload.
   Then it runs the checks that only read the records (references, dates, the numbers in texts…: most
   of a save's work at 10,000 records); when their problems changed, open pages reload again, with the
   problems banner.
3. A page is rendered when it is asked for, from the latest records, in the theme's page template,
   with the same hook functions the build uses (mkdocs_adapter): the same HTML as a build's page.
   The data downloads and the feed are made when asked for too.
4. Anything else (mkdocs.yml, the hooks' code, the theme, a page added to or removed from docs/)
   builds the whole site again.

What only a whole build makes: a search index of the records' pages (the preview's covers the
hand-written pages), and the sitemap as it is after a record is added. `make build` and CI build
the site with MkDocs alone; the preview is for editors.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import mimetypes
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from . import mkdocs_adapter as adapter
from . import mkdocs_internals, render
from .backlinks import Backlinks
from .checks import Derivations, assemble, find_problems, recheck_references
from .loader import Entry, FolderCache, load_content
from .prerender import Prerender
from .problems import Problem

log = logging.getLogger("newsbrief.preview")

CHANGES_PATH = "/.preview/changes"
"""Where an open page waits for the next change (a long poll), then reloads."""
WAIT_FOR_CHANGE_S = 25.0
"""How long one poll waits before the page asks again (under proxies' and browsers' time-outs)."""
SETTLE_S = 0.05
"""A save often arrives as several file events (write, then rename): they are taken together."""

RELOAD_SCRIPT = """<script>
(function () {
  var version = %d;
  function poll() {
    fetch("%s?since=" + version, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (answer) { if (answer.version !== version) { location.reload(); } else { poll(); } },
            function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>"""

SITE_WIDE = "site"
RECORDS = "records"


@dataclass
class Shown:
    """A response: its status, its type and its bytes."""

    status: int
    content_type: str
    body: bytes
    location: str | None = None


@dataclass
class Model:
    """The records as last read, and what the pages are made from."""

    state: adapter.BuildState
    generated: adapter.GeneratedPages
    docs_texts: dict[str, str]
    """src_uri of each hand-written page → its Markdown with figures and links filled in."""
    docs_problems: list[Problem] = field(default_factory=list)
    """What filling them in found."""
    downloads: dict[str, str] | None = None
    """Made the first time one is asked for after a change."""

    def release(self) -> None:
        """Let go of the records, the renderer's indexes and the pages now, before a save's are made.

        The collector is paused while a save is read, and the renderer is in cycles (its value views
        point back at it; the templates' filters, which outlive it, at its methods): left to the
        collector, the old model would live beside the new one until after the save; so would the records,
        in a cycle with the number check's scope that prose.py keeps. Python keeps the memory it peaked at:
        at 10,000 records, +12.8 % after 50 saves without this, +1.2 % with it (docs/performance.md)."""
        if self.state.renderer is not None:
            vars(self.state.renderer).clear()
        if self.state.site is not None:
            self.state.site.text_scope = None
        vars(self.state).clear()
        self.generated.release()
        self.docs_texts.clear()
        self.downloads = None


@dataclass
class LastRead:
    """What reading a save starts from: how the records before it were assembled (the records among it), their
    broken files, and the index of the references to them."""

    derivations: Derivations
    broken_ids: dict[str, str]
    backlinks: Backlinks

    @property
    def entries(self) -> dict[str, Entry]:
        return self.derivations.entries


@dataclass
class Preview:
    """The site in memory: a whole build's files, navigation and templates, and the latest records."""

    config_file: Path
    site_dir: Path
    serve_url: str
    lock: threading.RLock = field(default_factory=threading.RLock)
    version: int = 0
    error: str | None = None
    """Why the last whole build failed: every page says so until a good one."""
    logged: list[str] = field(default_factory=list)
    """The errors MkDocs logged while the last whole build failed: they name the file."""
    generated_uris: set[str] = field(default_factory=set)
    """The pages made from records, as last matched with MkDocs' files."""
    read_only_problems: list[Problem] = field(default_factory=list)
    """The problems of the checks that only read (``checks.find_problems``), as last found: shown with a
    save's page until they are found again for it."""

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)
        self.root = self.config_file.parent  # as the hooks find it: the folder of mkdocs.yml
        self.content_dir = self.root / "content"
        self.build_site()

    # --- what a change does -------------------------------------------------------

    def build_site(self) -> None:
        """The site as `mkdocs serve` builds it, but for the pages made from records; then the records."""
        gc.unfreeze()  # what the last whole build made may go now
        errors = adapter.ErrorLog()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(errors)
        try:
            self._build_skeleton()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 — shown on every page until the next good build
            self.error = f"The site could not be built: {type(exc).__name__}: {exc}"
            self.logged = errors.messages
            log.error(self.error)
            return
        finally:
            mkdocs_log.removeHandler(errors)
        self.error = None
        self.read_records(checked=True)
        # What the whole build made lives as long as the server: the collector need not walk it on every save.
        gc.collect()
        gc.freeze()

    def _build_skeleton(self) -> None:
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        session = _hooks_session(config)
        session.skeleton = True  # the pages made from records are made when asked for: the build skips them
        adapter.quiet_dirty_warning()
        try:
            mkdocs_internals.BUILD(config, serve_url=self.serve_url, dirty=True)
        finally:
            session.skeleton = False
            config.plugins.on_shutdown()
        built = session.build
        if built is None or built.nav is None or built.env is None:
            raise SystemExit("the build made no navigation or templates: is hooks/brief_hooks.py the hook file named in mkdocs.yml?")
        self.config, self.cache = config, session.cache
        self.files, self.nav, self.env = built.files, built.nav, built.env
        self.generated_uris = set()
        self.site_wide_uris: set[str] = set()
        """The site-wide pages among them (the indexes, the timeline, the problems page…)."""
        self.page_kinds: dict[str, str] = {}
        """Each record with a page → its kind, as last matched: only the records a save changed are compared with it."""
        self.folders = FolderCache()
        self.guard_problems = list(built.guard_problems)
        self.docs_dir = Path(config.docs_dir)
        self.docs_files = [f for f in self.files.documentation_pages() if not f.generated_by]
        """docs/'s pages, listed once a whole build, not by walking MkDocs' files (10,000 and more) on every save."""
        self.hand_written = {_source_of(f) for f in self.docs_files}
        """Their files: a save to one is read like a record's; another file in docs/ builds the site again."""

    def read_records(self, checked: bool, last: LastRead | None = None) -> None:
        """Read content/ again (only changed files are parsed) and fill in the hand-written pages; with
        ``checked``, run every check now, else show the last problems of the reading checks, with the
        references of the records changed since ``last`` checked again, and its index of them updated."""
        site = assemble(load_content(self.content_dir, self.root, self.cache, self.folders), last.derivations if last is not None else None)
        backlinks = None
        if checked:
            self.read_only_problems = find_problems(site)
        elif last is not None:
            changed = site.changed or []  # assemble, given the last derivations, worked them out
            self.read_only_problems = recheck_references(site, last.entries, last.broken_ids, self.read_only_problems, changed)
            backlinks = last.backlinks.update(last.entries, site.entries, changed)
        self._make_model(site, backlinks)

    def check_records(self) -> bool:
        """Run the reading checks on the records last read (outside the lock: they only read); True when
        the problems they found changed, and the pages with them."""
        with self.lock:
            site = self.model.state.site
        with _collector_paused():
            found = find_problems(site)
        with self.lock:
            if self.model.state.site is not site or found == self.read_only_problems:
                return False  # a newer save is being shown (its own checks follow), or nothing changed
            self.read_only_problems = found
            self._show_problems(self.model)
            return True

    def _make_model(self, site, backlinks: Backlinks | None = None) -> None:
        state = adapter.BuildState(root=self.root, content_dir=self.content_dir)
        state.site, state.files, state.nav, state.env = site, self.files, self.nav, self.env
        state.renderer = render.Renderer(site, adapter.edit_base(self.config), backlinks)
        docs_texts: dict[str, str] = {}
        docs_problems: list[Problem] = []
        for file in self.docs_files:
            original = _source_of(file).read_text(encoding="utf-8-sig")  # as MkDocs reads it
            docs_texts[file.src_uri], found = adapter.expand_docs_page(state, file, original)
            docs_problems += found
        generated = adapter.generated_pages(site, state.renderer, [], adapter.HOME_URI in docs_texts)
        model = Model(state, generated, docs_texts, docs_problems)
        state.pages = generated.entries()
        self._show_problems(model)
        self.model = model

    def _show_problems(self, model: Model) -> None:
        """The build's problems (the records', then docs/'s) on every page, and the problems page while there are any."""
        state = model.state
        # As a build orders them (checks.check): the records', sorted; then docs/'s.
        state.problems = [*sorted([*state.site.problems, *self.read_only_problems]), *self.guard_problems, *model.docs_problems]
        model.generated.pop(adapter.PROBLEMS_URI, None)
        if state.problems:
            model.generated[adapter.PROBLEMS_URI] = adapter.problems_page(state.renderer, state.problems)
        self._match_files(model.generated)

    def _match_files(self, generated: adapter.GeneratedPages) -> None:
        """A record added since the whole build gets a page; a record deleted loses its page."""
        from mkdocs.structure.files import File, InclusionLevel
        from mkdocs.structure.pages import Page

        site, wide, changed = generated.site, set(generated.site_wide), generated.site.changed
        first = changed is None or not self.generated_uris
        if changed is None or first:  # after a whole build: every page, and MkDocs' files gone through once
            uris = set(generated)
            self.page_kinds = {record_id: entry.kind for record_id, entry in site.entries.items()}
            gone = {f.src_uri for f in self.files.documentation_pages() if f.generated_by and f.src_uri not in uris}
            came = uris - self.generated_uris
            self.by_url = {_url_of(file): file for file in self.files.documentation_pages()}
        else:
            # Only the pages of the records the save changed and the site-wide ones (the problems page) may have
            # come or gone: the records' 10,000 pages are not listed again (0.03 s of a save at 10,000 records).
            gone, came = self._record_pages_moved(changed, site, wide)
            gone |= self.site_wide_uris - wide
            came |= wide - self.site_wide_uris
        self.site_wide_uris = wide
        self.generated_uris = (self.generated_uris - gone) | came
        for uri in sorted(gone):
            file = self.files.get_file_from_path(uri)
            if file is not None and file.generated_by:
                self.files.remove(file)
                self.by_url.pop(_url_of(file), None)
        for uri in [uri for uri in generated if uri in came] if first else sorted(came):
            if self.files.get_file_from_path(uri) is None:
                made = generated[uri]  # made for the new pages only: a record's is made when asked for
                inclusion = InclusionLevel.UNDEFINED if made.in_nav else InclusionLevel.NOT_IN_NAV
                file = File.generated(self.config, uri, content=made.stub(), inclusion=inclusion)
                self.files.append(file)
                Page(None, file, self.config)  # as MkDocs' navigation does for a page not in the nav
                self.by_url[_url_of(file)] = file

    def _record_pages_moved(self, changed: list[str], site, wide: set[str]) -> tuple[set[str], set[str]]:
        """The pages of the ``changed`` records that went and came (a record deleted, added, broken, mended or
        moved to another kind), with ``page_kinds`` brought up to date. A site-wide page is never a record's."""
        gone, came = set(), set()
        for record_id in changed:
            entry = site.entries.get(record_id)
            kind, before = (entry.kind if entry is not None else None), self.page_kinds.get(record_id)
            if kind == before:
                continue
            if before is not None:
                gone.add(render.page_uri(before, record_id))
                del self.page_kinds[record_id]
            if kind is not None:
                came.add(render.page_uri(kind, record_id))
                self.page_kinds[record_id] = kind
        return gone - wide, came - wide

    def what_changed(self, paths: set[Path]) -> str | None:
        """RECORDS when only records or hand-written pages' text changed; SITE_WIDE when the site must be built
        again (mkdocs.yml, the code, the theme, a page added to docs/ or another of its files); None when
        nothing the site is made from changed (an editor's swap file, a compiled module, git's files)."""
        known_pages = self.hand_written if self.error is None else set()
        answer = None
        for path in paths:
            if path.is_relative_to(self.content_dir):
                answer = RECORDS
            elif path in known_pages and path.exists():
                answer = RECORDS
            elif _is_scratch(path):
                continue
            elif path == self.config_file or any(path.is_relative_to(folder) for folder in self.site_folders()):
                return SITE_WIDE
        return SITE_WIDE if answer is not None and self.error is not None else answer

    def site_folders(self) -> list[Path]:
        """What the site is built from besides content/ and mkdocs.yml: docs/, the hooks, the theme's overrides."""
        config = getattr(self, "config", None)
        folders = [Path(config.docs_dir) if config else self.root / "docs", self.root / "hooks"]
        if config and config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        return folders

    def apply(self, paths: set[Path]) -> None:
        """After a save: read what changed and tell every open page; then check, and tell them again if the
        problems changed."""
        started = time.perf_counter()
        kind = self.what_changed(paths)
        if kind is None:
            return
        shown = ", ".join(sorted(_shown(p, self.root) for p in paths)[:3])
        with self.lock:
            try:
                if kind == SITE_WIDE:
                    self.build_site()
                else:
                    self.folders.forget(paths, self.content_dir)
                    state = self.model.state
                    assert state.site.derivations is not None  # every assembled site has them
                    last = LastRead(state.site.derivations, state.site.broken_ids, state.renderer.backlinks)
                    self.model.release()  # requests wait for the lock, then get the new model (or the error)
                    with _collector_paused():
                        self.read_records(checked=False, last=last)
            except Exception as exc:  # noqa: BLE001 — the server stays up; every page says what failed
                self.error = f"The preview could not read the change to {shown}: {type(exc).__name__}: {exc}"
                self.logged = []  # not the last failed build's
                log.exception(self.error)
            self._tell_open_pages()
        log.info(f"{shown} changed: {'whole site built' if kind == SITE_WIDE else 'records read'} in {time.perf_counter() - started:.2f} s")
        if kind == RECORDS and self.error is None:
            if self.check_records():
                with self.lock:
                    self._tell_open_pages()
            count = len(self.model.state.problems)
            log.info(f"checked in {time.perf_counter() - started:.2f} s: {count} problem{'s' * (count != 1)}")
        gc.collect()  # the last save's records, now the page is shown: memory stays where the first build left it

    def _tell_open_pages(self) -> None:
        self.version += 1
        self.changed.notify_all()

    def wait_for_change(self, since: int, timeout: float = WAIT_FOR_CHANGE_S) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != since, timeout=timeout)
            return self.version

    # --- what a request gets ------------------------------------------------------

    def respond(self, raw_path: str) -> Shown:
        path = unquote(urlsplit(raw_path).path).lstrip("/")
        with self.lock:
            if self.error is not None:
                return self._error_page(self.error)
            url = path[: -len("index.html")] if path.endswith("index.html") else path
            file = self.by_url.get(url)
            if file is not None:
                return self._html(HTTPStatus.OK, self.page(file))
            if path + "/" in self.by_url:
                return Shown(HTTPStatus.FOUND, "text/plain", b"", location="/" + path + "/")
            if path.startswith(adapter.DOWNLOAD_PLACES):  # made when one is asked for: all of them take a second at 10,000 records
                downloads = self._downloads()
                if path in downloads:
                    return Shown(HTTPStatus.OK, _type_of(path), downloads[path].encode("utf-8"))
                return self._not_found()
            return self._static(path)

    def page(self, file) -> str:
        """A page as a build writes it, from the latest records (a build's steps for one page: mkdocs_internals.PAGE_STEPS)."""
        model, config, page = self.model, self.config, file.page
        made = model.generated.get(file.src_uri)
        file.content_string = made.stub() if made is not None else model.docs_texts[file.src_uri]
        setattr(config, mkdocs_internals.CURRENT_PAGE, page)
        try:
            page.read_source(config)
            if made is not None:
                model.state.renderers = {file.src_uri: (made.shown, made.render)}
                model.state.prerender = Prerender({file.src_uri: made.render}, worker=False)
                adapter.fill_generated_page(model.state, page)
            else:
                page.render(config, self.files)
            page.active = True
            context = adapter.on_page_context(model.state, dict(mkdocs_internals.GET_CONTEXT(self.nav, self.files, config, page)), page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            output = template.render(context)
            return adapter.on_post_page(model.state, output, page, config)
        finally:
            page.active = False
            setattr(config, mkdocs_internals.CURRENT_PAGE, None)

    def _downloads(self) -> dict[str, str]:
        model = self.model
        if model.downloads is None:
            settings = adapter.FeedSettings(self.config.site_name, self.config.site_url)
            model.downloads = adapter.downloads(model.state.site, model.state.renderer, settings)
        return model.downloads

    def _static(self, path: str) -> Shown:
        root = self.site_dir.resolve()
        target = (root / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        if root not in target.parents or not target.is_file() or target.suffix == ".html":
            # A page the whole build wrote may be gone since (a record deleted or broken): pages come from the records only.
            return self._not_found()
        return Shown(HTTPStatus.OK, _type_of(target.name), target.read_bytes())

    def _not_found(self) -> Shown:
        """The theme's 404 page, with the latest problems: a page is missing exactly when its file fails to load."""
        template = self.env.get_template(mkdocs_internals.ERROR_PAGE_TEMPLATES[0])
        output = template.render(mkdocs_internals.GET_CONTEXT(self.nav, self.files, self.config, base_url="/"))
        return self._html(HTTPStatus.NOT_FOUND, adapter.on_post_template(self.model.state, output, "404.html", self.config))

    def _error_page(self, message: str, logged: list[str] | None = None) -> Shown:
        return self._html(HTTPStatus.INTERNAL_SERVER_ERROR, adapter.error_page(message, self.logged if logged is None else logged))

    def _html(self, status: int, text: str) -> Shown:
        script = RELOAD_SCRIPT % (self.version, CHANGES_PATH)
        text = text.replace("</body>", script + "</body>", 1) if "</body>" in text else text + script
        return Shown(status, "text/html; charset=utf-8", text.encode("utf-8", errors="xmlcharrefreplace"))


@contextlib.contextmanager
def _collector_paused():
    """No garbage collection while a save is read and checked (a tenth of a second at 10,000 records): it runs after."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _hooks_session(config) -> adapter.Session:
    """The hooks' session (brief_hooks.session): what the build just made."""
    for module in getattr(config, mkdocs_internals.CONFIG_HOOKS).values():
        if hasattr(module, "session"):
            return module.session()
    raise SystemExit(f"{config.config_file_path}: no hook file offers session() — the preview needs hooks/brief_hooks.py under `hooks:`")


def _source_of(file) -> Path:
    """A hand-written page's file (``abs_src_path`` is unset once the build has filled in its figures)."""
    return Path(file.src_dir) / file.src_uri


def _url_of(file) -> str:
    return "" if file.url in ("./", ".") else file.url


def _type_of(name: str) -> str:
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed in ("application/json", "application/xml") else guessed


def _is_scratch(path: Path) -> bool:
    """A file editors and tools make and remove beside the real ones: hidden (.x.md.swp), a backup (x.md~),
    vim's write test (4913), compiled code (__pycache__)."""
    return path.name.startswith(".") or path.name.endswith("~") or not path.suffix or "__pycache__" in path.parts


def _shown(path: Path, root: Path) -> str:
    with contextlib.suppress(ValueError):
        return path.relative_to(root).as_posix()
    return str(path)


# --- the server -------------------------------------------------------------------


def handler_for(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 — http.server's name
            parts = urlsplit(self.path)
            if parts.path == CHANGES_PATH:
                since = int(parse_qs(parts.query).get("since", ["-1"])[0] or -1)
                self._send(Shown(HTTPStatus.OK, "application/json", json.dumps({"version": preview.wait_for_change(since)}).encode()))
                return
            try:
                shown = preview.respond(self.path)
            except Exception as exc:  # noqa: BLE001 — one page failing must not stop the server
                log.exception(f"{self.path}: the page could not be made")
                shown = preview._error_page(f"{self.path}: the page could not be made: {type(exc).__name__}: {exc}", [])
            self._send(shown)

        def _send(self, shown: Shown) -> None:
            try:
                self.send_response(shown.status)
                self.send_header("Content-Type", shown.content_type)
                self.send_header("Content-Length", str(len(shown.body)))
                self.send_header("Cache-Control", "no-store")
                if shown.location:
                    self.send_header("Location", shown.location)
                self.end_headers()
                self.wfile.write(shown.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the tab was closed or reloaded while it waited for a change: no one to answer

        def log_message(self, format: str, *args) -> None:  # noqa: A002 — http.server's name
            log.debug(format % args)

    return Handler


class Watcher:
    """Every file event under the watched folders, taken together a moment after the first."""

    def __init__(self, preview: Preview, folders: list[tuple[Path, bool]]) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.preview, self.pending, self.arrived = preview, set[Path](), threading.Event()
        self.guard = threading.Lock()
        watcher = self

        class Events(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
                    return
                with watcher.guard:
                    watcher.pending.update(Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p)
                watcher.arrived.set()

        self.observer = Observer()
        for folder, recursive in folders:
            if folder.is_dir():
                self.observer.schedule(Events(), str(folder), recursive=recursive)
        self.observer.start()
        threading.Thread(target=self._apply_forever, daemon=True, name="preview-updates").start()

    def _apply_forever(self) -> None:
        while True:
            self.arrived.wait()
            time.sleep(SETTLE_S)
            with self.guard:
                paths, self.pending = self.pending, set()
                self.arrived.clear()
            self.preview.apply({p.resolve() if p.exists() else p for p in paths})

    def stop(self) -> None:
        self.observer.stop()


def watched_folders(preview: Preview) -> list[tuple[Path, bool]]:
    """(folder, with its subfolders): content/ and what the site is built from, and the project's own folder for mkdocs.yml."""
    return [(preview.content_dir, True), *((folder, True) for folder in preview.site_folders()), (preview.root, False)]


def serve(config_file: Path, host: str, port: int) -> int:
    try:  # the address first: a second server on it should say so now, not after building the site
        server = ThreadingHTTPServer((host, port), BaseHTTPRequestHandler)
    except OSError as exc:
        print(
            f"{host}:{port}: cannot serve there ({exc.strerror}) — is `make serve` or another preview running? "
            f"Stop it, or choose another address: --dev-addr {host}:{port + 1}",
            file=sys.stderr,
        )
        return 2
    site_dir = Path(tempfile.mkdtemp(prefix="newsbrief_preview_"))
    try:
        serve_url = f"http://{host}:{port}/"
        started = time.perf_counter()
        preview = Preview(config_file.resolve(), site_dir, serve_url)
        log.info(f"The whole site built in {time.perf_counter() - started:.1f} s")
        server.RequestHandlerClass = handler_for(preview)
        server.daemon_threads = True
        watcher = Watcher(preview, watched_folders(preview))
        log.info(f"Previewing on {serve_url} — pages are made when asked for; save a file and the open page reloads")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            watcher.stop()
    finally:
        server.server_close()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbrief.preview", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    if not args.config_file.is_file():
        print(f"{args.config_file}: no such file — run the preview from the project's folder, or name mkdocs.yml with --config-file", file=sys.stderr)
        return 2
    return serve(args.config_file, host or "127.0.0.1", int(port))


if __name__ == "__main__":
    sys.exit(main())
