# The two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
export FLASK_APP := wsgi.py

.PHONY: run test test-postgres bench install fonts pdf-tools assets translations lint format clean

run: install assets translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo seed
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: install pdf-tools assets translations
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The same suite on PostgreSQL (override TEST_DATABASE_URL for another server).
test-postgres: install pdf-tools assets translations
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

# The national-scale benchmark (README, "Benchmark"): generates the dataset once under
# .bench/, serves it with gunicorn and measures every list, aggregate and export with wrk.
# PostgreSQL: make bench BENCH_ARGS="--database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench"
bench: install assets translations
	@command -v wrk >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk; }
	$(BIN)/python -m bench $(BENCH_ARGS)

install: $(STAMP)/python fonts

# The fonts the PDF reports are drawn with (WeasyPrint, through the machine's Pango): Noto
# Naskh Arabic shapes the Arabic, Noto Sans the French; from Debian, when missing.
fonts:
	@fc-list | grep -q "Noto Naskh Arabic" || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq fonts-noto-core; }

# The tests read the PDF reports with poppler's pdftotext, pdffonts and pdftoppm.
pdf-tools:
	@command -v pdftotext >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils; }

$(STAMP)/python: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@mkdir -p $(STAMP) && touch $@

assets: $(STAMP)/assets

$(STAMP)/assets: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf portal/static/vendor
	mkdir -p portal/static/vendor/bootstrap/css portal/static/vendor/bootstrap/js
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/css/bootstrap.rtl.min.css node_modules/bootstrap/dist/css/bootstrap.rtl.min.css.map \
	   portal/static/vendor/bootstrap/css/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
	   portal/static/vendor/bootstrap/js/
	@mkdir -p $(STAMP) && touch $@

translations: install
	$(BIN)/flask translate compile

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(STAMP) node_modules portal/static/vendor translations/*/LC_MESSAGES/*.mo
