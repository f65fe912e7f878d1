"""Relationship graphs: who said what about whom, who issued or is affected by what.

Edges come from the data (stances, claim subjects, policies' issuers and affected
entities, roles); a page's graph is its record, the records one edge away, and —
through claims and policies — the records on the other side of them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from .backlinks import Backlinks
from .checks import Site
from .loader import Entry

WIDTH, HEIGHT = 680, 440
NODE_HEIGHT = 26
GAP = 10
"""Space kept between two nodes' boxes."""
MARGIN = 12
"""Space around the drawing, which is cropped to its nodes: a small graph takes little room."""
MAX_NODES = 13
MAX_FIRST_RING = 8


RELATION_WORDS = {
    "asserts": ("asserts", "asserted by"),
    "denies": ("denies", "denied by"),
    "confirms": ("confirms", "confirmed by"),
    "declines to comment": ("declines to comment on", "no comment from"),
    "about": ("is about", "claim about it"),
    "issued": ("issued", "issued by"),
    "affects": ("affects", "affected by"),
}
"""Each relation read from its source's side and from its target's; a role reads 'chief executive officer (of)'."""

LEGEND = (("asserts", "asserts or confirms"), ("denies", "denies"), ("issued", "issued or affects"), ("role", "role"), ("about", "claim about"))
"""The kinds of line the graph draws, as its legend names them."""


def edges_made_by(entry: Entry) -> list[Edge]:
    """The edges a record makes: a statement's stances, a claim's subjects, a policy's issuer and what it
    affects, a person's roles (each also one of the record's references)."""
    r = entry.record
    if entry.kind == "statement":
        return [Edge(r.speaker, stance.stance.replace("-", " "), stance.claim, entry.id) for stance in r.stances]
    if entry.kind == "claim":
        return [Edge(entry.id, "about", subject, entry.id) for subject in r.subjects]
    if entry.kind == "policy":
        return [Edge(r.issuer, "issued", entry.id, entry.id), *(Edge(entry.id, "affects", affected, entry.id) for affected in r.affects)]
    if entry.kind == "person":
        return [Edge(entry.id, role.title.split(" and ")[-1].lower(), role.organization, entry.id) for role in r.roles]
    return []


def relation_words(edge: Edge, center: str) -> str:
    """The relation as read from ``center``: Xiaomi 'denies' a claim; the claim is 'denied by' Xiaomi."""
    forward, backward = RELATION_WORDS.get(edge.label, (f"{edge.label} of", edge.label))
    return forward if edge.source == center else backward


def line_kind(edge: Edge) -> str:
    """Which legend entry draws the edge."""
    if edge.label in ("asserts", "confirms"):
        return "asserts"
    if edge.label in ("denies", "about"):
        return edge.label
    if edge.label in ("issued", "affects"):
        return "issued"
    return "about" if edge.label == "declines to comment" else "role"


@dataclass(frozen=True)
class Edge:
    source: str
    label: str
    target: str
    via: str = field(default="", compare=False)
    """The record that makes the edge (a statement, a policy, a person's role): its dates and sources."""


@dataclass
class Node:
    id: str
    ring: int
    x: float = 0.0
    y: float = 0.0


@dataclass
class Graph:
    center: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT


class Relations:
    """Every edge that touches a record, worked out when a page asks, from the record and the records that
    refer to it (the index of references, ``Backlinks``): an edge is made by one record (a statement, a claim,
    a policy, a person's roles) and names both its ends, so it is found from either. Nothing is built for
    the whole site: after a save the preview updates the index of references, and the edges follow."""

    def __init__(self, site: Site, backlinks: Backlinks, cached: bool = True):
        self.site = site
        self.backlinks = backlinks
        self._cache: dict[str, list[Edge]] | None = {} if cached else None
        """center → its edges. None under `mkdocs serve --dirty` (incremental.track): a cached answer would
        not note, for the page asking, the records it was worked out from."""

    def _touching(self, center: str) -> list[Edge]:
        if self._cache is not None and center in self._cache:
            return self._cache[center]
        known = self.site.entries
        makers = sorted({center, *(ref.source for ref in self.backlinks.refs_to(center))})
        found: dict[Edge, Edge] = {}  # equal edges made by two records: the first record's, by id
        for maker in makers:
            entry = known.get(maker)
            if entry is None:
                continue
            for edge in edges_made_by(entry):
                if center in (edge.source, edge.target) and edge.source in known and edge.target in known:
                    found.setdefault(edge, edge)
        edges = sorted(found, key=lambda e: (e.source, e.label, e.target))
        if self._cache is not None:
            self._cache[center] = edges
        return edges

    def touching(self, center: str) -> list[Edge]:
        """Every relation of a record, for its relationship table (the graph shows a readable few)."""
        return list(self._touching(center))

    def graph(self, center: str) -> Graph | None:
        """The neighbourhood of ``center``, laid out in two rings; None when it has no edges.

        Kept small enough to read on a phone: the center's own stances, policies and
        roles come first, then claims about it that someone took a stance on; a claim
        nobody spoke to is left to the page's list of claims.
        """
        first = sorted(self._touching(center), key=lambda e: self._priority(e, center))
        first = [e for e in first if self._priority(e, center)[0] < 9]
        if not first:
            return None
        graph = Graph(center, {center: Node(center, 0)})
        edges: list[Edge] = []
        for edge in first:
            other = edge.target if edge.source == center else edge.source
            if other not in graph.nodes and len(graph.nodes) <= MAX_FIRST_RING:
                graph.nodes[other] = Node(other, 1)
            if other in graph.nodes and edge not in edges:
                edges.append(edge)
        # Through a claim or a policy, show the other side: FT asserts what Ford denies.
        for node in list(graph.nodes.values()):
            if node.ring != 1 or self.site.entries[node.id].kind not in ("claim", "policy"):
                continue
            for edge in self._touching(node.id):
                if edge.label == "about":
                    continue
                other = edge.target if edge.source == node.id else edge.source
                if other not in graph.nodes and len(graph.nodes) < MAX_NODES:
                    graph.nodes[other] = Node(other, 2)
                if other in graph.nodes and edge not in edges:
                    edges.append(edge)
        # Between two nodes one edge is enough: "Xiaomi denies the claim" says more than "the claim is about Xiaomi".
        linked = {frozenset((e.source, e.target)) for e in edges if e.label != "about"}
        graph.edges = [e for e in edges if e.label != "about" or frozenset((e.source, e.target)) not in linked]
        return graph

    def _priority(self, edge: Edge, center: str) -> tuple[int, str]:
        other = edge.target if edge.source == center else edge.source
        kind = self.site.entries[other].kind
        if edge.label == "about":
            # A claim about the center earns a place only when someone took a stance on it.
            spoken = any(e.label != "about" for e in self._touching(other))
            return (3 if spoken else 9, other)
        if kind == "claim":
            return (0, other)
        if kind == "policy" or edge.label in ("issued", "affects"):
            return (1, other)
        return (2, other)


