# binhdang-bot: `make run` starts the bot on the embedded default; `make test` runs every check.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test setup browser lint typecheck check bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/binhdang serve

# Debian's Chromium for the end-to-end web chat test (Playwright drives it; no browser download).
browser:
	@test -x $(CHROMIUM) || (command -v apt-get >/dev/null && \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) ) || \
		echo "warning: Chromium not installed; the browser test will be skipped"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy bot nlu

check: setup
	$(VENV)/bin/binhdang check

test: setup browser lint typecheck check
	$(VENV)/bin/pytest -q

bench: setup
	$(PY) bench/nlu.py
	$(PY) bench/articles.py
	$(PY) bench/fresh.py
	$(PY) bench/broadcast.py
	$(PY) bench/dashboard.py
	$(PY) bench/polls.py
	$(PY) bench/serve.py

clean:
	rm -rf $(VENV) .cache .mypy_cache .pytest_cache .ruff_cache
