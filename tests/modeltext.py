"""The text fields of the content model, found from the model itself (not listed by hand).

A text field holds free text a reader sees: a ``str`` that is not an id (``Ref``), a web
address, a code with a pattern (country, language) or a choice from a list (``Literal``).
"""

from __future__ import annotations

import typing
from typing import Any, Iterator

from pydantic import AfterValidator, BaseModel

from newsbrief.model import KINDS
from newsbrief.types import RefTo


def _is_text(annotation: Any, metadata: list) -> bool:
    if any(isinstance(m, (RefTo, AfterValidator)) or getattr(m, "pattern", None) for m in metadata):
        return False
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _is_text(base, [*metadata, *extra])
    if origin in (typing.Union, list, getattr(__import__("types"), "UnionType", None)):
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


def text_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """'description', 'roles.title', 'derivation.as_stated', … for one model, nested models included."""
    for name, info in model.model_fields.items():
        if _is_text(info.annotation, list(info.metadata)):
            yield prefix + name
        inner = nested_model(info.annotation)
        if inner is not None:
            yield from text_fields(inner, f"{prefix}{name}.")


ALL_TEXT_FIELDS = {kind: tuple(text_fields(model)) for kind, model in KINDS.items()}
"""Every text field of every kind of record."""
