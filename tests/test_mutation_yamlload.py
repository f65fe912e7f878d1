"""The strict YAML reader (yamlload.py), case by case: how each plain scalar is typed, what a tag,
an anchor, a second document or a broken line is told, and the file-size limit at its edge.

Written for mutation testing (docs/testing.md): each case fails when one rule of the reader is
dropped or bent. The messages are those the loader prints after the file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.yamlload import MAX_FILE_BYTES, WrittenFloat, YamlError, parse_yaml, read_content_file


# Every form of plain scalar the reader types, and the written form a float keeps. Quoted, block and
# tagged-as-text values are always text, whatever they look like.
@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("0", 0),
        ("+12", 12),
        ("-12", -12),
        ("1_000", 1000),
        ("012", "012"),  # a leading zero: an id or a code, not a number (YAML 1.1 read it as octal)
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),  # no decimal point: text
        ("12.", "12."),
        ("12.0", 12.0),
        (".5", 0.5),
        ("-1.5E-3", -0.0015),
        ("1_000.5", 1000.5),
        ("'12'", "12"),
        ('"true"', "true"),
        ("! 12", "12"),
        ("!!str 12", "12"),
        ("!!str null", "null"),
        ("Ford", "Ford"),
        ("yes please", "yes please"),
    ],
)
def test_a_plain_value_is_typed_by_the_readers_rules(written: str, value: object) -> None:
    data = parse_yaml(f"a: {written}\n".encode())
    expected_type = WrittenFloat if isinstance(value, float) else type(value)
    assert (data["a"], type(data["a"])) == (value, expected_type)


@pytest.mark.parametrize(("written", "kept"), [("12.0", "12.0"), ("12.50", "12.50"), ("1_000.5", "1000.5"), ("-1.5E-3", "-1.5E-3")])
def test_a_float_keeps_the_form_it_was_written_in(written: str, kept: str) -> None:
    value = parse_yaml(f"a: {written}\n".encode())["a"]
    assert isinstance(value, WrittenFloat) and value.written == kept


@pytest.mark.parametrize("word", ["yes", "Yes", "no", "On", "off", "OFF", "y", "N"])
def test_every_old_yaml_boolean_is_refused(word: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(f"name: x\nlisted: {word}\n".encode())
    assert (caught.value.line, caught.value.message) == (
        2,
        f"'{word}' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes",
    )


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        pytest.param(b"a: 1\nb: *x\n", 2, "YAML anchors and aliases ('*x') are not allowed — write the value out in full", id="alias"),
        pytest.param(b"a: 1\nb: &x [1]\n", 2, "YAML anchors and aliases ('&x') are not allowed — write the value out in full", id="anchor-on-a-list"),
        pytest.param(b"a: !!set {x}\n", 1, "explicit YAML tags ('tag:yaml.org,2002:set') are not allowed — remove the tag", id="tagged-mapping"),
        pytest.param(b"a: !!map [x]\n", 1, "explicit YAML tags ('tag:yaml.org,2002:map') are not allowed — remove the tag", id="list-tagged-as-mapping"),
        pytest.param(b"!!int a: 1\n", 1, "explicit YAML tags ('tag:yaml.org,2002:int') are not allowed — remove the tag", id="tagged-key"),
        pytest.param(b"a: 1\n!!merge b: 2\n", 2, "YAML merge keys ('<<') are not allowed — write the fields out in full", id="merge-tag"),
        pytest.param(b"a: 1\nb: x\x07y\n", 2, "the file contains a control character (code 7) that YAML does not allow — delete it", id="raw-control"),
        pytest.param(b"---\na: 1\n---\nb: 2\n", 3, "not valid YAML: but found another document — a file holds one record", id="second-document"),
        pytest.param(
            b"a: 1\nb\n",
            3,
            "not valid YAML (could not find expected ':') — check the indentation and that each line is `name: value`",
            id="line-without-colon",
        ),
        pytest.param(
            b"a:\n  b: 1\n   c: 2\n",
            3,
            "not valid YAML: ': ' where YAML does not expect it — check the indentation, or put a value containing ': ' in quotes",
            id="indented-too-far",
        ),
        pytest.param(b"a: [1, 2\n", 2, "not valid YAML: did not find expected ',' or ']'", id="unclosed-list"),
        pytest.param(b"a: 1\n\tb: 2\n", 2, "a tab is used for indentation — indent with spaces", id="tab-after-a-line"),
        pytest.param(b"\ta: 1\n", 1, "a tab is used for indentation — indent with spaces", id="tab-on-the-first-line"),
        pytest.param(
            b"a: 1\nb: 2\tc: 3\n",
            2,
            "not valid YAML: ': ' where YAML does not expect it — check the indentation, or put a value containing ': ' in quotes",
            id="tab-inside-a-line-is-no-indentation",
        ),
        pytest.param(b'key: "a\tb" c: d\n', 1, "not valid YAML: did not find expected key", id="tab-in-quoted-text"),
        pytest.param(b"name: x\n\n\nnote: caf\xe9\n", 4, "the file is not UTF-8 (byte 0xe9) — save it as UTF-8", id="not-utf8-on-line-4"),
        pytest.param(b"\n  \n# note\n", 1, "the file is empty: write the record's fields, one `name: value` a line", id="blank-and-comment"),
        pytest.param(b"name: x\na: " + b"[" * 20 + b"x" + b"]" * 20 + b"\n", 2, "lists and mappings are nested more than 20 deep", id="21-deep"),
    ],
)
def test_each_trap_is_told_with_its_line(raw: bytes, line: int, message: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(raw)
    assert (caught.value.line, caught.value.message.split(" — a record")[0]) == (line, message)
    assert str(caught.value) == f"{line}: {caught.value.message}"
    assert caught.value.field == ""  # a trap of the file, not of one field: the loader names no field


def test_what_is_not_a_trap_is_read_with_its_lines() -> None:
    data = parse_yaml(b'"<<": 1\nb: !!map {c: [p, !!seq [q]]}\n!!str d: 2\n')
    assert data == {"<<": 1, "b": {"c": ["p", ["q"]]}, "d": 2}
    assert data.key_lines == {"<<": 1, "b": 2, "d": 3}
    assert (data["b"].line, data["b"]["c"].line, data["b"]["c"].item_lines) == (2, 2, [2, 2])


def test_a_file_holding_one_value_or_one_list_is_read_as_that() -> None:
    assert parse_yaml(b"just text\n") == "just text"
    items = parse_yaml(b"- a\n\n- b\n")
    assert (items, items.line, items.item_lines) == (["a", "b"], 1, [1, 3])


@pytest.mark.parametrize("extra", [0, 1])
def test_a_file_at_the_size_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path, extra: int) -> None:
    prefix = b"note: "
    raw = prefix + b"x" * (MAX_FILE_BYTES - len(prefix) - 1 + extra) + b"\n"
    path = tmp_path / "big.yaml"
    path.write_bytes(raw)
    if extra == 0:
        assert len(read_content_file(path)) == MAX_FILE_BYTES
        assert len(parse_yaml(raw)["note"]) == MAX_FILE_BYTES - len(prefix) - 1
        return
    too_large = f"the file is {MAX_FILE_BYTES + 1:,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes — split it into several records"
    for read in (lambda: read_content_file(path), lambda: parse_yaml(raw)):
        with pytest.raises(YamlError) as caught:
            read()
        assert (caught.value.line, caught.value.message) == (0, too_large)


def test_a_missing_file_is_told_as_such(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as caught:
        read_content_file(tmp_path / "gone.yaml")
    assert (caught.value.line, caught.value.message) == (
        0,
        "the file cannot be opened (No such file or directory) — check that it is still there and readable, then save it again",
    )


def test_a_quoted_text_is_checked_as_the_field_it_belongs_to() -> None:
    """A direction mark may end a quoted name, not a quoted title; the refusal names the field."""
    assert parse_yaml('name: "\u05e9\u05dc\u05d5\u05dd\u200f"\n'.encode())["name"].endswith("\u200f")
    with pytest.raises(YamlError) as caught:
        parse_yaml('name: x\ntitle: "411\u200e"\n'.encode())
    assert (caught.value.line, caught.value.field) == (2, "title")


def test_a_file_is_read_as_its_bytes_and_what_is_not_a_file_is_refused_without_a_line(tmp_path: Path) -> None:
    path = tmp_path / "name.yaml"
    path.write_bytes("name: Zoë\n".encode())
    assert read_content_file(path) == "name: Zoë\n".encode()
    with pytest.raises(YamlError) as caught:
        read_content_file(Path("/dev/null"))
    assert (caught.value.line, caught.value.message) == (0, "not a regular file (a device, pipe or socket) — only ordinary .yaml files are read")


@pytest.mark.parametrize("raw", ["\u200etext\n", "- \u200etext\n"], ids=["a-file-of-one-text", "a-file-of-one-list"])
def test_a_refused_text_outside_any_field_names_no_field(raw: str) -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(raw.encode())
    assert (caught.value.line, caught.value.field) == (1, "")
    assert caught.value.message.startswith("the text contains U+200E LEFT-TO-RIGHT MARK")
