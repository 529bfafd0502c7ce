# The two commands of the README: `make run` and `make test`. Each sets itself up
# (virtual environment + locked install) the first time and is safe to repeat.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# `make run` serves only this machine; `make run ADDRESS=0.0.0.0 PORT=8502` opens it to the
# network on another port, deliberately (there is no log-in: see SECURITY.md).
ADDRESS ?= 127.0.0.1
PORT    ?= 8501

.PHONY: run test setup browser clean

run: setup
	$(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: setup browser
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest -q

setup: $(STAMP)

# Re-install only when the dependencies change.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "caspian_dash needs Python >= 3.11"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test,scale]'
	touch $(STAMP)

# Browser tests use Debian's Chromium (Playwright's own browser download needs the internet).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "installing Debian's chromium for the browser tests"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium \
	  || echo "WARNING: could not install chromium; browser tests will be skipped"; }

clean:
	rm -rf $(VENV) .pytest_cache
