#!/usr/bin/env python3
"""Flag script added to docs/ in a change, for a reviewer to look at.

docs/ holds hand-written Markdown, which may carry raw HTML and attribute lists: a
`<script>`, an `onclick=` or a `javascript:` link there runs in every reader's browser.
That is normal for Markdown, so docs/ is reviewed like code; this check makes sure a
reviewer sees each such line. Content in content/ needs no such check: it is always
escaped.

    python3 .ci/docs_diff_check.py origin/main      # the lines added since main
    git diff origin/main -- docs | python3 .ci/docs_diff_check.py -

Prints one line per finding (file:line: what) and exits 1 when there is any.
Standard library only, so a CI job can run it before anything is installed.
"""

from __future__ import annotations

import re
import subprocess
import sys

RISKY = {
    "<script": re.compile(r"<\s*script", re.I),
    "an on…= event-handler attribute": re.compile(r"(?<![\w-])on[a-z]+\s*=", re.I),
    "a javascript: link": re.compile(r"javascript\s*:", re.I),
}
"""What runs script from a Markdown page, and how to find it in a line."""

_FILE = re.compile(r"^\+\+\+ b/(.*)$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def findings(diff: str, folder: str = "docs/") -> list[str]:
    """'docs/x.md:12: adds <script — …' for each risky added line of a unified diff."""
    found: list[str] = []
    file, line = None, 0
    for text in diff.splitlines():
        if match := _FILE.match(text):
            file = match.group(1)
        elif match := _HUNK.match(text):
            line = int(match.group(1))
        elif text.startswith("+") and not text.startswith("+++"):
            if file and file.startswith(folder):
                found += [
                    f"{file}:{line}: adds {what} — docs/ is reviewed like code: a maintainer must approve it"
                    for what, pattern in RISKY.items()
                    if pattern.search(text[1:])
                ]
            line += 1
        elif not text.startswith("-"):
            line += 1
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "-":
        diff = sys.stdin.read()
    else:
        diff = subprocess.run(
            ["git", "diff", "--no-color", "--unified=0", f"{argv[1]}...HEAD", "--", "docs"], capture_output=True, text=True, check=True
        ).stdout
    found = findings(diff)
    for finding in found:
        print(finding)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
