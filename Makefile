# Coproduce: `make run` starts everything on the embedded default; `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
UV := .tools/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) backend/manage.py
PORT ?= 8000
export PYTHONPATH := $(CURDIR)/backend:$(CURDIR)
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: help install run test test-fast test-browser chromium lint format typecheck migrations-check check schema demo clean audit

help:
	@echo "make run     start web, worker and beat with demo data on http://127.0.0.1:$(PORT)/"
	@echo "make test    run every test (installs what it needs)"
	@echo "make check   lint, type-check and check for missing migrations"

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.5,<1"

install: $(UV)
	@$(UV) sync --frozen --quiet

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) demo_seed --url http://127.0.0.1:$(PORT)/
	WEB_PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile

test: install chromium
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not browser and not worker"

test-browser: install chromium
	$(VENV)/bin/pytest -m browser

chromium:
	@bash tests/browser/ensure-chromium.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: install
	$(VENV)/bin/mypy backend workers tests bench

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

check: lint typecheck migrations-check

# Known vulnerabilities in the locked Python and npm dependencies. Fails on one; says
# "vulnerability database unreachable" (and passes) when no database answers.
audit: install
	$(PY) .ci/audit.py

schema: install
	$(MANAGE) spectacular --validate --file var/openapi.yaml

clean:
	rm -rf var/static var/cache var/broker var/test-*
