# Two commands do all set-up on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := assets/node_modules/.installed

.PHONY: book preview dist test bench check lint format release grade clean setup

setup: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Front-end files served by the book itself (no CDN): pinned in assets/package-lock.json.
$(NODE_STAMP): assets/package.json assets/package-lock.json
	npm ci --prefix assets --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

book: setup
	$(BIN)/frontline build

# For authors: serves the book on http://127.0.0.1:8000 and rebuilds what changed on every save.
preview: setup
	$(BIN)/frontline preview

# The distributables of this version in _build/dist/frontline-VERSION/ (builds the book first).
dist: setup
	$(BIN)/frontline dist

test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

check: setup
	$(BIN)/frontline check

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: setup
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf _build assessments/release assessments/autograded assessments/feedback assessments/gradebook.db
