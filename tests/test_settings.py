from __future__ import annotations

from pathlib import Path

import pytest

from claimkit.settings import Settings


def test_lookup_order_argument_environment_file_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('model = "from-file"\nbase_url = "http://file/v1"\nmax_reasks = 5\n')
    monkeypatch.setenv("CLAIMKIT_MODEL", "from-env")
    settings = Settings.resolve(config_file=config, base_url="http://argument/v1")
    assert settings.base_url == "http://argument/v1"  # argument beats all
    assert settings.model == "from-env"  # environment beats the file
    assert settings.max_reasks == 5  # the file beats the default
    assert settings.max_retries == 2  # the default


def test_openai_variables_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-from-environment-1234")
    settings = Settings.resolve(config_file=tmp_path / "none.toml")
    assert settings.base_url == "http://127.0.0.1:9/v1"
    assert settings.endpoint_host == "127.0.0.1"
    assert "sk-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("engine", "model", "chosen"),
    [("auto", None, "embedded"), ("auto", "m", "llm"), ("hybrid", "m", "hybrid"), ("embedded", "m", "embedded")],
)
def test_chosen_engine(engine: str, model: str | None, chosen: str) -> None:
    assert Settings(engine=engine, model=model).chosen_engine == chosen  # type: ignore[arg-type]


def test_settings_are_resolved_again_only_when_something_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('model = "from-file"\n')
    monkeypatch.setenv("CLAIMKIT_CONFIG", str(config))
    first = Settings.resolve()
    assert Settings.resolve() is first  # nothing changed: the same object, nothing read again
    assert first.model == "from-file"
    assert Settings.resolve(model="argument").model == "argument"
    monkeypatch.setenv("CLAIMKIT_MODEL", "from-environment")
    assert Settings.resolve().model == "from-environment"
    monkeypatch.delenv("CLAIMKIT_MODEL")
    config.write_text('model = "edited file"\n')  # a new size: read again
    assert Settings.resolve().model == "edited file"
