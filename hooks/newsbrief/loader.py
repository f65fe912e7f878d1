"""Read every file under content/ into typed records, collecting every problem.

The loader never stops at the first mistake: an editor wants all ten in one run.
Each problem names the file and line; each record keeps its raw data so that
later checks can point at the line of any field.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import FOLDERS, KINDS
from .problems import Problem, did_you_mean, display_path, printable
from .refs import iter_refs
from .textfields import nested_model, texts
from .types import SLUG_PATTERN
from .yamlload import LineDict, LineList, YamlError, parse_yaml, read_content_file

_SLUG = re.compile(SLUG_PATTERN)
MAX_LISTED_CHOICES = 18


@dataclass
class Entry:
    """One record as loaded: its id, kind, file, raw data (with lines) and typed model."""

    id: str
    kind: str
    file: str
    raw: LineDict
    record: Any
    """The typed model: an instance of ``KINDS[kind]`` (Any: which model depends on ``kind``)."""

    def line_of(self, loc: tuple = ()) -> int:
        return line_of(self.raw, loc)

    @functools.cached_property
    def refs(self) -> tuple[tuple[tuple, str, tuple[str, ...]], ...]:
        """Every reference in the record (location, id, kinds it may name): worked out once, read by several checks."""
        return tuple(iter_refs(self.record))

    @functools.cached_property
    def texts(self) -> tuple[tuple[tuple, str], ...]:
        """Every text in the record (location, text), from the model's text fields: worked out once, read
        by the number checks and the "latest" check (an entry lives for one build)."""
        return tuple(texts(self.record))


@dataclass
class Loaded:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken_ids: dict[str, str] = field(default_factory=dict)
    """Ids of files that exist but failed to load, so references to them are not reported twice."""

    def add(self, other: Loaded) -> None:
        """Put what ``other`` loaded after what this one did."""
        self.entries += other.entries
        self.problems += other.problems
        self.broken_ids.update(other.broken_ids)


class FileCache:
    """Parsed files by path, reused while a file's size and mtime are unchanged (for `mkdocs serve`)."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple[int, int], Any]] = {}
        self._entries: dict[Path, Entry] = {}

    def entry(self, path: Path, made: Entry) -> Entry:
        """The entry made from the same parse last time, when there is one: it keeps the references and
        texts it has worked out (``Entry.refs``, ``Entry.texts``), which every build reads."""
        kept = self._entries.get(path)
        if kept is not None and kept.record is made.record and kept.raw is made.raw and (kept.id, kept.kind, kept.file) == (made.id, made.kind, made.file):
            return kept
        self._entries[path] = made
        return made

    def get(self, path: Path, build, stat: os.stat_result | None = None):
        stat = stat or path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        hit = self._cache.get(path)
        if hit and hit[0] == key:
            return hit[1]
        value = build()
        self._cache[path] = (key, value)
        return value


