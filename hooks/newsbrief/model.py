"""The content model: one pydantic class per kind of record, stored one file a record.

A record's id is its file's stem (``content/companies/ford.yaml`` is ``ford``), so
ids never appear inside files. References to other records are typed with
:func:`~newsbrief.types.Ref`, which tells the checks what kinds they may name.
Everything a reader sees as derived — a claim's status, implied figures, backlinks —
is computed elsewhere, never stored here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .types import CountryCode, HttpUrl, Number, PartialDate, Ref
from .vocabulary import CHANNELS, POLICY_STEPS, QUALIFIER_TEXT, SECTION_TITLES, UNITS

ENTITY_KINDS = ("company", "organization", "person")
PUBLISHER_KINDS = ("organization", "company")

NonEmptyText = Annotated[str, Field(min_length=1)]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", description="BCP 47 language tag: en, zh, zh-Hans")]
Sources = Annotated[list[Ref("source")], Field(min_length=1, description="Ids of the sources that back this (at least one).")]
OptionalSources = Annotated[list[Ref("source")], Field(default_factory=list)]
AsStated = Annotated[
    str | None,
    Field(default=None, description="The words the source uses for the date ('last month', 'Saturday'); checked against the first source's date."),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=False)


class NotFigure(Model):
    """A number in this record's text that is not a figure: a law's section, a street number."""

    text: NonEmptyText = Field(description="The words as they appear in the text: 'Section 301', 'the two biggest'.")
    reason: NonEmptyText = Field(description="Why it is not a figure, for the next editor: 'the name of a law'.")


class Record(Model):
    """What every kind of record has: the numbers in its text that are not figures."""

    not_figures: list[NotFigure] = Field(
        default_factory=list,
        description="Numbers in this record's text that are not figures, each with the reason (every other number is checked against the data).",
    )


ClaimLike = ("claim", "policy", "statement", "figure", "vote")
"""The kinds a stance can be taken on: "the ministry rejects the ruling"."""

Direction = Literal["past", "future"]
AsStatedDirection = Annotated[
    Direction | None,
    Field(
        default=None,
        description="For words that could point either way ('on Wednesday'): whether they mean the past or the future. Needed only when the record does not say.",
    ),
]


class Entity(Record):
    name: NonEmptyText
    native_name: str | None = Field(None, description="The name in its own script: 小米, 雷军, 比亚迪.")
    aliases: list[NonEmptyText] = Field(default_factory=list, description="Other names readers search for.")
    country: CountryCode | None = None
    description: NonEmptyText
    website: HttpUrl | None = None
    sources: OptionalSources


class Company(Entity):
    """A business: Ford, Xiaomi, BYD."""


class Organization(Entity):
    """A government, administration, agency, publisher, association or show."""

    type: Literal["government", "administration", "agency", "publisher", "association", "podcast", "other"]


class Role(Model):
    title: NonEmptyText
    organization: Ref(*PUBLISHER_KINDS)
    since: PartialDate | None = None
    until: PartialDate | None = None
    as_of: PartialDate | None = Field(None, description="A date on which the source shows the role held.")
    sources: Sources


class Person(Entity):
    """A named person; their roles carry dates and sources."""

    roles: list[Role] = Field(default_factory=list)


class Source(Record):
    """What backs a fact: an article, a statement, a podcast, a data release."""

    title: NonEmptyText
    publisher: Ref(*PUBLISHER_KINDS)
    published: PartialDate
    kind: Literal[
        "news-report",
        "company-statement",
        "press-release",
        "podcast",
        "interview",
        "data-release",
        "social-post",
        "government-document",
    ]
    url: HttpUrl | None = None
    no_public_link: NonEmptyText | None = Field(None, description="Why there is no public link (instead of `url`).")
    excerpt: str | None = None
    accessed: PartialDate | None = None
    language: Language = "en"
    attribution: Literal["on-record", "anonymous", "second-hand"] = "on-record"
    attribution_note: str | None = Field(None, description="Whom the source relies on: 'four people familiar with the matter'.")
    cites: list[Ref("source")] = Field(default_factory=list, description="The first-hand sources a second-hand source relies on.")

    @model_validator(mode="after")
    def _link_or_reason(self):
        if self.url and self.no_public_link:
            raise ValueError("give either `url` or `no_public_link`, not both")
        if not self.url and not self.no_public_link:
            raise ValueError("give `url: https://…`, or `no_public_link: <why>` when the source is not online")
        return self


class Stance(Model):
    claim: Ref(*ClaimLike) = Field(description="What the stance is on: a claim, a policy, a statement, a figure or a vote.")
    step: int | None = Field(None, ge=1, description="For a policy: the number of the step in its `history` (1 is the first) the stance is on.")
    stance: Literal["asserts", "denies", "confirms", "rejects", "supports", "declines-to-comment"]


class Statement(Record):
    """Something a person, company or organization said, with its stance on claims."""

    speaker: Ref(*ENTITY_KINDS)
    date: PartialDate
    date_as_stated: AsStated
    date_direction: AsStatedDirection
    channel: Literal[tuple(CHANNELS)]  # type: ignore[valid-type]
    quote: NonEmptyText | None = Field(None, description="The exact words, as published.")
    paraphrase: NonEmptyText | None = Field(None, description="What was said, when no exact words are published.")
    quote_note: str | None = Field(None, description="Anything a reader must know about the quote (e.g. cut off in the source).")
    language: Language = "en"
    about: list[Ref(*ENTITY_KINDS, "policy")] = Field(default_factory=list, description="Whom or what the statement is about.")
    stances: list[Stance] = Field(default_factory=list)
    sources: Sources

    @model_validator(mode="after")
    def _has_words(self):
        if not self.quote and not self.paraphrase:
            raise ValueError("give `quote` (the exact words) or `paraphrase` (when no exact words are published)")
        return self


class Claim(Record):
    """A fact the brief reports; its status is derived from the statements' stances."""

    text: NonEmptyText
    headline: NonEmptyText | None = Field(None, description="A few words that name the claim in titles and graphs: 'Ford–Xiaomi joint venture talks'.")
    subjects: Annotated[list[Ref(*ENTITY_KINDS, "policy")], Field(min_length=1)]
    figures: list[Ref("figure")] = Field(default_factory=list)
    latest: list[Ref("figure")] = Field(
        default_factory=list,
        description="Series the text quotes at their newest period ('latest monthly deliveries'): name any figure of each series; "
        "the page and the number check follow the newest period recorded.",
    )
    note: str | None = None
    explanation: NonEmptyText | None = Field(None, description="One paragraph for the claim's verdict: what is known, and what cannot be verified.")
    sources: Sources


