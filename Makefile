# One-command set-up: every target creates .venv and installs what it needs.
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.dev-installed
ASSETS := dashboard/static/vendor/leaflet-1.9.4/MANIFEST.json

.PHONY: run test lint validate assets geodata schema bench bench-quick mutation mutation-quick clean

run: $(STAMP) $(ASSETS)
	$(VENV)/bin/streamlit run dashboard/app.py --server.port $(PORT)

test: $(DEVSTAMP) $(ASSETS)
	$(VENV)/bin/ruff check .
	$(PY) -m dashboard.validate
	$(PY) -m pytest

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check .

validate: $(STAMP)
	$(PY) -m dashboard.validate

assets: $(STAMP)
	$(PY) scripts/fetch_assets.py

$(ASSETS): scripts/fetch_assets.py dashboard/assets.py | $(STAMP)
	$(PY) scripts/fetch_assets.py

geodata: $(STAMP)
	$(PY) geodata/build.py

schema: $(STAMP)
	$(PY) -m dashboard.schema > annotations.schema.json

bench: $(DEVSTAMP) $(ASSETS)
	$(PY) -m bench.run

bench-quick: $(DEVSTAMP) $(ASSETS)
	$(PY) -m bench.run --quick

# Mutation testing (mutmut, one worker by default: MUTATION_JOBS=2 to use both cores). About half an hour;
# writes mutation/REPORT.md. The quick subset is CI's: a few minutes, its report stays under mutants/.
mutation: $(DEVSTAMP) $(ASSETS)
	$(PY) -m mutation.run

mutation-quick: $(DEVSTAMP) $(ASSETS)
	$(PY) -m mutation.run --quick

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed (set PYTHON=...)") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEVSTAMP): requirements-dev.txt $(STAMP)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEVSTAMP)

clean:
	rm -rf $(VENV) .assets-cache dashboard/static/vendor dashboard/static/generated .pytest_cache mutants
