# Tegak — every set-up step lives here. Needs only Python >= 3.11 and make.
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
UV_VERSION := 0.13.9

.PHONY: help install demo serve test test-fast test-browser check fmt messages bench clean

help:
	@echo "make demo    - install, migrate, load the fictional demo agency, serve on http://127.0.0.1:8000"
	@echo "make test    - install and run the whole test suite (SQLite; PostgreSQL when TEGAK_TEST_DATABASE_URL is set)"
	@echo "make check   - ruff format check, ruff, mypy, migration check"

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tegak needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(BIN)/tegak: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --compile-bytecode --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	@# Compiled once here, not by every process that starts (docs/operations.md, "Start-up").
	$(BIN)/python -m compileall -q -j 0 src
	@touch $(BIN)/tegak

install: $(BIN)/tegak

demo: install
	$(BIN)/tegak demo

serve: install
	$(BIN)/tegak serve

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

test-browser: install
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

check: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=tegak.config.settings_check $(BIN)/django-admin makemigrations --check --dry-run
	$(BIN)/python scripts/messages.py --check

fmt: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

messages: install
	$(BIN)/python scripts/messages.py

bench: install
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .ruff_cache
