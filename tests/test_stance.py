from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.article_stance import stance
from claimkit.evaluate import evaluate, read_gold

ARTICLE = (
    "Photos of a shark swimming on a flooded highway went viral this week. "
    "The images are a hoax: the picture was doctored and first appeared in 2011, experts said. "
    "Officials confirmed that no shark was seen on the highway."
)


@pytest.mark.parametrize(
    ("claim", "label"),
    [
        ("Shark swims on flooded highway", "opposes"),
        ("Viral shark photos on highway are fake", "supports"),
        ("Local bakery wins national bread award", "unrelated"),
    ],
)
def test_labels(claim: str, label: str) -> None:
    result = stance(claim, ARTICLE)
    assert result.label == label
    assert all(ARTICLE[s.start : s.end] == s.text for s in result.evidence)


def test_hedged_reporting_is_neutral() -> None:
    text = (
        "Apple will reportedly launch a gold watch next year, according to unconfirmed reports. "
        "Sources claim the Apple gold watch may cost more than expected, the newspaper reported."
    )
    assert stance("Apple to launch a gold watch", text).label == "neutral"


def test_fnc1_dev_macro_f1(eval_dir: Path) -> None:
    report = evaluate(list(read_gold(eval_dir / "fnc1.dev.jsonl")), lambda t: None, lambda c, t: stance(c, t).label)  # type: ignore[arg-type,return-value]
    figures = report.totals()["stance"]
    assert figures["pairs"] == 80
    assert figures["macro_f1"] >= 0.55


def test_model_stance_grounds_its_evidence(tmp_path: Path) -> None:
    import json

    from claimkit.settings import Settings

    from .openai_server import Step, scripted_server

    reply = json.dumps(
        {
            "label": "opposes",
            "score": 0.9,
            "evidence": ["The images are a hoax: the picture was doctored", "Sharks can fly over highways."],
        }
    )
    with scripted_server([Step(content=reply)]) as (server, url):
        settings = Settings(engine="llm", model="m", base_url=url, structured_output="json_object", max_retries=0)
        result = stance("Shark swims on flooded highway", ARTICLE, settings=settings)
    assert (result.label, result.engine, result.model) == ("opposes", "llm", "m")
    assert [e.text for e in result.evidence] == ["The images are a hoax: the picture was doctored"]
    assert result.warnings and "Sharks can fly" in result.warnings[0]
    assert result.prompt is not None and result.prompt.name == "article_stance"
    assert "<claim>Shark swims on flooded highway</claim>" in server.requests[0]["messages"][0]["content"]


@pytest.mark.parametrize(
    ("environment", "engine"),
    [
        ({}, "embedded"),  # no model configured: the embedded engine
        ({"CLAIMKIT_MODEL": "m"}, "llm"),  # a model in the environment: stance asks it, as summarise does
        ({"CLAIMKIT_MODEL": "m", "CLAIMKIT_ENGINE": "embedded"}, "embedded"),
    ],
)
def test_stance_chooses_its_engine_as_summarise_does(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], engine: str
) -> None:
    import json

    from .openai_server import Step, scripted_server

    reply = json.dumps({"label": "opposes", "score": 0.9, "evidence": ["The images are a hoax"]})
    with scripted_server([Step(content=reply)]) as (server, url):
        monkeypatch.setenv("CLAIMKIT_BASE_URL", url)
        monkeypatch.setenv("CLAIMKIT_STRUCTURED_OUTPUT", "json_object")
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        result = stance("Shark swims on flooded highway", ARTICLE)
    assert result.engine == engine
    assert len(server.requests) == (1 if engine == "llm" else 0)
