"""Shared fixtures: copies of the valid content trees, and a way to read their problems."""

from __future__ import annotations

import contextlib
import functools
import gc
import http.server
import importlib
import io
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import traceback
import warnings
from pathlib import Path

import pytest

ENGINE = os.environ.get("DOCS_ENGINE", "mkdocs")
"""The command that builds and serves: `mkdocs` (1.6.1), or `properdocs`, its continuation
(CI runs the suite on both; docs/engines.md)."""
if ENGINE == "properdocs":
    # As `properdocs` does for the hooks: every `import mkdocs.*` in the tests loads properdocs.*,
    # so test_engine.py checks the internals of the engine that builds.
    import properdocs.replacement  # noqa: F401

from browsers import CHECK_TEST, find_chromium  # noqa: E402 — after the engine is chosen
from newsbrief.checks import Site, load_site  # noqa: E402 — after the engine is chosen

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_CONTENT = FIXTURES / "valid" / "content"


def problems(content_dir: Path) -> list[str]:
    """Every problem of a content tree, as the editor reads them."""
    return [str(p) for p in load_site(content_dir, content_dir.parent).problems]


@pytest.fixture
def valid_content(tmp_path: Path) -> Path:
    """A copy of the small valid tree in tests/fixtures/valid, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, target)
    return target


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    """A copy of the project's real content/, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.fixture(scope="session")
def real_site() -> Site:
    return load_site(ROOT / "content", ROOT)


PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "content")
CACHE = ".cache"
"""The search plugin's word-splitter cache (jieba, made by the first build): copied when there, so that
each copied project does not spend seconds making it again."""


SECOND_BRIEF = FIXTURES / "second-brief"


def add_second_brief(project_or_content: Path) -> None:
    """Copy the second brief's records (and its docs page, for a project) beside the real ones."""
    content = project_or_content if project_or_content.name == "content" else project_or_content / "content"
    shutil.copytree(SECOND_BRIEF / "content", content, dirs_exist_ok=True)
    if content.parent.joinpath("docs").is_dir():
        shutil.copytree(SECOND_BRIEF / "docs", content.parent / "docs", dirs_exist_ok=True)


@pytest.fixture
def two_briefs(tmp_path: Path) -> Path:
    """A copy of the real content/ with the second brief beside it, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    add_second_brief(target)
    return target


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, target / part)
    if (ROOT / CACHE).is_dir():
        shutil.copytree(ROOT / CACHE, target / CACHE)
    return target


def build_env(site_url: str | None = None) -> dict[str, str]:
    """The environment of a build: SITE_URL only when given, so every other build uses mkdocs.yml's default."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url is not None:
        env["SITE_URL"] = site_url
    return env


