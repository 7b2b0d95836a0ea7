# swansim: the commands of README.md (and of Benchmarks/README.md for bench).
#   make run   installs what is missing, builds release, validates the fixtures, runs the baseline scenario
#   make test  installs what is missing, runs the whole test suite
#   make bench runs the Benchmarks/ package and checks its committed malloc thresholds (minutes; not in test)
SHELL := /bin/bash
SYSTEM_PACKAGES := libssl-dev libsqlite3-dev pkg-config
SWANSIM := .build/release/swansim

.PHONY: run test deps build clean bench

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

# Benchmarks/README.md: runs the benchmarks once into the baseline `current`, prints it, then
# checks that baseline against Benchmarks/Thresholds without running them again: it fails when mallocs
# grew (WORSE) or fell (BETTER: re-record the thresholds) by over 1 %. BENCH_FILTER='network-30d.*' is the fast cut.
BENCH_FILTER ?= .*
BENCHMARK := swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark
bench: deps
	$(BENCHMARK) baseline update current --filter '$(BENCH_FILTER)' --no-progress
	$(BENCHMARK) baseline read current --no-progress
	$(BENCHMARK) thresholds check current --filter '$(BENCH_FILTER)' --path Benchmarks/Thresholds --no-progress

clean:
	rm -rf .build runs
