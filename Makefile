# Two commands do all set-up: `make run` and `make test`. Only Python 3.11+ is needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test quick install lint serve messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes, so a second `make run` is fast.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/pathways manage migrate --noinput
	$(BIN)/pathways reference load
	$(BIN)/pathways demo load
	@echo
	@echo "Pathways is at http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	@echo "Log in at http://$(HOST):$(PORT)/accounts/login/ as navigator, editor, reviewer,"
	@echo "partner, analyst, participant or admin; every demo password is: pathways-demo"
	@echo
	@# A worker for background jobs (ADR 0050) runs beside the server and stops with it.
	$(BIN)/pathways jobs work & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/pathways manage runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python tests/run.py

# The inner loop: one SQLite pass without the slow tests (Spark, large property-based runs,
# rebuilding the demo) and the browser tests. `make test` still runs all of them, twice.
quick: install
	PATHWAYS_DATABASE_URL=sqlite:///:memory: $(BIN)/python -m pytest -m "not slow and not browser"

lint: install
	$(BIN)/ruff check src tests benchmarks

# Extract every string, then compile: django.po and django.mo are both committed, so a clean
# clone has the Spanish pages without gettext installed (tests/cases/test_spanish.py checks).
# The measure definitions' words are YAML, so they are first written out as Python.
messages: install
	$(BIN)/python -m pathways.apps.reports.wording
	cd src/pathways && ../../$(BIN)/django-admin makemessages -l es --ignore='data/*'
	cd src/pathways && ../../$(BIN)/django-admin compilemessages -l es

clean:
	rm -rf $(VENV) var
