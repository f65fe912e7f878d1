"""The built site in a real browser, as a reader uses it: Chromium driven by Playwright.

The site is built once (strict) and served by a small local HTTP server. Nothing may
leave the machine: every request to a host other than 127.0.0.1 is aborted, and the
pages of each kind are checked for having asked none. Chromium is Debian's
(/usr/bin/chromium) or the one named by CHROMIUM_PATH; without it these tests fail,
they never skip. Accessibility is checked with axe-core from node_modules (`npm ci`).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import struct
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from conftest import ROOT, copy_project, mkdocs_serve, touch_later
from test_hostile import planted_site  # noqa: F401 — the fixture: a build with scripts planted in every text

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
LOCAL_HOST = "127.0.0.1"
WAIT_MS = 15_000  # for things that happen in the page itself
REBUILD_WAIT_MS = 90_000  # a `mkdocs serve` build on a slow CI machine
expect.set_options(timeout=WAIT_MS)

HEADLINE = "Ford and Xiaomi deny report of talks on a US electric-vehicle joint venture"
KINDS = ("briefs", "companies", "people", "organizations", "policies", "statements", "claims", "figures", "events", "sources")
RECORDS = (
    "briefs/ford-xiaomi-deny-jv-report/",
    "companies/xiaomi/",
    "people/lei-jun/",
    "organizations/financial-times/",
    "policies/us-tariff-chinese-vehicles-2024/",
    "statements/ford-denies-jv-report/",
    "claims/ford-xiaomi-us-ev-joint-venture-talks/",
    "figures/xiaomi-registrations-2025/",
    "events/ford-xiaomi-deny-report/",
    "sources/ft-report-ford-xiaomi-jv-talks/",
)
# One page of each kind: the home page, every index, one record of every kind.
EVERY_KIND_OF_PAGE = ("", *(f"{kind}/" for kind in KINDS), *RECORDS)
SCREENSHOT_PAGES = {
    "home": "",
    "brief": "briefs/ford-xiaomi-deny-jv-report/",
    "company": "companies/xiaomi/",
    "person": "people/lei-jun/",
    "statement": "statements/ford-denies-jv-report/",
    "claim": "claims/ford-xiaomi-us-ev-joint-venture-talks/",
    "figure": "figures/xiaomi-registrations-2025/",
    "source": "sources/ft-report-ford-xiaomi-jv-talks/",
    "policy": "policies/us-tariff-chinese-vehicles-2024/",
}


# ---------------------------------------------------------------- the server and the browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The strict build of the real project, served on a free local port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (Debian: apt-get install chromium) "
            "or set CHROMIUM_PATH to a Chromium or Chrome binary. The browser tests never skip.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Reader:
    """A browser tab, and what it asked the network for or complained about since the last reset."""

    def __init__(self, context: BrowserContext):
        self.context = context
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._only_local)
        self.page = context.new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _only_local(self, route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def reset(self) -> None:
        self.requests.clear()
        self.blocked.clear()
        self.errors.clear()

    def foreign_requests(self) -> list[str]:
        return sorted({url for url in self.requests + self.blocked if not _is_local(url)})

    def open(self, url: str, wait_until: str = "load") -> Page:
        response = self.page.goto(url, wait_until=wait_until)
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        return self.page


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == LOCAL_HOST


def _new_reader(browser: Browser, **options) -> Reader:
    options.setdefault("viewport", {"width": 1280, "height": 900})
    return Reader(browser.new_context(color_scheme="light", locale="en-GB", service_workers="block", **options))


@pytest.fixture
def reader(browser: Browser):
    """A fresh tab of its own, for a test that types, clicks or changes settings."""
    reader = _new_reader(browser)
    yield reader
    reader.context.close()


@pytest.fixture(scope="module")
def tab(browser: Browser):
    """One tab shared by the tests that only look: opening a tab costs a few tenths of a second."""
    reader = _new_reader(browser)
    yield reader
    reader.context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def test_chromium_is_installed() -> None:
    """The one place the missing browser shows as a failure; the other tests then error at set-up."""
    assert Path(CHROMIUM).is_file(), (
        f"Chromium not found at {CHROMIUM}: install it (Debian: apt-get install chromium) "
        "or set CHROMIUM_PATH to a Chromium or Chrome binary")


def heading(page: Page):
    return page.locator("article h1")


# ---------------------------------------------------------------- a reader's paths


def test_from_the_home_page_to_a_source_and_back(reader: Reader, site_url: str) -> None:
    page = reader.open(site_url)
    expect(heading(page)).to_contain_text(HEADLINE)

    # Material's instant navigation makes every href absolute, so links are matched by their ending.
    page.locator("article a[href$='/companies/xiaomi/']").first.click()
    page.wait_for_url("**/companies/xiaomi/")
    expect(heading(page)).to_contain_text("Xiaomi")

    page.locator("article a[href$='/statements/xiaomi-denies-jv-report/']").first.click()
    page.wait_for_url("**/statements/xiaomi-denies-jv-report/")
    expect(heading(page)).to_contain_text("Xiaomi, 1 February 2026")

    page.locator("article sup.nb-cite a[href$='/sources/xiaomi-spokesperson-statement-2026-02-01/']").first.click()
    page.wait_for_url("**/sources/xiaomi-spokesperson-statement-2026-02-01/")
    expect(heading(page)).to_contain_text("Xiaomi spokesperson's statement")

    # Back to the statement through the source page's backlinks.
    backlink = page.locator("article h2#what-this-source-backs ~ * a[href$='/statements/xiaomi-denies-jv-report/']")
    expect(backlink).to_have_count(1)
    section = backlink.evaluate(
        "a => { let e = a.closest('article > *'); while (e && e.tagName !== 'H2') e = e.previousElementSibling;"
        " return e && e.id }")
    assert section == "what-this-source-backs"
    backlink.click()
    page.wait_for_url("**/statements/xiaomi-denies-jv-report/")
    expect(heading(page)).to_contain_text("Xiaomi, 1 February 2026")
    assert reader.foreign_requests() == []  # errors in the page: see test_pages_log_no_errors


@pytest.mark.parametrize(("query", "expected"), [
    ("Xiaomi", "/companies/xiaomi/"),
    ("Lei Jun", "/people/lei-jun/"),
    ("小米", "/companies/xiaomi/"),
])
def test_search_finds_latin_and_chinese_names(reader: Reader, site_url: str, query: str, expected: str) -> None:
    page = reader.open(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    # Material searches on keyup; characters typed through an input method (Chinese) send
    # none until the reader confirms them, as End does here.
    search.press("End")
    results = page.locator(".md-search-result__list > li > a.md-search-result__link")
    expect(results.first).to_be_visible()
    # Results refine as the query is typed; wait for those of the whole query (Material adds it as ?h=).
    page.wait_for_function(
        "q => [...document.querySelectorAll('.md-search-result__list > li > a.md-search-result__link')]"
        ".some(a => new URL(a.href).searchParams.get('h') === q)", arg=query.lower())

    def found() -> list[str]:
        return [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]

    # Results come in batches as the reader scrolls the list: scroll until the page shows up or no more come.
    shown, unchanged, deadline = found(), 0, time.monotonic() + WAIT_MS / 1000
    while expected not in shown and unchanged < 3 and time.monotonic() < deadline:
        page.locator(".md-search__scrollwrap").evaluate("e => { e.scrollTop = 0; }")
        page.wait_for_timeout(100)
        page.locator(".md-search__scrollwrap").evaluate("e => { e.scrollTop = e.scrollHeight; }")
        page.wait_for_timeout(200)
        before, shown = shown, found()
        unchanged = unchanged + 1 if len(shown) == len(before) else 0
    assert expected in shown, f"searching {query!r} found {shown}"


def test_a_disputed_claim_shows_its_badge_and_its_citations_are_keyboard_reachable(reader: Reader, site_url: str) -> None:
    page = reader.open(site_url + "claims/ford-xiaomi-us-ev-joint-venture-talks/")
    badge = page.locator("article .nb-status--disputed").first
    expect(badge).to_be_visible()
    expect(badge).to_have_text("Disputed")

    citations = page.locator("article sup.nb-cite a")
    titles = set(citations.evaluate_all("links => links.map(a => a.title)"))
    for title in titles:  # "<title> — <publisher>, <date>"
        name, _, publisher_and_date = title.partition(" — ")
        publisher, _, date = publisher_and_date.rpartition(", ")
        assert name and publisher and re.search(r"\b(19|20)\d\d$", date), title

    focused = None
    for _ in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.matches('sup.nb-cite a')")
        if focused:
            break
    assert focused, "150 presses of Tab never reached a citation link on the claim page"
    link = page.locator("sup.nb-cite a:focus")
    expect(link).to_be_visible()
    assert urlsplit(link.evaluate("a => a.href")).path.startswith("/sources/")
    # Material's tooltips turn the title into a tooltip the focused link is described by.
    # Material adds the attribute after focus, asynchronously: wait for it (reading it at once failed 1 run in 17).
    expect(link).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator(f"[id='{link.get_attribute('aria-describedby')}']")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(re.compile(r"^\s*(" + "|".join(re.escape(t) for t in titles) + r")\s*$"))


def test_a_fact_popover_opens_on_keyboard_focus(reader: Reader, site_url: str) -> None:
    page = reader.open(site_url + "companies/xiaomi/")
    fact = page.locator("article .nb-fact:has(data[data-figure='xiaomi-deliveries-2025-01'])").first
    popover = fact.locator(".nb-pop")
    expect(popover).to_be_hidden()
    for _ in range(300):  # reach it the way a keyboard user does
        page.keyboard.press("Tab")
        if fact.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("300 presses of Tab never reached the figure")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("Implied, not stated: over 39,000 / (1 + 70%) = over 22,941 (implied).")
    expect(fact).to_have_attribute("aria-describedby", popover.get_attribute("id"))
    page.keyboard.press("Tab")
    expect(popover).to_be_hidden()
    fact.hover()  # and with the mouse
    expect(popover).to_be_visible()


def test_the_timeline_filters_by_entity_without_leaving_the_page(reader: Reader, site_url: str) -> None:
    page = reader.open(site_url + "timeline/")
    items = page.locator("article .nb-timeline li")
    total = items.count()
    page.locator(".nb-timeline-filter select").select_option("jim-farley")
    visible = page.locator("article .nb-timeline li:visible")
    expect(visible.first).to_be_visible()
    shown = visible.count()
    assert 0 < shown < total
    assert all("jim-farley" in m.split() for m in visible.locator(".nb-tl-item").evaluate_all("els => els.map(e => e.dataset.entities)"))
    assert urlsplit(page.url).path == "/timeline/"
    page.locator(".nb-timeline-filter select").select_option("")
    expect(page.locator("article .nb-timeline li:visible")).to_have_count(total)


def test_the_light_dark_toggle_switches_the_colour_scheme(reader: Reader, site_url: str) -> None:
    page = reader.open(site_url)
    body = page.locator("body")
    toggle = page.locator("form[data-md-component=palette] label.md-header__button:visible")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()  # the choice is remembered
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


@pytest.fixture(scope="module")
def phone(browser: Browser):
    reader = _new_reader(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield reader
    reader.context.close()


@pytest.mark.parametrize("path", ["", "companies/xiaomi/", "briefs/ford-xiaomi-deny-jv-report/", "figures/"])
def test_a_phone_screen_never_scrolls_sideways(phone: Reader, site_url: str, path: str) -> None:
    page = phone.open(site_url + path)
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, window: window.innerWidth})")
    assert widths["window"] == 390
    assert widths["scroll"] <= widths["window"], f"/{path} is {widths['scroll']}px wide on a {widths['window']}px screen"


def test_index_tables_sort_by_date(reader: Reader, site_url: str) -> None:
    page = reader.open(site_url + "figures/")
    table = page.locator("article .nb-sortable table")
    date_header = table.locator("thead th").filter(has_text="Date")
    date_button = date_header.get_by_role("button", name="Date")
    expect(date_button).to_be_visible()  # the script has turned the header into a button

    def dates() -> list[str]:
        return table.locator("tbody tr td:nth-child(2) time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")

    before = dates()
    assert len(before) > 2 and before != sorted(before)  # listed by name, so sorting must move rows
    date_button.click()
    expect(date_header).to_have_attribute("aria-sort", "ascending")
    assert dates() == sorted(before)
    date_button.click()
    expect(date_header).to_have_attribute("aria-sort", "descending")
    assert dates() == sorted(before, reverse=True)


@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshots_of_each_kind_of_page(visit, name: str) -> None:
    """Full-page screenshots for a reviewer (taken on the page's one visit), also in test-output/screenshots/."""
    seen = visit(SCREENSHOT_PAGES[name])
    shot = seen.screenshot
    assert shot is not None and shot.name == f"{name}.png"
    # A PNG of the whole page, not a file of some size: its header's width and height are the page's.
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    width, height = struct.unpack(">II", header[16:24])
    assert (width, height) == seen.page_size and height > 900, (width, height, seen.page_size)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOTS / shot.name)


