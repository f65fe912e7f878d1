"""Characters that content text may not hold, and why: the vocabulary behind the loader's refusals.

Three kinds of invisible character change what a reader sees or break what is made
from the text, so the YAML reader refuses each by name, with what it does:

* bidirectional controls reorder the text around them ("411,837" shows as "738,114");
* line and paragraph separators that editors do not count as lines, so line numbers
  in messages would point at a line that does not exist;
* control characters, whether typed raw or written as YAML escapes (``"\\x01"``):
  they make the Atom feed invalid XML and mean nothing to a reader.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS: dict[str, str] = {
    "\u202a": "makes the text after it run left-to-right as an embedded block",
    "\u202b": "makes the text after it run right-to-left as an embedded block",
    "\u202c": "ends an embedding or override, so the text around it is shown in another order",
    "\u202d": "forces the text after it to show left-to-right, whatever its letters",
    "\u202e": "forces the text after it to show right-to-left, so '411,837' reads '738,114'",
    "\u2066": "isolates the text after it as left-to-right",
    "\u2067": "isolates the text after it as right-to-left",
    "\u2068": "isolates the text after it in the direction of its first letter",
    "\u2069": "ends an isolate, so the text around it is shown in another order",
}
"""Embeddings, overrides and isolates: never needed in a brief, and they reorder what readers see."""

DIRECTION_MARKS: dict[str, str] = {
    "\u200e": "moves neutral characters next to it (digits, commas) to the left-to-right side",
    "\u200f": "moves neutral characters next to it (digits, commas) to the right-to-left side",
}
"""Invisible marks that a name in a right-to-left script may need, but that reorder numbers elsewhere."""

MARKS_ALLOWED_IN = frozenset({"name", "native_name", "aliases"})
"""Fields where a direction mark may stand: names, whose own script may need one."""

LINE_SEPARATORS: dict[str, str] = {
    "\u0085": "NEXT LINE (U+0085)",
    "\u2028": "LINE SEPARATOR (U+2028)",
    "\u2029": "PARAGRAPH SEPARATOR (U+2029)",
}
"""Characters YAML counts as line breaks and most editors do not (word processors paste them)."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
"""C0 and C1 control characters, except tab and line feed (NEXT LINE is a line separator, above)."""


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': how an editor can find the character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def line_separator_problem(text: str) -> tuple[int, str] | None:
    """(line, message) for the first line separator in a file's text, counting lines by '\\n' as editors do."""
    for char, name in LINE_SEPARATORS.items():
        position = text.find(char)
        if position >= 0:
            line = text.count("\n", 0, position) + 1
            return line, (
                f"the text contains a {name}, an invisible line break pasted from a word processor "
                "that YAML counts as a new line — replace it with a space or a real line break"
            )
    return None


_SUSPECT = re.compile("[%s%s%s]" % ("".join(BIDI_CONTROLS), "".join(DIRECTION_MARKS), "".join(LINE_SEPARATORS)))


def text_problem(value: str, field: str) -> str | None:
    """Why a text value from content cannot be published as it is, or None when it can."""
    control = _CONTROL.search(value)
    if control:
        return (
            f"the text contains the control character {describe(control.group())} "
            '(written as a YAML escape such as "\\x01") — delete it: readers cannot see it and it breaks the feed'
        )
    for match in _SUSPECT.finditer(value):  # one regex pass: most text has none of these
        char = match.group()
        if char in BIDI_CONTROLS:
            return (
                f"the text contains {describe(char)}, an invisible bidirectional control that "
                f"{BIDI_CONTROLS[char]} — delete it: readers would see the text in another order than it is checked"
            )
        if char in LINE_SEPARATORS:
            return f"the text contains a {LINE_SEPARATORS[char]}, an invisible line break — replace it with a space or '\\n'"
        if field not in MARKS_ALLOWED_IN:
            return (
                f"the text contains {describe(char)}, an invisible mark that {DIRECTION_MARKS[char]} — "
                f"delete it (it is allowed only in {', '.join(sorted(MARKS_ALLOWED_IN))})"
            )
    return None
