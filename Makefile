# The README's commands. Each one does its own set-up first (scripts/setup.sh is idempotent).
.PHONY: setup run test fuzz lint meshes sheet bench check
PY := .venv/bin/python

setup:
	bash scripts/setup.sh

run: setup
	$(PY) -m viewer

test: setup lint
	$(PY) -m pytest -q

# the long fuzz and soak runs (at least 1,000 cases per property)
fuzz: setup
	$(PY) -m pytest -q -m nightly

# ruff (lint and format), mypy and the layers contract: all must report nothing
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	.venv/bin/lint-imports

meshes: setup
	$(PY) -m viewer.anatomy build

sheet: setup
	$(PY) -m viewer.render.contact_sheet docs/contact_sheet.png

check: setup
	$(PY) -m viewer --check

bench: setup
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) benchmarks/run.py