# ---------------------------------------------------------------- every kind of page: errors, hosts, accessibility


@dataclass
class Visit:
    path: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict] | None = None  # axe-core's, or None when axe-core is not installed
    screenshot: Path | None = None
    page_size: tuple[int, int] = (0, 0)
    """The page's full width and height in CSS pixels when it was screenshot."""


@pytest.fixture(scope="module")
def visit(tab: Reader, site_url: str, screenshot_dir: Path):
    """Open a page once, screenshot it, run axe-core in it, and keep what happened for the tests that ask."""
    visits: dict[str, Visit] = {}
    screenshot_names = {path: name for name, path in SCREENSHOT_PAGES.items()}

    def _visit(path: str) -> Visit:
        if path not in visits:
            tab.reset()
            page = tab.open(site_url + path)
            shot, size = None, (0, 0)
            if path in screenshot_names:
                shot = screenshot_dir / f"{screenshot_names[path]}.png"
                page.screenshot(path=str(shot), full_page=True, animations="disabled")
                size = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            violations = None
            if AXE.is_file():
                page.add_script_tag(path=str(AXE))  # inline: no request
                violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
            else:
                page.wait_for_load_state("networkidle")
            # axe-core takes about a second, long enough for the page's late requests (the search index).
            visits[path] = Visit(path, list(tab.requests), tab.foreign_requests(), list(tab.errors), violations, shot, tuple(size))
        return visits[path]

    return _visit


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_pages_ask_no_other_host(visit, path: str) -> None:
    seen = visit(path)
    assert seen.foreign == [], f"/{path} asked other hosts"
    assert any(urlsplit(url).path == "/" + path for url in seen.requests)  # the recorder saw the page itself
    assert any(urlsplit(url).path.endswith("/search_index.json") for url in seen.requests), "search index never loaded"


