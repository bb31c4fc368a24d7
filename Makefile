# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test install install-dev lint format lock bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	AMICC_DEBUG=true AMICC_TASKS_BACKEND=immediate $(BIN)/amicc demo --port $(PORT)

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-pin every dependency after changing pyproject.toml.
lock: install-dev
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > constraints.txt

# The Spanish catalogs: collect every marked string into each app's
# locale/es/LC_MESSAGES/django.po, then compile the .mo files (both are committed, so the
# demo runs without GNU gettext). Needs gettext (apt-get install gettext).
APPS := $(notdir $(patsubst %/apps.py,%,$(wildcard amicc/*/apps.py)))
messages: install-dev
	for app in $(APPS); do \
	  mkdir -p amicc/$$app/locale && \
	  (cd amicc/$$app && DJANGO_SETTINGS_MODULE=amicc.settings_test ../../$(BIN)/django-admin \
	    makemessages --locale es --ignore 'tests/*' --add-location file --no-obsolete) || exit 1; \
	done
	for app in $(APPS); do \
	  (cd amicc/$$app && ../../$(BIN)/django-admin compilemessages --locale es) || exit 1; \
	done

bench: install-dev
	bench/run

clean:
	rm -rf $(VENV) var
