# Mailleurs — `make run` serves the demo site on SQLite, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 found: python3.13, python3.12 (pyenv shims included), python3.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	command -v $$p; break; fi; done)

.PHONY: install run setup-demo test lint test-postgres e2e-deps bench territories collectstatic clean

$(VENV)/.installed: requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 ou plus récent est introuvable : installez-le (pyenv install 3.12) puis relancez." >&2; exit 1; fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

# axe-core (npm) checks the pages' accessibility in the browser tests: installed from the lock
# when missing or when the lock changed; never committed (node_modules/ is ignored).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm est introuvable : installez Node.js et npm (apt-get install nodejs npm) pour le contrôle d’accessibilité des tests navigateur." >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

install: $(VENV)/.installed node_modules/.installed

setup-demo: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_reference_data --demo
	DEBUG=1 $(PY) manage.py load_glossary
	DEBUG=1 $(PY) manage.py create_demo_accounts
	DEBUG=1 $(PY) manage.py load_grid --demo
	DEBUG=1 $(PY) manage.py load_experiences

# The task worker (long exports and imports) runs beside the web server, in its own process
# group: whichever way the server stops (Ctrl-C included), the worker and its reloader stop too.
run: setup-demo
	@echo "Mailleurs : http://$(HOST):$(PORT)/ (tâches en arrière-plan : manage.py db_worker)"
	@DEBUG=1 setsid $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill -TERM -- -$$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The same suite on PostgreSQL (the local server, trust authentication).
test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://$$(whoami)@127.0.0.1:5432/mailleurs} $(MAKE) test

# Rebuild the territories of one département from the official files: make territories DEP=26
territories: install
	$(PY) manage.py import_territories --departement $(DEP)

# Benchmark (issue 3) on the PostgreSQL database BENCH_DATABASE: README.md, "Benchmarks".
bench: install
	$(PY) bench/run.py

collectstatic: install
	$(PY) manage.py collectstatic --noinput

clean:
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache .ruff_cache
