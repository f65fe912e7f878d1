"""JSON Schemas for editors: committed, in sync with the model, and true of the real content."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ROOT, SECOND_BRIEF
from newsbrief import schema
from newsbrief.model import FOLDERS
from newsbrief.yamlload import parse_yaml


def test_committed_schemas_match_the_model() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.schema.json")}
    assert committed == schema.render_all(), "run `make schemas` and commit schemas/"


def test_vscode_is_wired_to_the_schemas() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == schema.vscode_settings()["yaml.schemas"]
    for path in settings["yaml.schemas"]:
        assert (ROOT / path).is_file()


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_real_content_validates_against_its_schema(folder: str) -> None:
    validator = jsonschema.Draft202012Validator(schema.schema_for(FOLDERS[folder]))
    # The real content and the second brief of the tests together use every kind (votes are in the second only).
    files = sorted((ROOT / "content" / folder).glob("*.yaml")) + sorted((SECOND_BRIEF / "content" / folder).glob("*.yaml"))
    assert files
    for file in files:
        errors = [e.message for e in validator.iter_errors(parse_yaml(file.read_bytes()))]
        assert errors == [], file.name


def test_the_schema_rejects_what_the_model_rejects() -> None:
    validator = jsonschema.Draft202012Validator(schema.schema_for("company"))
    messages = sorted(e.message for e in validator.iter_errors({"name": "Ford", "descripton": "x", "country": "USA"}))
    assert messages == [
        "'USA' is not valid under any of the given schemas",
        "'description' is a required property",
        "Additional properties are not allowed ('descripton' was unexpected)",
    ]
