"""Settings: one frozen object, looked up as argument → environment → default.

Environment variables: ``CLAIMKIT_ENGINE``, ``CLAIMKIT_MAX_BYTES``, ``CLAIMKIT_TIMEOUT``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Settings"]

_ENVIRONMENT = {
    "engine": "CLAIMKIT_ENGINE",
    "max_bytes": "CLAIMKIT_MAX_BYTES",
    "timeout": "CLAIMKIT_TIMEOUT",
}


_FIELD_TYPES: dict[str, type] = {"engine": str, "max_bytes": int, "timeout": float}


@dataclass(frozen=True, kw_only=True)
class Settings:
    engine: str = "embedded"
    max_bytes: int = 5_000_000
    """Largest article accepted, in bytes, from a file, stdin or a URL."""
    timeout: float = 20.0
    """Seconds to wait for a URL."""

    @classmethod
    def resolve(cls, **arguments: Any) -> Settings:
        """Settings from explicit arguments (None means unset), then the environment, then defaults."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            value = arguments.get(field.name)
            if value is None and field.name in _ENVIRONMENT:
                raw = os.environ.get(_ENVIRONMENT[field.name])
                if raw:
                    value = _FIELD_TYPES[field.name](raw)
            if value is not None:
                values[field.name] = value
        return cls(**values)
