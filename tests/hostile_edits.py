"""A table of hostile and mistaken edits to the real project, each with the exact message it must get,
or the inert output it must produce.

Used by tests/test_hostile.py (load and check; strict builds) and tests/test_serve.py (one running
`mkdocs serve` walks through all of them and recovers after each). Besides changing a file's bytes,
an edit may make a symbolic link, a pipe or a folder, in content/ or in docs/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

OUTSIDE_YAML = "name: Outside\ndescription: A record from outside the repository.\n"
"""The file a link points to when it leads outside the project (written beside the project)."""


@dataclass(frozen=True)
class Edit:
    name: str
    file: str  # relative to content/, or docs/… for a hand-written page
    old: bytes = b""
    new: bytes = b""
    messages: tuple[str, ...] = ()
    """Every problem the edit causes, exactly; none for an edit whose output must be inert."""
    link_to: str | None = None
    """Make ``file`` a symbolic link to this: an absolute path, or '{outside}' for a YAML file outside the project."""
    special: str | None = None
    """'fifo' (a named pipe) or 'folder' instead of a file."""
    page: str = "companies/xiaomi/"
    """The page (or download) whose served text shows the edit."""
    shows: tuple[str, ...] = ()
    """Text the page shows after an inert edit (the planted text, made harmless)."""
    never: tuple[str, ...] = ()
    """Text that must appear in no message and no output: a file's contents echoed."""

    @property
    def in_docs(self) -> bool:
        return self.file.startswith("docs/")

    def path(self, project: Path) -> Path:
        return project / self.file if self.in_docs else project / "content" / self.file

    def apply(self, project: Path) -> Callable[[], None]:
        """Make the edit in ``project``; returns how to undo it."""
        target = self.path(project)
        if self.link_to or self.special:
            assert not os.path.lexists(target), f"{self.name}: {target} exists"
            if self.link_to:
                outside = project.parent / "outside.yaml"
                outside.write_text(OUTSIDE_YAML, encoding="utf-8")
                target.symlink_to(self.link_to.format(outside=outside))
            elif self.special == "fifo":
                os.mkfifo(target)
            else:
                target.mkdir()
                (target / "ford.yaml").write_bytes((project / "content" / "companies" / "ford.yaml").read_bytes())
            return lambda: shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
        existed = target.exists()
        original = target.read_bytes() if existed else b""
        assert self.old in original, f"{self.name}: {self.old!r} is not in {self.file}"
        target.write_bytes(original.replace(self.old, self.new, 1) if self.old else self.new)
        return (lambda: target.write_bytes(original)) if existed else target.unlink

    def expected_in_page(self) -> tuple[str, ...]:
        """What the problems page shows (the messages, escaped as its template escapes them), or the inert output."""
        from markupsafe import escape

        return tuple(str(escape(m)) for m in self.messages) or self.shows


def _nested(depth: int) -> bytes:
    return b"aliases: " + b"[" * depth + b"\n"