Unit = Literal[tuple(UNITS)]  # type: ignore[valid-type]


class Derivation(Model):
    """How a figure follows from others: "up 34% from 2025" is a percent change."""

    relation: Literal["percent-change", "percentage-point-change", "multiple", "sum"]
    base: Ref("figure") | None = Field(None, description="The figure compared from (2025's registrations).")
    current: Ref("figure") | None = Field(None, description="The figure compared to (the 2026 target).")
    parts: list[Ref("figure")] = Field(default_factory=list, description="For `sum`: the figures added up.")
    as_stated: str | None = Field(None, description="The words of the source: 'up 34% from 2025'.")
    values: Literal["preferred", "as-named"] = Field(
        "preferred",
        description="When a figure it uses has competing values: `preferred` (the default) uses the preferred one; "
        "`as-named` uses exactly the figures named (the value the source computed from).",
    )

    @model_validator(mode="after")
    def _operands(self):
        if self.relation == "sum":
            if len(self.parts) < 2 or self.base or self.current:
                raise ValueError("a `sum` lists two or more `parts` (and no `base`/`current`)")
        elif not (self.base and self.current) or self.parts:
            raise ValueError(f"a `{self.relation}` names a `base` and a `current` figure (and no `parts`)")
        return self


class Comparison(Model):
    """A stated comparison: registrations 'surpassing its final target'."""

    than: Ref("figure")
    relation: Literal["above", "below", "at-least", "at-most", "equal"]
    as_stated: str | None = None


Qualifier = Literal[tuple(QUALIFIER_TEXT)]  # type: ignore[valid-type]

Rank = Literal["preferred", "normal", "deprecated"]
"""Wikidata's ranks: of the competing values of one measure, one is preferred; a deprecated one is known to be wrong."""


class Dimensions(Model):
    """What else a figure is about: the rate *for* BYD *under* the EU duty, a share *of* a market *in* a country."""

    for_: Ref(*ENTITY_KINDS) | None = Field(None, alias="for", description="The company, person or organization the figure is for.")
    under: Ref("policy") | None = Field(None, description="The policy the figure applies under.")
    in_: CountryCode | None = Field(None, alias="in", description="The country it covers (ISO 3166 code).")
    of: NonEmptyText | None = Field(None, description="What it is a share or part of, in words: 'the EU electric-car market'.")


