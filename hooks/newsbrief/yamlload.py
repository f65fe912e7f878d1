"""Strict YAML reading: one file in, plain data with line numbers out.

YAML's defaults lose data silently in exactly the kind of editing a newsroom
does, so this reader refuses what PyYAML would quietly accept:

* a key written twice in one mapping (PyYAML keeps the last one);
* anchors and aliases (``&a`` / ``*a``: no use in a brief, and alias bombs);
* YAML 1.1 booleans such as ``yes``, ``no``, ``on``, ``off`` (PyYAML reads ``NO`` as False);
* explicit tags (``!!python/...``, ``!!binary``);
* anything that is not UTF-8, a byte-order mark, an empty file, a huge file;
* lists and mappings nested deeper than a record needs (PyYAML recurses per level and
  crashes), and text with invisible characters (see ``characters.py``);
* anything but a regular file: links, devices and pipes are never read.

Plain scalars become ``str``, ``int``, ``float``, ``bool`` (only ``true``/``false``)
or ``None``; dates stay strings so the model decides what they are.
Every mapping and list remembers the line of each key and item.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from . import characters

# The C parser is about ten times faster; PyYAML falls back to Python where libyaml is missing.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024
"""A content file larger than this is refused: a brief's record is a few KiB."""

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOL = {"yes", "no", "on", "off", "y", "n"}