# Errors a page may log that are known and accepted: {error text: why}. None today; an entry
# here must say why it cannot be fixed.
KNOWN_PAGE_ERRORS: dict[str, str] = {}


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_pages_log_no_errors(visit, path: str) -> None:
    seen = visit(path)
    assert [e for e in seen.errors if e not in KNOWN_PAGE_ERRORS] == [], f"/{path} logged errors"


@dataclass(frozen=True)
class KnownViolation:
    """A serious axe-core violation the site's theme, templates or CSS cause today, reported for a fix."""

    rule: str
    node: str  # regular expression matched against "<target selector> <element html>"
    summary: str

    def matches(self, violation: dict, node: dict) -> bool:
        return violation["id"] == self.rule and re.search(self.node, " ".join(node["target"]) + " " + node["html"]) is not None


KNOWN_AXE_VIOLATIONS: tuple[KnownViolation, ...] = ()


def serious(violations: list[dict]) -> list[tuple[dict, dict]]:
    return [(v, node) for v in violations if v["impact"] in ("serious", "critical") for node in v["nodes"]]


def describe(path: str, violation: dict, node: dict) -> str:
    return f"/{path}: {violation['id']} ({violation['impact']}) at {' '.join(node['target'])}: {violation['help']}"


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_no_serious_accessibility_violations(visit, path: str) -> None:
    seen = visit(path)
    assert seen.violations is not None, f"{AXE} is missing: run `npm ci` in {ROOT}"
    new = [describe(path, v, node) for v, node in serious(seen.violations)
           if not any(known.matches(v, node) for known in KNOWN_AXE_VIOLATIONS)]
    assert new == [], "\n".join(new)


