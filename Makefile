# swansim: the two commands of README.md.
#   make run   installs what is missing, builds release, validates the fixtures, runs the baseline scenario
#   make test  installs what is missing, runs the whole test suite
SHELL := /bin/bash
SYSTEM_PACKAGES := libssl-dev libsqlite3-dev pkg-config
SWANSIM := .build/release/swansim

.PHONY: run test deps build clean

# Installs the system libraries with apt-get only when dpkg says they are missing.
deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi

build: deps
	swift build -c release --product swansim

run: build
	$(SWANSIM) validate Fixtures/scenarios/*.json
	$(SWANSIM) run Fixtures/scenarios/baseline.json --out runs/baseline

# The release build first: tests that exercise the CLI use the release binary when present.
test: build
	swift test

clean:
	rm -rf .build runs
