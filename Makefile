# Runstrong: `make run` starts the dashboard, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
DB     := $(or $(RUNSTRONG_DB),data/runstrong.duckdb)
TEST_PROCESSES ?= 2

.PHONY: run test demo docs screenshots lint format bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## run: load the demo athlete into an empty database, then serve the dashboard on 127.0.0.1
run: $(VENV)/.runtime
	@if [ ! -f "$(DB)" ]; then \
		echo "No database at $(DB): loading the demo athlete from sample_logs/"; \
		RUNSTRONG_DB="$(DB)" $(BIN)/python -m ingest --quiet sample_logs \
			|| echo "Some demo files could not be imported (listed above); starting anyway."; \
	fi
	RUNSTRONG_DB="$(DB)" $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

## test: install the test tools and run the whole suite, in two processes (pytest-xdist), each test
## file in one of them (its module fixtures stay together): 10.5-11.5 minutes here against 14-15.5 in one
test: $(VENV)/.dev
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

## demo: regenerate sample_logs/ from the deterministic generator
demo: $(VENV)/.runtime
	$(BIN)/python -m demo

## docs: regenerate the parts of docs/ that come from the metric, settings and rule registries
docs: $(VENV)/.runtime
	$(BIN)/python -m docs.build

## screenshots: the README's pictures (docs/img/): the demo athlete imported and shown in Chromium, as the
## browser tests drive it (Debian's /usr/bin/chromium); a few minutes, and not part of `make test`
screenshots: $(VENV)/.dev
	$(BIN)/python tools/screenshots.py

## bench: measure ingest, the pages and memory against the floor (YEARS=1: the quick check)
YEARS ?= 10
bench: $(VENV)/.dev
	$(BIN)/python -m bench --years $(YEARS)

## fuzz: the long fuzz run (every real FIT file cut and flipped, 5000 random CSVs); FUZZ_ARGS=--rounds 8
fuzz: $(VENV)/.dev
	$(BIN)/python tests/reliability/fuzz_long.py $(FUZZ_ARGS)
	$(BIN)/python -m pytest tests/reliability -m fuzz --hypothesis-profile=fuzz-long -p no:cacheprovider -q

## lint: ruff's checks and layout, and mypy's type check (configured in pyproject.toml)
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