class Figure(Record):
    """A number with its unit, metric, period, qualifier and sources."""

    subject: Ref(*ENTITY_KINDS, "policy")
    metric: NonEmptyText
    unit: Unit
    value: Number | None = Field(
        None, description="Omitted only for an implied figure, whose value is computed. Write the decimals you mean: 12.0 is precise to a tenth."
    )
    as_stated: str | None = Field(None, description="The source's words for the value ('fell by 1.5 points'): checked against the value, unit and direction.")
    qualifier: Qualifier = "exact"
    rounding: float | None = Field(None, gt=0, description="The step the stated value is rounded to (34% → 1); by default the last digit written.")
    period: PartialDate
    period_as_stated: AsStated
    period_direction: AsStatedDirection
    basis: Literal["actual", "target", "forecast", "estimate", "scheduled"] = Field(
        "actual",
        description="actual (a result), target, forecast, estimate, or scheduled (a value fixed in advance: a rate from a future date).",
    )
    dimensions: Dimensions | None = Field(None, description="What else the figure is for: `for: byd`, `under: <policy>`, `in: CN`, `of: <words>`.")
    scope: str | None = Field(None, description="Where or what it covers: 'China', 'vehicles imported from China'.")
    label: str | None = Field(None, description="A short name for tables; by default built from subject, metric and period.")
    derivation: Derivation | None = None
    implied_by: Ref("figure") | None = Field(None, description="For a figure the source never states: the derived figure that implies it.")
    compared_to: list[Comparison] = Field(default_factory=list)
    rank: Rank = Field(
        "normal",
        description="Among competing values of the same measure (same subject, metric, period, basis and dimensions): "
        "exactly one is `preferred`; others are `normal`, or `deprecated` when known to be wrong.",
    )
    rank_reason: NonEmptyText | None = Field(
        None,
        description="Why this rank: 'official statistics', 'company's own count', 'later revision'. Needed for `preferred` and `deprecated`.",
    )
    revises: Ref("figure") | None = Field(
        None,
        description="The earlier value of the same measure that this one revises (from a later source): shown struck through.",
    )
    fulfils: Ref("event") | None = Field(
        None,
        description="The expected release (an event with `expects`) that this figure delivers.",
    )
    note: str | None = None
    sources: OptionalSources

    @model_validator(mode="after")
    def _value_and_sources(self):
        if self.implied_by:
            if self.value is not None or self.sources:
                raise ValueError("an implied figure has no `value` or `sources` of its own: both come from `implied_by`")
        else:
            if self.value is None:
                raise ValueError("give the `value` as stated (or `implied_by` for a figure the source never states)")
            if not self.sources:
                raise ValueError("a figure needs at least one source — add `sources: [<source-id>]`")
        return self


class PolicyAction(Model):
    action: Literal[tuple(POLICY_STEPS)]  # type: ignore[valid-type]
    date: PartialDate
    date_as_stated: AsStated
    date_direction: AsStatedDirection
    by: Ref(*PUBLISHER_KINDS, "person") | None = None
    note: str | None = None
    sources: Sources


class Policy(Record):
    """A law, tariff, ban or rule: who issued it, what it does, its dated history."""

    title: NonEmptyText
    issuer: Ref(*PUBLISHER_KINDS)
    summary: NonEmptyText
    jurisdiction: str | None = None
    status: Literal["proposed", "announced", "provisional", "adopted", "in-force", "suspended", "challenged", "repealed", "revoked", "expired"]
    affects: list[Ref(*ENTITY_KINDS)] = Field(default_factory=list)
    history: Annotated[list[PolicyAction], Field(min_length=1)]
    ends: PartialDate | None = Field(None, description="When the policy ends (or ended).")
    duration_as_stated: str | None = Field(
        None,
        description="The source's words for how long it lasts ('for five years'): checked against the date it takes effect and `ends`.",
    )
    sources: Sources

    @model_validator(mode="after")
    def _duration_needs_end(self):
        if self.duration_as_stated and not self.ends:
            raise ValueError("`duration_as_stated` needs `ends: <date>` (the date it works out to), so the two can be checked")
        return self


class Vote(Record):
    """A vote by a body on a policy, a claim or an event, with its counts (each one a figure prose can quote)."""

    body: Ref(*PUBLISHER_KINDS)
    date: PartialDate
    date_as_stated: AsStated
    date_direction: AsStatedDirection
    voted_on: Ref("policy", "claim", "event") = Field(
        description="What was voted on: a policy, a claim or an event. (Not `on:`, which older YAML tools read as true.)"
    )
    question: NonEmptyText = Field(description="What was voted on, in words.")
    unit: Unit = Field("members", description="What the counts count: members, member-states, votes, seats.")
    in_favour: int | None = Field(None, ge=0)
    against: int | None = Field(None, ge=0)
    abstaining: int | None = Field(None, ge=0)
    absent: int | None = Field(None, ge=0, description="Members who did not vote.")
    members: int | None = Field(None, ge=1, description="The size of the body: the counts must add up to it when all are given.")
    outcome: Literal["passed", "rejected", "blocked", "no-decision"]
    sources: Sources

    @model_validator(mode="after")
    def _some_count(self):
        if all(getattr(self, name) is None for name in VOTE_COUNTS):
            raise ValueError("give at least one count: `in_favour`, `against`, `abstaining` or `absent`")
        return self


