# Brygga — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask
export FLASK_APP := wsgi.py
HOST ?= 127.0.0.1
PORT ?= 5000
HTMX_VERSION ?= 2.0.11
TRANSLATIONS := portal/translations

.PHONY: run test install install-test compile-translations translations migrate demo serve \
        test-sqlite test-postgresql security-check browser-deps bench vendor-htmx clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installed once; reinstalled only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed compile-translations

install-test: $(VENV)/.installed-test compile-translations browser-deps

compile-translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS)

migrate: install
	mkdir -p instance
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo load

# Serves the portal, and delivers e-mail from the outbox every few seconds in the background
# (in development, messages are written to instance/mail/ as .eml files).
# The demo coordinator is the person employers see in the footer.
run: export BRYGGA_COORDINATOR_NAME ?= Karin Lindqvist
run: export BRYGGA_COORDINATOR_EMAIL ?= koordinator@demo.brygga.se
run: demo
	@echo
	@echo "Brygga is starting on http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	@trap 'kill 0' EXIT INT TERM; \
	$(FLASK) outbox work --interval 5 & \
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser stories; never a downloaded browser.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; \
	fi

# The whole suite on SQLite, and again on PostgreSQL when PORTAL_TEST_DATABASE_URL is set.
test: install-test
	$(MAKE) --no-print-directory security-check
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$PORTAL_TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgresql; \
	else echo "PORTAL_TEST_DATABASE_URL is not set: skipped the PostgreSQL run"; fi

# bandit: fails on any finding of medium or high severity (each kept one carries `# nosec` and why).
BANDIT_ARGS := -q -r portal wsgi.py --severity-level medium
security-check:
	@echo "== bandit =="
	$(BIN)/bandit $(BANDIT_ARGS)

test-sqlite:
	@echo "== tests on SQLite =="
	env -u PORTAL_TEST_DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgresql:
	@echo "== tests on PostgreSQL =="
	PORTAL_TEST_BACKEND=postgresql $(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks: speed and memory targets, kept out of the unit tests.
bench: install-test
	BRYGGA_BENCH=1 $(BIN)/python -m pytest tests/perf -m perf $(PYTEST_ARGS)

# Extract messages, update both catalogues, copy new English source texts into en/.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 --no-location --sort-output \
		--ignore-dirs '.* __pycache__' \
		-o $(TRANSLATIONS)/messages.pot .
	for lang in sv en; do \
		if [ -f $(TRANSLATIONS)/$$lang/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$lang; \
		else $(BIN)/pybabel -q init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$lang; fi; \
	done
	$(BIN)/python scripts/fill_english.py $(TRANSLATIONS)/en/LC_MESSAGES/messages.po
	$(MAKE) --no-print-directory compile-translations

vendor-htmx:
	cd $$(mktemp -d) && npm pack --silent htmx.org@$(HTMX_VERSION) && tar xzf htmx.org-$(HTMX_VERSION).tgz && \
		cp package/dist/htmx.min.js $(CURDIR)/static/js/htmx.min.js && cp package/LICENSE $(CURDIR)/static/js/htmx.LICENSE
	sha256sum static/js/htmx.min.js

clean:
	rm -rf $(VENV) instance/brygga.sqlite
