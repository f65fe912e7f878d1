"""The strict YAML reader: every trap YAML sets for editors is refused with a line."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newsbrief.yamlload import MAX_FILE_BYTES, YamlError, parse_yaml, read_content_file


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        pytest.param(b"name: Ford\nname: Xiaomi\n", 2, "key 'name' appears twice in the same mapping (first on line 1) — keep one", id="duplicate-key"),
        pytest.param(
            b"roles:\n  - title: a\n    title: b\n", 3, "key 'title' appears twice in the same mapping (first on line 2) — keep one", id="duplicate-nested-key"
        ),
        pytest.param(
            b"name: Ford\nlisted: NO\n",
            2,
            "'NO' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes",
            id="yaml11-NO",
        ),
        pytest.param(
            b"a: yes\n", 1, "'yes' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes", id="yaml11-yes"
        ),
        pytest.param(b"a: &x Ford\nb: *x\n", 1, "YAML anchors and aliases ('&x') are not allowed — write the value out in full", id="anchor"),
        pytest.param(b"a:\n  <<: {b: 1}\n", 2, "YAML merge keys ('<<') are not allowed — write the fields out in full", id="merge-key"),
        pytest.param(
            b"a: !!python/object:os.system x\n",
            1,
            "explicit YAML tags ('tag:yaml.org,2002:python/object:os.system') are not allowed — remove the tag",
            id="tag",
        ),
        pytest.param(b"a:\n\tb: 1\n", 2, "a tab is used for indentation — indent with spaces", id="tab"),
        pytest.param(b"\xef\xbb\xbfname: Ford\n", 1, "the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM", id="bom"),
        pytest.param(b"name: Ford\ncountry: \xe9\n", 2, "the file is not UTF-8 (byte 0xe9) — save it as UTF-8", id="latin-1"),
        pytest.param(b"", 1, "the file is empty: write the record's fields, one `name: value` a line", id="empty"),
        pytest.param(b"# only a comment\n\n", 1, "the file is empty: write the record's fields, one `name: value` a line", id="only-comments"),
        pytest.param(
            b"title: Ford: a story\n",
            1,
            "not valid YAML: ': ' where YAML does not expect it — check the indentation, or put a value containing ': ' in quotes",
            id="unquoted-colon",
        ),
        pytest.param(b"[a, b]: 1\n", 1, "a key must be a plain name, not a list or mapping", id="complex-key"),
    ],
)
def test_traps_are_refused_with_line_and_message(raw: bytes, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(raw)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_oversized_file_is_refused() -> None:
    raw = b"note: " + b"x" * MAX_FILE_BYTES + b"\n"
    with pytest.raises(YamlError) as caught:
        parse_yaml(raw)
    assert caught.value.message == (f"the file is {len(raw):,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes — split it into several records")


def test_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(9)]
    started = time.perf_counter()
    with pytest.raises(YamlError) as caught:
        parse_yaml("\n".join(lines).encode())
    assert caught.value.line == 1
    assert "anchors and aliases" in caught.value.message
    # Not a timing assertion of speed, a guard against expansion: 4^9 copies would take minutes.
    assert time.perf_counter() - started < 5


def test_scalars_are_typed_by_our_rules_and_dates_stay_text() -> None:
    data = parse_yaml(
        b"date: 2026-02-01\nyear: 2025\nvalue: 411_837\nshare: 33.5\nneg: -20\nflag: true\noff: false\nnone: null\nempty:\nquoted: 'no'\nblock: |\n  text\n"
    )
    assert data == {
        "date": "2026-02-01",
        "year": 2025,
        "value": 411837,
        "share": 33.5,
        "neg": -20,
        "flag": True,
        "off": False,
        "none": None,
        "empty": None,
        "quoted": "no",
        "block": "text\n",
    }


def test_lines_are_kept_for_keys_and_items() -> None:
    data = parse_yaml(b"name: Ford\nroles:\n  - title: CEO\n    organization: ford\n  - title: CFO\n")
    assert data.line == 1
    assert data.key_lines == {"name": 1, "roles": 2}
    assert data["roles"].item_lines == [3, 5]
    assert data["roles"][0].key_lines == {"title": 3, "organization": 4}


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        pytest.param(
            b"aliases: " + b"[" * 25_000,
            1,
            "lists and mappings are nested more than 20 deep — a record needs a few levels; look for a run of '[', '{' or '- ' on this line",
            id="flow-nesting-25000",
        ),
        pytest.param(
            b"name: x\na: " + b"{b: " * 2_000,
            2,
            "lists and mappings are nested more than 20 deep — a record needs a few levels; look for a run of '[', '{' or '- ' on this line",
            id="mapping-nesting-2000",
        ),
        pytest.param(
            b"a:\n" + b"- " * 5_000 + b"x\n",
            2,
            "lists and mappings are nested more than 20 deep — a record needs a few levels; look for a run of '[', '{' or '- ' on this line",
            id="block-nesting",
        ),
        pytest.param(b"a: 1\n---\nb: 2\n", 2, "not valid YAML: but found another document — a file holds one record", id="two-documents"),
        pytest.param(
            b'name: "Ford\\x01"\n',
            1,
            "the text contains the control character U+0001 CONTROL CHARACTER (written as a "
            'YAML escape such as "\\x01") — delete it: readers cannot see it and it breaks the feed',
            id="escaped-control",
        ),
        pytest.param(
            b'name: "Ford\\e"\n',
            1,
            "the text contains the control character U+001B CONTROL CHARACTER (written as a "
            'YAML escape such as "\\x01") — delete it: readers cannot see it and it breaks the feed',
            id="escaped-escape",
        ),
        pytest.param(
            "a: 1\nnote: one\u2028two\n".encode(),
            2,
            "the text contains a LINE SEPARATOR (U+2028), an invisible line "
            "break pasted from a word processor that YAML counts as a new line — replace it with a space or a real line break",
            id="raw-line-separator",
        ),
        pytest.param(
            "a: 1\n\nnote: one\u0085two\n".encode(),
            3,
            "the text contains a NEXT LINE (U+0085), an invisible line "
            "break pasted from a word processor that YAML counts as a new line — replace it with a space or a real line break",
            id="raw-next-line",
        ),
        pytest.param(
            b'note: "one\\Ltwo"\n',
            1,
            "the text contains a LINE SEPARATOR (U+2028), an invisible line break — replace it with a space or '\\n'",
            id="escaped-line-separator",
        ),
        pytest.param(
            "a: 1\nnote: \u2067x\u2069\n".encode(),
            2,
            "the text contains U+2067 RIGHT-TO-LEFT ISOLATE, an invisible "
            "bidirectional control that isolates the text after it as right-to-left — delete it: readers would see the "
            "text in another order than it is checked",
            id="bidi-isolate",
        ),
        pytest.param(
            "scope: \u200e411,837\n".encode(),
            1,
            "the text contains U+200E LEFT-TO-RIGHT MARK, an invisible mark that moves "
            "neutral characters next to it (digits, commas) to the left-to-right side — delete it (it is allowed only in "
            "aliases, name, native_name)",
            id="direction-mark-outside-a-name",
        ),
    ],
)
def test_invisible_characters_and_deep_nesting_are_refused_with_line(raw: bytes, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(raw)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_the_field_of_a_refused_text_is_named() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("name: x\nroles:\n  - title: \u202eCEO\n".encode())
    assert (caught.value.line, caught.value.field) == (3, "title")
    with pytest.raises(YamlError) as caught:
        parse_yaml("aliases: [a, \u202eb]\n".encode())
    assert caught.value.field == "aliases"


def test_direction_marks_are_kept_in_names() -> None:
    data = parse_yaml("name: \u05e9\u05dc\u05d5\u05dd\u200f\nnative_name: x\u200e\naliases: [a\u200f]\n".encode())
    assert data["name"].endswith("\u200f") and data["aliases"] == ["a\u200f"]


def test_nesting_up_to_the_limit_is_read() -> None:
    data = parse_yaml(b"a: " + b"[" * 19 + b"x" + b"]" * 19 + b"\n")  # with the record's own mapping: 20 deep
    depth, node = 0, data["a"]
    while isinstance(node, list):
        depth, node = depth + 1, node[0]
    assert (depth, node) == (19, "x")


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as caught:
        read_content_file(Path("/dev/zero"))
    assert caught.value.message == "not a regular file (a device, pipe or socket) — only ordinary .yaml files are read"
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # opening it must not wait for a writer
    with pytest.raises(YamlError) as caught:
        read_content_file(pipe)
    assert caught.value.message.startswith("not a regular file")
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "real.yaml")
    (tmp_path / "real.yaml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(YamlError) as caught:
        read_content_file(link)  # the loader refuses links by name first; this is the last line of defence
    assert caught.value.message.startswith("the file cannot be opened")


def test_the_size_limit_is_applied_while_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as file:  # 8 GiB that take no disk: reading it whole would exhaust memory
        file.truncate(8 * 1024**3)
    with pytest.raises(YamlError) as caught:
        read_content_file(huge)
    assert caught.value.message == (
        f"the file is {8 * 1024**3:,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes — split it into several records"
    )
