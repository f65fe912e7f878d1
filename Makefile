# Two commands do everything on a fresh machine with Python 3.11:
#   make serve   — set up .venv, then serve the site on http://127.0.0.1:8000
#   make test    — set up .venv, then run every test (including a strict build)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Material prints a banner about MkDocs 2.0 on every run; this project stays on 1.6.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test schemas clean bench mutation

# Reinstall only when the pinned requirements change.
$(STAMP): requirements.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

NODE_STAMP := node_modules/.installed-stamp

# Node packages (axe-core, injected by the browser tests): reinstalled only when the lock file changes.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

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
	rm -rf site .pytest_cache
