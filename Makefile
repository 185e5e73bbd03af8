# Two entry points, see README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages of the reports (reprisals/reporting/rendering.py): Pango for
# WeasyPrint, the fonts PDFs print with (Latin, Cyrillic, Arabic; Chinese),
# and poppler-utils, with which the tests read the PDFs back.
REPORT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	fonts-wqy-microhei poppler-utils

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
	@command -v pdftoppm >/dev/null && fc-list 2>/dev/null | grep -q "WenQuanYi" \
		&& $(BIN)/python -c "import weasyprint" 2>/dev/null \
		|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -q \
		&& apt-get install -y -q --no-install-recommends $(REPORT_PACKAGES); } \
		|| echo "install $(REPORT_PACKAGES): PDF reports and their tests need them"
	touch $@

demo: $(VENV)/.installed
	$(BIN)/reprisals demo

# One worker a CPU. Tests are handed out in collection order (xdist's
# default), so each worker still runs the tests that flush the database
# (transactional ones, which pytest-django sorts last) after all the others.
test: $(VENV)/.installed-test
	$(BIN)/ruff check reprisals tests
	$(BIN)/pytest -n auto $(PYTEST_ARGS)
