"""The strict YAML reader: every trap YAML sets for editors is refused with a line."""

from __future__ import annotations

import time

import pytest

from newsbrief.yamlload import MAX_FILE_BYTES, YamlError, parse_yaml


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        pytest.param(b"name: Ford\nname: Xiaomi\n", 2,
                     "key 'name' appears twice in the same mapping (first on line 1) — keep one", id="duplicate-key"),
        pytest.param(b"roles:\n  - title: a\n    title: b\n", 3,
                     "key 'title' appears twice in the same mapping (first on line 2) — keep one", id="duplicate-nested-key"),
        pytest.param(b"name: Ford\nlisted: NO\n", 2,
                     "'NO' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes", id="yaml11-NO"),
        pytest.param(b"a: yes\n", 1,
                     "'yes' is ambiguous in YAML (old YAML reads it as true/false) — write true or false, or put text in quotes", id="yaml11-yes"),
        pytest.param(b"a: &x Ford\nb: *x\n", 1,
                     "YAML anchors and aliases ('&x') are not allowed — write the value out in full", id="anchor"),
        pytest.param(b"a:\n  <<: {b: 1}\n", 2,
                     "YAML merge keys ('<<') are not allowed — write the fields out in full", id="merge-key"),
        pytest.param(b"a: !!python/object:os.system x\n", 1,
                     "explicit YAML tags ('tag:yaml.org,2002:python/object:os.system') are not allowed — remove the tag", id="tag"),
        pytest.param(b"a:\n\tb: 1\n", 2, "a tab is used for indentation — indent with spaces", id="tab"),
        pytest.param(b"\xef\xbb\xbfname: Ford\n", 1,
                     "the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM", id="bom"),
        pytest.param(b"name: Ford\ncountry: \xe9\n", 2, "the file is not UTF-8 (byte 0xe9) — save it as UTF-8", id="latin-1"),
        pytest.param(b"", 1, "the file is empty: write the record's fields, one `name: value` a line", id="empty"),
        pytest.param(b"# only a comment\n\n", 1, "the file is empty: write the record's fields, one `name: value` a line", id="only-comments"),
        pytest.param(b"title: Ford: a story\n", 1,
                     "not valid YAML: ': ' where YAML does not expect it — check the indentation, or put a value containing ': ' in quotes", id="unquoted-colon"),
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
    assert caught.value.message == (
        f"the file is {len(raw):,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes — split it into several records"
    )


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
        b"date: 2026-02-01\nyear: 2025\nvalue: 411_837\nshare: 33.5\nneg: -20\nflag: true\noff: false\n"
        b"none: null\nempty:\nquoted: 'no'\nblock: |\n  text\n"
    )
    assert data == {
        "date": "2026-02-01", "year": 2025, "value": 411837, "share": 33.5, "neg": -20, "flag": True,
        "off": False, "none": None, "empty": None, "quoted": "no", "block": "text\n",
    }


def test_lines_are_kept_for_keys_and_items() -> None:
    data = parse_yaml(b"name: Ford\nroles:\n  - title: CEO\n    organization: ford\n  - title: CFO\n")
    assert data.line == 1
    assert data.key_lines == {"name": 1, "roles": 2}
    assert data["roles"].item_lines == [3, 5]
    assert data["roles"][0].key_lines == {"title": 3, "organization": 4}
