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
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from .checks import Site
from .model import FOLDER_OF
from .textcheck import vote_count_values

TEMPLATES = Path(__file__).parent / "templates"


def _bounds(implied) -> dict:
    """The interval the inputs admit, as 'lower'/'upper' (null when open-ended): the honest precision."""
    if implied.bounds is None:
        return {}
    finite = lambda v: None if v in (float("inf"), float("-inf")) else round(v, 6)  # noqa: E731
    return {"lower": finite(implied.bounds.lo), "upper": finite(implied.bounds.hi)}


def record_data(site: Site, record_id: str) -> dict:
    """One record as the downloads give it: its fields as the editor wrote them, nothing left empty."""
    return site.entries[record_id].record.model_dump(mode="json", exclude_none=True, by_alias=True)


def export(site: Site, brief_id: str | None = None, dump: Callable[[Site, str], dict] | None = None) -> dict:
    """The data of one brief (the brief and everything it refers to, transitively), or of the whole site
    (``dump``: how a record is dumped, `record_data` unless a writer keeps each record's dump)."""
    dump = dump or record_data
    ids = sorted(_closure(site, brief_id)) if brief_id else sorted(site.entries)
    records: dict[str, dict] = {}
    for record_id in ids:
        records.setdefault(FOLDER_OF[site.entries[record_id].kind], {})[record_id] = dump(site, record_id)
    chosen = set(ids)
    derived = {
        "claims": {
            claim_id: {"status": site.status(claim_id), "stances": [{"statement": s, "stance": st} for s, st in site.stances.get(claim_id, [])]}
            for claim_id in ids
            if site.entries[claim_id].kind == "claim"
        },
        "implied_figures": {
            fid: {"value": round(i.value, 6), "qualifier": i.qualifier, "arithmetic": i.arithmetic, **_bounds(i)}
            for fid, i in site.implied.items()
            if fid in chosen
        },
        "arithmetic": {fid: text for fid, text in site.arithmetic.items() if fid in chosen},
        "values_as_written": {
            fid: written_value(site.record(fid).value) for fid in ids if site.entries[fid].kind == "figure" and site.record(fid).value is not None
        },
        "vote_counts": {k: v for vid in ids if site.entries[vid].kind == "vote" for k, v in vote_count_values(site, vid).items()},
        "competing_values": {fid: competing_values(site, fid) for fid in ids if fid in site.competing},
    }
    data: dict[str, Any] = {"$schema": "../schemas/export.schema.json"}
    if brief_id:
        data["brief"] = brief_id
    data.update(records={k: dict(sorted(v.items())) for k, v in sorted(records.items())}, derived=derived)
    return data


def competing_values(site: Site, figure_id: str) -> dict:
    """Every value of a figure's measure, with its rank, reason and sources: nothing is averaged or dropped."""
    group = site.competing[figure_id]
    values = []
    for ranked in group.values:
        figure = site.record(ranked.figure_id)
        value, qualifier = site.figure_value(ranked.figure_id)
        item: dict[str, Any] = {
            "figure": ranked.figure_id,
            "value": value_cell(value),
            "qualifier": qualifier,
            "rank": ranked.rank,
        }
        if ranked.reason:
            item["rank_reason"] = ranked.reason
        item["sources"] = list(figure.sources)
        values.append(item)
    data: dict[str, Any] = {"measure": group.label}
    if group.preferred:
        data["preferred"] = group.preferred
    data.update(discrepant=list(group.discrepant), values=values)
    return data


def _closure(site: Site, start: str) -> set[str]:
    """Every record reachable from ``start`` by following references."""
    seen, todo = {start}, [start]
    while todo:
        entry = site.entries[todo.pop()]
        for _, target, _ in entry.refs:
            if target in site.entries and target not in seen:
                seen.add(target)
                todo.append(target)
    # A figure implied by a derived figure travels with it through the derivation's `base` or
    # `current` (the checks require the deriving figure to name it there); the competing values of
    # a measure the story uses travel with it too.
    for figure_id in list(seen):
        if figure_id in site.competing:
            seen.update(v.figure_id for v in site.competing[figure_id].values)
    return seen


def written_value(value: float) -> str:
    """A stated value with the digits the editor wrote: 17.0 stays '17.0', 411837 is '411837'."""
    decimals = getattr(value, "decimals", None)
    return f"{value:.{decimals}f}" if decimals is not None else f"{value:.6g}"


def value_cell(value: float | None) -> str:
    """A figure's value as the downloads write it: as stated (an implied one, which no editor wrote, to six
    significant digits), and nothing while it cannot be worked out (under `mkdocs serve`, its implier deleted)."""
    return "" if value is None else written_value(value)


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"  # keys in the order the export gives them


RECORD_DEPTH = 3
"""Where a record sits in a download: {"records": {"<folder>": {"<id>": {…}}}}."""


