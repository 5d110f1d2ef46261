# arqam: every target sets up .venv itself, so `make run` and `make test` work in a fresh clone.
#   make run      execute every notebook into $(OUTPUT)/, write its reports and $(OUTPUT)/index.html
#   make test     unit + conformance tests, then notebook tests (nbval) writing to a temporary folder
#   make refresh  re-execute the committed notebooks in place (after an intended change in the figures)
#   make bench    install the bench extra and run every bench/*.py
#   make lab      JupyterLab at the repository root (notebooks/ and outputs/ side by side)
#   make clean    remove .venv, build caches and everything in outputs/ but its README

PYTHON ?= python3
CORPUS ?= seeds
OUTPUT ?= outputs
# PARAMS: a YAML file of notebook parameters for scheduled runs; CORPUS and OUTPUT still win
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

.PHONY: run test refresh bench lab clean

$(VPY):
	@$(PYTHON) -m venv $(VENV)

# install EXTRAS into the venv, quietly: uv when it installs, plain pip otherwise.
define install
	@echo "installing arqam[$(1)] into $(VENV) …"
	@$(VPY) -m pip install --quiet --quiet --disable-pip-version-check uv \
	  && $(VENV)/bin/uv pip install --quiet --python $(VPY) -e '.[$(1)]' \
	  || { echo "uv failed; falling back to pip"; $(VPY) -m pip install --quiet --disable-pip-version-check -e '.[$(1)]'; }
endef

$(STAMP): pyproject.toml | $(VPY)
	$(call install,dev)
	@touch $@

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(call install,dev$(comma)bench)
	@touch $@

# Executes notebooks/*.ipynb in name order (papermill, kernels over IPC sockets), writes
# OUTPUT/notebooks/*.ipynb, OUTPUT/reports/*.html, OUTPUT/run.json and OUTPUT/index.html,
# and prints the index's path last.
run: $(STAMP)
ifeq ($(NOTEBOOKS),)
	@echo "make run: no notebooks/*.ipynb yet; nothing to execute."
else
	@$(VPY) -m arqam.run --corpus "$(CORPUS)" --out "$(OUTPUT)" --kernel $(KERNEL) \
	  $(if $(PARAMS),--params "$(PARAMS)")
endif

# The notebooks' output_dir is empty by default: they then write to $ARQAM_OUTPUT_DIR,
# set here to a temporary folder, so `make test` never writes into outputs/. The
# fingerprint of outputs/ (every path, size and modification time) is taken before and
# after, and the target fails if anything in it changed.
test: $(STAMP)
	@before=$$($(VPY) tests/outputs_fingerprint.py outputs); \
	$(VPY) -m pytest; \
	if [ -n "$(NOTEBOOKS)" ]; then \
	  scratch=$$(mktemp -d); rc=0; \
	  ARQAM_OUTPUT_DIR="$$scratch" $(VPY) -m pytest -p nbval --nbval-lax --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/ || rc=$$?; \
	  rm -rf "$$scratch"; \
	  if [ $$rc -eq 5 ]; then echo "make test: nbval collected no notebook cells."; rc=0; fi; \
	  [ $$rc -eq 0 ] || exit $$rc; \
	else echo "make test: no notebooks/*.ipynb yet; notebook tests skipped."; fi; \
	after=$$($(VPY) tests/outputs_fingerprint.py outputs); \
	if [ "$$before" != "$$after" ]; then echo "make test: outputs/ changed during the tests; tests must write elsewhere"; exit 1; fi; \
	echo "make test: outputs/ untouched"

# After an intended change in what arqam extracts: re-execute the committed notebooks in
# place (their tables go to a temporary folder, not outputs/) and strip the metadata that
# changes on every execution, so the diff shows only the outputs. Commit them, saying what
# changed in the figures.
refresh: $(STAMP)
	@$(VPY) -m arqam.run --refresh --kernel $(KERNEL)

bench: $(BENCH_STAMP)
ifeq ($(BENCHES),)
	@echo "make bench: no bench/*.py yet; nothing to run."
else
	@# -P: keep bench/ off sys.path, so bench/numbers.py never shadows the stdlib numbers module
	@for b in $(BENCHES); do echo "== $$b"; $(VPY) -P "$$b"; done
endif

# Jupyter refuses root without --allow-root (containers and CI machines run as root).
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

# Only the repo's own outputs/ is emptied, whatever OUTPUT says, so a stray
# OUTPUT=... cannot point clean at a folder outside the project.
clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis lib/*.egg-info
	if [ -d outputs ]; then find outputs -mindepth 1 ! -path outputs/README.md -delete; fi
