"""A synthetic content tree of N records, and the same pages as a plain MkDocs project.

The benchmark compares a build of the project (hooks load, check and render
``content/``) with a build of plain Markdown a person would write for the same
records. Both come from one list of records, drawn with ``random.Random(seed)``,
so a given (N, seed) always gives the same trees.

    .venv/bin/python bench/generate.py 500 /tmp/content             # content/<folder>/<id>.yaml
    .venv/bin/python bench/generate.py 500 /tmp/plain --plain       # docs/ + mkdocs.yml, no hooks
    .venv/bin/python bench/generate.py 500 /tmp/content --check     # and run every check on it

Every generated record passes every check (:func:`newsbrief.checks.load_site`):
references name records of the right kind, statements and results are never dated
after their sources, derived figures agree with the figures they compare, and no
text carries a figure-like number (no digits at all in prose).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

FOLDERS = {
    "brief": "briefs",
    "claim": "claims",
    "company": "companies",
    "event": "events",
    "figure": "figures",
    "organization": "organizations",
    "person": "people",
    "policy": "policies",
    "source": "sources",
    "statement": "statements",
}
KIND_TITLES = {
    "brief": "Briefs",
    "company": "Companies",
    "person": "People",
    "organization": "Organizations",
    "policy": "Policies",
    "claim": "Claims",
    "statement": "Statements",
    "figure": "Figures",
    "event": "Events",
    "source": "Sources",
}
"""Kinds in the project's nav order."""

SHARES = {
    "company": 0.05,
    "organization": 0.05,
    "person": 0.10,
    "policy": 0.05,
    "statement": 0.25,
    "claim": 0.20,
    "figure": 0.20,
    "source": 0.10,
}
"""Share of each kind among the records that are not briefs or events (about 1% each)."""

# --- words -------------------------------------------------------------------------

SYLLABLES = [
    "ka",
    "lor",
    "ven",
    "mi",
    "tra",
    "sel",
    "dor",
    "qua",
    "ren",
    "bel",
    "tor",
    "vi",
    "nax",
    "cor",
    "ul",
    "pra",
    "zen",
    "mar",
    "fel",
    "os",
    "tin",
    "gal",
    "ro",
    "sun",
    "ebb",
    "har",
    "lin",
    "mo",
]
FIRST_NAMES = [
    "Ada",
    "Bao",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Malik",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Yara",
    "Zoe",
]
COMPANY_SUFFIXES = ["Motors", "Energy", "Systems", "Group", "Automotive", "Electric", "Mobility", "Industries", "Technologies"]
PUBLISHER_SUFFIXES = ["Times", "Post", "Herald", "Daily", "Review", "Wire", "Journal", "Tribune", "Ledger"]
ORG_PATTERNS = {
    "government": "Government of {}",
    "administration": "{} Administration",
    "agency": "{} Trade Agency",
    "association": "{} Carmakers Association",
    "podcast": "The {} Show",
    "other": "{} Institute",
}
CJK = "小米比亚迪汽车电动科技新能源集团星河华光远航天启"
COUNTRIES = ["US", "CN", "DE", "JP", "KR", "FR", "GB", "IN", "BR", "SE"]
ROLE_TITLES = [
    "Chief executive officer",
    "Chief financial officer",
    "Chair",
    "Head of sales",
    "Spokesperson",
    "Minister",
    "Director",
    "Chief technology officer",
    "Editor",
    "Founder",
]
TOPICS = [
    "a joint venture",
    "a battery plant",
    "a software partnership",
    "an export deal",
    "a price cut",
    "a new model line",
    "a factory expansion",
    "a supply agreement",
    "a charging network",
    "a merger",
    "a recall",
    "a licensing deal",
    "a chip supply contract",
    "an overseas launch",
]
VERBS = [
    "held talks with",
    "signed an agreement with",
    "competes with",
    "supplies parts to",
    "plans to work with",
    "invested in",
    "was approached by",
    "ended its partnership with",
]
QUOTE_OPENERS = [
    "We have no plans for",
    "We are not in talks about",
    "There is no truth to the report about",
    "We are pleased to confirm",
    "We do not comment on",
    "Our teams have been working on",
]
METRICS = {
    "vehicles": ["deliveries", "registrations", "sales", "production"],
    "units": ["battery packs shipped", "chargers installed", "units sold"],
    "people": ["employees", "customers served"],
    "USD": ["revenue", "operating profit", "capital spending"],
    "CNY": ["revenue", "net profit"],
    "EUR": ["revenue", "investment"],
}
SHARE_METRICS = ["market share", "export share", "electric share of sales"]
POLICY_THINGS = [
    "imported electric vehicles",
    "connected vehicle software",
    "battery components",
    "charging equipment",
    "vehicle exports",
    "rare earth magnets",
    "autonomous driving tests",
    "fleet emissions",
]
POLICY_NAMES = ["tariff on", "ban on", "subsidy for", "rules for", "quota on", "levy on", "review of"]
CHANNELS = ["written-statement", "spokesperson", "podcast", "interview", "press-release", "social-post", "news-report", "remarks", "not-stated"]
SOURCE_KINDS_BY_PUBLISHER = {
    "organization": ["news-report", "news-report", "news-report", "interview", "podcast", "data-release", "government-document"],
    "company": ["company-statement", "press-release", "data-release", "social-post"],
}
EVENT_TITLES = ["{} unveils {}", "{} opens talks on {}", "{} announces {}", "{} holds a briefing on {}"]

