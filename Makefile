# The README's two commands, as targets. Both work on a fresh machine with Python 3.11.
PY ?= python3
VENV ?= .venv

.PHONY: demo test lint

demo:
	$(PY) -m venv $(VENV) && $(VENV)/bin/pip install -q -e . && $(VENV)/bin/kg build examples -o out/examples.trig && $(VENV)/bin/kg viz out/examples.trig -o out/examples.html

test:
	$(PY) -m venv $(VENV) && $(VENV)/bin/pip install -q -e '.[test]' && $(VENV)/bin/python -m pytest -q

lint:
	$(VENV)/bin/ruff check kg scripts tests && $(VENV)/bin/mypy
