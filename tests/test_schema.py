"""`briefgen schema`: valid JSON Schema (draft 2020-12) that agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.outline import CONTENT_KINDS, Outline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"
BROKEN = ROOT / "tests" / "broken"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert "title" in schema["required"] and "briefgen" in schema["required"]


def test_schema_covers_every_key_of_the_model(schema: dict[str, Any]) -> None:
    assert set(schema["properties"]) == {f.alias or n for n, f in Outline.model_fields.items()}
    slide = schema["$defs"]["Slide"]["properties"]
    assert set(CONTENT_KINDS) <= set(slide)
    assert {"title", "notes", "minutes", "ordinal", "only", "except"} <= set(slide)


def test_schema_validates_the_shipped_example(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("unknown-key-did-you-mean", "is not valid under any of the given schemas"),
        ("list-where-text-expected", "is not of type 'string'"),
        ("text-where-number-expected", "'abc' is not valid"),
        ("missing-title", "'title' is a required property"),
        ("empty-text", "should be non-empty"),
        ("bad-ordinal", "'个' is not one of"),
        ("wrong-format-version", "1 was expected"),
        ("full-width-colon-in-list", "is not of type 'object'"),
        ("top-level-list", "is not of type 'object'"),
    ],
)
def test_schema_rejects_broken_outlines(
    validator: jsonschema.Draft202012Validator, name: str, fragment: str
) -> None:
    data = yaml.safe_load((BROKEN / f"{name}.yaml").read_text(encoding="utf-8"))
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors, f"{name} passed the schema"
    assert any(fragment in message for message in errors), errors


def test_schema_accepts_short_forms(validator: jsonschema.Draft202012Validator) -> None:
    data = {
        "briefgen": 1,
        "title": "全会精神",
        "sections": [
            {
                "title": "部分",
                "slides": [
                    {"title": "要点", "points": ["简写", {"text": "完整", "sub": ["子"]}]},
                    {"title": "原文", "quote": "全会指出"},
                    {"title": "图片", "image": "pic.png"},
                ],
            }
        ],
    }
    assert list(validator.iter_errors(data)) == []
