"""The site as deployed: ``site_url`` from SITE_URL gives a full sitemap, canonical links,
and absolute addresses in the JSON-LD and the feed (built_site is built with SITE_URL set)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import yaml

from conftest import ROOT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LOCAL_DEFAULT = "http://127.0.0.1:8000/"


def page_urls(site_dir: Path, site_url: str) -> set[str]:
    """Every page of a built site, by the address it is published at."""
    return {
        site_url + path.parent.relative_to(site_dir).as_posix().removeprefix(".") + ("/" if path.parent != site_dir else "")
        for path in site_dir.rglob("index.html")
    }


def test_the_default_site_url_is_make_serves_address() -> None:
    """mkdocs.yml reads SITE_URL, and falls back to the address `make serve` serves on."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'site_url: !ENV [SITE_URL, "{LOCAL_DEFAULT}"]' in text
    assert "127.0.0.1:8000" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_sitemap_lists_every_page_at_its_published_address(built_site: Path, site_server) -> None:
    root = ET.parse(built_site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert len(listed) > 80, "the sitemap is nearly empty: is site_url set?"
    assert listed == page_urls(built_site, site_server.site_url)


def test_every_page_names_its_canonical_address(built_site: Path, site_server) -> None:
    for url in page_urls(built_site, site_server.site_url):
        path = built_site / url.removeprefix(site_server.site_url) / "index.html"
        links = re.findall(r'<link rel="canonical" href="([^"]+)"', path.read_text(encoding="utf-8"))
        assert links == [url], path


def test_json_ld_addresses_are_absolute(built_site: Path, site_server) -> None:
    text = (built_site / "briefs" / "ford-xiaomi-deny-jv-report" / "index.html").read_text(encoding="utf-8")
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    urls = re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(script)))
    assert urls and all(url.startswith(site_server.site_url) for url in urls), urls


def test_feed_links_are_absolute(built_site: Path, site_server) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    links = [feed.feed.link, *(entry.link for entry in feed.entries)]
    assert links and all(link.startswith(site_server.site_url) for link in links), links


def test_instant_navigation_is_on(built_site: Path) -> None:
    """Material turns it on only with site_url set; the browser tests then run in that mode, as deployed."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert "navigation.instant" in config["theme"]["features"]
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert '"navigation.instant"' in text
