"""A brief as a reader reads it: its sections in the editor's order, and who says each thing.

Attribution is worked out from the data, never typed twice: a claim asserted by one
party reads "…, Xiaomi says" or "…, according to a Financial Times report, citing
four people familiar with the matter"; a claim others deny adds "Ford Motor Company
and Xiaomi deny it". A claim the brief's own on-the-record source reports needs no
attribution, and neither does a claim whose text already names the person who said it
("Jim Farley had a Xiaomi SU7 flown…").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .checks import Site
from .model import BriefItem
from .types import PartialDate
from .vocabulary import SECTION_TITLES


@dataclass(frozen=True)
class Section:
    """One section of a brief as shown: its heading and its items, in the editor's order."""

    kind: str
    heading: str
    items: tuple[BriefItem, ...]


def sections(site: Site, brief_id: str, title: Callable[[str], str]) -> list[Section]:
    """The brief's sections; a brief without any reads as its key points, in their order."""
    brief = site.record(brief_id)
    if not brief.sections:
        return [Section("key-points", "Key points", tuple(BriefItem(claim=c) for c in brief.key_points))]
    return [
        Section(s.kind, SECTION_TITLES[s.kind].format(name=short_name(site, s.view_from, title) if s.view_from else ""), tuple(s.items)) for s in brief.sections
    ]


def _speakers(site: Site, claim_id: str, stances: tuple[str, ...]) -> list[tuple[str, str]]:
    """(statement id, speaker id) of the statements taking one of ``stances`` on a claim, one per speaker."""
    found: dict[str, str] = {}
    for statement_id, stance in site.stances.get(claim_id, []):
        if stance in stances and statement_id in site.entries:
            found.setdefault(site.record(statement_id).speaker, statement_id)
    return [(statement_id, speaker) for speaker, statement_id in found.items()]


def _anonymous_note(site: Site, source_ids: list[str]) -> str | None:
    """'four people familiar with the matter', when a source relies on unnamed people."""
    for source_id in source_ids:
        if source_id in site.entries:
            source = site.record(source_id)
            if source.attribution == "anonymous" and source.attribution_note:
                return source.attribution_note
    return None


def short_name(site: Site, entity_id: str, title: Callable[[str], str]) -> str:
    """What running text calls an entity: the shortest alias its name starts with ('Ford' for Ford Motor Company)."""
    name = title(entity_id)
    entry = site.entries.get(entity_id)
    aliases = getattr(entry.record, "aliases", []) if entry is not None else []
    starts = [a for a in aliases if name.startswith(a + " ")]
    return min(starts, key=len) if starts else name


def _names_in(site: Site, entity_id: str, title: Callable[[str], str]) -> list[str]:
    """The ways a claim's text may name a person: full name, aliases, surname."""
    entry = site.entries.get(entity_id)
    if entry is None or entry.kind != "person":
        return []
    names = [title(entity_id), *entry.record.aliases]
    surname = title(entity_id).split()[-1]
    return names + ([surname] if len(surname) > 3 else [])


def says(site: Site, claim_id: str, on: PartialDate, title: Callable[[str], str]) -> str:
    """Who the claim rests on, in words to follow it ("Xiaomi says"); '' when the brief itself reports it."""
    claim = site.record(claim_id)
    asserting = _speakers(site, claim_id, ("asserts", "confirms"))
    if not asserting:
        note = _anonymous_note(site, claim.sources)
        if note is None:
            return ""
        publisher = site.record(next(s for s in claim.sources if s in site.entries)).publisher
        return f"according to a {title(publisher)} report, citing {note}"
    if len(asserting) > 1:
        return "according to " + and_words([short_name(site, speaker, title) for _, speaker in asserting])
    statement_id, speaker = asserting[0]
    statement = site.record(statement_id)
    if any(name in claim.text for name in _names_in(site, speaker, title)):
        return ""  # "Jim Farley had a Xiaomi SU7 flown…" already says who
    if statement.channel == "news-report":
        note = _anonymous_note(site, statement.sources)
        return f"according to a {title(speaker)} report" + (f", citing {note}" if note else "")
    if statement.date < on and not statement.date.contains(on):
        return f"{short_name(site, speaker, title)} said in {statement.date.human()}"
    return f"{short_name(site, speaker, title)} says"


def denied_by(site: Site, claim_id: str, title: Callable[[str], str]) -> str:
    """'Ford Motor Company and Xiaomi deny it', or '' when nobody does."""
    denying = _speakers(site, claim_id, ("denies",))
    if not denying:
        return ""
    names = [short_name(site, speaker, title) for _, speaker in denying]
    return f"{and_words(names)} {'denies' if len(names) == 1 else 'deny'} it"


def attributed_text(text: str, attribution: str) -> str:
    """The claim's sentence with its attribution before the final stop: 'X is so, Xiaomi says.'"""
    text = text.strip()
    if not attribution:
        return text
    stop = text[-1] if text[-1] in ".!?" else "."
    body = text[:-1] if text[-1] in ".!?" else text
    return f"{body}, {attribution}{stop}"


def and_words(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


HEADLINE_LENGTH = 60
"""A statement's headline is cut at a word before this many characters: a title, not the quote."""


def headline_of(statement) -> str:
    """A short form of what was said: the first sentence of the quote (in quotation marks) or of the paraphrase."""
    words = (statement.quote or statement.paraphrase).strip()
    first = words.split(". ")[0].rstrip(".")
    if len(first) > HEADLINE_LENGTH:
        first = first[:HEADLINE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{first}”" if statement.quote else first
