"""The columns of each kind's index page: what a reader compares records of that kind by.

Each column is a header and the name of a cell-maker; cells are markup made by the
Renderer (links, dates in <time>, figures in <data>), so the tables sort by real
dates and numbers (docs/javascripts/tablesort.js) and every figure is still checked.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "brief": (("Brief", "name"), ("Published", "published"), ("Summary", "summary")),
    "company": (("Company", "name"), ("Country", "country"), ("Briefs", "briefs"), ("Last mentioned", "last_mentioned")),
    "organization": (("Organization", "name"), ("Type", "org_type"), ("Country", "country"), ("Last mentioned", "last_mentioned")),
    "person": (("Person", "name"), ("Role", "role"), ("Organization", "role_organization")),
    "claim": (("Claim", "name"), ("Status", "status"), ("Claimant", "claimant"), ("Date", "claim_date")),
    "statement": (("Statement", "name"), ("Speaker", "speaker"), ("Date", "statement_date")),
    "figure": (("Figure", "figure_name"), ("Period", "period"), ("Value", "value"), ("Subject", "subject")),
    "event": (("Event", "name"), ("Date", "event_date"), ("Status", "event_status")),
    "policy": (("Policy", "name"), ("Issued by", "issuer"), ("Status", "policy_status"), ("Since", "policy_since")),
    "source": (("Source", "name"), ("Publisher", "publisher"), ("Date", "published"), ("Kind", "source_kind")),
    "vote": (("Vote", "name"), ("Date", "event_date"), ("Body", "vote_body"), ("Outcome", "vote_outcome")),
}
"""Kind → its index columns: (header, cell) in order; the first names and links the record."""
