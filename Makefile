# Two commands do all set-up on a fresh machine: `make run` (the app on the demo corpus) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
# Closed by default: the app listens on this machine only, with no login. Serving it to others is an
# explicit choice that needs a login: `make run ADDRESS=0.0.0.0 PORT=8080 ACCOUNTS=accounts.toml` (SHARE=1
# asks for the login on 127.0.0.1 too, behind a proxy). Without an accounts file (`verifier accounts add
# NAME --file accounts.toml`) such a run refuses to start.
ADDRESS ?= 127.0.0.1
PORT    ?= 8501
SHARE   ?=
ACCOUNTS ?= $(VERIFIER_ACCOUNTS)
# The folder holding the store and the index, for the demo ingest and the app alike, e.g.
# `make run WORKSPACE=$HOME/checks`; by default $VERIFIER_WORKSPACE, else ./indexes (as the CLI and app).
WORKSPACE ?= $(or $(VERIFIER_WORKSPACE),indexes)
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test lint bench bench-smoke venv clean-workspace

venv: $(STAMP)

# torch is installed first and pinned: the CPU wheel on this machine's disk (an unpinned torch pulls CUDA).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# The file watcher is off: it reloads the app when a source file changes, which a user never needs, and
# watching the virtualenv fills the server log with about a thousand warnings.
run: $(STAMP)
	VERIFIER_SHARE='$(SHARE)' VERIFIER_ACCOUNTS='$(ACCOUNTS)' $(BIN)/verifier accounts check --address '$(ADDRESS)'
	VERIFIER_WORKSPACE='$(WORKSPACE)' $(BIN)/verifier ingest data --if-empty
	VERIFIER_WORKSPACE='$(WORKSPACE)' VERIFIER_SHARE='$(SHARE)' VERIFIER_ACCOUNTS='$(ACCOUNTS)' \
		$(BIN)/streamlit run app.py --server.headless true \
		--browser.gatherUsageStats false --server.address $(ADDRESS) --server.port $(PORT) \
		--server.fileWatcherType none

lint: $(STAMP)
	$(BIN)/ruff check verifier tests app.py bench scripts
	$(BIN)/mypy verifier
	$(BIN)/lint-imports --no-cache

test: $(STAMP) lint
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	bash scripts/ensure-chromium.sh  # the app part times the first check in a real browser
	$(BIN)/python -m bench.run_all
	$(BIN)/python -m bench.fuzz --json docs/fuzz.json
	$(BIN)/python -m bench.ray_ingest --json docs/ray_ingest.json
	$(BIN)/python -m bench.ray_build --json docs/ray_build.json  # about an hour: 1M claims embedded on Ray

clean-workspace:
	rm -rf indexes