def lay_out(graph: Graph, width_of) -> None:
    """Place the nodes in rings, push apart any that touch, and crop the drawing to them."""
    # Each node's width worked out once, not once a pair and a round: pushing apart compares every pair up
    # to 300 times (at 2,000 records, 40% of a build's CPU went to measuring the same labels again).
    width = {node_id: width_of(node_id) for node_id in graph.nodes}.__getitem__
    _lay_out(graph)
    _separate(graph, width)
    _crop(graph, width)


def _overlap(a: Node, b: Node, width_of) -> tuple[float, float]:
    """How far two nodes' boxes (with the gap) overlap along x and y; both positive when they touch."""
    dx = (width_of(a.id) + width_of(b.id)) / 2 + GAP - abs(a.x - b.x)
    dy = NODE_HEIGHT + GAP - abs(a.y - b.y)
    return dx, dy


def _separate(graph: Graph, width_of, rounds: int = 300) -> None:
    """Move touching nodes apart along the axis that needs the smaller move; the center stays put."""
    nodes = sorted(graph.nodes.values(), key=lambda n: (n.ring, n.id))
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx, dy = _overlap(a, b, width_of)
                if dx <= 0 or dy <= 0:
                    continue
                moved = True
                share = (0.0, 1.0) if a.id == graph.center else (1.0, 0.0) if b.id == graph.center else (0.5, 0.5)
                if dy <= dx:
                    sign = 1 if b.y >= a.y else -1
                    a.y -= sign * dy * share[0]
                    b.y += sign * dy * share[1]
                else:
                    sign = 1 if b.x >= a.x else -1
                    a.x -= sign * dx * share[0]
                    b.x += sign * dx * share[1]
        if not moved:
            return


def _crop(graph: Graph, width_of) -> None:
    left = min(n.x - width_of(n.id) / 2 for n in graph.nodes.values()) - MARGIN
    top = min(n.y - NODE_HEIGHT / 2 for n in graph.nodes.values()) - MARGIN
    for node in graph.nodes.values():
        node.x -= left
        node.y -= top
    graph.width = round(max(n.x + width_of(n.id) / 2 for n in graph.nodes.values()) + MARGIN)
    graph.height = round(max(n.y + NODE_HEIGHT / 2 for n in graph.nodes.values()) + MARGIN)


def _lay_out(graph: Graph) -> None:
    cx, cy = graph.width / 2, graph.height / 2
    ring1 = [n for n in graph.nodes.values() if n.ring == 1]
    ring2 = [n for n in graph.nodes.values() if n.ring == 2]
    graph.nodes[graph.center].x, graph.nodes[graph.center].y = cx, cy
    angle_of: dict[str, float] = {}
    for i, node in enumerate(ring1):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring1)
        angle_of[node.id] = angle
        node.x, node.y = cx + 0.28 * graph.width * math.cos(angle), cy + 0.27 * graph.height * math.sin(angle)
    # Second-ring nodes fan out around the first-ring node they hang from.
    children: dict[str, list[Node]] = defaultdict(list)
    for node in ring2:
        parents = [e.source if e.target == node.id else e.target for e in graph.edges if node.id in (e.source, e.target)]
        children[next((p for p in parents if p in angle_of), graph.center)].append(node)
    step = min(0.55, 2 * math.pi / max(len(ring2), 1))
    for parent, nodes in children.items():
        base = angle_of.get(parent, -math.pi / 2)
        for i, node in enumerate(nodes):
            angle = base + (i - (len(nodes) - 1) / 2) * step
            node.x = cx + 0.40 * graph.width * math.cos(angle)
            node.y = cy + 0.42 * graph.height * math.sin(angle)
