"""Hand-written pages in docs/: what is never published, and what could stall a build.

docs/ is reviewed like code (it may hold raw HTML), but two things in it are refused
whoever wrote them, because they harm the build rather than the page:

* a symbolic link, or anything that is not a regular file: MkDocs follows links, so
  ``docs/leak.md -> /proc/version`` would publish the host's files, and a device or
  pipe would hang the copy;
* a paragraph with hundreds of '[': Python-Markdown looks for the end of each link
  from every '[', so 25,000 of them on one line take minutes (the dev server stalls).
  The brackets are written as entities, so the page still builds, and the editor is told.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import Problem, printable

MAX_BRACKETS_PER_PARAGRAPH = 300
"""Python-Markdown needs about 0.1 s for 300 '[' in a paragraph and grows with the cube; prose uses a few."""

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def unsafe_file(path: Path, docs_dir: Path, src_uri: str) -> str | None:
    """Why a file found in docs/ must not be published, or None."""
    if path.resolve() != docs_dir.resolve() / src_uri:
        return "a symbolic link (or inside a linked folder) — links are not published, so that nothing outside docs/ is: put the file itself in docs/"
    try:
        mode = os.stat(path, follow_symlinks=False).st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(mode):
        return "not a regular file (a device, pipe or socket) — only ordinary files are published"
    return None


def refuse_unsafe_files(files, docs_dir: Path, shown_dir: str) -> list[Problem]:
    """Take every unsafe file out of MkDocs's list of files (before anything reads it); one problem each."""
    problems = []
    for file in list(files):
        if file.generated_by or not file.src_dir or Path(file.src_dir).resolve() != docs_dir.resolve():
            continue  # generated, or the theme's own files
        reason = unsafe_file(Path(file.abs_src_path), docs_dir, file.src_uri)
        if reason:
            files.remove(file)
            problems.append(Problem(f"{shown_dir}/{printable(file.src_uri)}", 0, "", reason))
    return problems


def defuse_bracket_runs(markdown: str, shown: str) -> tuple[str, list[Problem]]:
    """Each paragraph with too many '[' gets them as entities (shown, not parsed), and a problem."""
    if markdown.count("[") <= MAX_BRACKETS_PER_PARAGRAPH:
        return markdown, []
    problems: list[Problem] = []
    pieces = []
    position = 0
    for match in [*_PARAGRAPHS.finditer(markdown), None]:
        end = match.start() if match else len(markdown)
        paragraph = markdown[position:end]
        count = paragraph.count("[")
        if count > MAX_BRACKETS_PER_PARAGRAPH:
            line = markdown.count("\n", 0, position + paragraph.find("[")) + 1
            problems.append(
                Problem(
                    shown,
                    line,
                    "",
                    (
                        f"a paragraph with {count:,} '[' (at most {MAX_BRACKETS_PER_PARAGRAPH} are read as Markdown: "
                        "more would take minutes to build) — they are shown as text; split the paragraph or remove them"
                    ),
                )
            )
            paragraph = paragraph.replace("[", "&#91;")
        pieces.append(paragraph)
        if match:
            pieces.append(match.group())
            position = match.end()
    return "".join(pieces), problems