EDITS = [
    Edit(
        "javascript-url",
        "sources/ft-report-ford-xiaomi-jv-talks.yaml",
        b"no_public_link: Named but not linked by the article the brief is based on.",
        b"url: javascript:alert(document.cookie)",
        (
            "content/sources/ft-report-ford-xiaomi-jv-talks.yaml:5: url: 'javascript:alert(document.cookie)' is not a web address: "
            "it must start with http:// or https:// — if the source has no public link, remove `url` and write `no_public_link: <why>`",
        ),
    ),
    Edit(
        "duplicate-key",
        "companies/byd.yaml",
        b"name: BYD\n",
        b"name: BYD\nname: BYD Auto\n",
        ("content/companies/byd.yaml:2: key 'name' appears twice in the same mapping (first on line 1) — keep one",),
    ),
    Edit(
        "yaml11-boolean",
        "companies/huawei.yaml",
        b"country: CN",
        b"country: NO",
        ("content/companies/huawei.yaml:4: 'NO' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes",),
    ),
    Edit(
        "alias-bomb",
        "companies/huawei.yaml",
        b"name: Huawei\n",
        b"name: Huawei\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        ("content/companies/huawei.yaml:2: YAML anchors and aliases ('&a') are not allowed — write the value out in full",),
    ),
    Edit(
        "tab",
        "companies/huawei.yaml",
        b"aliases: [Huawei Technologies]\n",
        b"aliases:\n\t- Huawei Technologies\n",
        ("content/companies/huawei.yaml:4: a tab is used for indentation — indent with spaces",),
    ),
    Edit(
        "byte-order-mark",
        "companies/byd.yaml",
        b"name: BYD",
        b"\xef\xbb\xbfname: BYD",
        ("content/companies/byd.yaml:1: the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM",),
    ),
    Edit(
        "not-utf-8",
        "companies/byd.yaml",
        "比亚迪".encode(),
        "比亚迪".encode("gb18030"),
        ("content/companies/byd.yaml:2: the file is not UTF-8 (byte 0xb1) — save it as UTF-8",),
    ),
    Edit(
        "empty-file", "companies/byd.yaml", b"", b"", ("content/companies/byd.yaml:1: the file is empty: write the record's fields, one `name: value` a line",)
    ),
    Edit(
        "too-large",
        "companies/byd.yaml",
        b"description: ",
        b"description: " + b"x" * 300_000 + b" ",
        ("content/companies/byd.yaml: the file is 300,132 bytes; a content file may be at most 262,144 bytes — split it into several records",),
    ),
    Edit(
        "list-not-mapping",
        "people/lei-jun.yaml",
        b"roles:\n  - title:",
        b"roles:\n  - CEO\n  - title:",
        ("content/people/lei-jun.yaml:6: roles[0]: expected a mapping of `name: value` lines, got 'CEO'",),
    ),
    Edit(
        "impossible-date",
        "statements/ford-denies-jv-report.yaml",
        b"date: 2026-02-01",
        b"date: 2026-02-30",
        ("content/statements/ford-denies-jv-report.yaml:2: date: '2026-02-30' is not a real date: February 2026 has 28 days",),
    ),
    Edit(
        "negative-count",
        "figures/xiaomi-target-2025.yaml",
        b"value: 400000",
        b"value: -400000",
        ("content/figures/xiaomi-target-2025.yaml:4: value: -400,000 vehicles is negative — a count cannot be; a fall is a percent-change figure",),
    ),
    Edit(
        "percent-compared-with-count",
        "figures/xiaomi-target-2026-vs-registrations-2025.yaml",
        b"base: xiaomi-registrations-2025",
        b"base: xiaomi-deliveries-2026-01-vs-2025-01",
        (
            "content/figures/xiaomi-target-2026-vs-registrations-2025.yaml:3: unit: cannot compare figures in different units "
            "(percent, vehicles): a percent-change needs one unit",
        ),
    ),
    Edit(
        "period-after-source",
        "figures/xiaomi-registrations-2025.yaml",
        b"period: 2025\nperiod_as_stated: last year",
        b"period: 2026-03",
        (
            "content/figures/xiaomi-registrations-2025.yaml:5: period: 2026-03 begins after its sources were published (latest 2026-02-01) — "
            "a result cannot be reported before it happens: correct the period, or set `basis: target` or `forecast`",
        ),
    ),
    Edit(
        "misspelled-reference",
        "statements/ford-denies-jv-report.yaml",
        b"speaker: ford\n",
        b"speaker: ford-motors\n",
        ("content/statements/ford-denies-jv-report.yaml:1: speaker: no record 'ford-motors' — did you mean 'ford'?",),
    ),
    # --- round two: issue 13 -------------------------------------------------------------
    Edit(
        "script-state-sequence",
        "companies/huawei.yaml",
        b"description: ",
        b"description: Ends in <!--<script> ",
        page="companies/huawei/",
        shows=("Ends in &lt;!--&lt;script&gt;", "\\u003c!--\\u003cscript\\u003e", 'class="md-footer"'),
    ),
    Edit(
        "spreadsheet-formula",
        "figures/xiaomi-target-2025.yaml",
        b"metric: ",
        b'metric: =HYPERLINK("http://example.com","x") ',
        page="data/figures.csv",
        shows=('"\'=HYPERLINK(""http://example.com"",""x"")',),
    ),
    Edit(
        "bidi-override",
        "claims/xiaomi-2025-registrations-beat-target.yaml",
        b"411,837",
        "\u202e411,837\u202c".encode(),
        (
            "content/claims/xiaomi-2025-registrations-beat-target.yaml:1: text: the text contains U+202E RIGHT-TO-LEFT OVERRIDE, "
            "an invisible bidirectional control that forces the text after it to show right-to-left, so '411,837' reads '738,114' — "
            "delete it: readers would see the text in another order than it is checked",
        ),
    ),
    Edit(
        "direction-mark-in-a-description",
        "companies/ford.yaml",
        b"Dearborn",
        "\u200fDearborn".encode(),
        (
            "content/companies/ford.yaml:4: description: the text contains U+200F RIGHT-TO-LEFT MARK, an invisible mark that "
            "moves neutral characters next to it (digits, commas) to the right-to-left side — delete it (it is allowed only in "
            "aliases, name, native_name)",
        ),
    ),
    Edit(
        "link-to-etc-passwd",
        "companies/passwd.yaml",
        link_to="/etc/passwd",
        never=("root:x:0:0",),
        messages=(
            "content/companies/passwd.yaml: a symbolic link — links are not followed, so that nothing outside content/ "
            "is read or published: put the file itself here instead",
        ),
    ),
    Edit(
        "link-to-yaml-outside",
        "companies/outside.yaml",
        link_to="{outside}",
        never=("A record from outside the repository",),
        messages=(
            "content/companies/outside.yaml: a symbolic link — links are not followed, so that nothing outside content/ "
            "is read or published: put the file itself here instead",
        ),
    ),
    Edit(
        "link-to-mkdocs-yml",
        "companies/config.yaml",
        link_to="../../mkdocs.yml",
        messages=(
            "content/companies/config.yaml: a symbolic link — links are not followed, so that nothing outside content/ "
            "is read or published: put the file itself here instead",
        ),
    ),
    Edit(
        "link-to-dev-zero",
        "companies/zero.yaml",
        link_to="/dev/zero",
        messages=(
            "content/companies/zero.yaml: a symbolic link — links are not followed, so that nothing outside content/ "
            "is read or published: put the file itself here instead",
        ),
    ),
    Edit(
        "named-pipe",
        "companies/pipe.yaml",
        special="fifo",
        messages=("content/companies/pipe.yaml: not a regular file or folder (a device, pipe or socket) — only ordinary .yaml files are read",),
    ),
    Edit(
        "docs-link-to-proc",
        "docs/leak.md",
        link_to="/proc/version",
        never=("Linux version",),
        messages=(
            "docs/leak.md: a symbolic link (or inside a linked folder) — links are not published, so that nothing "
            "outside docs/ is: put the file itself in docs/",
        ),
    ),
    Edit(
        "docs-link-to-hostname",
        "docs/host.txt",
        link_to="/etc/hostname",
        messages=(
            "docs/host.txt: a symbolic link (or inside a linked folder) — links are not published, so that nothing "
            "outside docs/ is: put the file itself in docs/",
        ),
    ),
    Edit(
        "nesting-2000",
        "companies/huawei.yaml",
        b"aliases: [Huawei Technologies]\n",
        _nested(2_000),
        (
            "content/companies/huawei.yaml:3: lists and mappings are nested more than 20 deep — a record needs a few levels; "
            "look for a run of '[', '{' or '- ' on this line",
        ),
    ),
    Edit(
        "nesting-25000",
        "companies/ford.yaml",
        b"aliases: [Ford, Ford Motor Co.]\n",
        _nested(25_000),
        (
            "content/companies/ford.yaml:2: lists and mappings are nested more than 20 deep — a record needs a few levels; "
            "look for a run of '[', '{' or '- ' on this line",
        ),
    ),
    Edit(
        "relative-date-without-anchor",
        "figures/xiaomi-deliveries-2025-01.yaml",
        b"period: 2025-01\n",
        b"period: 2025-01\nperiod_as_stated: last month\n",
        (
            "content/figures/xiaomi-deliveries-2025-01.yaml:4: period: '2025-01' does not match 'last month' as written in "
            "'article-ford-xiaomi-deny-jv-report' on 2026-02-01: that means 2026-01 — correct `period` or `period_as_stated`",
        ),
    ),
    Edit(
        "escaped-control-character",
        "people/jim-farley.yaml",
        b"name: Jim Farley",
        b'name: "Jim Farley\\x01"',
        (
            "content/people/jim-farley.yaml:1: name: the text contains the control character U+0001 CONTROL CHARACTER "
            '(written as a YAML escape such as "\\x01") — delete it: readers cannot see it and it breaks the feed',
        ),
    ),
    Edit(
        "newline-in-file-name",
        "companies/ford\n.yaml",
        b"",
        b"name: Ford\ndescription: A second Ford.\n",
        (
            "content/companies/ford\\n.yaml: 'ford\\n' is not a valid id: a file name is lower-case letters, digits and single "
            "hyphens — rename the file to 'ford.yaml'",
        ),
    ),
    Edit(
        "hidden-record",
        "companies/.nio.yaml",
        b"",
        b"name: NIO\ndescription: Chinese electric-vehicle maker.\n",
        ("content/companies/.nio.yaml: a hidden file (its name starts with a dot) is not read — rename it to 'nio.yaml'",),
    ),
    Edit(
        "folder-named-like-a-record",
        "companies/nio.yaml",
        special="folder",
        messages=(
            "content/companies/nio.yaml: a folder named like a record file; a record is a file, companies/nio.yaml, "
            "not a folder — folders here are not read: move the .yaml files out of it",
        ),
    ),
    Edit(
        "line-separator",
        "people/lei-jun.yaml",
        b"name: Lei Jun",
        "name: Lei\u2028Jun".encode(),
        (
            "content/people/lei-jun.yaml:1: the text contains a LINE SEPARATOR (U+2028), an invisible line break pasted from a word "
            "processor that YAML counts as a new line — replace it with a space or a real line break",
        ),
    ),
    Edit(
        "next-line",
        "events/cpca-january-2026-data-release.yaml",
        b"status: expected",
        "status: expected\u0085".encode(),
        (
            "content/events/cpca-january-2026-data-release.yaml:4: the text contains a NEXT LINE (U+0085), an invisible line break "
            "pasted from a word processor that YAML counts as a new line — replace it with a space or a real line break",
        ),
    ),
    Edit(
        "bracket-run-in-docs",
        "docs/editing.md",
        b"",
        b"[[" * 2_500 + b"\n",
        (
            "docs/editing.md:1: a paragraph with 5,000 '[' (at most 300 are read as Markdown: more would take minutes to "
            "build) — they are shown as text; split the paragraph or remove them",
        ),
    ),
    Edit(
        # Under `mkdocs serve` this crashed the build (a traceback, no page): the figure's value cannot be worked
        # out, and its page's description and the downloads formatted the missing number.
        "implier-missing",
        "figures/xiaomi-deliveries-2025-01.yaml",
        b"implied_by: xiaomi-deliveries-2026-01-vs-2025-01\n",
        b"implied_by: xiaomi-deliveries-vs-last-year\n",
        (
            "content/figures/xiaomi-deliveries-2025-01.yaml:5: implied_by: no record 'xiaomi-deliveries-vs-last-year' — did you mean 'xiaomi-deliveries-2026-01'?",
        ),
    ),
]


def batches(edits: list[Edit]) -> list[list[Edit]]:
    """The table in as few groups as possible with no file edited twice in a group: one build each."""
    groups: list[list[Edit]] = []
    for edit in edits:
        group = next((g for g in groups if edit.file not in {e.file for e in g}), None)
        if group is None:
            groups.append(group := [])
        group.append(edit)
    return groups


BATCHES = batches(EDITS)