class FolderCache:
    """What each kind's folder loaded, file by file, kept until the watcher names a change (it names every
    changed file): a save to a file the folder had reads that file alone; a file added, deleted or renamed,
    or anything else in the folder, lists the folder again. At 10,000 records a save then reads one file,
    not a folder of 500 or 10,000 files' listings and stats."""

    def __init__(self) -> None:
        self._files: dict[Path, dict[str, Loaded]] = {}
        """folder → each file's name → what it loaded, in name order."""
        self._folders: dict[Path, Loaded] = {}
        """folder → what all its files loaded, put together once after each change."""
        self._stale: dict[Path, set[str]] = {}
        """folder → the names of its files to read again."""

    def forget(self, paths: Iterable[Path], content_dir: Path) -> None:
        """Read these changed paths again: a file the folder had and still a plain file, alone; anything else,
        its whole folder (content/ itself: every folder)."""
        for path in paths:
            if path == content_dir:
                self._files.clear()
                self._folders.clear()
                self._stale.clear()
            elif path.is_relative_to(content_dir):
                parts = path.relative_to(content_dir).parts
                folder = content_dir / parts[0]
                self._folders.pop(folder, None)
                files = self._files.get(folder)
                if files is not None and len(parts) == 2 and parts[1] in files and path.is_file() and not path.is_symlink():
                    self._stale.setdefault(folder, set()).add(parts[1])
                else:
                    self._files.pop(folder, None)
                    self._stale.pop(folder, None)

    def load(self, folder: Path, kind: str, shown: str, loaded: Loaded, cache: FileCache | None, content_dir: Path) -> None:
        kept = self._folders.get(folder)
        if kept is None:
            kept = self._folders[folder] = self._put_together(folder, kind, shown, cache, content_dir)
        loaded.add(kept)

    def _put_together(self, folder: Path, kind: str, shown: str, cache: FileCache | None, content_dir: Path) -> Loaded:
        files = self._files.get(folder)
        if files is None:
            files = self._files[folder] = _load_files(folder, kind, shown, cache, content_dir)
        for name in self._stale.pop(folder, ()):
            files[name] = Loaded()
            _load_file(folder / name, kind, f"{shown}/{printable(name)}", files[name], cache, content_dir)
        together = Loaded()
        for one in files.values():
            together.add(one)
        return together


def load_content(content_dir: Path, root: Path | None = None, cache: FileCache | None = None, folders: FolderCache | None = None) -> Loaded:
    """Load every record under ``content_dir``; ``root`` is what file names are shown relative to (``folders``:
    what each folder loaded last time, for the preview)."""
    root = root or content_dir.parent
    loaded = Loaded()
    if not content_dir.is_dir():
        loaded.problems.append(Problem(display_path(content_dir, root), 0, "", "the content folder does not exist"))
        return loaded
    for path in sorted(content_dir.iterdir()):
        shown = display_path(path, root)
        refused = _refusal(path, content_dir)
        if refused:
            loaded.problems.append(Problem(shown, 0, "", refused))
            continue
        if path.name.startswith("."):
            continue
        if path.is_file():
            if path.name.lower() in ("readme.md", "readme"):
                continue
            loaded.problems.append(Problem(shown, 0, "", f"a file directly in content/ is not read — move it into one of: {', '.join(FOLDERS)}"))
            continue
        kind = FOLDERS.get(path.name)
        if kind is None:
            loaded.problems.append(Problem(shown, 0, "", f"unknown folder '{path.name}'{did_you_mean(path.name, FOLDERS)} (folders are: {', '.join(FOLDERS)})"))
            continue
        if folders is not None:
            folders.load(path, kind, shown, loaded, cache, content_dir)
        else:
            _load_folder(path, kind, shown, loaded, cache, content_dir)
    return loaded


def _load_folder(folder: Path, kind: str, shown_folder: str, loaded: Loaded, cache: FileCache | None, content_dir: Path) -> None:
    for one in _load_files(folder, kind, shown_folder, cache, content_dir).values():
        loaded.add(one)


def _load_files(folder: Path, kind: str, shown_folder: str, cache: FileCache | None, content_dir: Path) -> dict[str, Loaded]:
    """Every file of one kind's folder, by name in name order, each with what it loaded (the preview's
    FolderCache reads one again alone). Listed once (``os.scandir``: whether each is a link, a folder or a
    file comes with the listing, not from system calls per file — 10,000 files on every save)."""
    with os.scandir(folder) as listing:
        found = sorted(listing, key=lambda dirent: dirent.name)
    files: dict[str, Loaded] = {}
    for dirent in found:
        files[dirent.name] = Loaded()
        _load_file(Path(dirent.path), kind, f"{shown_folder}/{printable(dirent.name)}", files[dirent.name], cache, content_dir, dirent)
    return files


HIDDEN_RECORD_SUFFIXES = (".yaml", ".yml")
"""A hidden file (name starting with a dot) is reported when it looks like a record; other hidden
files — an editor's swap file, .DS_Store — come and go while editing and are skipped without a word."""


