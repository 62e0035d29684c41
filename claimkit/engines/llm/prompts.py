"""Prompt templates: load, check, hash and render the files in ``prompts/``.

A template names itself in its first comment (``name: …`` and ``version: …``). It is rendered in a
sandboxed Jinja environment with ``StrictUndefined``: a variable the caller did not pass is an error,
never an empty string. The article goes in only as a variable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ...errors import PromptError
from ...records import PromptInfo

__all__ = ["Prompt", "load_prompt"]

_HEADER_RE = re.compile(r"\{#-?\s*name:\s*(?P<name>[\w.-]+)\s+version:\s*(?P<version>[\w.-]+)")
_ENVIRONMENT = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    sha256: str
    source: str

    @property
    def info(self) -> PromptInfo:
        return PromptInfo(name=self.name, version=self.version, sha256=self.sha256)

    def render(self, **variables: Any) -> str:
        try:
            return _compiled(self.source).render(**variables)
        except jinja2.TemplateError as e:
            raise PromptError(f"prompt {self.name} v{self.version} cannot be rendered: {e}") from e


@lru_cache(maxsize=16)
def _compiled(source: str) -> jinja2.Template:
    return _ENVIRONMENT.from_string(source)


@lru_cache(maxsize=8)
def load_prompt(name: str) -> Prompt:
    """The template ``prompts/<name>.jinja`` shipped with claimkit."""
    try:
        source = resources.files("claimkit.prompt_files").joinpath(f"{name}.jinja").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as e:
        raise PromptError(f"no prompt template named {name!r}") from e
    header = _HEADER_RE.match(source)
    if header is None:
        raise PromptError(f"prompt {name!r} does not start with a 'name: … version: …' comment")
    if header["name"] != name:
        raise PromptError(f"prompt file {name}.jinja names itself {header['name']!r}")
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return Prompt(name=header["name"], version=header["version"], sha256=digest, source=source)
