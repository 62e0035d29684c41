"""Prompt v3: definitions, the output keys named, and worked examples that are data, versioned and hashed."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

from claimkit.engines.llm import load_prompt
from claimkit.engines.llm.schema import ModelExtraction
from claimkit.text.grounding import locate

SEED_WORDS = ("Asif", "Khawaja", "Pakistan", "Clinton", "Trump")


def _examples() -> tuple[bytes, dict[str, object]]:
    raw = resources.files("claimkit.prompt_files").joinpath("extract_claims.examples.json").read_bytes()
    return raw, json.loads(raw)


def test_the_prompt_renders_with_its_definitions_keys_and_examples() -> None:
    prompt = load_prompt("extract_claims")
    text = prompt.render(article="A.", hints=[], schema="", quote_words=12, quote_ends=5)
    assert prompt.version == "3"
    assert "Not a claim: a question" in text and "the author's own" in text
    assert 'two keys, "speakers" and "claims"' in text
    for key in ("speaker", "mention", "cue", "quote", "kind", "stance", "answers"):
        assert f'- "{key}":' in text
    _, data = _examples()
    for example in data["examples"]:  # type: ignore[attr-defined]
        assert example["article"] in text
        assert json.dumps(example["reply"], ensure_ascii=False) in text
    assert not [w for w in SEED_WORDS if w in text]


def test_each_example_is_a_valid_reply_grounded_in_its_own_article() -> None:
    _, data = _examples()
    for example in data["examples"]:  # type: ignore[attr-defined]
        reply = ModelExtraction.model_validate(example["reply"])
        for claim in reply.claims:
            for words in (claim.quote, claim.mention, claim.cue):
                assert words is None or words in example["article"]
        assert locate(example["article"], "Will the council think again?") is not None  # a question, not a claim
        assert all("?" not in c.quote for c in reply.claims)


def test_the_examples_version_and_hash_go_into_provenance() -> None:
    raw, data = _examples()
    info = load_prompt("extract_claims").info
    assert info.examples_version == data["version"]
    assert info.examples_sha256 == hashlib.sha256(raw).hexdigest()