class JsonDownloads:
    """One build's JSON downloads (``all.json`` and one file per brief), each record dumped and written
    as JSON once however many files carry it. A record is in ``all.json`` and in every brief that reaches
    it: at 10,000 records and 100 briefs, writing each again was most of the downloads' time, because
    ``json.dumps`` with ``indent`` runs Python's pure-Python encoder. The text is ``to_json``'s, byte for
    byte (``tests/test_mutation_export.py`` compares them)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._dumped: dict[str, dict] = {}
        self._written: dict[str, str] = {}

    def _dump(self, site: Site, record_id: str) -> dict:
        if record_id not in self._dumped:
            self._dumped[record_id] = record_data(site, record_id)
        return self._dumped[record_id]

    def _written_record(self, record_id: str) -> str:
        """The record as ``json.dumps(indent=2)`` writes it at its depth: a value nested ``n`` deep is the
        value written alone with every line after the first indented by 2·n spaces (strings in JSON hold
        no line breaks, so only the layout's are indented)."""
        if record_id not in self._written:
            alone = json.dumps(self._dumped[record_id], indent=2, ensure_ascii=False)
            self._written[record_id] = alone.replace("\n", "\n" + "  " * RECORD_DEPTH)
        return self._written[record_id]

    def text(self, brief_id: str | None = None) -> str:
        """The download's text: the data with each record put in as a stand-in, written, then the stand-ins
        replaced by the records' written text."""
        data = export(self.site, brief_id, self._dump)
        order: list[str] = []
        for records in data["records"].values():
            for record_id in records:
                records[record_id] = f"\0record\0{len(order)}"
                order.append(record_id)
        pieces = to_json(data).split('"\\u0000record\\u0000')
        numbered = [piece.split('"', 1) for piece in pieces[1:]]
        if [number for number, _rest in numbered] != [str(n) for n in range(len(order))]:
            return to_json(export(self.site, brief_id))  # a text that reads like a stand-in: the slow way, not a wrong file
        out = [pieces[0]]
        for record_id, (_number, rest) in zip(order, numbered, strict=True):
            out += [self._written_record(record_id), rest]
        return "".join(out)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell that starts with one of these as a formula (OWASP, CSV injection)."""

_PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a single quote before it
    (OWASP's advice); a plain number such as -20 stays a number."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def figures_csv(site: Site) -> str:
    """Every figure, stated or implied, one row each, with its sources; no cell is a live formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(
        [
            "id",
            "subject",
            "metric",
            "value",
            "qualifier",
            "unit",
            "period",
            "basis",
            "scope",
            "implied",
            "derivation",
            "sources",
            "rank",
            "rank_reason",
            "preferred",
        ]
    )
    for entry in site.of_kind("figure"):
        f = entry.record
        value, qualifier = site.figure_value(entry.id)
        sources = f.sources or (site.record(f.implied_by).sources if f.implied_by in site.entries else [])
        writer.writerow(
            spreadsheet_safe(cell)
            for cell in [
                entry.id,
                f.subject,
                f.metric,
                value_cell(value),
                qualifier,
                f.unit,
                str(f.period),
                f.basis,
                f.scope or "",
                "yes" if f.implied_by else "",
                f.derivation.relation if f.derivation else "",
                " ".join(sources),
                *_rank_columns(site, entry.id),
            ]
        )
    return out.getvalue()


def _rank_columns(site: Site, figure_id: str) -> list[str]:
    """rank, rank_reason, preferred: as worked out among competing values; as written for a figure without competitors."""
    group = site.competing.get(figure_id)
    if group is None:
        figure = site.record(figure_id)
        return [figure.rank, figure.rank_reason or "", ""]
    ranked = group.rank_of(figure_id)
    return [ranked.rank, ranked.reason or "", group.preferred or ""]


def atom_feed(site: Site, site_name: str, site_url: str | None, title_of) -> str:
    """An Atom feed: each brief, and each of its updates and corrections, as an entry."""
    entries = []
    for entry in site.of_kind("brief"):
        brief = entry.record
        link = f"briefs/{entry.id}/"
        entries.append(
            {
                "id": f"urn:newsbrief:brief:{entry.id}",
                "title": brief.headline,
                "link": link,
                "updated": brief.published,
                "published": brief.published,
                "summary": brief.summary,
            }
        )
        for index, update in enumerate(brief.updates):
            label = "Correction" if update.kind == "correction" else "Update"
            entries.append(
                {
                    "id": f"urn:newsbrief:brief:{entry.id}:{update.kind}:{index + 1}",
                    "title": f"{label}: {brief.headline}",
                    "link": link,
                    "updated": update.date,
                    "published": update.date,
                    "summary": update.note,
                }
            )
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("feed.xml.j2").render(
        entries=entries,
        site_name=site_name,
        base=(site_url or "").rstrip("/") + "/" if site_url else None,
        updated=max((e["updated"] for e in entries), default=None),
        timestamp=_timestamp,
    )


def _timestamp(date) -> str:
    return f"{date.first_day.isoformat()}T00:00:00Z"


# --- JSON-LD -------------------------------------------------------------------

GOVERNMENT_TYPES = {"government", "administration", "agency"}


def json_ld(site: Site, record_id: str, title_of, url_of, newsroom: dict | None = None) -> dict | None:
    """schema.org data for a record page, or None for kinds without a fitting type.

    ``newsroom`` is the site as an Organization: a brief's author and publisher, a claim review's author.
    """
    entry = site.entries[record_id]
    r = entry.record
    newsroom = newsroom or {"@type": "Organization", "name": "News briefs"}
    if entry.kind == "brief":
        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": r.headline,
            "url": url_of(record_id),
            "author": newsroom,
            "publisher": newsroom,
            "description": r.summary,
            "datePublished": str(r.published),
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
    if entry.kind == "figure":
        return _figure_ld(site, record_id, title_of, url_of)
    if entry.kind == "claim" and site.status(record_id) in ("disputed", "denied"):
        status = site.status(record_id)
        claimants, made_on = _claimants(site, record_id)
        reviewed_on = [site.record(b).published for b in site.entries if site.entries[b].kind == "brief" and record_id in _brief_claims(site.record(b))]
        item = {
            "@type": "Claim",
            "appearance": [_appearance(site, s, title_of, url_of) for s in r.sources if s in site.entries],
        }
        if claimants:
            item["author"] = [_thing(site, c, title_of, url_of) for c in claimants]
        if made_on:
            item["datePublished"] = str(made_on)
        return {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url_of(record_id),
            "claimReviewed": r.text,
            "author": newsroom,
            **({"datePublished": str(min(reviewed_on))} if reviewed_on else {}),
            "itemReviewed": item,
            "reviewRating": {
                "@type": "Rating",
                "alternateName": status.capitalize(),
                "ratingExplanation": f"{status.capitalize()}: the claim is both asserted and denied by the parties."
                if status == "disputed"
                else "Denied by the parties; no one asserts it.",
            },
        }
    return None


def _claimants(site: Site, claim_id: str) -> tuple[list[str], object]:
    """Who asserts a claim (the speakers of asserting statements), and when it was first asserted."""
    asserting = [s for s, stance in site.stances.get(claim_id, []) if stance in ("asserts", "confirms")]
    speakers = list(dict.fromkeys(site.record(s).speaker for s in asserting if site.record(s).speaker in site.entries))
    return speakers, min((site.record(s).date for s in asserting), default=None)


def _brief_claims(brief) -> set[str]:
    return set(brief.key_points) | {item.claim for section in brief.sections for item in section.items if item.claim}


def _appearance(site: Site, source_id: str, title_of, url_of) -> dict:
    """Where the claim appeared: the source's own address when it has one, else its page here."""
    source = site.record(source_id)
    return {"@type": "CreativeWork", "name": title_of(source_id), "url": source.url or url_of(source_id), "datePublished": str(source.published)}


def _figure_ld(site: Site, figure_id: str, title_of, url_of) -> dict | None:
    """A figure as a schema.org Observation: every competing value, each with its rank and its sources."""
    figure = site.record(figure_id)
    group = site.competing.get(figure_id)
    ids = [v.figure_id for v in group.values] if group else [figure_id]
    values = []
    for fid in ids:
        value, qualifier = site.figure_value(fid)
        if value is None:
            continue
        f = site.record(fid)
        ranked = group.rank_of(fid) if group else None
        rank = ranked.rank if ranked else f.rank
        item = {
            "@type": "QuantitativeValue",
            "value": int(value) if float(value).is_integer() else round(float(value), 6),
            "unitText": f.unit,
            "url": url_of(fid),
            "additionalProperty": [
                {"@type": "PropertyValue", "name": "rank", "value": rank},
                {"@type": "PropertyValue", "name": "qualifier", "value": qualifier},
            ],
        }
        if ranked and ranked.reason:
            item["additionalProperty"].append({"@type": "PropertyValue", "name": "rankReason", "value": ranked.reason})
        item["citation"] = [{"@type": "CreativeWork", "name": title_of(s), "url": url_of(s)} for s in f.sources if s in site.entries]
        values.append(item)
    if not values:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "Observation",
        "name": title_of(figure_id),
        "url": url_of(figure_id),
        "observationDate": str(figure.period),
        "variableMeasured": figure.metric,
        "observationAbout": _thing(site, figure.subject, title_of, url_of) if figure.subject in site.entries else figure.subject,
        "value": values,
    }


def _thing(site: Site, record_id: str, title_of, url_of) -> dict:
    kind = site.entries[record_id].kind
    return {"@type": "Person" if kind == "person" else "Organization", "name": title_of(record_id), "url": url_of(record_id)}


SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
"""Inside <script>, the HTML parser acts on '</script', '<!--' and '-->' (the script-data escape
states: '<!--<script>' makes the rest of the page script), and old JavaScript ends a line at
U+2028/U+2029. Written as JSON escapes, each is the same character to a JSON reader and inert to HTML."""

_SCRIPT_UNSAFE = re.compile("[%s]" % "".join(SCRIPT_ESCAPES))


def script_json(data) -> str:
    """JSON that is safe as the text of any inline <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_UNSAFE.sub(lambda match: SCRIPT_ESCAPES[match.group()], text)


def json_ld_script(data: dict) -> str:
    """A JSON-LD <script> element: no text from content can end it or change how it is read."""
    return f'<script type="application/ld+json">{script_json(data)}</script>'
