"""What the site offers besides pages: data downloads, the Atom feed, and JSON-LD.

* ``/data/all.json`` and ``/data/<brief-id>.json``: the validated records with what
  was derived from them (claim statuses, implied figures, arithmetic), valid against
  ``/schemas/export.schema.json``; ``/data/figures.csv`` for spreadsheets.
* ``/feed.xml``: an Atom feed of briefs, their updates and corrections.
* JSON-LD for each record page: schema.org NewsArticle, Organization, Person,
  ClaimReview (for a disputed or denied claim).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jinja2

from .checks import Site
from .checks import iter_refs
from .model import FOLDER_OF

TEMPLATES = Path(__file__).parent / "templates"


def export(site: Site, brief_id: str | None = None) -> dict:
    """The data of one brief (the brief and everything it refers to, transitively), or of the whole site."""
    ids = sorted(_closure(site, brief_id)) if brief_id else sorted(site.entries)
    records: dict[str, dict] = {}
    for record_id in ids:
        entry = site.entries[record_id]
        records.setdefault(FOLDER_OF[entry.kind], {})[record_id] = entry.record.model_dump(mode="json", exclude_none=True)
    chosen = set(ids)
    derived = {
        "claims": {
            claim_id: {"status": site.status(claim_id), "stances": [{"statement": s, "stance": st} for s, st in site.stances.get(claim_id, [])]}
            for claim_id in ids if site.entries[claim_id].kind == "claim"
        },
        "implied_figures": {
            fid: {"value": round(i.value, 6), "qualifier": i.qualifier, "arithmetic": i.arithmetic}
            for fid, i in site.implied.items() if fid in chosen
        },
        "arithmetic": {fid: text for fid, text in site.arithmetic.items() if fid in chosen},
    }
    data: dict[str, Any] = {"$schema": "../schemas/export.schema.json"}
    if brief_id:
        data["brief"] = brief_id
    data.update(records={k: dict(sorted(v.items())) for k, v in sorted(records.items())}, derived=derived)
    return data


def _closure(site: Site, start: str) -> set[str]:
    """Every record reachable from ``start`` by following references."""
    seen, todo = {start}, [start]
    while todo:
        entry = site.entries[todo.pop()]
        for _, target, _ in iter_refs(entry.record):
            if target in site.entries and target not in seen:
                seen.add(target)
                todo.append(target)
    # A figure implied by a derived figure travels with it: its value is part of the story.
    for entry in site.of_kind("figure"):
        if entry.record.implied_by in seen:
            seen.add(entry.id)
    return seen


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def figures_csv(site: Site) -> str:
    """Every figure, stated or implied, one row each, with its sources."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "subject", "metric", "value", "qualifier", "unit", "period", "basis", "scope", "implied", "derivation", "sources"])
    for entry in site.of_kind("figure"):
        f = entry.record
        value, qualifier = site.figure_value(entry.id)
        sources = f.sources or (site.record(f.implied_by).sources if f.implied_by in site.entries else [])
        writer.writerow([
            entry.id, f.subject, f.metric, f"{value:.6g}" if value is not None else "", qualifier, f.unit, str(f.period),
            f.basis, f.scope or "", "yes" if entry.id in site.implied else "", f.derivation.relation if f.derivation else "",
            " ".join(sources),
        ])
    return out.getvalue()


def atom_feed(site: Site, site_name: str, site_url: str | None, title_of) -> str:
    """An Atom feed: each brief, and each of its updates and corrections, as an entry."""
    entries = []
    for entry in site.of_kind("brief"):
        brief = entry.record
        link = f"briefs/{entry.id}/"
        entries.append({
            "id": f"urn:newsbrief:brief:{entry.id}", "title": brief.headline, "link": link,
            "updated": brief.published, "published": brief.published, "summary": brief.summary,
        })
        for index, update in enumerate(brief.updates):
            label = "Correction" if update.kind == "correction" else "Update"
            entries.append({
                "id": f"urn:newsbrief:brief:{entry.id}:{update.kind}:{index + 1}", "title": f"{label}: {brief.headline}",
                "link": link, "updated": update.date, "published": update.date, "summary": update.note,
            })
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.get_template("feed.xml.j2").render(
        entries=entries, site_name=site_name, base=(site_url or "").rstrip("/") + "/" if site_url else None,
        updated=max((e["updated"] for e in entries), default=None), timestamp=_timestamp,
    )


def _timestamp(date) -> str:
    return f"{date.first_day.isoformat()}T00:00:00Z"


# --- JSON-LD -------------------------------------------------------------------

GOVERNMENT_TYPES = {"government", "administration", "agency"}


def json_ld(site: Site, record_id: str, title_of, url_of) -> dict | None:
    """schema.org data for a record page, or None for kinds without a fitting type."""
    entry = site.entries[record_id]
    r = entry.record
    if entry.kind == "brief":
        return {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": r.headline,
            "description": r.summary, "datePublished": str(r.published),
            "dateModified": str(max([u.date for u in r.updates], default=r.published)),
            "about": [_thing(site, i, title_of, url_of) for i in r.entities if i in site.entries],
            "citation": [{"@type": "CreativeWork", "name": title_of(s), "url": url_of(s)} for s in r.sources if s in site.entries],
        }
    if entry.kind in ("company", "organization"):
        kind = "Organization"
        if entry.kind == "organization" and r.type in GOVERNMENT_TYPES:
            kind = "GovernmentOrganization"
        elif entry.kind == "organization" and r.type == "publisher":
            kind = "NewsMediaOrganization"
        data = {"@context": "https://schema.org", "@type": kind, "name": r.name, "description": r.description, "url": url_of(record_id)}
        names = [n for n in [r.native_name, *r.aliases] if n]
        if names:
            data["alternateName"] = names
        if r.website:
            data["sameAs"] = [r.website]
        return data
    if entry.kind == "person":
        data = {"@context": "https://schema.org", "@type": "Person", "name": r.name, "description": r.description, "url": url_of(record_id)}
        if r.native_name:
            data["alternateName"] = r.native_name
        if r.roles:
            data["jobTitle"] = r.roles[0].title
            data["worksFor"] = [_thing(site, role.organization, title_of, url_of) for role in r.roles if role.organization in site.entries]
        return data
    if entry.kind == "claim" and site.status(record_id) in ("disputed", "denied"):
        status = site.status(record_id)
        return {
            "@context": "https://schema.org", "@type": "ClaimReview", "url": url_of(record_id),
            "claimReviewed": r.text,
            "itemReviewed": {
                "@type": "Claim",
                "appearance": [{"@type": "CreativeWork", "name": title_of(s), "url": url_of(s)} for s in r.sources if s in site.entries],
            },
            "reviewRating": {"@type": "Rating", "alternateName": status.capitalize(),
                             "ratingExplanation": f"{status.capitalize()}: the claim is both asserted and denied by the parties."
                             if status == "disputed" else "Denied by the parties; no one asserts it."},
        }
    return None


def _thing(site: Site, record_id: str, title_of, url_of) -> dict:
    kind = site.entries[record_id].kind
    return {"@type": "Person" if kind == "person" else "Organization", "name": title_of(record_id), "url": url_of(record_id)}


def json_ld_script(data: dict) -> str:
    """A <script> element safe to put in a page: '</' cannot end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'
