# The two commands a newcomer needs: `make editions` and `make test`.
# Each bootstraps .venv (an editable install with everything from the package index) when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
EDITIONS := $(VENV)/bin/editions
# Ace by DAISY, the EPUB accessibility checker the tests run (npm, into tools/ace; it drives the machine's Chromium)
ACE := tools/ace/node_modules/.bin/ace-puppeteer
# daisy-dtb, a DAISY 2.02 reader the tests read the issue's book back with; it needs Python 3.12 or later
DTB := tools/dtb/.venv/.installed-stamp
DTB_PYTHON ?= $(shell for p in python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python); do \
  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: editions test bench images clean venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,verify,cluster,voices-ja]'
	@touch $(STAMP)

venv: $(STAMP)

## Render every article under assets/articles/ into output/ (incremental; only changed articles re-render),
## then assemble their issue (issue.mp3, issue.vtt, issue.pdf, issue.epub, issue.daisy/, feed.xml, issue.json)
## from the finished parts: the build just ran, so the issue command finds every article up to date and renders
## nothing again.
editions: $(STAMP)
	$(EDITIONS) build assets/articles --out output
	$(EDITIONS) issue assets/articles --out output

$(ACE): tools/ace/package.json tools/ace/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error \
	  && touch node_modules/.bin/ace-puppeteer; \
	else echo "make: npm not found: the Ace by DAISY tests will fail (install Node.js 18+ and npm)"; fi

$(DTB): tools/dtb/requirements.txt
	@if [ -n "$(DTB_PYTHON)" ]; then \
	  $(DTB_PYTHON) -m venv tools/dtb/.venv && tools/dtb/.venv/bin/pip install --quiet --disable-pip-version-check \
	  -r tools/dtb/requirements.txt && touch $(DTB); \
	else echo "make: no Python 3.12 or later: the daisy-dtb test will fail (install python3.12 or python3.13)"; fi

## Run the whole test suite.
test: $(STAMP) $(ACE) $(DTB)
	$(PY) -m pytest -q -p no:cacheprovider

## Benchmarks: speed and memory figures as ratios measured in one run. BENCH="issue" (or any of audio, print,
## tagging, build, cluster, bounds, verify, issue, lang; several separated by spaces) runs only those groups.
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH)

## Regenerate the README's page-one images of the sample's print and large-print editions.
images: $(STAMP)
	$(PY) tools/readme_images.py

clean:
	rm -rf output/*.mp3 output/*.pdf output/*.vtt output/*.epub output/*.json output/*.html output/*.js output/feed.xml output/.lock
