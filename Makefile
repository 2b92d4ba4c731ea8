# The two commands of README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST_ARGS ?=
# The demo identity provider (example_site/demo_idp): members sign in with it.
IDP := $(PY) example_site/demo_idp/manage.py

.PHONY: demo test install lint format seed serve wheel clean messages

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

node_modules/axe-core/axe.min.js: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

## demo: create the virtualenv, install, migrate, seed and serve http://127.0.0.1:8000 on SQLite,
## with the demo identity provider ("Sign in with ACNM") on http://127.0.0.1:8001
demo: install seed serve

seed: install
	$(PY) example_site/manage.py migrate --noinput
	$(PY) example_site/manage.py load_demo_data
	$(IDP) migrate --noinput
	$(IDP) seed_demo_idp

serve:
	@$(IDP) runserver 127.0.0.1:8001 --noreload & idp=$$!; \
	trap 'kill $$idp 2>/dev/null' EXIT INT TERM; \
	$(PY) example_site/manage.py runserver 127.0.0.1:8000

## demo-djangocms: the same demo on django CMS (example_site/settings_djangocms.py, its own SQLite file
## example_site_djangocms.sqlite3): migrate, seed and serve http://127.0.0.1:8000, identity provider on :8001
DJANGOCMS_SITE := DJANGO_SETTINGS_MODULE=example_site.settings_djangocms $(PY) example_site/manage.py
.PHONY: demo-djangocms
demo-djangocms: install
	$(DJANGOCMS_SITE) migrate --noinput
	$(DJANGOCMS_SITE) load_djangocms_demo
	$(IDP) migrate --noinput
	$(IDP) seed_demo_idp
	@$(IDP) runserver 127.0.0.1:8001 --noreload & idp=$$!; \
	trap 'kill $$idp 2>/dev/null' EXIT INT TERM; \
	$(DJANGOCMS_SITE) runserver 127.0.0.1:8000

## test: lint, the documentation build, then the whole suite (unit, integration and browser tests); then the django CMS
## tests (tests/djangocms) with both CMSes installed (tests/settings_djangocms.py)
test: install node_modules/axe-core/axe.min.js
	bash tools/ensure_browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) docs
	$(BIN)/pytest --ignore=tests/djangocms $(PYTEST_ARGS)
	$(BIN)/pytest --ds=tests.settings_djangocms tests/djangocms $(PYTEST_ARGS)

## docs: install the docs extra and build the documentation site into build/docs;
## any warning (a broken link, a missing anchor, a page left out of mkdocs.yml) fails it
.PHONY: docs
$(VENV)/.installed-docs: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[docs]"
	touch $@

docs: $(VENV)/.installed-docs
	$(BIN)/mkdocs build --strict --site-dir build/docs

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

wheel: install
	$(PY) -m build --wheel --outdir dist .

clean:
	rm -rf build dist *.egg-info tests/.test-db.sqlite3* tests/screenshots

## benchmark-directory: seed 10,000 mentors in a throwaway SQLite database and time the
## mentor directory against a bare page (docs/performance.md); on PostgreSQL:
## make benchmark-directory BENCHMARK_ARGS="--database-url postgres://acnm:acnm@127.0.0.1:5432/acnm_mentoring"
.PHONY: benchmark-directory
benchmark-directory: install
	$(PY) -m benchmarks.directory $(BENCHMARK_ARGS)

## benchmark-exports: seed 100,000 participants in a throwaway PostgreSQL database (the role needs CREATEDB) and time
## the participant export against a plain django-import-export resource and COPY (docs/performance.md); quicker:
## make benchmark-exports BENCHMARK_ARGS="--participants 5000 --repeat 1"; on SQLite, without COPY: BENCHMARK_ARGS="--database-url sqlite"
.PHONY: benchmark-exports
benchmark-exports: install
	$(PY) -m benchmarks.exports $(BENCHMARK_ARGS)

## benchmark-load: serve the example site (production settings, 1,000 mentors) with gunicorn on a new PostgreSQL
## database acnm_mentoring_load (the role needs CREATEDB) and load it with wrk, 32 connections (docs/performance.md);
## needs wrk (installed with apt-get when run as root); quicker: BENCHMARK_ARGS="--duration 5 --rounds 1"
.PHONY: benchmark-load
benchmark-load: install
	$(BIN)/pip install --quiet -e ".[benchmark]"
	$(PY) -m benchmarks.load $(BENCHMARK_ARGS)

## messages: refresh the English message catalogues after changing strings
messages: install
	cd acnm_mentoring_plugin && ../$(BIN)/django-admin makemessages -l en --ignore "wagtail/*" --ignore "djangocms/*" && ../$(BIN)/django-admin compilemessages
	cd acnm_mentoring_plugin/wagtail && ../../$(BIN)/django-admin makemessages -l en && ../../$(BIN)/django-admin compilemessages
	cd acnm_mentoring_plugin/djangocms && ../../$(BIN)/django-admin makemessages -l en && ../../$(BIN)/django-admin compilemessages