def mkdocs_build(project: Path, site_dir: Path, strict: bool = True, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` of ``project``, run in this process: what the command prints and its exit status.

    In-process because a build in a fresh interpreter spends about as long starting (imports, the
    Chinese word splitter's dictionary) as building; `mkdocs_build_command` runs the command itself."""
    env = build_env(site_url)
    log = io.StringIO()
    with _environment(env), _logged_as_the_command_does(log):
        returncode, stdout = _run_build(project, site_dir, strict, log)
    return subprocess.CompletedProcess(["mkdocs", "build", str(project)], returncode, stdout, log.getvalue())


@contextlib.contextmanager
def _environment(env: dict[str, str]):
    """``os.environ`` is ``env`` for the block (SITE_URL, NEWSBRIEF_TODAY…), then as it was."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _logged_as_the_command_does(stream: io.StringIO):
    """The engine's log as `mkdocs build` prints it without a terminal: 'LEVEL   -  message' (its
    `--no-color` format), INFO and up, not passed on to other handlers."""
    logger = logging.getLogger(ENGINE)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    saved = (logger.level, logger.propagate, warnings.showwarning, warnings.filters[:])
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    importlib.import_module(f"{ENGINE}.__main__")._enable_warnings()  # as the command does: deprecations logged
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.level, logger.propagate, warnings.showwarning, warnings.filters[:] = saved


def _run_build(project: Path, site_dir: Path, strict: bool, stderr: io.StringIO) -> tuple[int, str]:
    """What `mkdocs build [--strict] -f project/mkdocs.yml -d site_dir` does: its exit status and stdout.
    As the command does, an abort prints its message on stdout, a configuration error 'Error: …' and
    any other exception its traceback on stderr."""
    config = importlib.import_module(f"{ENGINE}.config")
    build = importlib.import_module(f"{ENGINE}.commands.build")
    exceptions = importlib.import_module(f"{ENGINE}.exceptions")
    try:
        cfg = config.load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build.build(cfg, dirty=False)
        finally:
            cfg.plugins.on_shutdown()
    except exceptions.Abort as abort:
        return 1, "\n" + abort.format_message() + "\n"
    except exceptions.MkDocsException as error:
        stderr.write(f"Error: {error.format_message()}\n")
        return 1, ""
    except Exception:
        stderr.write(traceback.format_exc())
        return 1, ""
    return 0, ""


def mkdocs_build_command(project: Path, site_dir: Path, strict: bool = True, site_url: str | None = None) -> subprocess.CompletedProcess:
    """The `mkdocs build` command itself, in a new interpreter, as an editor or CI runs it."""
    env = build_env(site_url)
    return subprocess.run(
        [sys.executable, "-m", ENGINE, "build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def planted_site(tmp_path_factory) -> Path:
    """The project with scripts planted in every text field of every kind, built once a worker: read, never
    changed, by the hostile tests and the browser's (test_hostile.build_planted_site)."""
    from test_hostile import build_planted_site

    return build_planted_site(tmp_path_factory)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """A local HTTP server for the built site, its port taken before the build.

    The site is built with ``SITE_URL`` set to this server's address, as it is deployed
    with GitHub Pages' address: Material's instant navigation only follows links that
    its sitemap lists on the page's own origin, so the two must agree. It starts
    serving when a browser test asks (``test_browser.py``).
    """
    site_dir = tmp_path_factory.mktemp("built") / "site"
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.site_dir = site_dir
    server.site_url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield server
    finally:
        server.server_close()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    """The real project, built strict once, as deployed (SITE_URL set), for all the tests that read its HTML."""
    result = mkdocs_build(ROOT, site_server.site_dir, site_url=site_server.site_url)
    assert result.returncode == 0, result.stderr
    return site_server.site_dir


@functools.cache
def chromium():
    """The browser the browser tests drive (see browsers.py), looked for once a run."""
    return find_chromium()


NOT_PLAIN_IN_AN_ID = re.compile(r"[^\x20-\x5b\x5d-\x7e]")
"""What pytest would escape in a test id (anything but printable ASCII, and the backslash itself)."""


def pytest_make_parametrize_id(config, val, argname) -> str | None:
    """A parameter's id in plain ASCII ('Ford–Xiaomi' → 'Ford_Xiaomi'): mutmut hands a mutant's tests
    back to pytest by id, in a process that has already collected them, and there an escaped id
    ('Ford\\u2013Xiaomi') is not found: the mutant is scored killed without a test having run."""
    if isinstance(val, str) and NOT_PLAIN_IN_AN_ID.search(val):
        return NOT_PLAIN_IN_AN_ID.sub("_", val)
    return None


RUN_FIRST = ("test_preview.py", "test_bench.py", "test_prerender.py", "test_serve.py", "test_browser.py")
"""The files of the longest tests (the preview compared with builds, a benchmark serving edits, builds in a
new interpreter, a running `mkdocs serve`, a real browser), longest tests first: the workers end the run
on short tests, none left alone with a long one (the preview's 13 s test last: 14 s of one worker alone)."""


@pytest.fixture(autouse=True)
def _caches_emptied_under_mutmut():
    """Under mutmut, each test starts with the package's caches empty (`numbers.read_numbers`' texts, the
    model's text fields…). mutmut learns which test reaches which function by running them all in one
    process: a text read by an earlier test came from the cache, so the test that asserts its reading
    was never listed for the reading's mutants (13 of `numbers`' signs survived so)."""
    if "mutmut" in sys.modules:
        for name, module in list(sys.modules.items()):
            if name.startswith("newsbrief"):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
    yield


def pytest_configure(config) -> None:
    """Once, before any worker starts: the word splitter's cache (CACHE) made in this checkout, so that every
    copied project starts with it. Without it (a fresh clone) each new interpreter that builds or serves a
    copy (`mkdocs serve`, the preview, the builds in a new interpreter) makes its own, a second each."""
    if hasattr(config, "workerinput") or (ROOT / CACHE / "jieba.cache").is_file():
        return
    try:
        import jieba
    except ImportError:
        return
    (ROOT / CACHE).mkdir(exist_ok=True)
    jieba.dt.tmp_dir = str(ROOT / CACHE)
    jieba.dt.initialize()


def pytest_collection_finish(session) -> None:
    """In mutmut's fork server, once the tests are collected: every object made so far is left out of the
    garbage collector's walks, so that a forked mutant does not copy the server's memory page by page
    just to walk it. `mutation/run.py derive`: 82 s without, 42 s with (docs/testing.md)."""
    if "mutmut" in sys.modules:
        gc.freeze()


def pytest_collection_modifyitems(config, items) -> None:
    """Every test id is plain ASCII (see above). Without a browser, one test fails and says how to
    install one; the others skip, pointing at it."""
    escaped = [item.nodeid for item in items if NOT_PLAIN_IN_AN_ID.search(item.nodeid.replace("/", "_"))]
    if escaped:
        raise pytest.UsageError(
            "these test ids are not plain ASCII, and mutation testing cannot run them: give each an id "
            "(pytest.param(..., id=...) or ids=...) of plain letters, digits and punctuation:\n  " + "\n  ".join(escaped)
        )
    # The longest tests go first (RUN_FIRST): pytest-xdist's workers then end the run on short tests.
    items.sort(key=lambda item: RUN_FIRST.index(file) if (file := item.nodeid.split("::")[0].rsplit("/", 1)[-1]) in RUN_FIRST else len(RUN_FIRST))
    browser_tests = [item for item in items if item.get_closest_marker("browser") and item.nodeid != CHECK_TEST]
    if browser_tests and chromium().path is None:
        skip = pytest.mark.skip(reason=f"no Chromium: {CHECK_TEST} says how to install one")
        for item in browser_tests:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def mkdocs_serve(project: Path, log_path: Path, *options: str):
    """`mkdocs serve` of ``project`` on a free local port: yields its base URL (no trailing slash)."""
    with _serving(
        lambda port: [sys.executable, "-m", ENGINE, "serve", *options, "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"], log_path, build_env()
    ) as base:
        yield base


@contextlib.contextmanager
def preview_serve(project: Path, log_path: Path):
    """`make preview` of ``project`` on a free local port: yields its base URL (no trailing slash)."""
    env = {**build_env(), "PYTHONPATH": str(project / "hooks")}
    command = lambda port: [sys.executable, "-m", "newsbrief.preview", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]  # noqa: E731
    with _serving(command, log_path, env, cwd=project) as base:
        yield base


@contextlib.contextmanager
def _serving(command, log_path: Path, env: dict[str, str], cwd: Path | None = None):
    """A server started with ``command(port)`` on a free port, its output in ``log_path``; stopped after."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command(port), stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)


def touch_later(path: Path) -> None:
    """Give an edited file a distinct mtime, even on file systems that keep whole seconds."""
    stamp = time.time() + 1
    os.utime(path, (stamp, stamp))
