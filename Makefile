# Two entry points, see README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@# Debian's Chromium for the browser tests (never Playwright's own download).
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } \
		|| echo "chromium is not installed: the browser tests will be skipped"
	touch $@

demo: $(VENV)/.installed
	$(BIN)/reprisals demo

test: $(VENV)/.installed-test
	$(BIN)/ruff check reprisals tests
	$(BIN)/pytest $(PYTEST_ARGS)
