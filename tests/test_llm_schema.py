"""The model-facing reply schemas live with the LLM engine, apart from the user's record contract."""

from __future__ import annotations

import inspect

from pydantic import BaseModel

import claimkit.records as records
from claimkit.engines.llm import schema


def test_the_record_contract_holds_no_model_facing_schema() -> None:
    model_facing = [
        name
        for name, value in vars(records).items()
        if inspect.isclass(value) and issubclass(value, BaseModel) and name.startswith("Model")
    ]
    assert model_facing == []
    assert not [name for name in records.__all__ if name.startswith("Model")]


def test_every_model_facing_schema_is_in_the_engine_schema_module() -> None:
    for name in ("ModelClaim", "ModelExtraction", "ModelSpeaker", "ModelStance"):
        assert getattr(schema, name).__module__ == "claimkit.engines.llm.schema"
    assert schema.ModelStance.model_json_schema()["required"] == ["label", "score", "evidence"]
