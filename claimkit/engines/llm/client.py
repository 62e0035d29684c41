"""The one place where the OpenAI client is built from settings."""

from __future__ import annotations

from functools import lru_cache

import openai

from ...errors import ConfigurationError
from ...settings import Settings
from .transport import TotalTimeout

__all__ = ["make_client"]

_LOCAL_KEY = "no-key-needed"
"""Local servers (llama.cpp, vLLM, Ollama) take any key; the SDK insists on one."""


@lru_cache(maxsize=8)
def make_client(settings: Settings) -> openai.OpenAI:
    """An ``openai.OpenAI`` for the configured endpoint, with the SDK's own transport retries.

    One client per distinct settings, kept: building one loads the system's certificates (about 60 ms),
    and the client is safe to share between threads.

    >>> import claimkit
    >>> settings = claimkit.Settings(model="m", base_url="http://127.0.0.1:8080/v1", api_key="local")
    >>> str(claimkit.make_client(settings).base_url)
    'http://127.0.0.1:8080/v1/'
    """
    if not settings.model:
        raise ConfigurationError("no model configured: pass --model (model= in Python) or set CLAIMKIT_MODEL")
    api_key = settings.api_key or (_LOCAL_KEY if settings.base_url else None)
    if api_key is None:
        raise ConfigurationError(
            "no API key: set OPENAI_API_KEY, or pass --api-key-file (api_key= in Python),"
            " or --base-url for a local server"
        )
    http_client = openai.DefaultHttpxClient(transport=TotalTimeout(settings.timeout))
    if settings.api_version:  # Azure OpenAI: /openai/deployments/{model}/chat/completions?api-version=…
        if not settings.base_url:
            raise ConfigurationError("Azure OpenAI (api_version) needs the resource's endpoint: pass --base-url")
        return openai.AzureOpenAI(
            api_key=api_key,
            azure_endpoint=settings.base_url,
            api_version=settings.api_version,
            max_retries=settings.max_retries,
            timeout=settings.timeout,
            http_client=http_client,
        )
    return openai.OpenAI(
        api_key=api_key,
        base_url=settings.base_url,
        max_retries=settings.max_retries,
        timeout=settings.timeout,
        http_client=http_client,
    )
