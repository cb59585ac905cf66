# `make run` and `make test` bootstrap .venv on a fresh machine (Python 3.11, git, make).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test bench browser axe postgres clean

install: $(STAMP)

# setuptools>=82: jieba 0.42.1 then skips its deprecated pkg_resources import cleanly.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip "setuptools>=82"
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: install
	$(VENV)/bin/kb serve

browser:
	sh .ci/install-browser

# axe-core for the accessibility tests, into the git-ignored .axe/.
axe:
	sh .ci/install-axe

postgres:
	sh .ci/install-postgres

test: install browser axe postgres
	$(PY) -m pytest

# `make bench BENCH_ARGS=--quick` for a one-minute smoke run.
bench: install
	sh tests/benchmarks/install-wrk
	$(PY) tests/benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache test-artifacts .axe
