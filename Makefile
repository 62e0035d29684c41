# `make run` and `make test` set everything up on first use (a virtual environment in .venv).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SEED := seeds/002_4cc666bf275705eb.txt

.PHONY: run test check lint bench eval clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/claimkit summarise $(SEED) --format table

test: $(BIN)/.installed lint
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check claimkit tests bench examples
	$(BIN)/ruff format --check claimkit tests bench examples
	$(BIN)/mypy

bench: $(BIN)/.installed
	$(BIN)/python bench/embedded_throughput.py
	-$(BIN)/python bench/embedded_instructions.py
	$(BIN)/python bench/batch_throughput.py

eval: $(BIN)/.installed
	$(BIN)/claimkit eval ../shared/eval/polnear.dev.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Re-record cassettes/ against the local llama.cpp server (scripts/local-llm-server.sh install first).
record: $(BIN)/.installed
	scripts/record-cassettes.sh