FIRST_SOURCE_DAY = dt.date(2023, 1, 1)
LAST_SOURCE_DAY = dt.date(2025, 12, 31)


# --- records -----------------------------------------------------------------------


@dataclass
class Record:
    kind: str
    id: str
    data: dict[str, Any]
    """Fields in the order they are written (None values are left out)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """What the plain pages need and the YAML does not carry (e.g. an implied value)."""

    @property
    def folder(self) -> str:
        return FOLDERS[self.kind]


def partial(day: dt.date, precision: str) -> str:
    return {"day": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}", "year": f"{day.year:04d}"}[precision]


def human_date(text: str) -> str:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts).strftime("%-d %B %Y")
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1).strftime("%B %Y")
    return str(parts[0])


def format_number(value: float) -> str:
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".")


UNIT_WORDS = {
    "vehicles": " vehicles",
    "units": " units",
    "people": " people",
    "percent": "%",
    "percentage-points": " percentage points",
    "times": "×",
    "USD": " USD",
    "CNY": " CNY",
    "EUR": " EUR",
}
QUALIFIER_WORDS = {"exact": "", "over": "over ", "under": "under ", "about": "about ", "nearly": "nearly "}


class Generator:
    """Draws the records of one synthetic site."""

    def __init__(self, n: int, seed: int = 1, pinned_values: tuple[float, ...] = ()):
        if n < 20:
            raise ValueError("N must be at least 20 (every kind needs a few records)")
        self.n = n
        self.pinned_values = sorted(set(pinned_values))
        self.rng = Random(seed)
        self.records: dict[str, Record] = {}
        self.measures: set[tuple[str, str, str, str]] = set()  # (subject, metric, period, basis) of every figure
        self.by_kind: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
        self.source_day: dict[str, dt.date] = {}
        self.names: dict[str, str] = {}

    # helpers -------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        briefs = max(1, round(self.n * 0.01))
        events = max(1, round(self.n * 0.01))
        rest = self.n - briefs - events
        exact = {kind: rest * share for kind, share in SHARES.items()}
        counts = {kind: int(v) for kind, v in exact.items()}
        by_remainder = sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)
        for kind in by_remainder[: rest - sum(counts.values())]:
            counts[kind] += 1
        # Room for the figures docs/ quotes, and a derived group; taken from the claims.
        counts["figure"] = max(counts["figure"], 3 + len(self.pinned_values))
        counts["claim"] += rest - sum(counts.values())  # keep the total at N after the minimum
        if counts["claim"] < 3:
            raise ValueError(f"N={self.n} is too small: it leaves {counts['claim']} claims")
        return {**counts, "brief": briefs, "event": events}

    def slug(self, text: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        base = "-".join(base.split("-")[:8]) or "record"
        candidate, i = base, 2
        while candidate in self.records:
            candidate, i = f"{base}-{i}", i + 1
        return candidate

    def add(self, kind: str, record_id: str, data: dict, **extra) -> Record:
        record = Record(kind, record_id, {k: v for k, v in data.items() if v is not None and v != []}, extra)
        self.records[record_id] = record
        self.by_kind[kind].append(record_id)
        return record

    def word(self, parts: int = 2) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    def pick(self, kinds: tuple[str, ...] | str) -> str:
        kinds = (kinds,) if isinstance(kinds, str) else kinds
        pool = [i for k in kinds for i in self.by_kind[k]]
        return self.rng.choice(pool)

    def sample(self, kinds: tuple[str, ...] | str, lo: int, hi: int, exclude: tuple = ()) -> list[str]:
        kinds = (kinds,) if isinstance(kinds, str) else kinds
        pool = [i for k in kinds for i in self.by_kind[k] if i not in exclude]
        return self.rng.sample(pool, min(len(pool), self.rng.randint(lo, hi)))

    def sources(self, lo: int = 1, hi: int = 2) -> tuple[list[str], dt.date]:
        """Some sources, and the earliest day any of them was published."""
        ids = self.sample("source", lo, hi)
        return ids, min(self.source_day[s] for s in ids)

    def day_before(self, day: dt.date, most: int = 90) -> dt.date:
        return day - dt.timedelta(days=self.rng.randint(0, most))

    def random_day(self, first: dt.date = FIRST_SOURCE_DAY, last: dt.date = LAST_SOURCE_DAY) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def name_of(self, record_id: str) -> str:
        return self.names[record_id]

    # kinds ---------------------------------------------------------------------

    def generate(self) -> dict[str, Record]:
        counts = self.counts()
        self.organizations(counts["organization"])
        self.companies(counts["company"])
        self.sources_(counts["source"])
        self.entity_sources()
        self.people(counts["person"])
        self.policies(counts["policy"])
        self.figures(counts["figure"])
        self.claims(counts["claim"])
        self.statements(counts["statement"])
        self.events(counts["event"])
        self.briefs(counts["brief"])
        assert len(self.records) == self.n, (len(self.records), self.n)
        return self.records

    def organizations(self, count: int) -> None:
        publishers = max(1, math.ceil(count * 0.5))
        for i in range(count):
            if i < publishers:
                kind, name = "publisher", f"The {self.word()} {self.rng.choice(PUBLISHER_SUFFIXES)}"
            else:
                kind = self.rng.choice(list(ORG_PATTERNS))
                name = ORG_PATTERNS[kind].format(self.word())
            record_id = self.slug(name.removeprefix("The "))
            self.names[record_id] = name
            self.add(
                "organization",
                record_id,
                {
                    "name": name,
                    "type": kind,
                    "country": self.rng.choice(COUNTRIES),
                    "description": f"{'A news publisher' if kind == 'publisher' else 'An organization'} based in {self.word()}.",
                },
            )

    def companies(self, count: int) -> None:
        for _ in range(count):
            stem = self.word()
            name = f"{stem} {self.rng.choice(COMPANY_SUFFIXES)}"
            record_id = self.slug(name)
            self.names[record_id] = name
            native = "".join(self.rng.sample(CJK, 3)) if self.rng.random() < 0.15 else None
            self.add(
                "company",
                record_id,
                {
                    "name": name,
                    "native_name": native,
                    "aliases": [stem] if self.rng.random() < 0.4 else [],
                    "country": self.rng.choice(COUNTRIES),
                    "description": f"A maker of {self.rng.choice(POLICY_THINGS)}, founded by {self.rng.choice(FIRST_NAMES)} {self.word()}.",
                    "website": f"https://example.org/companies/{record_id}" if self.rng.random() < 0.5 else None,
                },
            )

    def sources_(self, count: int) -> None:
        for i in range(count):
            publisher = (
                self.pick("company")
                if self.rng.random() < 0.2 and self.by_kind["company"]
                else self.rng.choice([o for o in self.by_kind["organization"] if self.records[o].data["type"] == "publisher"])
            )
            publisher_kind = self.records[publisher].kind
            kind = self.rng.choice(SOURCE_KINDS_BY_PUBLISHER[publisher_kind])
            day = self.random_day()
            title = f"{self.name_of(publisher)} on {self.rng.choice(TOPICS)} at {self.word()}"
            record_id = self.slug(f"{publisher}-{kind}-{self.word(1)}")
            roll = self.rng.random()
            attribution, note, cites = "on-record", None, []
            if roll < 0.1:
                attribution, note = "anonymous", f"{self.rng.choice(['two', 'three', 'four'])} people familiar with the matter"
            elif roll < 0.2 and self.by_kind["source"]:
                attribution, cites = "second-hand", self.sample("source", 1, 1)
            self.names[record_id] = title
            self.source_day[record_id] = day
            self.add(
                "source",
                record_id,
                {
                    "title": title,
                    "publisher": publisher,
                    "published": partial(day, "day"),
                    "kind": kind,
                    "url": f"https://example.org/{record_id}",
                    "attribution": attribution if attribution != "on-record" else None,
                    "attribution_note": note,
                    "cites": cites,
                    # As an editor writes it (docs/editing.md, "Numbers in text"): the count of unnamed
                    # sources is no figure of the story, and is marked so with the reason.
                    "not_figures": [{"text": note, "reason": "how many unnamed people the report relies on"}] if note else None,
                },
            )

    def entity_sources(self) -> None:
        for record_id in self.by_kind["company"] + self.by_kind["organization"]:
            if self.rng.random() < 0.3:
                self.records[record_id].data["sources"] = self.sample("source", 1, 1)

    def people(self, count: int) -> None:
        for _ in range(count):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.word()}"
            record_id = self.slug(name)
            self.names[record_id] = name
            roles = []
            for _ in range(self.rng.randint(1, 2)):
                sources, first = self.sources()
                role = {"title": self.rng.choice(ROLE_TITLES), "organization": self.pick(("company", "organization"))}
                if self.rng.random() < 0.5:
                    role["since"] = partial(self.day_before(first, 3000), self.rng.choice(["year", "month"]))
                else:
                    role["as_of"] = partial(first, "day")
                role["sources"] = sources
                roles.append(role)
            self.add(
                "person",
                record_id,
                {
                    "name": name,
                    "description": f"{roles[0]['title']} at {self.name_of(roles[0]['organization'])}.",
                    "roles": roles,
                },
            )

    def policies(self, count: int) -> None:
        issuers = [o for o in self.by_kind["organization"] if self.records[o].data["type"] in ("government", "administration", "agency")] or self.by_kind[
            "organization"
        ]
        for _ in range(count):
            issuer = self.rng.choice(issuers)
            thing = self.rng.choice(POLICY_THINGS)
            title = f"{self.word()} {self.rng.choice(POLICY_NAMES)} {thing}"
            record_id = self.slug(title)
            self.names[record_id] = title
            sources, first = self.sources(1, 3)
            history, day = [], self.day_before(first, 900)
            for action in ["announced", "enacted", "effective", "maintained"][: self.rng.randint(1, 3)]:
                step_sources = self.rng.sample(sources, self.rng.randint(1, len(sources)))
                history.append(
                    {
                        "action": action,
                        "date": partial(day, self.rng.choice(["day", "month"])),
                        "by": issuer if self.rng.random() < 0.5 else None,
                        "sources": step_sources,
                    }
                )
                day = min(first, day + dt.timedelta(days=self.rng.randint(1, 200)))
            self.add(
                "policy",
                record_id,
                {
                    "title": title,
                    "issuer": issuer,
                    "summary": f"A {title.split(' ', 1)[1]} issued by {self.name_of(issuer)}.",
                    "jurisdiction": self.rng.choice(COUNTRIES) if self.rng.random() < 0.5 else None,
                    "status": self.rng.choice(["proposed", "announced", "in-force", "in-force", "suspended", "revoked"]),
                    "affects": self.sample("company", 1, 3),
                    "history": [{k: v for k, v in step.items() if v is not None} for step in history],
                    "sources": sources,
                },
            )

    # figures -------------------------------------------------------------------

    def figures(self, count: int) -> None:
        self.figure_groups: list[list[str]] = []
        remaining = count
        for value in self.pinned_values:
            self.pinned_figure(value)
            remaining -= 1
        while remaining > 0:
            if remaining >= 3 and (not self.figure_groups or self.rng.random() < 0.6):
                self.figure_group(percent_change=not self.figure_groups)  # at least one "up 34%" figure
                remaining -= 3
            else:
                self.single_figure()
                remaining -= 1

    def figure_subject(self) -> str:
        roll = self.rng.random()
        kinds = ("company",) if roll < 0.7 else ("organization",) if roll < 0.85 else ("policy",) if roll < 0.93 else ("person",)
        return self.pick(kinds)

    def periods(self, before: dt.date) -> tuple[str, str, str]:
        """(base period, current period, how they relate): both end before ``before``."""
        if self.rng.random() < 0.5:
            year = before.year - self.rng.randint(1, 2)
            return f"{year - 1}", f"{year}", "a year earlier"
        month = dt.date(before.year, before.month, 1) - dt.timedelta(days=self.rng.randint(1, 400))
        if self.rng.random() < 0.5:
            base = dt.date(month.year - 1, month.month, 1)
            words = "a year earlier"
        else:
            base = dt.date(month.year, month.month, 1) - dt.timedelta(days=1)
            words = "the month before"
        return partial(base, "month"), partial(month, "month"), words

    def figure_label(self, subject: str, metric: str, period: str) -> str:
        return f"{self.name_of(subject)} {metric}, {human_date(period)}"

    def distinct_metric(self, subject: str, metric: str, period: str, basis: str | None) -> str:
        """The metric, numbered when this subject already has a figure of it for the period and basis:
        two figures of one measure are competing values (issue 16), which need a preferred one."""
        numbered, letters = metric, iter("BCDEFGHIJKLMNOPQRSTUVWXYZ")  # letters: a digit would be read as a figure
        while (subject, numbered, period, basis or "actual") in self.measures:
            numbered = f"{metric} ({next(letters)})"
        self.measures.add((subject, numbered, period, basis or "actual"))
        return numbered

    def add_figure(self, subject: str, metric: str, unit: str, value: float | None, period: str, sources: list[str], **more) -> str:
        metric = self.distinct_metric(subject, metric, period, more.get("basis"))
        record_id = self.slug(f"{subject}-{metric}-{period}")
        self.names[record_id] = self.figure_label(subject, metric, period)
        data = {
            "subject": subject,
            "metric": metric,
            "unit": unit,
            "value": (int(value) if value is not None and float(value).is_integer() else value),
            **{k: v for k, v in more.items() if not k.startswith("_")},
            "period": period,
            "sources": sources,
        }
        # Keep the model's field order readable: derivation and comparisons after the period.
        ordered = {k: data[k] for k in ("subject", "metric", "unit", "value", "qualifier", "basis", "scope", "period") if k in data}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        self.add("figure", record_id, ordered, value=more.get("_value", value))
        return record_id

    def figure_group(self, percent_change: bool = False) -> None:
        """A base and a current figure, and a derived figure comparing them."""
        subject = self.figure_subject()
        sources, first = self.sources()
        base_period, current_period, words = self.periods(first)
        if not percent_change and self.rng.random() < 0.25:
            # Two shares and the change between them in percentage points.
            metric = self.rng.choice(SHARE_METRICS)
            a = self.rng.randint(2, 60)
            b = max(1, a + self.rng.randint(-10, 15))
            base = self.add_figure(subject, metric, "percent", a, base_period, sources)
            current = self.add_figure(subject, metric, "percent", b, current_period, sources)
            derived = self.add_figure(
                subject,
                f"{metric}, change on {words}",
                "percentage-points",
                b - a,
                current_period,
                sources,
                derivation={"relation": "percentage-point-change", "base": base, "current": current},
            )
            self.figure_groups.append([base, current, derived])
            return
        unit = self.rng.choice(list(METRICS))
        metric = self.rng.choice(METRICS[unit])
        while True:
            a = self.rng.randint(1000, 900000)
            b = max(1, round(a * (1 + self.rng.uniform(-0.4, 0.9))))
            change = (b / a - 1) * 100
            if abs(change - round(change)) < 0.4:
                break
        stated = round(change)
        implied = self.rng.random() < 0.2
        as_stated = f"{'up' if stated >= 0 else 'down'} on {words}"
        derived_id = self.slug(f"{subject}-{metric}-{current_period}-change")
        # Reserve the derived figure's id: the implied base names it before it exists.
        self.records[derived_id] = None  # type: ignore[assignment]
        if implied:
            base = self.add_figure(subject, metric, unit, None, base_period, [], implied_by=derived_id, _value=b / (1 + stated / 100))
        else:
            base = self.add_figure(subject, metric, unit, a, base_period, sources)
        compared = [{"than": base, "relation": "above" if b > a else "below"}] if not implied and abs(b - a) > a * 0.05 else []
        current = self.add_figure(subject, metric, unit, b, current_period, sources, compared_to=compared)
        del self.records[derived_id]
        change_metric = self.distinct_metric(subject, f"{metric}, change on {words}", current_period, None)
        record = self.add(
            "figure",
            derived_id,
            {
                "subject": subject,
                "metric": change_metric,
                "unit": "percent",
                "value": stated,
                "period": current_period,
                "derivation": {"relation": "percent-change", "base": base, "current": current, "as_stated": as_stated},
                "sources": sources,
            },
            value=stated,
        )
        self.names[derived_id] = self.figure_label(subject, change_metric, current_period)
        record.extra["arithmetic"] = f"{format_number(b)} / {format_number(b / (1 + stated / 100) if implied else a)} − 1"
        self.figure_groups.append([base, current, derived_id])

    def pinned_figure(self, value: float) -> None:
        """A figure with a given value: one that a hand-written page in docs/ quotes."""
        subject = self.figure_subject()
        sources, first = self.sources()
        _, period, _ = self.periods(first)
        if value <= 100:
            self.add_figure(subject, self.rng.choice(SHARE_METRICS), "percent", value, period, sources)
        else:
            self.add_figure(subject, self.rng.choice(METRICS["units"]), "units", value, period, sources)

    def single_figure(self) -> None:
        subject = self.figure_subject()
        sources, first = self.sources()
        _, period, _ = self.periods(first)
        if self.rng.random() < 0.3:
            self.add_figure(subject, self.rng.choice(SHARE_METRICS), "percent", self.rng.randint(1, 90), period, sources)
            return
        unit = self.rng.choice(list(METRICS))
        basis = self.rng.choice(["actual", "actual", "actual", "target", "forecast", "estimate"])
        qualifier = self.rng.choice(["exact", "exact", "exact", "over", "about", "nearly", "under"])
        self.add_figure(
            subject,
            self.rng.choice(METRICS[unit]),
            unit,
            self.rng.randint(100, 2_000_000),
            period,
            sources,
            qualifier=None if qualifier == "exact" else qualifier,
            basis=None if basis == "actual" else basis,
            scope=self.rng.choice([None, None, "China", "Europe", "worldwide"]),
        )

    # prose records ---------------------------------------------------------------

    def claims(self, count: int) -> None:
        groups = list(self.figure_groups)
        self.rng.shuffle(groups)
        for _ in range(count):
            figures: list[str] = []
            if groups and self.rng.random() < 0.4:
                figures = groups.pop()
                figure = self.records[figures[-1]].data
                subject = figure["subject"]
                text = f"{self.name_of(subject)} reported {figure['metric'].split(',')[0]} {self.rng.choice(['rising', 'changing', 'moving'])} on {figure['metric'].split('change on ')[-1]}."
                sources = figure["sources"]
                subjects = [subject]
            else:
                subjects = self.sample(("company", "organization", "person", "policy"), 1, 2)
                names = [self.name_of(s) for s in subjects]
                topic = self.rng.choice(TOPICS)
                text = (
                    f"{names[0]} {self.rng.choice(VERBS)} {names[1]} about {topic}." if len(names) > 1 else f"{names[0]} is preparing {topic} in {self.word()}."
                )
                sources, _ = self.sources()
            record_id = self.slug(text)
            self.names[record_id] = text
            self.add(
                "claim",
                record_id,
                {
                    "text": text,
                    "subjects": subjects,
                    "figures": figures,
                    "note": "The report gives no timetable." if self.rng.random() < 0.1 else None,
                    "sources": sources,
                },
            )

    def statements(self, count: int) -> None:
        stances = ["asserts"] * 5 + ["denies"] * 3 + ["confirms"] * 2 + ["declines-to-comment"]
        for _ in range(count):
            speaker = self.pick(("company", "organization", "person"))
            sources, first = self.sources()
            day = self.day_before(first, 20)
            claims = self.sample("claim", 1, 2)
            stance_list = [{"claim": c, "stance": self.rng.choice(stances)} for c in claims]
            topic = self.rng.choice(TOPICS)
            words = f"{self.rng.choice(QUOTE_OPENERS)} {topic} with our {self.word()} partners. We will say more in due course."
            quoted = self.rng.random() < 0.6
            verb = stance_list[0]["stance"].split("-")[0]
            record_id = self.slug(f"{speaker}-{verb}-{topic.split(' ', 1)[1]}")
            self.names[record_id] = f"{self.name_of(speaker)}, {human_date(partial(day, 'day'))}"
            self.add(
                "statement",
                record_id,
                {
                    "speaker": speaker,
                    "date": partial(day, "day"),
                    "channel": self.rng.choice(CHANNELS),
                    "quote": words if quoted else None,
                    "paraphrase": None if quoted else f"{self.name_of(speaker)} said it was considering {topic}.",
                    "about": self.sample(("company", "organization", "person", "policy"), 0, 2, exclude=(speaker,)),
                    "stances": stance_list,
                    "sources": sources,
                },
            )

    def events(self, count: int) -> None:
        for _ in range(count):
            participants = self.sample(("company", "organization", "person"), 1, 3)
            sources, first = self.sources()
            title = self.rng.choice(EVENT_TITLES).format(self.name_of(participants[0]), self.rng.choice(TOPICS))
            record_id = self.slug(title)
            self.names[record_id] = title
            self.add(
                "event",
                record_id,
                {
                    "title": title,
                    "date": partial(self.day_before(first, 30), self.rng.choice(["day", "day", "month"])),
                    "summary": f"{title}, as reported by {self.name_of(self.records[sources[0]].data['publisher'])}.",
                    "participants": participants,
                    "sources": sources,
                },
            )

    def briefs(self, count: int) -> None:
        claims = list(self.by_kind["claim"])
        self.rng.shuffle(claims)
        per_brief = max(3, min(6, len(claims) // count))
        for i in range(count):
            key_points = claims[i * per_brief : (i + 1) * per_brief] or self.sample("claim", 3, 5)
            subjects = list(dict.fromkeys(s for c in key_points for s in self.records[c].data["subjects"]))
            entities = [s for s in subjects if self.records[s].kind in ("company", "organization", "person")]
            statements = [s for s in self.by_kind["statement"] if any(st["claim"] in key_points for st in self.records[s].data["stances"])]
            figures = [f for c in key_points for f in self.records[c].data.get("figures", [])]
            policies = [s for s in subjects if self.records[s].kind == "policy"] or self.sample("policy", 0, 1)
            sources = list(dict.fromkeys(s for c in key_points for s in self.records[c].data["sources"]))[:4]
            headline = f"{self.name_of(entities[0]) if entities else self.word()} and {self.rng.choice(TOPICS)}: what was said"
            published = max(self.source_day[s] for s in sources) + dt.timedelta(days=1)
            record_id = self.slug(headline)
            self.names[record_id] = headline
            self.add(
                "brief",
                record_id,
                {
                    "headline": headline,
                    "summary": f"What is known about {self.rng.choice(TOPICS)}, who said what, and the figures behind it.",
                    "published": partial(published, "day"),
                    "key_points": key_points,
                    "entities": entities,
                    "statements": statements,
                    "figures": figures,
                    "policies": policies,
                    "events": self.sample("event", 0, 2),
                    "sources": sources,
                },
            )


def generate_records(n: int, seed: int = 1, docs_dir: Path | None = None) -> dict[str, Record]:
    """The records of a synthetic site of ``n`` records, the same for the same seed (and docs/).

    The project checks every figure-like number typed in the hand-written pages of
    ``docs/`` against the data (``34%`` must be some figure's value); given
    ``docs_dir``, some figures take those values so the pages still pass.
    """
    return Generator(n, seed, docs_numbers(docs_dir) if docs_dir else ()).generate()


def _newsbrief(project_root: Path = ROOT):
    hooks = str(Path(project_root) / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)
    import newsbrief.checks

    return newsbrief.checks


def docs_numbers(docs_dir: Path) -> tuple[float, ...]:
    """Every figure-like number (411,837 or 34%) written in the Markdown pages of ``docs_dir``."""
    _newsbrief()
    from newsbrief.numbers import read_numbers

    found = set()
    from newsbrief.prose import checks_numbers

    for page in sorted(Path(docs_dir).rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if checks_numbers(text):  # pages that opt out (`check_numbers: false`) need no matching figures
            found.update(m.value for m in read_numbers(text))
    return tuple(sorted(v for v in found if v >= 0))


# --- YAML --------------------------------------------------------------------------

_PLAIN_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PLAIN_TEXT = re.compile(r"^[A-Za-z][A-Za-z ,.'’()-]*[A-Za-z.)]$")
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "null", "true", "false", "~"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN_TEXT.match(text) and ": " not in text and text.lower() not in _YAML_WORDS:
        return text  # as an editor writes it: no quotes where YAML needs none
    if (
        (_PLAIN_ID.match(text) and not text.isdigit() and text not in ("yes", "no", "on", "off", "y", "n", "null", "true", "false"))
        or _DATE.match(text)
        and "-" in text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml_lines(data: dict, indent: str = "") -> list[str]:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += _yaml_lines(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                inner = _yaml_lines(item, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def to_yaml(data: dict) -> str:
    return "\n".join(_yaml_lines(data)) + "\n"


def write_content(records: dict[str, Record], content_dir: Path) -> Path:
    """One YAML file a record: ``content_dir/<folder>/<id>.yaml``."""
    content_dir = Path(content_dir)
    for folder in FOLDERS.values():
        (content_dir / folder).mkdir(parents=True, exist_ok=True)
    for record in records.values():
        (content_dir / record.folder / f"{record.id}.yaml").write_text(to_yaml(record.data), encoding="utf-8")
    return content_dir


def generate_content(n: int, content_dir: Path, seed: int = 1, docs_dir: Path | None = ROOT / "docs") -> dict[str, Record]:
    """Write a synthetic content tree of ``n`` records into ``content_dir`` (valid with the pages of ``docs_dir``)."""
    records = generate_records(n, seed, docs_dir)
    write_content(records, content_dir)
    return records


# --- plain Markdown ----------------------------------------------------------------


def plain_pages(content_dir: Path, project_root: Path = ROOT) -> dict[str, str]:
    """Every page the project generates from ``content_dir`` (source path → body), as hand-written Markdown.

    The project's own templates render each body (no MkDocs involved); ``plain_pages.py``
    writes it back as the Markdown a person would write for the same page.
    """
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    import plain_pages as converter  # bench/plain_pages.py, beside this file

    checks = _newsbrief(project_root)
    from newsbrief import render

    site = checks.load_site(Path(content_dir), Path(content_dir).parent)
    renderer = render.Renderer(site)
    bodies = {render.page_uri(e.kind, e.id): renderer.record_page(e) for e in site.entries.values()}
    bodies.update({render.index_uri(kind): renderer.index_page(kind) for kind in render.KIND_TITLES})
    bodies["timeline/index.md"] = renderer.timeline_page()
    bodies["index.md"] = renderer.home_page()
    return {uri: converter.page_markdown(body.html, uri, set(bodies)) for uri, body in bodies.items()}


def plain_config(project_config: Path = ROOT / "mkdocs.yml") -> dict:
    """The project's theme, plugins and Markdown extensions; no hooks, and a nav of index pages."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use MkDocs tags (!ENV, !relative, !!python/name): keep them as plain text.
    Loader.add_multi_constructor("", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None)
    project = yaml.load(Path(project_config).read_text(encoding="utf-8"), Loader=Loader) or {}
    config = {"site_name": project.get("site_name", "News briefs") + " (plain)", "docs_dir": "docs", "site_dir": "site"}
    for key in ("site_description", "theme", "plugins", "markdown_extensions", "extra_css", "extra_javascript"):
        if key in project:
            config[key] = project[key]
    config["not_in_nav"] = "/*/*.md\n"
    config["nav"] = [{"Home": "index.md"}] + [{title: f"{FOLDERS[kind]}/index.md"} for kind, title in KIND_TITLES.items()] + [{"Timeline": "timeline/index.md"}]
    return config


def write_plain(content_dir: Path, plain_dir: Path, project_root: Path = ROOT) -> Path:
    """A plain MkDocs project (``mkdocs.yml`` and ``docs/``) with the project's pages for ``content_dir``, as Markdown."""
    import yaml

    plain_dir = Path(plain_dir)
    docs = plain_dir / "docs"
    for uri, text in plain_pages(content_dir, project_root).items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    config = plain_config(project_root / "mkdocs.yml")
    # The same stylesheets and scripts as the project, so the theme does the same work.
    for asset in [*config.get("extra_css", []), *config.get("extra_javascript", [])]:
        source = project_root / "docs" / str(asset)
        if source.is_file():
            (docs / str(asset)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / str(asset))
    (plain_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return plain_dir


def generate_plain(n: int, plain_dir: Path, seed: int = 1, docs_dir: Path | None = ROOT / "docs") -> dict[str, Record]:
    """Write the plain MkDocs project for the same ``n`` records as :func:`generate_content`."""
    with tempfile.TemporaryDirectory() as scratch:
        records = generate_content(n, Path(scratch) / "content", seed, docs_dir)
        write_plain(Path(scratch) / "content", plain_dir)
    return records


def check_content(content_dir: Path) -> list[str]:
    """Every problem the project's checks find in a content tree (none for a generated one)."""
    content_dir = Path(content_dir)
    return [str(p) for p in _newsbrief().load_site(content_dir, content_dir.parent).problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of records (about 40 or more: every kind needs a few, and the figures docs/ quotes)")
    parser.add_argument("out", type=Path, help="the content folder to write (or, with --plain, the plain project)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plain", action="store_true", help="write the plain MkDocs project instead of content/")
    parser.add_argument("--check", action="store_true", help="run the project's checks on the generated content")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="the hand-written pages the content must agree with (default: the project's docs/)")
    args = parser.parse_args(argv)
    if args.plain:
        generate_plain(args.n, args.out, args.seed, args.docs)
        print(f"wrote a plain MkDocs project of {args.n} record pages to {args.out}")
        return 0
    records = generate_content(args.n, args.out, args.seed, args.docs)
    counts = {kind: sum(1 for r in records.values() if r.kind == kind) for kind in FOLDERS}
    print(f"wrote {len(records)} records to {args.out}: " + ", ".join(f"{FOLDERS[k]} {c}" for k, c in counts.items()))
    if args.check:
        found = check_content(args.out)
        for problem in found:
            print(problem)
        print(f"{len(found)} problems")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