def _refusal(path: Path, content_dir: Path, listed: os.DirEntry | None = None) -> str | None:
    """Why ``path`` is not read at all: a link (it could lead anywhere), a hidden record, a special file.

    ``listed``: the file as its folder's listing gave it. That folder was itself checked not to be, or
    to lie under, a link, so a file listed in it that is no link is inside content/ (no ``resolve``)."""
    facts: os.DirEntry | Path = listed or path
    if facts.is_symlink() or (listed is None and not _inside(path, content_dir)):
        return "a symbolic link — links are not followed, so that nothing outside content/ is read or published: put the file itself here instead"
    if path.name.startswith(".") and path.name.endswith(HIDDEN_RECORD_SUFFIXES):
        return f"a hidden file (its name starts with a dot) is not read — rename it to '{path.name.lstrip('.')}'"
    if not path.name.startswith(".") and not (facts.is_dir() or facts.is_file()):
        return "not a regular file or folder (a device, pipe or socket) — only ordinary .yaml files are read"
    return None


def _inside(path: Path, content_dir: Path) -> bool:
    """Whether ``path`` really is where it appears to be (no link on the way leads elsewhere)."""
    return path.resolve() == content_dir.resolve() / path.relative_to(content_dir)


def _load_file(file: Path, kind: str, shown: str, loaded: Loaded, cache: FileCache | None, content_dir: Path, listed: os.DirEntry | None = None) -> None:
    """One record file (``listed``: as its folder's listing gave it, which saves the checks' system calls)."""
    refused = _refusal(file, content_dir, listed)
    if refused:
        loaded.problems.append(Problem(shown, 0, "", refused))
        return
    if file.name.startswith("."):
        return
    if (listed or file).is_dir():
        what = (
            f"a folder named like a record file; a record is a file, {file.parent.name}/{file.name}, not a folder"
            if file.suffix == ".yaml"
            else f"a folder inside {file.parent.name}/"
        )
        loaded.problems.append(Problem(shown, 0, "", f"{what} — folders here are not read: move the .yaml files out of it"))
        return
    if file.suffix != ".yaml":
        hint = f" — rename it to '{file.stem}.yaml'" if file.suffix in (".yml", ".YAML", ".Yaml") else ""
        loaded.problems.append(Problem(shown, 0, "", f"only .yaml files are read here{hint}"))
        return
    record_id = file.stem
    if not _SLUG.fullmatch(record_id):  # fullmatch: '$' alone would accept 'ford\n'
        suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-")
        hint = f" — rename the file to '{suggestion}.yaml'" if suggestion else ""
        loaded.problems.append(
            Problem(shown, 0, "", f"'{printable(record_id)}' is not a valid id: a file name is lower-case letters, digits and single hyphens{hint}")
        )
        return
    parse = functools.partial(_parse_and_validate, file, kind)
    try:
        result = cache.get(file, parse, listed.stat() if listed else None) if cache else parse()
    except OSError:  # gone since its folder was listed (a checkout while `mkdocs serve` runs): reading it says so
        result = parse()
    raw, record, problems = result
    loaded.problems.extend(Problem(shown, line, fld, msg) for line, fld, msg in problems)
    if record is None:
        loaded.broken_ids[record_id] = kind
    else:
        made = Entry(record_id, kind, shown, raw, record)
        loaded.entries.append(cache.entry(file, made) if cache else made)


def _parse_and_validate(file: Path, kind: str):
    """Parse and validate one file: (raw, record or None, [(line, field, message)])."""
    try:
        raw = parse_yaml(read_content_file(file))
    except YamlError as exc:
        return None, None, [(exc.line, exc.field, exc.message)]
    except Exception as exc:  # noqa: BLE001 — one unreadable file must not stop the build; its contents are never echoed
        return None, None, [(0, "", f"the file could not be read ({type(exc).__name__}) — check that it is an ordinary text file")]
    if not isinstance(raw, LineDict):
        return None, None, [(getattr(raw, "line", 1), "", f"a {kind} file must be a mapping of `name: value` lines, not {_describe(raw)}")]
    model = KINDS[kind]
    try:
        return raw, model.model_validate(raw), []
    except ValidationError as exc:
        return raw, None, [_explain(error, raw, model, kind) for error in exc.errors()]


