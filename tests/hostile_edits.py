"""A table of hostile and mistaken edits to the real content, each with the exact message it must get.

Used by tests/test_hostile.py (load and check) and tests/test_serve.py (one running
`mkdocs serve` walks through all of them and recovers after each).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edit:
    name: str
    file: str  # relative to content/
    old: bytes
    new: bytes
    messages: tuple[str, ...]

    def apply(self, content: Path) -> bytes:
        """Make the edit; returns the file's original bytes, to undo it."""
        target = content / self.file
        original = target.read_bytes()
        assert self.old in original, f"{self.name}: {self.old!r} is not in {self.file}"
        target.write_bytes(original.replace(self.old, self.new, 1) if self.old else self.new)
        return original


EDITS = [
    Edit("javascript-url", "sources/ft-report-ford-xiaomi-jv-talks.yaml",
         b"no_public_link: Named but not linked by the article the brief is based on.", b"url: javascript:alert(document.cookie)",
         ("content/sources/ft-report-ford-xiaomi-jv-talks.yaml:5: url: 'javascript:alert(document.cookie)' is not a web address: "
          "it must start with http:// or https:// — if the source has no public link, remove `url` and write `no_public_link: <why>`",)),
    Edit("duplicate-key", "companies/byd.yaml", b"name: BYD\n", b"name: BYD\nname: BYD Auto\n",
         ("content/companies/byd.yaml:2: key 'name' appears twice in the same mapping (first on line 1) — keep one",)),
    Edit("yaml11-boolean", "companies/huawei.yaml", b"country: CN", b"country: NO",
         ("content/companies/huawei.yaml:4: 'NO' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes",)),
    Edit("alias-bomb", "companies/huawei.yaml", b"name: Huawei\n",
         b"name: Huawei\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
         ("content/companies/huawei.yaml:2: YAML anchors and aliases ('&a') are not allowed — write the value out in full",)),
    Edit("tab", "companies/huawei.yaml", b"aliases: [Huawei Technologies]\n", b"aliases:\n\t- Huawei Technologies\n",
         ("content/companies/huawei.yaml:4: a tab is used for indentation — indent with spaces",)),
    Edit("byte-order-mark", "companies/byd.yaml", b"name: BYD", b"\xef\xbb\xbfname: BYD",
         ("content/companies/byd.yaml:1: the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM",)),
    Edit("not-utf-8", "companies/byd.yaml", "比亚迪".encode(), "比亚迪".encode("gb18030"),
         ("content/companies/byd.yaml:2: the file is not UTF-8 (byte 0xb1) — save it as UTF-8",)),
    Edit("empty-file", "companies/byd.yaml", b"", b"",
         ("content/companies/byd.yaml:1: the file is empty: write the record's fields, one `name: value` a line",)),
    Edit("too-large", "companies/byd.yaml", b"description: ", b"description: " + b"x" * 300_000 + b" ",
         ("content/companies/byd.yaml: the file is 300,132 bytes; a content file may be at most 262,144 bytes — split it into several records",)),
    Edit("list-not-mapping", "people/lei-jun.yaml", b"roles:\n  - title:", b"roles:\n  - CEO\n  - title:",
         ("content/people/lei-jun.yaml:6: roles[0]: expected a mapping of `name: value` lines, got 'CEO'",)),
    Edit("impossible-date", "statements/ford-denies-jv-report.yaml", b"date: 2026-02-01", b"date: 2026-02-30",
         ("content/statements/ford-denies-jv-report.yaml:2: date: '2026-02-30' is not a real date: February 2026 has 28 days",)),
    Edit("negative-count", "figures/xiaomi-target-2025.yaml", b"value: 400000", b"value: -400000",
         ("content/figures/xiaomi-target-2025.yaml:4: value: -400,000 vehicles is negative — a count cannot be; a fall is a percent-change figure",)),
    Edit("percent-compared-with-count", "figures/xiaomi-target-2026-vs-registrations-2025.yaml",
         b"base: xiaomi-registrations-2025", b"base: xiaomi-deliveries-2026-01-vs-2025-01",
         ("content/figures/xiaomi-target-2026-vs-registrations-2025.yaml:3: unit: cannot compare figures in different units "
          "(percent, vehicles): a percent-change needs one unit",)),
    Edit("period-after-source", "figures/xiaomi-registrations-2025.yaml", b"period: 2025\nperiod_as_stated: last year", b"period: 2026-03",
         ("content/figures/xiaomi-registrations-2025.yaml:5: period: 2026-03 begins after its sources were published (latest 2026-02-01) — "
          "a result cannot be reported before it happens: correct the period, or set `basis: target` or `forecast`",)),
    Edit("misspelled-reference", "statements/ford-denies-jv-report.yaml", b"speaker: ford\n", b"speaker: ford-motors\n",
         ("content/statements/ford-denies-jv-report.yaml:1: speaker: no record 'ford-motors' — did you mean 'ford'?",)),
]
