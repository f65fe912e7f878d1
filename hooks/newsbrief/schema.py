"""JSON Schemas of the content model, one per kind, for editors' YAML tooling.

The schemas in ``schemas/`` are generated from the model (``make schemas``) and
committed; a test fails when they drift from the model. VS Code's YAML extension
reads them through ``.vscode/settings.json`` to validate and autocomplete files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import FOLDER_OF, KINDS

SCHEMA_BASE = "https://newsbrief.invalid/schemas/"


def schema_for(kind: str) -> dict:
    schema = KINDS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{kind}.schema.json",
        **schema,
        "description": f"A {kind} record: one file in content/{FOLDER_OF[kind]}/, named <id>.yaml. {schema.get('description', '')}".strip(),
    }


def export_schema() -> dict:
    """The schema of /data/*.json: records by kind (each valid against its kind's schema) and what was derived."""
    number_or_text = {"type": "object", "additionalProperties": {"type": "string"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}export.schema.json",
        "title": "News brief data export",
        "type": "object",
        "additionalProperties": False,
        "required": ["records", "derived"],
        "properties": {
            "$schema": {"type": "string"},
            "brief": {"type": "string", "description": "The brief this export is about; absent in all.json."},
            "records": {
                "type": "object",
                "additionalProperties": False,
                "properties": {FOLDER_OF[kind]: {"type": "object", "additionalProperties": {"$ref": f"{kind}.schema.json"}} for kind in sorted(KINDS)},
            },
            "derived": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "claims": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["status", "stances"],
                            "properties": {
                                "status": {"enum": ["reported", "disputed", "denied", "confirmed"]},
                                "stances": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["statement", "stance"],
                                        "properties": {"statement": {"type": "string"}, "stance": {"type": "string"}},
                                    },
                                },
                            },
                        },
                    },
                    "implied_figures": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["value", "qualifier", "arithmetic"],
                            "properties": {
                                "value": {"type": "number"},
                                "qualifier": {"type": "string"},
                                "arithmetic": {"type": "string"},
                                "lower": {"type": ["number", "null"], "description": "The least value the inputs admit (null: no lower bound)."},
                                "upper": {"type": ["number", "null"], "description": "The greatest value the inputs admit (null: no upper bound)."},
                            },
                        },
                    },
                    "arithmetic": number_or_text,
                    "values_as_written": {
                        **number_or_text,
                        "description": "Each stated figure's value with the digits the editor wrote ('17.0' is precise to a tenth; JSON numbers drop trailing zeros).",
                    },
                    "competing_values": {
                        "type": "object",
                        "description": "For each figure whose measure has several values: every value with its rank, reason and sources.",
                        "additionalProperties": {
                            "type": "object",
                            "required": ["measure", "discrepant", "values"],
                            "additionalProperties": False,
                            "properties": {
                                "measure": {"type": "string"},
                                "preferred": {"type": "string", "description": "The preferred value's figure; absent while none (or several) is preferred."},
                                "discrepant": {"type": "array", "items": {"type": "string"}, "description": "Values that cannot be the preferred one."},
                                "values": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["figure", "value", "qualifier", "rank", "sources"],
                                        "additionalProperties": False,
                                        "properties": {
                                            "figure": {"type": "string"},
                                            "value": {"type": "string"},
                                            "qualifier": {"type": "string"},
                                            "rank": {"enum": ["preferred", "normal", "deprecated"]},
                                            "rank_reason": {"type": "string"},
                                            "sources": {"type": "array", "items": {"type": "string"}},
                                        },
                                    },
                                },
                            },
                        },
                    },
                    "vote_counts": {
                        "type": "object",
                        "description": "Each vote's counts as figures prose can quote: '<vote>.in_favour', '<vote>.voting' (for + against + abstaining).",
                        "additionalProperties": {"type": "number"},
                    },
                },
            },
        },
    }


def render_all() -> dict[str, str]:
    """File name → text of every schema, as committed (and published at /schemas/)."""
    schemas = {f"{kind}.schema.json": schema_for(kind) for kind in sorted(KINDS)}
    schemas["export.schema.json"] = export_schema()
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in schemas.items()}


def vscode_settings() -> dict:
    return {"yaml.schemas": {f"./schemas/{kind}.schema.json": f"content/{FOLDER_OF[kind]}/*.yaml" for kind in sorted(KINDS)}}


def write(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in render_all().items():
        (out_dir / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
