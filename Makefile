# arqam: every target sets up .venv itself, so `make run` and `make test` work in a fresh clone.
#   make run    execute every notebook headlessly into $(OUTPUT)/notebooks/
#   make test   unit + conformance tests, then notebook tests (nbval)
#   make bench  install the bench extra and run every bench/*.py
#   make lab    JupyterLab on notebooks/
#   make clean  remove .venv, build caches and everything in outputs/ but its README

PYTHON ?= python3
CORPUS ?= seeds
OUTPUT ?= outputs
# PARAMS: a YAML file of notebook parameters for scheduled runs (papermill -f); CORPUS and OUTPUT still win
PARAMS ?=
KERNEL ?= python3

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
comma := ,

# $(sort) orders bytewise, whatever the locale: notebooks run 10_*, 20_*, 30_*.
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
BENCHES := $(sort $(wildcard bench/*.py))

.PHONY: run test bench lab clean

$(VPY):
	$(PYTHON) -m venv $(VENV)

# install EXTRAS into the venv: uv when it installs, plain pip otherwise.
define install
	$(VPY) -m pip install --quiet --disable-pip-version-check uv \
	  && $(VENV)/bin/uv pip install --python $(VPY) -e '.[$(1)]' \
	  || { echo "uv failed; falling back to pip"; $(VPY) -m pip install --disable-pip-version-check -e '.[$(1)]'; }
endef

$(STAMP): pyproject.toml | $(VPY)
	$(call install,dev)
	touch $@

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(call install,dev$(comma)bench)
	touch $@

run: $(STAMP)
ifeq ($(NOTEBOOKS),)
	@echo "make run: no notebooks/*.ipynb yet; nothing to execute."
else
	mkdir -p $(OUTPUT)/notebooks
	@for nb in $(NOTEBOOKS); do \
	  out="$(abspath $(OUTPUT))/notebooks/$$(basename "$$nb")"; \
	  echo "papermill $$nb -> $$out"; \
	  $(VENV)/bin/papermill "$$nb" "$$out" --cwd notebooks -k $(KERNEL) \
	    $(if $(PARAMS),-f "$(abspath $(PARAMS))") \
	    -p corpus_dir "$(abspath $(CORPUS))" -p output_dir "$(abspath $(OUTPUT))"; \
	done
	@# a readable report of every executed notebook, code hidden (HTML escapes article text)
	$(VENV)/bin/jupyter nbconvert --to html --no-input --output-dir "$(abspath $(OUTPUT))/reports" \
	  $(foreach nb,$(NOTEBOOKS),"$(abspath $(OUTPUT))/notebooks/$(notdir $(nb))") --log-level WARN
endif

test: $(STAMP)
	$(VPY) -m pytest
ifeq ($(NOTEBOOKS),)
	@echo "make test: no notebooks/*.ipynb yet; notebook tests skipped."
else
	@rc=0; $(VPY) -m pytest -p nbval --nbval-lax --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/ || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: nbval collected no notebook cells."; rc=0; fi; \
	exit $$rc
endif

bench: $(BENCH_STAMP)
ifeq ($(BENCHES),)
	@echo "make bench: no bench/*.py yet; nothing to run."
else
	@# -P: keep bench/ off sys.path, so bench/numbers.py never shadows the stdlib numbers module
	@for b in $(BENCHES); do echo "== $$b"; $(VPY) -P "$$b"; done
endif

# Jupyter refuses root without --allow-root (containers and CI machines run as root).
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(if $(wildcard notebooks),notebooks/,.) \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

# Only the repo's own outputs/ is emptied, whatever OUTPUT says, so a stray
# OUTPUT=... cannot point clean at a folder outside the project.
clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis lib/*.egg-info
	if [ -d outputs ]; then find outputs -mindepth 1 ! -path outputs/README.md -delete; fi
