"""The LLM engine over any OpenAI-compatible endpoint.

``session.structured_caller`` sets up every model call (client, call log, structured output with re-asks,
``structured``); ``engine.LLMEngine`` extracts claims with the ``extract_claims`` prompt (``prompts``) and
grounds every piece of model text in the article (``guard``). Importing this package loads the ``openai`` SDK;
nothing on the model-free path does.
"""

from __future__ import annotations

from .client import make_client
from .engine import LLMEngine, LLMResult
from .prompts import Prompt, load_prompt
from .schema import SCHEMA_SHA256, ModelClaim, ModelExtraction, ModelSpeaker, ModelStance
from .session import structured_caller
from .structured import STRUCTURED_MODES, StructuredCaller, StructuredMode, Tally

__all__ = [
    "SCHEMA_SHA256",
    "STRUCTURED_MODES",
    "LLMEngine",
    "LLMResult",
    "ModelClaim",
    "ModelExtraction",
    "ModelSpeaker",
    "ModelStance",
    "Prompt",
    "StructuredCaller",
    "StructuredMode",
    "Tally",
    "load_prompt",
    "make_client",
    "structured_caller",
]
