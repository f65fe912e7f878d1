"""Problems an editor must fix, and the hints that help them do it.

Low-level checks raise or return a message about a value; the loader and the
cross-record checks attach the file, the line and the field, so that every
message reads the same way:

    content/statements/ford-denial.yaml:4: speaker: no record 'ford-motors' — did you mean 'ford'?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content, located at a file and line."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentError(Exception):
    """Raised by tools that need valid content; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(wrong: object, candidates: Iterable[str]) -> str:
    """' — did you mean 'ford'?' when a close candidate exists, else ''."""
    close = difflib.get_close_matches(str(wrong), sorted(set(candidates)), n=1, cutoff=0.6)
    if not close:
        # Ids are often typed as a prefix ("ford-motors" for "ford"): try that too.
        prefixed = sorted(c for c in set(candidates) if str(wrong).startswith(c + "-") or c.startswith(str(wrong) + "-"))
        close = prefixed[:1]
    return f" — did you mean '{close[0]}'?" if close else ""


def display_path(path: Path, root: Path) -> str:
    """A path as an editor sees it: relative to the project, with forward slashes.

    Not resolved: a link is named as the link, never as where it leads. Invisible
    characters in a name are shown as escapes, so a message stays one line.
    """
    try:
        shown = path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        try:  # the project reached through a linked folder (/tmp on some systems): resolve the folder, never the file
            shown = (path.absolute().parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
    return printable(shown)


def printable(text: str) -> str:
    """'ford\\n' for 'ford' and a newline: every invisible character written as an escape."""
    if text.isprintable():
        return text  # nearly every name: no character-by-character copy (10,000 files on every save)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
