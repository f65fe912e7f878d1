"""Relationship graphs: who said what about whom, who issued or is affected by what.

Edges come from the data (stances, claim subjects, policies' issuers and affected
entities, roles); a page's graph is its record, the records one edge away, and —
through claims and policies — the records on the other side of them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from .checks import Site

WIDTH, HEIGHT = 680, 440
MAX_NODES = 13
MAX_FIRST_RING = 8


@dataclass(frozen=True)
class Edge:
    source: str
    label: str
    target: str


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
    """Every edge of the site, indexed by the records it touches; built once a build."""

    def __init__(self, site: Site):
        self.site = site
        edges: list[Edge] = []
        for entry in site.entries.values():
            r = entry.record
            if entry.kind == "statement":
                for stance in r.stances:
                    edges.append(Edge(r.speaker, stance.stance.replace("-", " "), stance.claim))
            elif entry.kind == "claim":
                edges += [Edge(entry.id, "about", subject) for subject in r.subjects]
            elif entry.kind == "policy":
                edges.append(Edge(r.issuer, "issued", entry.id))
                edges += [Edge(entry.id, "affects", affected) for affected in r.affects]
            elif entry.kind == "person":
                edges += [Edge(entry.id, role.title.split(" and ")[-1].lower(), role.organization) for role in r.roles]
        known = site.entries
        self.edges = sorted({e for e in edges if e.source in known and e.target in known}, key=lambda e: (e.source, e.label, e.target))
        self._touching: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            self._touching[edge.source].append(edge)
            self._touching[edge.target].append(edge)

    def graph(self, center: str) -> Graph | None:
        """The neighbourhood of ``center``, laid out in two rings; None when it has no edges.

        Kept small enough to read on a phone: the center's own stances, policies and
        roles come first, then claims about it that someone took a stance on; a claim
        nobody spoke to is left to the page's list of claims.
        """
        first = sorted(self._touching.get(center, []), key=lambda e: self._priority(e, center))
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
            for edge in self._touching.get(node.id, []):
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
        _lay_out(graph)
        return graph

    def _priority(self, edge: Edge, center: str) -> tuple[int, str]:
        other = edge.target if edge.source == center else edge.source
        kind = self.site.entries[other].kind
        if edge.label == "about":
            # A claim about the center earns a place only when someone took a stance on it.
            spoken = any(e.label != "about" for e in self._touching.get(other, []))
            return (3 if spoken else 9, other)
        if kind == "claim":
            return (0, other)
        if kind == "policy" or edge.label in ("issued", "affects"):
            return (1, other)
        return (2, other)


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
