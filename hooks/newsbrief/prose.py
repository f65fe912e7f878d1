"""Hand-written pages in docs/: figures and records by reference, and no contradicting numbers.

Editors write ``{{ figure("xiaomi-registrations-2025") }}`` for a number and
``[[xiaomi]]`` (or ``[[xiaomi|the company]]``) for a link; both are filled in
from the data, so prose can never drift from it. A figure-like number typed by
hand (411,837 or 34%) must be the value of some figure in the data; anything in
`code` is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .checks import Site
from .numbers import read_numbers
from .problems import Problem, did_you_mean
from .textcheck import Candidate, Scope, agrees, closest

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)


def checks_numbers(source: str) -> bool:
    """Whether a page's typed numbers are checked against the data: yes, unless its front
    matter says `check_numbers: false` (a page about the site itself, such as Performance)."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return True
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return True
    return not (isinstance(meta, dict) and meta.get("check_numbers") is False)


FIGURE_MACRO = re.compile(r"""\{\{\s*figure\(\s*["']([^"']*)["']\s*\)\s*\}\}""")
# No '[' inside: a run of '[[' is then matched in linear time, not tried from every position.
LINK_MACRO = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


@dataclass
class ProseRenderer:
    """What prose needs from the page renderer: a figure and a link, as Markdown."""

    figure: Callable[[str], str]
    link: Callable[[str, str | None], str]


def expand(markdown: str, file: str, first_line: int, site: Site, render: ProseRenderer) -> tuple[str, list[Problem]]:
    """Fill in macros and check typed numbers; returns the new Markdown and every problem found."""
    problems: list[Problem] = []
    figure_values = _page_scope(markdown, site) if checks_numbers(markdown) else None
    out: list[str] = []
    in_fence = False
    for offset, line in enumerate(markdown.split("\n")):
        line_number = first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        out.append(_expand_line(line, file, line_number, site, render, figure_values, problems))
    return "\n".join(out), problems


def _expand_line(line, file, line_number, site, render, figure_values, problems) -> str:
    pieces = []
    position = 0
    for code in _CODE_SPAN.finditer(line):  # code spans are literal: no macros, no checks
        pieces.append(_expand_text(line[position : code.start()], file, line_number, site, render, figure_values, problems))
        pieces.append(code.group(0))
        position = code.end()
    pieces.append(_expand_text(line[position:], file, line_number, site, render, figure_values, problems))
    return "".join(pieces)


def _expand_text(text, file, line_number, site, render, figure_values, problems) -> str:
    def figure(match: re.Match) -> str:
        figure_id = match.group(1)
        entry = site.entries.get(figure_id)
        if entry is None or entry.kind != "figure":
            problems.append(_unknown(file, line_number, "figure", figure_id, site, "figure"))
            return match.group(0)
        return render.figure(figure_id)

    def link(match: re.Match) -> str:
        record_id, text_ = match.group(1).strip(), match.group(2)
        if record_id not in site.entries:
            problems.append(_unknown(file, line_number, "link", record_id, site, None))
            return match.group(0)
        return render.link(record_id, text_.strip() if text_ else None)

    # Typed numbers are checked on the text without its macros, against the figures the page refers to.
    typed = read_numbers(LINK_MACRO.sub("", FIGURE_MACRO.sub("", text))) if figure_values is not None else []
    for mention in typed:
        if not any(agrees(mention, candidate) for candidate in figure_values.values()):
            nearest = closest(mention, figure_values)
            hint = f" (closest: {nearest[0].shown()})" if nearest else " (the page refers to no figure or record)"
            problems.append(
                Problem(
                    file,
                    line_number,
                    "",
                    f"the number '{mention.written}' matches no figure this page refers to{hint} — write {{{{ figure(\"<figure-id>\") }}}} "
                    f"instead, or put it in `backticks` if it is not a figure",
                )
            )
    return LINK_MACRO.sub(link, FIGURE_MACRO.sub(figure, text))


def _page_scope(markdown: str, site: Site) -> dict[str, Candidate]:
    """The figures a hand-written page may quote: those it shows with figure(), and those of the records it links."""
    scope = _scope(site)
    shown = [m.group(1) for m in FIGURE_MACRO.finditer(markdown)]
    candidates = scope.of_figures(i for i in shown if i in site.entries)
    for match in LINK_MACRO.finditer(markdown):
        record_id = match.group(1).strip()
        if record_id in site.entries:
            candidates.update(scope.of_record(record_id))
    return candidates


def _scope(site: Site) -> Scope:
    """One Scope a build: built on first use by a page and kept on the site."""
    if site.text_scope is None:
        site.text_scope = Scope(site)
    return site.text_scope


def _unknown(file: str, line: int, what: str, record_id: str, site: Site, kind: str | None) -> Problem:
    candidates = [i for i, e in site.entries.items() if kind is None or e.kind == kind]
    return Problem(file, line, what, f"no {kind or 'record'} '{record_id}'{did_you_mean(record_id, candidates)}")
