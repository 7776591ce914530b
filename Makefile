# One-command set-up: every target creates .venv and installs what it needs.
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.dev-installed
# The lock: every package pinned with its hashes (`make lock` remakes both files from pyproject.toml).
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" --quiet
# Replicas behind HAProxy (make serve-replicas N=3): the same proxy config as compose.yaml.
N ?= 2

.PHONY: run test lint validate lock catalog plotly-locales geodata schema bench bench-quick lighthouse mutation mutation-quick serve-replicas clean

run: $(STAMP)
	$(VENV)/bin/streamlit run dashboard/serve.py --server.port $(PORT)

serve-replicas: $(STAMP)
	$(PY) -m deploy.replicas --replicas $(N) --port $(PORT)

# The unit and AppTest tests on TEST_JOBS workers (pytest-xdist); then the browser tests on as many, a test file
# to a worker (--dist loadfile: a file's module fixtures, the replicas, start once); each worker has its own
# server per kind and its own Chromium (tests/e2e/conftest.py). On a fresh clone of this 2-core machine they took
# 11 minutes so, against 16 one after another. The 25 slowest are listed at the end (where CI's time goes).
TEST_JOBS ?= 2

test: $(DEVSTAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m dashboard.validate
	$(PY) -m pytest -n $(TEST_JOBS) tests/unit tests/app
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadfile --durations=25 tests/e2e

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check .

validate: $(STAMP)
	$(PY) -m dashboard.validate

lock: $(DEVSTAMP)
	$(LOCK) -o requirements.txt
	$(LOCK) --extra dev --constraint requirements.txt -o requirements-dev.txt

# The catalogs (README "Adding a language"): the dashboard's words extracted from its Python and the story's own
# words (babel.cfg) into messages.pot, and merged into each language's .po, where translators work; the app reads
# the .po itself. PYTHONPATH: the story's extractor is the dashboard's own (dashboard/story/extract.py).
CATALOG := dashboard/locale
catalog: $(DEVSTAMP)
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg -k plural_words:1,2 --add-location=file --sort-by-file --no-wrap \
		--add-comments=Translators: --project=dashboard -o $(CATALOG)/messages.pot .
	$(VENV)/bin/pybabel update -i $(CATALOG)/messages.pot -d $(CATALOG) --no-wrap --ignore-obsolete \
		--no-fuzzy-matching

# plotly.js's own words in Russian (its toolbar, its date axis): its committed, sha256-checked lib/locales/ru.js
# (dashboard/vendor/plotly.js-4.1.1) read with node into dashboard/charts/locales/ru.json, with its provenance.
plotly-locales: $(STAMP)
	$(PY) -m dashboard.charts.locales

geodata: $(DEVSTAMP)
	$(PY) geodata/build.py

schema: $(STAMP)
	$(PY) -m dashboard.corpus.schema > annotations.schema.json

bench: $(DEVSTAMP)
	$(PY) -m bench.run

bench-quick: $(DEVSTAMP)
	$(PY) -m bench.run --quick

# The benchmark's Lighthouse (bench/lighthouse.py installs it on first use too): CI installs it beside the tests.
LIGHTHOUSE_STAMP := bench/lighthouse/node_modules/.installed-from-lock

lighthouse: $(LIGHTHOUSE_STAMP)

$(LIGHTHOUSE_STAMP): bench/lighthouse/package-lock.json
	npm ci --no-audit --no-fund --prefix bench/lighthouse
	touch $(LIGHTHOUSE_STAMP)

# Mutation testing (mutmut, one worker by default: MUTATION_JOBS=2 to use both cores). About half an hour;
# writes mutation/REPORT.md. The quick subset is CI's: a few minutes, its report stays under mutants/.
mutation: $(DEVSTAMP)
	$(PY) -m mutation.run

# CI's quick subset takes both cores (MUTATION_QUICK_JOBS): mutmut's workers and the named mutants' pytest-xdist.
MUTATION_QUICK_JOBS ?= 2

mutation-quick: $(DEVSTAMP)
	$(PY) -m mutation.run --quick --jobs $(MUTATION_QUICK_JOBS)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed (set PYTHON=...)") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $(STAMP)

$(DEVSTAMP): requirements-dev.txt $(STAMP)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(DEVSTAMP)

clean:
	rm -rf $(VENV) dashboard/static/generated .pytest_cache mutants .replicas bench/lighthouse/node_modules