VOTE_COUNTS = ("in_favour", "against", "abstaining", "absent")


class Expects(Model):
    """What an expected release will publish: who, what, for which period (its date is the event's)."""

    publisher: Ref(*PUBLISHER_KINDS) = Field(description="Who will publish it: the China Passenger Car Association.")
    subject: Ref(*ENTITY_KINDS, "policy") = Field(description="Whom the figure will be about.")
    metric: NonEmptyText = Field(description="The figure's metric, as the figure will write it: 'deliveries'.")
    period: PartialDate = Field(description="The period the figure will cover: 2026-01.")


class Event(Record):
    """A dated happening, past or planned."""

    title: NonEmptyText
    date: PartialDate
    date_as_stated: AsStated
    date_direction: AsStatedDirection
    status: Literal["happened", "planned", "expected", "scheduled"] = Field(
        "happened",
        description="happened, planned, expected, or scheduled (announced by its source for a later date).",
    )
    summary: str | None = None
    participants: list[Ref(*ENTITY_KINDS)] = Field(default_factory=list)
    expects: Expects | None = Field(
        None,
        description="For an expected release: what it will publish. It is pending until a figure (or event) `fulfils` it; "
        "after its date (`date_as_stated` read against the source's date) it shows as overdue.",
    )
    fulfils: Ref("event") | None = Field(None, description="The expected event (with `expects`) that this event delivers.")
    sources: Sources


class Update(Model):
    date: PartialDate
    kind: Literal["update", "correction"] = "update"
    note: NonEmptyText


class BriefItem(Model):
    """One point of a section: a record the brief reports, or a short text of the editor's."""

    claim: Ref("claim") | None = None
    statement: Ref("statement") | None = None
    figure: Ref("figure") | None = None
    event: Ref("event") | None = None
    text: NonEmptyText | None = Field(None, description="A short text of the editor's: framing, not a fact (facts are claims).")

    @model_validator(mode="after")
    def _one_thing(self):
        given = [name for name in ("claim", "statement", "figure", "event", "text") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("each item names one `claim`, `statement`, `figure` or `event`, or gives one `text`")
        return self


class BriefSection(Model):
    """A section of the brief, in the editor's order: the news first, background last."""

    kind: Literal[tuple(SECTION_TITLES)]  # type: ignore[valid-type]
    view_from: Ref(*ENTITY_KINDS) | None = Field(None, description="For `the-view-from`: whose view.")
    items: Annotated[list[BriefItem], Field(min_length=1)]

    @model_validator(mode="after")
    def _view_from(self):
        if (self.kind == "the-view-from") != (self.view_from is not None):
            raise ValueError("a `the-view-from` section names whose view in `view_from` (and only that kind does)")
        return self


class Brief(Record):
    """A story: its headline, summary, key points and everything in it."""

    headline: NonEmptyText
    summary: NonEmptyText
    published: PartialDate
    updates: list[Update] = Field(default_factory=list)
    key_points: Annotated[list[Ref("claim")], Field(min_length=1)]
    sections: list[BriefSection] = Field(
        default_factory=list, description="The brief as it reads, in the editor's order; without them, the key points in order."
    )
    entities: list[Ref(*ENTITY_KINDS)] = Field(default_factory=list)
    statements: list[Ref("statement")] = Field(default_factory=list)
    figures: list[Ref("figure")] = Field(default_factory=list)
    policies: list[Ref("policy")] = Field(default_factory=list)
    events: list[Ref("event")] = Field(default_factory=list)
    votes: list[Ref("vote")] = Field(default_factory=list)
    sources: Sources


KINDS: dict[str, type[Model]] = {
    "brief": Brief,
    "claim": Claim,
    "company": Company,
    "event": Event,
    "figure": Figure,
    "organization": Organization,
    "person": Person,
    "policy": Policy,
    "source": Source,
    "statement": Statement,
    "vote": Vote,
}
"""Every kind of record and its model."""

FOLDERS: dict[str, str] = {
    "briefs": "brief",
    "claims": "claim",
    "companies": "company",
    "events": "event",
    "figures": "figure",
    "organizations": "organization",
    "people": "person",
    "policies": "policy",
    "sources": "source",
    "statements": "statement",
    "votes": "vote",
}
"""The folder under content/ that holds each kind."""

FOLDER_OF = {kind: folder for folder, kind in FOLDERS.items()}
