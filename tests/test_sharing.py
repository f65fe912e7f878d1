"""Finding and sharing, with `site_url` set (as CI sets it from the Pages address): a full sitemap,
canonical links, a description and link-preview tags on every page, absolute URLs in JSON-LD."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from newsbrief.checks import Site
from newsbrief.model import FOLDER_OF

SITE_URL = "https://example.org/briefs/"


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shared")
    project = copy_project(folder / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_url: {SITE_URL}\n", encoding="utf-8")
    result = mkdocs_build(project, folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def _record_urls(site: Site) -> list[str]:
    return [f"{FOLDER_OF[e.kind]}/{e.id}/" for e in site.entries.values()]


def test_the_sitemap_lists_every_page_with_its_address(shared_site: Path, real_site: Site) -> None:
    sitemap = (shared_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert {SITE_URL + url for url in _record_urls(real_site)} <= listed


def test_every_record_page_has_its_canonical_address_description_and_preview(shared_site: Path, real_site: Site) -> None:
    descriptions = {}
    for url in _record_urls(real_site):
        html = _html(shared_site, url)
        assert f'<link rel="canonical" href="{SITE_URL}{url}">' in html, url
        description = _meta(html, "description")
        assert description and description != "Structured news briefs where every claim shows its source and every figure agrees.", url
        descriptions[url] = description
        assert _meta(html, "og:url") == SITE_URL + url
        assert _meta(html, "og:title") and _meta(html, "og:description") == description
        assert _meta(html, "twitter:card") == "summary"
    assert len(set(descriptions.values())) == len(descriptions)  # each page describes itself
    brief = real_site.record("ford-xiaomi-deny-jv-report")
    assert descriptions["briefs/ford-xiaomi-deny-jv-report/"] == " ".join(brief.summary.split())
    assert _meta(_html(shared_site, "briefs/ford-xiaomi-deny-jv-report/"), "og:type") == "article"


def _json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))


def _urls_in(data) -> list[str]:
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == "url" and isinstance(v, str)] + [u for v in data.values() for u in _urls_in(v)]
    if isinstance(data, list):
        return [u for v in data for u in _urls_in(v)]
    return []


def test_json_ld_has_absolute_urls_and_who_wrote_what(shared_site: Path) -> None:
    article = _json_ld(_html(shared_site, "briefs/ford-xiaomi-deny-jv-report/"))
    assert article["@type"] == "NewsArticle"
    assert article["author"] == article["publisher"] == {"@type": "Organization", "name": "News briefs", "url": SITE_URL}
    assert article["url"] == SITE_URL + "briefs/ford-xiaomi-deny-jv-report/"
    review = _json_ld(_html(shared_site, "claims/ford-xiaomi-us-ev-joint-venture-talks/"))
    assert review["@type"] == "ClaimReview" and review["datePublished"] == "2026-02-01"
    claim = review["itemReviewed"]
    assert [a["name"] for a in claim["author"]] == ["Financial Times"] and claim["datePublished"] == "2026-01-31"
    assert claim["appearance"] and all(a["datePublished"] for a in claim["appearance"])
    for data in (article, review, _json_ld(_html(shared_site, "companies/xiaomi/"))):
        urls = _urls_in(data)
        assert urls and all(u.startswith("https://") for u in urls), urls


def test_the_feed_uses_the_sites_address(shared_site: Path) -> None:
    assert f'xml:base="{SITE_URL}"' in (shared_site / "feed.xml").read_text(encoding="utf-8")
