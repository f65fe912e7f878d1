"""Reading a built site the way the tests need: links, anchors, figures and sections of each page."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass
class Page:
    path: Path
    url: str  # site-relative, e.g. "companies/ford/"
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str | None]] = field(default_factory=list)
    """(href, id of the nearest h2 above it) for every <a> inside the article."""
    figures: list[tuple[str, str, str]] = field(default_factory=list)
    """(data-figure, value attribute, text) of every <data data-figure>."""
    assets: list[str] = field(default_factory=list)
    text: str = ""


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_article = 0
        self.section: str | None = None
        self.in_h2 = False
        self.figure: dict | None = None
        self.text_parts: list[str] = []
        self.in_popover = 0  # popover notes are not part of the page's running text

    # <link>s that name an address without loading it: the page's own address (absolute
    # from site_url) and the feed.
    NOT_LOADED = ("canonical", "alternate")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "article":
            self.in_article += 1
        if self.in_popover and tag == "span":
            self.in_popover += 1
        elif "nb-pop" in (a.get("class") or "").split():
            self.in_popover = 1
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.page.assets.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in self.NOT_LOADED:
            self.page.assets.append(a["href"])
        if not self.in_article:
            return
        if tag == "h2":
            self.section = a.get("id")
        href = a.get("href", a.get("xlink:href"))  # SVG links use xlink:href
        if tag == "a" and href is not None:
            self.page.links.append((href, self.section))
        if tag == "data" and "data-figure" in a:
            self.figure = {"id": a["data-figure"], "value": a.get("value"), "text": ""}

    def handle_endtag(self, tag):
        if self.in_popover and tag == "span":
            self.in_popover -= 1
        if tag == "article":
            self.in_article -= 1
        if tag == "data" and self.figure is not None:
            self.page.figures.append((self.figure["id"], self.figure["value"], self.figure["text"]))
            self.figure = None

    def handle_data(self, data):
        if self.figure is not None:
            self.figure["text"] += data
        if self.in_article and not self.in_popover:
            self.text_parts.append(data)


def read_site(site_dir: Path) -> dict[str, Page]:
    """Every HTML page of a built site, by its URL relative to the site root."""
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        page = Page(path, url)
        parser = _PageParser(page)
        parser.feed(path.read_text(encoding="utf-8"))
        page.text = " ".join("".join(parser.text_parts).split())
        pages[url] = page
    return pages


def resolve(page: Page, href: str) -> tuple[str, str] | None:
    """(target page URL, fragment) of an internal link; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    target = urljoin("https://site.invalid/" + page.url, parts.path) if parts.path else "https://site.invalid/" + page.url
    path = unquote(urlsplit(target).path.lstrip("/"))
    return path, parts.fragment


def links_in_section(page: Page, section: str, prefix: str) -> set[str]:
    """Ids of the records a section links to, e.g. prefix 'statements/' → {'ford-denies-jv-report'}."""
    found = set()
    for href, where in page.links:
        if where != section:
            continue
        target = resolve(page, href)
        if target and target[0].startswith(prefix) and target[0].count("/") == 2:
            found.add(target[0][len(prefix) :].rstrip("/"))
    return found
