"""Every text field of every kind of record, from the model (``newsbrief.textfields``)."""

from __future__ import annotations

from newsbrief.model import KINDS
from newsbrief.textfields import text_fields

ALL_TEXT_FIELDS = {kind: text_fields(model) for kind, model in KINDS.items()}
