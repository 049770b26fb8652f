# Coproduce: `make run` starts everything on the embedded default; `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
UV := .tools/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) backend/manage.py
PORT ?= 8000
export PORT
# E-mail and letter links open the app make run serves. Set here, not from PORT in settings, because
# honcho gives the worker and beat PORT+100 and PORT+200.
PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
export PUBLIC_BASE_URL
FRONTEND := frontend
NPM := npm --prefix $(FRONTEND)
export PYTHONPATH := $(CURDIR)/backend:$(CURDIR)
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: help install run test test-fast test-browser test-frontend chromium lint format typecheck migrations-check check schema demo clean frontend frontend-client frontend-check audit

help:
	@echo "make run     start web, worker and beat with demo data on http://127.0.0.1:$(PORT)/"
	@echo "make test    run every test (installs what it needs)"
	@echo "make check   lint, type-check and check for missing migrations"

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.5,<1"

install: $(UV)
	@$(UV) sync --frozen --quiet

run: install frontend
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) demo_seed --url http://127.0.0.1:$(PORT)/
	WEB_PORT=$(PORT) DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-false} NUM_PROXIES=$${NUM_PROXIES:-0} \
		$(VENV)/bin/honcho start -f Procfile

test: install chromium frontend
	$(NPM) run test --silent
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not browser and not worker"

test-browser: install chromium frontend
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

# The web app ---------------------------------------------------------------------------------
# node_modules follows the lock file; dist/ is rebuilt when any source is newer than the build.
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json $(FRONTEND)/package.json

$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	$(NPM) run build --silent
	@touch $@

frontend: $(FRONTEND)/dist/index.html

test-frontend: $(FRONTEND)/node_modules/.package-lock.json
	$(NPM) run test --silent

# Regenerate the web app's API types from the backend's schema (commit the result).
frontend-client: install $(FRONTEND)/node_modules/.package-lock.json
	@mkdir -p var
	$(MANAGE) spectacular --format openapi-json --file var/openapi.json
	$(NPM) run client --silent

# Lint, type-check, and keep the initial JS of any page under its size budget.
frontend-check: frontend
	$(NPM) run lint --silent
	$(NPM) run typecheck --silent
	$(NPM) run size --silent

clean:
	rm -rf var/static var/cache var/broker var/test-* $(FRONTEND)/dist
