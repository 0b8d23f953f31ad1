# The README's commands. Each one does its own set-up first (scripts/setup.sh is idempotent).
.PHONY: setup run test meshes sheet bench check
PY := .venv/bin/python

setup:
	bash scripts/setup.sh

run: setup
	$(PY) -m viewer

test: setup
	$(PY) -m pytest -q

meshes: setup
	$(PY) -m viewer.anatomy build

sheet: setup
	$(PY) -m viewer.anatomy sheet docs/contact_sheet.png

check: setup
	$(PY) -m viewer --check

bench: setup
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) benchmarks/run.py
