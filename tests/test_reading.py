"""Every kind of page read in Chromium at 1280 px and at 390 px (a phone), light and dark.

Each visit saves a screenshot (test-output/screenshots/<kind>-<width>-<scheme>.png) and
measures what a reader would notice: sideways scrolling, chart and graph text smaller
than 12 px, labels or nodes drawn over each other, marks too faint against the page,
citation numbers too small to tap. Search is tried as a reader types it.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from test_browser import SCREENSHOTS, WAIT_MS, Reader, _new_reader, browser, site_url  # noqa: F401 — fixtures

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "",
    "brief": "briefs/ford-xiaomi-deny-jv-report/",
    "company": "companies/xiaomi/",
    "person": "people/jim-farley/",
    "organization": "organizations/biden-administration/",
    "policy": "policies/us-tariff-chinese-vehicles-2024/",
    "statement": "statements/xiaomi-denies-jv-report/",
    "claim": "claims/ford-xiaomi-us-ev-joint-venture-talks/",
    "figure": "figures/xiaomi-deliveries-2025-01/",
    "event": "events/ford-xiaomi-deny-report/",
    "source": "sources/ft-report-ford-xiaomi-jv-talks/",
    "index": "claims/",
    "figures-index": "figures/",
    "timeline": "timeline/",
}
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")
MIN_TEXT_PX = 12
MIN_CONTRAST = 3.0
MIN_TARGET_PX = 24

# What the reader sees, measured in the page with every fold-away opened.
MEASURE = """() => {
  document.querySelectorAll('article details').forEach(d => d.open = true);
  const box = e => e.getBoundingClientRect();
  const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const pairs = (list, name) => {
    const found = [];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++)
      if (meet(box(list[i]), box(list[j]))) found.push(`${name}: "${list[i].textContent.trim()}" / "${list[j].textContent.trim()}"`);
    return found;
  };
  const overlaps = [];
  document.querySelectorAll('article .nb-chart svg').forEach(svg => overlaps.push(...pairs([...svg.querySelectorAll('text')], 'chart text')));
  document.querySelectorAll('article .nb-graph svg').forEach(svg => {
    const nodes = [...svg.querySelectorAll('.nb-graph-node')];
    overlaps.push(...pairs(nodes.map(n => n.querySelector('rect')).map((r, i) => Object.assign(r, {textContent: nodes[i].textContent})), 'graph node'));
    nodes.forEach(n => {  // a label must fit inside its own node: never cut off
      const t = box(n.querySelector('text')), r = box(n.querySelector('rect'));
      if (t.left < r.left - 0.5 || t.right > r.right + 0.5) overlaps.push(`graph label spills out of its node: "${n.textContent.trim()}"`);
    });
  });
  const drawnText = [...document.querySelectorAll('article .nb-chart svg text, article .nb-graph svg text')].map(t =>
    ({text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}));
  const colour = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = colour(getComputedStyle(document.body).backgroundColor);
  const marks = [...document.querySelectorAll('article .nb-chart .nb-line, article .nb-chart .nb-point:not(.nb-point--implied), article .nb-graph-edge')]
    .map(m => ({mark: m.getAttribute('class'), contrast: ratio(colour(getComputedStyle(m).stroke), page)}));
  const targets = [...document.querySelectorAll('article .nb-cite a, article .nb-marker')].filter(a => a.offsetParent)
    .map(a => ({text: a.textContent, w: box(a).width, h: box(a).height}));
  return {scroll: document.documentElement.scrollWidth, width: window.innerWidth, overlaps, drawnText, marks, targets};
}"""


@dataclass
class Reading:
    kind: str
    width: int
    scheme: str
    measured: dict
    screenshot: Path


@pytest.fixture(scope="module")
def readings(browser: Browser, site_url: str, tmp_path_factory) -> dict[tuple[str, int, str], Reading]:  # noqa: F811
    """Each kind of page at each width and scheme, visited once: screenshot first, then the measurements."""
    shots = tmp_path_factory.mktemp("reading")
    found = {}
    for width in WIDTHS:
        for scheme in SCHEMES:
            options = {"viewport": {"width": width, "height": 900 if width > 400 else 844}}
            if width < 400:
                options.update(is_mobile=True, has_touch=True)
            reader = _new_reader(browser, **options)
            reader.context.close()
            context = browser.new_context(color_scheme=scheme, locale="en-GB", service_workers="block", **options)
            context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname in ("127.0.0.1", None) else route.abort())
            page = context.new_page()
            page.set_default_timeout(WAIT_MS)
            for kind, path in PAGE_KINDS.items():
                page.goto(site_url + path, wait_until="load")
                expected = "slate" if scheme == "dark" else "default"
                expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
                shot = shots / f"{kind}-{width}-{scheme}.png"
                page.screenshot(path=str(shot), full_page=True, animations="disabled")
                found[(kind, width, scheme)] = Reading(kind, width, scheme, page.evaluate(MEASURE), shot)
            context.close()
    return found


def _cases(widths=WIDTHS, schemes=SCHEMES):
    return [pytest.param(kind, width, scheme, id=f"{kind}-{width}-{scheme}") for kind in PAGE_KINDS for width in widths for scheme in schemes]


@pytest.mark.parametrize(("kind", "width", "scheme"), _cases())
def test_screenshots_of_every_kind_of_page(readings, kind: str, width: int, scheme: str) -> None:
    reading = readings[(kind, width, scheme)]
    assert reading.screenshot.stat().st_size > 10_000
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(reading.screenshot, SCREENSHOTS / reading.screenshot.name)


@pytest.mark.parametrize(("kind", "width", "scheme"), _cases(widths=(390,)))
def test_no_page_scrolls_sideways_on_a_phone(readings, kind: str, width: int, scheme: str) -> None:
    m = readings[(kind, width, scheme)].measured
    assert m["width"] == 390
    assert m["scroll"] <= m["width"], f"/{PAGE_KINDS[kind]} is {m['scroll']}px wide on a {m['width']}px screen"


@pytest.mark.parametrize(("kind", "width", "scheme"), _cases())
def test_chart_and_graph_labels_never_overlap(readings, kind: str, width: int, scheme: str) -> None:
    assert readings[(kind, width, scheme)].measured["overlaps"] == []


@pytest.mark.parametrize(("kind", "width", "scheme"), _cases(schemes=("light",)))
def test_chart_and_graph_text_is_at_least_12px(readings, kind: str, width: int, scheme: str) -> None:
    small = [t for t in readings[(kind, width, scheme)].measured["drawnText"] if t["px"] < MIN_TEXT_PX - 0.05]
    assert small == []


@pytest.mark.parametrize(("kind", "width", "scheme"), _cases(widths=(1280,)))
def test_chart_and_graph_marks_stand_out_in_both_schemes(readings, kind: str, width: int, scheme: str) -> None:
    faint = [m for m in readings[(kind, width, scheme)].measured["marks"] if m["contrast"] < MIN_CONTRAST]
    assert faint == []


@pytest.mark.parametrize(("kind", "width", "scheme"), _cases(widths=(390,), schemes=("light",)))
def test_citations_and_markers_are_big_enough_to_tap(readings, kind: str, width: int, scheme: str) -> None:
    small = [t for t in readings[(kind, width, scheme)].measured["targets"] if t["w"] < MIN_TARGET_PX or t["h"] < MIN_TARGET_PX]
    assert small == []


def test_the_pages_with_charts_and_graphs_were_measured(readings) -> None:
    """The checks above look at something: the company page has a chart and a graph, the brief has citations."""
    company = readings[("company", 390, "light")].measured
    assert len(company["drawnText"]) > 10 and len(company["marks"]) > 3
    assert len(readings[("brief", 390, "light")].measured["targets"]) > 20


# ---------------------------------------------------------------- search


def _entity_searches():
    """Every name, native name and alias of every company, person and organization: its page must come first."""
    from conftest import ROOT
    from newsbrief.checks import load_site

    site = load_site(ROOT / "content", ROOT)
    cases = []
    for entry in site.entries.values():
        if entry.kind in ("company", "person", "organization"):
            r = entry.record
            folder = {"company": "companies", "person": "people", "organization": "organizations"}[entry.kind]
            for name in dict.fromkeys([r.name, *([r.native_name] if r.native_name else []), *r.aliases]):
                cases.append(pytest.param(name, f"/{folder}/{entry.id}/", id=f"{entry.id}:{name}"))
    return cases


@pytest.fixture(scope="module")
def search_tab(browser: Browser, site_url: str):  # noqa: F811
    reader = _new_reader(browser)
    reader.open(site_url)
    yield reader.page
    reader.context.close()


def _first_result(page, query: str) -> str:
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)
    search.press("End")  # Material searches on keyup; Chinese typed through an input method sends none until confirmed
    results = page.locator(".md-search-result__list > li > a.md-search-result__link")
    expect(results.first).to_be_visible()
    # Results refine as the query is typed: read them once they have stopped changing.
    seen, steady, deadline = None, 0, time.monotonic() + WAIT_MS / 1000
    while steady < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(120)
        now = results.evaluate_all("links => links.map(a => a.href).join(' ')")
        steady = steady + 1 if now == seen and now else 0
        seen = now
    page.keyboard.press("Escape")
    return urlsplit(seen.split(" ")[0]).path


@pytest.mark.parametrize(("query", "expected"), _entity_searches())
def test_searching_an_entitys_name_puts_its_page_first(search_tab, query: str, expected: str) -> None:
    first = _first_result(search_tab, query)
    assert first.endswith(expected), f"searching {query!r}: {first} came first"