# ---------------------------------------------------------------- mkdocs serve


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch_later(path)


@pytest.fixture(scope="module", autouse=True)
def served_project(tmp_path_factory):
    """`mkdocs serve` on a copy of the project, started with the module so that its first
    build (several seconds) overlaps the other tests instead of adding to them."""
    folder = tmp_path_factory.mktemp("serve")
    project = copy_project(folder / "project")
    with mkdocs_serve(project, folder / "serve.log") as base:
        yield project, base + "/", folder / "serve.log"


def _open_when_served(page: Page, url: str) -> None:
    deadline = time.monotonic() + REBUILD_WAIT_MS / 1000
    while True:
        try:
            response = page.goto(url)
            if response is not None and response.ok:
                return
        except Exception:  # noqa: BLE001 - nothing listens until the first build is done
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"mkdocs serve never answered {url}")
        time.sleep(0.3)


def test_live_reload_shows_a_mistake_and_its_fix_in_the_open_page(reader: Reader, served_project) -> None:
    project, base, log = served_project
    page = reader.page
    _open_when_served(page, base + "companies/ford/")
    expect(heading(page)).to_contain_text("Ford Motor Company")
    problems = page.locator(".nb-problems")
    expect(problems).to_have_count(0)
    page.evaluate("() => { window.notReloaded = true; }")  # gone once live reload replaces the page
    statement = project / "content" / "statements" / "ford-denies-jv-report.yaml"

    _edit(statement, "speaker: ford\n", "speaker: ford-motors\n")
    expect(problems).to_be_visible(timeout=REBUILD_WAIT_MS)
    expect(problems).to_contain_text("did you mean 'ford'?")
    assert page.evaluate("() => window.notReloaded") is None, "live reload should have replaced the page"

    _edit(statement, "speaker: ford-motors\n", "speaker: ford\n")
    expect(problems).to_have_count(0, timeout=REBUILD_WAIT_MS)
    expect(heading(page)).to_contain_text("Ford Motor Company")
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_planted_scripts_never_run_in_a_browser(planted_site: Path, browser: Browser) -> None:
    """Every page kind of the planted site, opened in Chromium: no script from content runs, no dialog opens."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(planted_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in ("", "briefs/ford-xiaomi-deny-jv-report/", "companies/xiaomi/", "people/lei-jun/",
                     "statements/ford-denies-jv-report/", "claims/ford-xiaomi-us-ev-joint-venture-talks/",
                     "figures/xiaomi-deliveries-2025-01/", "sources/ft-report-ford-xiaomi-jv-talks/",
                     "policies/us-tariff-chinese-vehicles-2024/", "timeline/", "figures/"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            for fact in page.locator(".nb-fact").all()[:5]:
                fact.focus()  # popovers open: their text must stay text too
            assert page.evaluate("() => window.__pwned") is None, path
            assert page.locator("article").inner_text().count("<script>window.__pwned = true</script>") > 0, path
        assert dialogs == []
    finally:
        context.close()
        server.shutdown()


def test_every_planted_page_renders_to_its_footer(planted_site: Path, browser: Browser) -> None:
    """Every page of the planted build (each text field ends in '<!--<script>' and the other script-state
    sequences), opened in Chromium: no inline <script> swallows the rest of a page, so each footer shows."""
    handler = functools.partial(_QuietHandler, directory=str(planted_site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    reader = _new_reader(browser, java_script_enabled=False)  # the parse alone decides what is shown
    pages = sorted(p.relative_to(planted_site).parent.as_posix() for p in planted_site.rglob("index.html"))
    assert len(pages) > 80
    cut_short = []
    try:
        for path in pages:
            page = reader.open(f"http://{LOCAL_HOST}:{server.server_address[1]}/{'' if path == '.' else path + '/'}",
                               wait_until="domcontentloaded")
            if not page.locator("footer.md-footer").is_visible():
                cut_short.append(path)
    finally:
        reader.context.close()
        server.shutdown()
        server.server_close()
    assert cut_short == []
