"""Strict YAML reading: one file in, plain data with line numbers out.

YAML's defaults lose data silently in exactly the kind of editing a newsroom
does, so this reader refuses what PyYAML would quietly accept:

* a key written twice in one mapping (PyYAML keeps the last one);
* anchors and aliases (``&a`` / ``*a``: no use in a brief, and alias bombs);
* YAML 1.1 booleans such as ``yes``, ``no``, ``on``, ``off`` (PyYAML reads ``NO`` as False);
* explicit tags (``!!python/...``, ``!!binary``);
* anything that is not UTF-8, a byte-order mark, an empty file, a huge file.

Plain scalars become ``str``, ``int``, ``float``, ``bool`` (only ``true``/``false``)
or ``None``; dates stay strings so the model decides what they are.
Every mapping and list remembers the line of each key and item.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

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

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list


class _NoImplicitTypes(_BaseLoader):
    """Resolve every plain scalar to str: typing is done here, by rules we choose."""

    yaml_implicit_resolvers: dict = {}


def parse_yaml(raw: bytes):
    """Parse one content file's bytes; raise :class:`YamlError` with a line on any trap."""
    text = _decode(raw)
    if "&" in text or "*" in text:
        _refuse_anchors_and_aliases(text)
    try:
        node = yaml.compose(text, Loader=_NoImplicitTypes)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_line_of(exc), _describe_yaml_error(exc, text)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text[: exc.position].count("\n") + 1
        raise YamlError(line, f"the file contains a control character (code {exc.character!r}) that YAML does not allow — delete it") from None
    except yaml.YAMLError as exc:  # errors without a position
        raise YamlError(0, f"not valid YAML: {exc}") from None
    if node is None:
        raise YamlError(1, "the file is empty: write the record's fields, one `name: value` a line")
    return _construct(node)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(0, f"the file is {len(raw):,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes — split it into several records")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(1, "the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(line, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}) — save it as UTF-8") from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise YamlError(1, "the file is empty: write the record's fields, one `name: value` a line")
    return text


def _refuse_anchors_and_aliases(text: str) -> None:
    # Scanning tokens only (no composing) is cheap and never expands an alias bomb.
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                raise YamlError(
                    token.start_mark.line + 1,
                    f"YAML anchors and aliases ('{sign}{token.value}') are not allowed — write the value out in full",
                )
    except yaml.YAMLError:
        return  # the composer reports the error with a better message


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


def _construct(node):
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(node.start_mark.line + 1, f"explicit YAML tags ('{node.tag}') are not allowed — remove the tag")
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        result = LineList(_construct(item) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result
    return _construct_scalar(node)


def _construct_mapping(node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError(line, "a key must be a plain name, not a list or mapping")
        if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and not key_node.style):
            raise YamlError(line, "YAML merge keys ('<<') are not allowed — write the fields out in full")
        key = key_node.value
        if key in result:
            raise YamlError(
                line,
                f"key '{key}' appears twice in the same mapping (first on line {result.key_lines[key]}) — keep one",
            )
        result[key] = _construct(value_node)
        result.key_lines[key] = line
    return result


def _construct_scalar(node: yaml.ScalarNode):
    value = node.value
    if node.style:  # quoted or block text is always a string (plain style is None or '')
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value.lower() in _YAML11_BOOL:
        raise YamlError(
            node.start_mark.line + 1,
            f"'{value}' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes",
        )
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    return value
