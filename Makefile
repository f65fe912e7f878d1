# Two commands do everything on a fresh machine with Python 3.11+:
#   make serve   — set up .venv with what the site needs, then serve it on http://127.0.0.1:8000
#   make test    — add the test tools and a browser, lint, then run every test (including a strict build)
# make test-quick runs every test that needs no browser, for the edit–test loop.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
# The engine `make build` uses: mkdocs (1.6.1) or properdocs (after `make properdocs`).
ENGINE ?= mkdocs
# What `make test` asks Playwright to install when no Chromium is found (CI adds --with-deps).
PLAYWRIGHT_INSTALL ?= chromium
# Material prints a banner about MkDocs 2.0 on every run; this project stays on 1.6.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve preview build test test-quick lint format browser properdocs schemas clean bench check-pages mutation

# Runtime: only what building and serving needs. Reinstalled only when the pins change.
$(STAMP): requirements.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt -c constraints.txt
	touch $@

# Tests and linters, on top of the runtime.
$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PIP) -r requirements-test.txt -c constraints.txt
	touch $@

# A browser for the browser tests (tests/browsers.py says which, in a fraction of a second).
# When none is found, try Playwright's download; where that is impossible (no network), go
# on: the test run then fails in one test that says how to install one.
browser: $(TEST_STAMP)
	@status=0; $(BIN)/python tests/browsers.py || status=$$?; \
	if [ $$status = 1 ]; then \
	  echo "Trying: playwright install $(PLAYWRIGHT_INSTALL)"; \
	  timeout 600 $(BIN)/python -m playwright install $(PLAYWRIGHT_INSTALL) \
	    || echo "playwright install chromium failed: the browser tests will say what to do"; \
	fi

# ProperDocs beside MkDocs in .venv: `make build ENGINE=properdocs`, `DOCS_ENGINE=properdocs make test`.
properdocs: $(STAMP)
	$(PIP) -r requirements-properdocs.txt -c constraints.txt

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Like serve, but each page is made when the browser asks for it, from the records in memory: a save
# shows in well under a second at 10,000 records (docs/performance.md). The search index is the first build's.
preview: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m newsbrief.preview --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/python -m $(ENGINE) build --strict --clean --site-dir site
	$(BIN)/python .ci/check_pages.py site

# An engine that ignores `hooks:` builds a site without record pages: this fails it.
check-pages: $(STAMP)
	$(BIN)/python .ci/check_pages.py site

# On every core: each worker builds its own copy of the shared sites; worksteal keeps both busy to the end.
test: lint browser
	$(BIN)/python -m pytest -n auto --dist worksteal

test-quick: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not browser"

lint: $(TEST_STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

# Rewrites files: ruff's fixes and formatting.
format: $(TEST_STAMP)
	$(BIN)/ruff check --fix
	$(BIN)/ruff format

# Regenerate the JSON Schemas in schemas/ after changing hooks/newsbrief/model.py.
schemas: $(STAMP)
	cd hooks && ../$(BIN)/python -m newsbrief.schema ../schemas

# Build time against plain MkDocs for the same pages: make bench (N = 500 and 2000), or make bench N=2000.
bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes $(or $(N),500 2000) --runs 3

MUTATION_STAMP := $(VENV)/.mutation-stamp

$(MUTATION_STAMP): $(STAMP) requirements-mutation.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-mutation.txt -c constraints.txt
	touch $@

# Mutation testing (not part of `make test`): make mutation, or make mutation MODULES="derive reldates".
# Prints the killed-mutant score per module; the report is in mutation/report/ (docs/testing.md).
mutation: $(MUTATION_STAMP)
	$(BIN)/python mutation/run.py $(MODULES)
	$(BIN)/python mutation/templates.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
