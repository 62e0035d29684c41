"""One set-up for every model call, summaries and stance alike: the settings checked, the client, the call log."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ...errors import ConfigurationError
from ...settings import Settings
from ...store import CallLog
from .client import make_client
from .structured import StructuredCaller

if TYPE_CHECKING:
    import openai

__all__ = ["structured_caller"]


def structured_caller(settings: Settings, client: openai.OpenAI | None = None) -> StructuredCaller:
    """A caller for the configured model: ``client`` when given (a test transport, an Azure client), else one
    built from ``settings``; every call logged unless the call log is off."""
    if not settings.model:
        raise ConfigurationError("the LLM engine needs a model: pass --model or set CLAIMKIT_MODEL")
    log, problem = None, None
    if settings.log_calls:
        try:
            log = CallLog(settings.store_folder / "calls.sqlite")
        except (sqlite3.Error, OSError) as e:  # the call log is best effort
            problem = f"the call log cannot be used ({e}); calls are not logged"
    caller = StructuredCaller(client or make_client(settings), settings, log)
    if problem is not None:
        caller.log_problems.append(problem)
    return caller