def line_of(raw: Any, loc: tuple) -> int:
    """The line of the deepest part of ``loc`` present in ``raw`` (a missing field: its parent)."""
    line = getattr(raw, "line", 0)
    node = raw
    for step in loc:
        if isinstance(node, LineDict) and step in node:
            line, node = node.key_lines[step], node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line, node = node.item_lines[step], node[step]
        else:
            break
    return line


def field_name(loc: tuple) -> str:
    """('roles', 0, 'title') → 'roles[0].title'."""
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _explain(error: Mapping[str, Any], raw: LineDict, model: type[BaseModel], kind: str) -> tuple[int, str, str]:
    loc = tuple(error["loc"])
    kind_of_error = error["type"]
    value = error.get("input")
    line = line_of(raw, loc)
    name = field_name(loc)
    if kind_of_error in ("missing", "too_short") and loc and loc[-1] == "sources":
        message = f"every {_kind_name(model, loc, kind)} needs at least one source — add `sources: [<source-id>]`"
    elif kind_of_error == "missing":
        message = f"required field is missing — add `{loc[-1]}: …`"
    elif kind_of_error == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        message = f"unknown field '{loc[-1]}'{did_you_mean(loc[-1], allowed)}"
        if not did_you_mean(loc[-1], allowed):
            message += f" (fields here are: {', '.join(allowed)})"
    elif kind_of_error == "literal_error":
        expected = [e.strip().strip("'") for e in error["ctx"]["expected"].replace(" or ", ", ").split(",")]
        if len(expected) > MAX_LISTED_CHOICES:  # units include every ISO 4217 currency: name the closest, not all
            shown = ", ".join(expected[:MAX_LISTED_CHOICES])
            message = f"'{value}' is not one of the {len(expected)} choices{did_you_mean(value, expected)} (the first are: {shown}; all are in docs/editing.md)"
        else:
            message = f"'{value}' is not one of: {', '.join(expected)}{did_you_mean(value, expected)}"
    elif kind_of_error == "too_short":
        message = f"needs at least {error['ctx'].get('min_length', 1)} item(s)"
    elif kind_of_error in ("float_type", "float_parsing", "int_type"):
        message = f"expected a number, got {_describe(value)} — write digits only, e.g. 39000"
    elif kind_of_error == "string_type":
        message = f"expected text, got {_describe(value)} — put it in quotes"
    elif kind_of_error in ("list_type",):
        message = f"expected a list (`[a, b]` or one `- item` a line), got {_describe(value)}"
    elif kind_of_error in ("model_type", "dict_type", "model_attributes_type"):
        message = f"expected a mapping of `name: value` lines, got {_describe(value)}"
    elif kind_of_error == "string_too_short":
        message = "must not be empty"
    elif kind_of_error == "string_pattern_mismatch":
        message = f"'{value}' does not have the expected form ({_pattern_hint(error['ctx']['pattern'])})"
    elif kind_of_error == "greater_than":
        message = f"must be greater than {error['ctx']['gt']}, got {value}"
    elif kind_of_error == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    else:
        message = error["msg"]
    return line, name, message


def _kind_name(model: type[BaseModel], loc: tuple, kind: str) -> str:
    """'claim' for a claim's own sources; 'role' for a person's roles[0].sources."""
    nested = [step for step in loc[:-1] if isinstance(step, str)]
    return {"roles": "role", "history": "policy action"}.get(nested[-1], kind) if nested else kind


def _pattern_hint(pattern: str) -> str:
    return {
        r"^[A-Z]{2}$": "a two-letter country code such as US or CN",
        r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$": "a language code such as en or zh",
    }.get(pattern, f"pattern {pattern}")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model found at ``loc``, for 'did you mean' hints."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or step not in current.model_fields:
            return []
        current = nested_model(current.model_fields[step].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []
