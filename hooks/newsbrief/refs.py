"""References between records, found from the model: which fields name which kinds."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .types import RefTo


def iter_refs(model: BaseModel, loc: tuple = ()) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """Every reference in a record: (location as written in YAML, id, kinds it may name)."""
    for name, key, kinds in _fields_of(type(model)):
        value = getattr(model, name)
        if kinds:
            if isinstance(value, list):
                yield from (((*loc, key, i), v, kinds) for i, v in enumerate(value))
            elif value is not None:
                yield (*loc, key), value, kinds
        elif isinstance(value, BaseModel):
            yield from iter_refs(value, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, (*loc, key, i))


@functools.cache
def _fields_of(model_class: type[BaseModel]) -> tuple[tuple[str, str, tuple[str, ...] | None], ...]:
    """Each field of a model class: (attribute, key in YAML, kinds it may name or None); worked out once a class."""
    return tuple((name, info.alias or name, _ref_kinds(info)) for name, info in model_class.model_fields.items())


def _ref_kinds(info) -> tuple[str, ...] | None:
    for meta in _all_metadata(info.annotation, info.metadata):
        if isinstance(meta, RefTo):
            return meta.kinds
    return None


def _all_metadata(annotation: Any, metadata: list) -> Iterator[Any]:
    yield from metadata
    yield from getattr(annotation, "__metadata__", ())
    for arg in typing.get_args(annotation):
        yield from _all_metadata(arg, [])
