# swansim: the commands of README.md (and of Benchmarks/README.md for bench).
#   make run   installs what is missing, builds release, validates the fixtures, runs the baseline scenario
#   make test  installs what is missing (system packages, .venv/, chromium-headless-shell), runs the Swift and Python tests
#   make venv  the Python environment of tools/ (tools/requirements.txt) in .venv/; make run does not need it
#   make bench runs the Benchmarks/ package and checks its committed malloc thresholds (minutes; not in test)
#   make fuzz  libFuzzer over the scenario loader for FUZZ_RUNS inputs (default 500,000; make test-full runs 20,000)
#   make test-full  the checks make test leaves out to stay under 5 minutes: the network year end to end, runs at
#                   the limits of RULES.md §18 C16 against what run --help states (minutes, ~8 GB), and 20,000
#                   fuzzed scenarios; .ci/run runs it after make test
SHELL := /bin/bash
SYSTEM_PACKAGES := libssl-dev libsqlite3-dev pkg-config
TEST_PACKAGES := chromium-headless-shell
SWANSIM := .build/release/swansim
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: run test test-full test-limits deps test-deps venv build clean bench fuzz fuzz-build

# $(call apt_install,PACKAGES): installs with apt-get only the packages dpkg says are missing.
define apt_install
	@missing=""; \
	for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi
endef

# The system libraries of the build.
deps:
	$(call apt_install,$(SYSTEM_PACKAGES))

# What the tests need besides the build: a headless browser for the HTML reports.
test-deps:
	$(call apt_install,$(TEST_PACKAGES))

# The Python environment of tools/ (ray_sweep.py, the tutorial): made afresh only when .venv/ is
# missing or tools/requirements.txt differs from the copy installed with it (.venv/requirements.txt).
venv:
	@if [ -x $(PYTHON) ] && cmp -s tools/requirements.txt $(VENV)/requirements.txt; then exit 0; fi; \
	echo "creating $(VENV) from tools/requirements.txt"; \
	rm -rf $(VENV) && python3 -m venv $(VENV) && \
	$(PYTHON) -m pip install --disable-pip-version-check --no-input --quiet -r tools/requirements.txt && \
	cp tools/requirements.txt $(VENV)/requirements.txt

build: deps
	swift build -c release --product swansim

run: build
	$(SWANSIM) validate Fixtures/scenarios/*.json
	$(SWANSIM) run Fixtures/scenarios/baseline.json --out runs/baseline

# The release build first: tests that exercise the CLI use the release binary when present.
# Then the Python tests (tools/tests: ray_sweep.py on Ray, docs/TUTORIAL.md block by block).
test: build venv test-deps
	swift test
	$(PYTHON) -m unittest discover -s tools/tests -v

# The full-size checks, too long for make test: the 1,000-provider network year run pipelined,
# unpipelined and ledger-less, byte-identical, and verified by swansim and tools/verify_ledger.py
# (Tests/SwansimCLITests/NetworkYearTests.swift); 1,000,000 providers, 1,000,000 users and 100,000
# generated tasks a day (RULES.md §18 C16), each run's peak memory and CPU time checked against
# the figures `swansim run --help` states (Tests/SwansimCLITests/ScenarioLimitsTests.swift).
test-full: build venv
	SWANSIM_FULL_SIZE=1 swift test --filter 'NetworkYearTests|ScenarioAtLimitsTests'
	@if [ "$$(uname -s)" = Linux ]; then $(MAKE) --no-print-directory fuzz FUZZ_RUNS=20000; \
	else echo "fuzz: skipped (libFuzzer ships with the swift.org Linux toolchains, not Xcode's)"; fi

# The old name of test-full.
test-limits: test-full

# The libFuzzer target over the scenario loader (Sources/swansim-fuzz), declared only when
# SWANSIM_FUZZ is set and built with -sanitize=fuzzer,address into its own build directory.
# It starts from the committed seed corpus (Fixtures/fuzz/scenario-loader, made by
# tools/make_fuzz_corpus.py) and writes what it finds to .build-fuzz/corpus, never to the seeds;
# a crash, a trap, an address error, a leak or a 10-second hang fails with the input in .build-fuzz/.
FUZZ_RUNS ?= 500000
FUZZ_SEED ?= 1
FUZZER := .build-fuzz/release/swansim-fuzz
fuzz-build: deps
	SWANSIM_FUZZ=1 swift build --build-path .build-fuzz -c release --product swansim-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xcc -fsanitize=fuzzer-no-link,address

fuzz: fuzz-build
	mkdir -p .build-fuzz/corpus
	$(FUZZER) -runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	  -print_final_stats=1 -artifact_prefix=.build-fuzz/ .build-fuzz/corpus Fixtures/fuzz/scenario-loader

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
