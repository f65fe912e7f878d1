"""The text fields of the content model, found from the model itself (not listed by hand).

A text field holds free text a reader sees: a ``str`` that is not an id (``Ref``), a web
address, a code with a pattern (country, language) or a choice from a list (``Literal``).
Checks that read all text (numbers in text) and the hostile-input tests use this one list,
so a field added to the model is covered by both without anyone remembering to.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import AfterValidator, BaseModel

from .types import RefTo


def _is_text(annotation: Any, metadata: list) -> bool:
    if any(isinstance(m, (RefTo, AfterValidator)) or getattr(m, "pattern", None) for m in metadata):
        return False
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _is_text(base, [*metadata, *extra])
    if origin in (typing.Union, types.UnionType, list):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_is_text(a, metadata) for a in args)
    return False


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """list[Role] → Role; Optional[Derivation] → Derivation; anything else → None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


@functools.cache
def text_fields(model: type[BaseModel], prefix: str = "") -> tuple[str, ...]:
    """'description', 'roles.title', 'derivation.as_stated', … of one model, nested models included."""
    found: list[str] = []
    for name, info in model.model_fields.items():
        if _is_text(info.annotation, list(info.metadata)):
            found.append(prefix + name)
        inner = nested_model(info.annotation)
        if inner is not None:
            found += text_fields(inner, f"{prefix}{name}.")
    return tuple(found)


def texts(record: BaseModel) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every text in a record: (('updates', 0, 'note'), 'Corrected the …')."""
    for path in text_fields(type(record)):
        yield from _texts_at(record, path.split("."), ())


def _texts_at(node: Any, steps: list[str], loc: tuple) -> Iterator[tuple[tuple, str]]:
    value = getattr(node, steps[0], None)
    if value is None:
        return
    items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    for index, item in items:
        here = (*loc, steps[0]) if index is None else (*loc, steps[0], index)
        if len(steps) > 1:
            yield from _texts_at(item, steps[1:], here)
        elif isinstance(item, str) and item:
            yield here, item