_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {_STR_TAG, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class YamlError(Exception):
    """A file that cannot be read as content; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, line: int, message: str, field: str = ""):
        self.line = line
        self.message = message
        self.field = field
        super().__init__(f"{line}: {message}")


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class WrittenFloat(float):
    """A float that remembers how it was written: ``12.0`` stays ``12.0`` (a tenth), not ``12``."""

    written: str

    def __new__(cls, written: str) -> WrittenFloat:
        number = super().__new__(cls, written.replace("_", ""))
        number.written = written.replace("_", "")
        return number

    def __getnewargs__(self):  # pickled for the render worker and the file cache
        return (self.written,)


class LineList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list


class _NoImplicitTypes(_BaseLoader):
    """Resolve every plain scalar to str: typing is done here, by rules we choose."""

    yaml_implicit_resolvers: dict = {}


def read_content_file(path: Path) -> bytes:
    """A content file's bytes: only a regular file, never through a link, never more than the limit.

    Opened without following a final symbolic link and without blocking (a FIFO cannot
    hang the build); what was opened is checked to be a regular file, and at most one
    byte past the limit is read, so /dev/zero or a growing file cannot exhaust memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise YamlError(0, f"the file cannot be opened ({exc.strerror}) — check that it is still there and readable, then save it again") from None
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise YamlError(0, "not a regular file (a device, pipe or socket) — only ordinary .yaml files are read")
        raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            size = max(os.fstat(descriptor).st_size, len(raw))
            raise YamlError(0, _too_large(size))
    return raw


def _too_large(size: int) -> str:
    return f"the file is {size:,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes — split it into several records"


def parse_yaml(raw: bytes):
    """Parse one content file's bytes; raise :class:`YamlError` with a line on any trap."""
    text = _decode(raw)
    try:
        return _Composer(yaml.parse(text, Loader=_NoImplicitTypes)).document()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_line_of(exc), _describe_yaml_error(exc, text)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text[: exc.position].count("\n") + 1
        raise YamlError(line, f"the file contains a control character (code {exc.character!r}) that YAML does not allow — delete it") from None
    except yaml.YAMLError as exc:  # errors without a position
        raise YamlError(0, f"not valid YAML: {exc}") from None


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(0, _too_large(len(raw)))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(1, "the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(line, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}) — save it as UTF-8") from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n")):
        raise YamlError(1, "the file is empty: write the record's fields, one `name: value` a line")
    separator = characters.line_separator_problem(text)
    if separator:  # before YAML counts it as a line, and every later line number is off by one
        raise YamlError(*separator)
    return text


MAX_DEPTH = 20
"""How deep lists and mappings may nest: a record uses four levels at most (a person's roles' sources)."""


@dataclass
class _Open:
    """A list or mapping still being read; ``key`` is a mapping's key awaiting its value."""

    collection: LineDict | LineList
    field: str
    key: str | None = None
    key_line: int = 0


class _Composer:
    """Builds plain data with lines from YAML events, in a loop rather than by recursion.

    PyYAML's composer recurses once per level of nesting: 2,000 '[' raise RecursionError,
    25,000 crash its C extension (and `mkdocs serve` with it). Here the depth is counted
    as events arrive and refused long before either, at the line that goes too deep.
    Anchors are refused at the first one, so an alias bomb never expands.
    """

    def __init__(self, events):
        self.events = iter(events)
        self.open: list[_Open] = []

    def document(self):
        next(self.events)  # StreamStart
        if isinstance(next(self.events), yaml.StreamEndEvent):
            raise YamlError(1, "the file is empty: write the record's fields, one `name: value` a line")
        root = self._root()
        next(self.events)  # DocumentEnd
        event = next(self.events)
        if isinstance(event, yaml.DocumentStartEvent):
            raise YamlError(event.start_mark.line + 1, "not valid YAML: but found another document — a file holds one record")
        return root

    def _root(self):
        for event in self.events:
            line = event.start_mark.line + 1
            _refuse_anchor(event, line)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                closed = self.open.pop().collection
                if not self.open:
                    return closed
            elif isinstance(event, yaml.ScalarEvent):
                top = self.open[-1] if self.open else None
                if top and isinstance(top.collection, LineDict) and top.key is None:
                    self._key(top, event, line)
                    continue
                value = _construct_scalar(event, line, self._field())
                if top is None:
                    return value
                self._attach(value, line)
            else:  # the start of a list or mapping
                self._start(event, line)
        raise YamlError(0, "not valid YAML: the file ends inside a list or mapping")

    def _start(self, event, line: int) -> None:
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if self.open and isinstance(self.open[-1].collection, LineDict) and self.open[-1].key is None:
            raise YamlError(line, "a key must be a plain name, not a list or mapping")
        _refuse_tag(event.tag, "tag:yaml.org,2002:map" if is_mapping else "tag:yaml.org,2002:seq", line)
        if len(self.open) >= MAX_DEPTH:
            raise YamlError(
                line,
                f"lists and mappings are nested more than {MAX_DEPTH} deep — a record needs a few levels; look for a run of '[', '{{' or '- ' on this line",
            )
        collection: LineDict | LineList
        if is_mapping:
            mapping = LineDict()
            mapping.key_lines = {}
            collection = mapping
        else:
            sequence = LineList()
            sequence.item_lines = []
            collection = sequence
        collection.line = line
        field = self._field()
        if self.open:
            self._attach(collection, line)
        self.open.append(_Open(collection, field))

    def _key(self, top: _Open, event, line: int) -> None:
        if event.tag == "tag:yaml.org,2002:merge" or (event.value == "<<" and not event.style):
            raise YamlError(line, "YAML merge keys ('<<') are not allowed — write the fields out in full")
        _refuse_tag(event.tag, _STR_TAG, line)
        if event.value in top.collection:
            raise YamlError(
                line,
                f"key '{event.value}' appears twice in the same mapping (first on line {cast(LineDict, top.collection).key_lines[event.value]}) — keep one",
            )
        top.key, top.key_line = event.value, line

    def _field(self) -> str:
        """The field a value belongs to: the awaiting key of a mapping, or the list's own field."""
        if not self.open:
            return ""
        top = self.open[-1]
        return (top.key if isinstance(top.collection, LineDict) else top.field) or ""

    def _attach(self, value, line: int) -> None:
        top = self.open[-1]
        if isinstance(top.collection, LineList):
            top.collection.append(value)
            top.collection.item_lines.append(line)
        else:
            top.collection[top.key] = value
            top.collection.key_lines[top.key] = top.key_line
            top.key = None


def _refuse_anchor(event, line: int) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise YamlError(line, f"YAML anchors and aliases ('*{event.anchor}') are not allowed — write the value out in full")
    if getattr(event, "anchor", None):
        raise YamlError(line, f"YAML anchors and aliases ('&{event.anchor}') are not allowed — write the value out in full")


def _refuse_tag(tag: str | None, plain: str, line: int) -> None:
    # None and '!' are no tag; the plain tag written out (`!!str`) is harmless.
    if tag not in (None, "!", plain):
        raise YamlError(line, f"explicit YAML tags ('{tag}') are not allowed — remove the tag")


def _line_of(exc: yaml.MarkedYAMLError) -> int:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark else 0


def _describe_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or "syntax error"
    line = _line_of(exc)
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "found character '\\t'" in problem:
        return "a tab is used for indentation — indent with spaces"
    # libyaml and PyYAML word these differently; editors get one wording.
    if "mapping values are not allowed" in problem:
        return "not valid YAML: ': ' where YAML does not expect it — check the indentation, or put a value containing ': ' in quotes"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return f"not valid YAML ({problem}) — check the indentation and that each line is `name: value`"
    return f"not valid YAML: {problem}"


def _construct_scalar(event: yaml.ScalarEvent, line: int, field: str):
    _refuse_tag(event.tag, _STR_TAG, line)
    value = event.value
    if event.style or event.tag:  # quoted, block or tagged text is always a string (plain style is None or '')
        return _text(value, line, field)
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value.lower() in _YAML11_BOOL:
        raise YamlError(
            line,
            f"'{value}' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes",
        )
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value):
        return WrittenFloat(value)
    return _text(value, line, field)


def _text(value: str, line: int, field: str) -> str:
    problem = characters.text_problem(value, field)
    if problem:
        raise YamlError(line, problem, field)
    return value
