# The two commands a newcomer needs: `make editions` and `make test`.
# Each bootstraps .venv (an editable install with everything from the package index) when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
EDITIONS := $(VENV)/bin/editions

.PHONY: editions test bench images clean venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,verify,cluster]'
	@touch $(STAMP)

venv: $(STAMP)

## Render every article under assets/articles/ into output/ (incremental; only changed articles re-render),
## then assemble their issue (issue.mp3, issue.vtt, feed.xml, issue.json) from the finished parts: the build
## just ran, so the issue command finds every article up to date and renders nothing again.
editions: $(STAMP)
	$(EDITIONS) build assets/articles --out output
	$(EDITIONS) issue assets/articles --out output

## Run the whole test suite.
test: $(STAMP)
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
