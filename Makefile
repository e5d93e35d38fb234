# The targets CI runs. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.12 || command -v python3)
# Some shells export PYTHONDONTWRITEBYTECODE; without bytecode every process (gunicorn
# workers, test subprocesses) recompiles Django from source, which costs seconds each time.
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: help run test lint format check install install-dev static backup restore loadtest bench lighthouse htmlcheck scaleout

help:
	@echo "make run    - install, migrate, load starter content and serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - install dev dependencies and run the whole test suite"
	@echo "make lint   - ruff lint and format check, hadolint on the Dockerfile"
	@echo "make check  - Django system checks and missing-migration check"
	@echo "make backup [FILE=...] / make restore FILE=...  - portable backup of everything"
	@echo "make loadtest / make bench  - load test; benchmark on SQLite and on PostgreSQL + Redis (need wrk)"
	@echo "make lighthouse  - Lighthouse scores of key pages on the mobile preset (needs npm, chromium)"
	@echo "make htmlcheck  - the W3C Nu HTML Checker over every page type (needs npm, java)"
	@echo "make scaleout  - two gunicorn servers on one PostgreSQL, Redis and media folder (CI runs it)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The Dockerfile runs the same install and collectstatic commands (see tests/site_config/test_deploy.py).
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-cache-dir -r requirements.lock
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib > /dev/null
	@rm -f $(VENV)/.installed-dev
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib > /dev/null
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# A secret key generated once for local use; .secret_key is ignored by git.
.secret_key:
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@

static: install
	$(MANAGE) collectstatic --no-input --verbosity 0

run: install .secret_key
	$(MANAGE) migrate --no-input
	$(MANAGE) load_content
	@# Pages written before a change to the Markdown renderer get its HTML (docs/deploy.md).
	$(MANAGE) rerender_content
	@$(MAKE) --no-print-directory static
	$(MANAGE) ensure_local_admin
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@# The production timer's job, every minute while the site runs: pages scheduled for
	@# now are published, and the links to them on other pages drawn (docs/deploy.md).
	(while sleep 60; do $(MANAGE) publish_scheduled > /dev/null; done) & timer=$$!; \
	trap 'kill $$timer 2> /dev/null' EXIT; \
	DJANGO_DEBUG=0 PORT=$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} $(BIN)/gunicorn -c gunicorn.conf.py site_config.wsgi

test: install-dev
	$(BIN)/python -m pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

# Portable dump of content, history and uploads; restore into an empty, migrated database.
# Like `make run`, they use the local key (made once) where DJANGO_SECRET_KEY is not set.
backup: install .secret_key
	$(MANAGE) backup $(FILE)

restore: install .secret_key
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/....tar.gz" && exit 2)
	$(MANAGE) migrate --no-input
	$(MANAGE) restore $(FILE)

# Performance: gunicorn driven by wrk from a second process (apt-get install wrk).
loadtest: install-dev
	@command -v wrk >/dev/null || (echo "wrk is missing: apt-get install wrk" && exit 2)
	$(BIN)/python scripts/perf.py loadtest

# The site as readers meet it, on SQLite with local memory and on PostgreSQL with Redis
# (127.0.0.1; a scratch database and Redis database of its own). A report: it exits 0 when
# targets are missed. BENCH_ARGS passes options, e.g. BENCH_ARGS="--setups sqlite".
bench: install-dev
	@command -v wrk >/dev/null || (echo "wrk is missing: apt-get install wrk" && exit 2)
	$(BIN)/python scripts/perf.py bench $(BENCH_ARGS)

# Lighthouse 12 from the committed package-lock.json (npm ci into ./node_modules), run with
# Debian's Chromium against a production-like gunicorn; LIGHTHOUSE_RUNS sets runs per page.
lighthouse: install
	$(BIN)/python scripts/lighthouse.py

# The W3C Nu HTML Checker (vnu-jar from the committed package-lock.json, run on the local
# Java 17) over one page of every type and state and every page in the sitemap, served by
# gunicorn with production settings; fails on any error.
htmlcheck: install
	$(BIN)/python scripts/html_check.py

# Two app servers sharing PostgreSQL (127.0.0.1:5432), Redis (127.0.0.1:6379) and MEDIA_ROOT:
# an edit, a session and an upload made through one are seen through the other.
scaleout: install
	$(BIN)/python scripts/scaleout.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev
	DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) check
	DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) makemigrations --check --dry-run
