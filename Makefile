# Simkl Sync developer targets. Every target sets itself up: a venv for the dev tools,
# Debian's Kodi (+ Xvfb, ffmpeg) for the real-Kodi targets when missing.
SHELL := /bin/bash
ADDON_ID := script.simkl.sync
VERSION := $(shell sed -n 's/.*<addon id="$(ADDON_ID)"[^>]*version="\([^"]*\)".*/\1/p' addon.xml)
ZIP := dist/$(ADDON_ID)-$(VERSION).zip
REPO_ID := repository.simkl.sync
REPO_VERSION := $(shell sed -n 's/.*<addon id="$(REPO_ID)"[^>]*version="\([^"]*\)".*/\1/p' repository/addon.xml.in)
REPO_ZIP := dist/$(REPO_ID)-$(REPO_VERSION).zip
REPO_DIR := dist/repo
# Where the repository folder is served (a build input, README "Install from the repository"). The default is
# a reserved name that never resolves: such a build checks everything but publishes nothing.
REPO_URL ?= https://simkl-sync.invalid/repo
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest

.PHONY: all test unit slow e2e e2e-matrix lint zip repo news release check demo bench soak emulator screenshots kodi-deps mariadb-deps venv py38 py313 py314 pythons clean

all: lint test

venv: $(VENV)/.done
$(VENV)/.done: requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

# The Kodi the real-Kodi targets run: the host's by default; KODI=21 (or 20) runs Debian's package of
# that version from a Debian root built once with debootstrap and cached in /var/cache/simkl-sync-rig.
KODI ?= $(KODI_RIG_VERSION)
RIG_ENV := KODI_RIG_VERSION=$(KODI)

kodi-deps:
	@if [ -n "$(KODI)" ] && ! command -v debootstrap >/dev/null; then \
	  echo "Installing debootstrap for KODI=$(KODI) (needs root)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    debootstrap >/dev/null; \
	fi
	@if ! command -v xvfb-run >/dev/null || ! ls /usr/lib/*/kodi/kodi.bin >/dev/null 2>&1 \
	    || ! command -v ffmpeg >/dev/null || ! command -v sqlite3 >/dev/null || ! command -v faketime >/dev/null; then \
	  echo "Installing Debian's kodi, xvfb, ffmpeg, faketime (needs root)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    kodi xvfb xauth ffmpeg sqlite3 faketime >/dev/null; \
	fi

# Debian's MariaDB server for the shared-library (household) tests; they start their own server on loopback
# with its data in a temporary folder and are skipped without it. The system service is not started.
mariadb-deps:
	@if ! test -x /usr/sbin/mariadbd; then \
	  echo "Installing Debian's mariadb-server (needs root)"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    mariadb-server >/dev/null; \
	fi

# All tests: unit, integration and real-Kodi end-to-end.
test: venv kodi-deps
	$(RIG_ENV) $(PYTEST) -q tests

# On every core (pytest-xdist); the tests on the shared MariaDB stay in one worker (xdist_group, tests/conftest.py).
# Bytecode caches kept even if PYTHONDONTWRITEBYTECODE is set: without them each worker compiles every module and
# rewrites the asserts of every test module again (~4.5 s of CPU per process).
unit: venv
	env -u PYTHONDONTWRITEBYTECODE $(PYTEST) -q -n auto --dist loadgroup -m "not e2e and not slow" tests

# The long non-Kodi tests `make unit` leaves out (the big-library scale test; the soak needs --soak).
slow: venv
	$(PYTEST) -q -m "slow and not e2e" tests

e2e: venv kodi-deps
	$(RIG_ENV) $(PYTEST) -q -m e2e tests

# The real-Kodi tests on each Kodi the add-on is tested on.
e2e-matrix:
	$(MAKE) e2e KODI=20
	$(MAKE) e2e KODI=21

# The non-Kodi tests under the Pythons Kodi embeds: 3.8 (old Android boxes), 3.13 (Kodi 21 on Debian 13),
# 3.14 (Kodi 22). The machine's interpreter when it has one (pyenv, /usr/bin), else Debian's in a cached
# Debian root (needs root), else skipped with a line saying so. See tools/python_tests.py.
py38: venv
	$(PY) tools/python_tests.py 3.8
py313: venv
	$(PY) tools/python_tests.py 3.13
py314: venv
	$(PY) tools/python_tests.py 3.14
pythons: py38 py313 py314

lint: venv
	$(VENV)/bin/ruff check .

# The Simkl app id is a build input: SIMKL_CLIENT_ID=<client id> make zip (see README, Release).
zip:
	python3 -m tools.build_zip --out $(ZIP)

# The repository add-on's zip and the folder to publish at REPO_URL (dist/repo), with the zip `make zip` built.
repo: zip
	python3 -m tools.build_repo --url "$(REPO_URL)" --out $(REPO_DIR) --addon-zip $(ZIP)

check: venv repo
	rm -rf build/check && mkdir -p build/check
	cd build/check && unzip -q ../../$(ZIP) && unzip -q ../../$(REPO_ZIP)
	$(PY) tools/addon_check.py build/check/$(ADDON_ID)
	$(PY) tools/addon_check.py build/check/$(REPO_ID)

# addon.xml's <news> := changelog.txt's newest section (changelog.txt is the one source).
news:
	python3 -m tools.changelog --write

# Every check, then the zip with the app id and the repository folder, checked; prints what to upload (README,
# Release). RELEASE_TESTS=no leaves out lint and the unit tests (CI, whose earlier stages ran them).
RELEASE_TESTS ?= yes
release: venv
	@if [ -z "$$SIMKL_CLIENT_ID" ]; then echo "make release needs SIMKL_CLIENT_ID (README, Release)" >&2; exit 2; fi
	python3 -m tools.changelog --check
	$(if $(filter no,$(RELEASE_TESTS)),@echo "lint and unit tests left out (RELEASE_TESTS=no)",$(MAKE) lint unit)
	$(MAKE) check  # after the tests: their zips carry the tests' app id, this one the release's
	python3 -m tools.release_check $(REPO_DIR)
	python3 -m tools.build_repo --url "$(REPO_URL)" --out $(REPO_DIR) --summary

demo: venv kodi-deps
	$(RIG_ENV) $(PY) -m tools.demo

# Every real-Kodi profile (Kodi 20 with variants and probes, Kodi 21, a one-core small box) unless BENCH narrows
# it: make bench BENCH="--profiles kodi20 --quick" (python -m tools.bench --help).
bench: venv kodi-deps
	$(PY) -m tools.bench $(BENCH)

soak: venv
	$(PYTEST) -q -m slow tests/faults --soak

emulator: venv
	$(PY) -m tests.support.simkl_emulator

screenshots: venv kodi-deps
	$(RIG_ENV) $(PY) -m tools.screenshots

clean:
	rm -rf dist build .pytest_cache .ruff_cache .venv-py* .venv-debian-py*
