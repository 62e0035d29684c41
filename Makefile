# `make run` and `make test` set everything up on first use (a virtual environment in .venv).
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SEED := seeds/002_4cc666bf275705eb.txt

.PHONY: run test compiled test-compiled check lint bench eval clean

# The optional compiled build (setup.py: mypyc over the engine modules) lives in its own environment:
# installed, not editable, so that a compiled module never shadows a source file under edit.
COMPILED_VENV ?= .venv-compiled
CBIN := $(COMPILED_VENV)/bin

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(CBIN)/.installed: pyproject.toml setup.py $(shell find claimkit -name "*.py")
	$(PYTHON) -m venv $(COMPILED_VENV)
	$(CBIN)/python -m pip install --quiet --upgrade pip setuptools
	$(CBIN)/python -m pip install --quiet '.[dev]'
	CLAIMKIT_COMPILE=1 $(CBIN)/python -m pip install --quiet --no-build-isolation --no-deps --force-reinstall .
	$(CBIN)/python -P -c "import claimkit.engines.embedded.walk as e; assert e.__file__.endswith('.so'), e.__file__"
	touch $@

# The compiled build in one command (a C compiler is needed): .venv-compiled/bin/claimkit, .venv-compiled/bin/python
compiled: $(CBIN)/.installed

run: $(BIN)/.installed
	$(BIN)/claimkit summarise $(SEED) --format table

# The quick suite; `make test TESTS=` (as .ci/run does) runs the slow tests too.
TESTS ?= -m "not slow"

test: $(BIN)/.installed lint
	$(BIN)/pytest $(TESTS)

# The same test suite against the compiled build (pytest imports claimkit from its site-packages).
test-compiled: $(CBIN)/.installed
	CLAIMKIT_EXPECT_COMPILED=1 $(CBIN)/pytest -p no:cacheprovider $(TESTS)

lint: $(BIN)/.installed
	$(BIN)/ruff check claimkit tests bench examples setup.py
	$(BIN)/ruff format --check claimkit tests bench examples setup.py
	$(BIN)/mypy

bench: $(BIN)/.installed $(CBIN)/.installed
	$(BIN)/python bench/embedded_throughput.py
	$(CBIN)/python bench/embedded_throughput.py
	$(BIN)/python bench/length_scaling.py
	$(CBIN)/python bench/length_scaling.py
	$(BIN)/python bench/startup.py
	-$(BIN)/python bench/embedded_instructions.py
	-$(CBIN)/python bench/embedded_instructions.py
	$(BIN)/python bench/batch_throughput.py

eval: $(BIN)/.installed
	$(BIN)/claimkit eval ../shared/eval/polnear.dev.jsonl

clean:
	rm -rf $(VENV) $(COMPILED_VENV) build .pytest_cache .mypy_cache .ruff_cache

# Re-record cassettes/ against the local llama.cpp server (scripts/local-llm-server.sh install first).
record: $(BIN)/.installed
	scripts/record-cassettes.sh
