# pbsim: participatory budgeting and co-production simulator.
# `make demo` and `make test` install what they need (libgsl-dev) on a fresh Debian machine.

SWIFT ?= swift
SCENARIO ?= Scenarios/riverside.yaml
ELECTION ?= Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_wars.pb
SHARED ?= ../shared
APT_GET := $(if $(filter 0,$(shell id -u)),apt-get,sudo apt-get)
# One release configuration for the binary and the tests, so `make test` and `make demo` share a build
# (-enable-testing lets the release tests use @testable; it costs nothing measurable at run time).
RELEASE := -c release -Xswiftc -enable-testing

.PHONY: all deps build release demo test test-debug check-oracle check-checker check-analysis bench fuzz format lint clean

all: build

# Installs GSL and GLPK when they are missing (a fresh machine may have no package lists yet).
deps:
	@if ! dpkg -s libgsl-dev >/dev/null 2>&1 || ! dpkg -s libglpk-dev >/dev/null 2>&1; then \
		echo "Installing libgsl-dev and libglpk-dev..."; \
		$(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq libgsl-dev libglpk-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE) --product pbsim

# The main job on the bundled scenario and election.
demo: release
	.build/release/pbsim elect $(ELECTION) --rule all
	.build/release/pbsim simulate $(SCENARIO)

# The whole test suite, built in release (the oracle cases run every rule on 40 real elections).
test: deps
	$(SWIFT) build $(RELEASE) --build-tests
	$(SWIFT) test $(RELEASE) --skip-build

# The same suite in a debug build (slower; assertions on).
test-debug: deps
	$(SWIFT) test

# End to end: the demo scenario's and two real elections' HTML reports in headless Chromium (Debian's
# chromium, installed if missing): screenshots not blank, no page errors. Artefacts in artifacts/e2e/.
.PHONY: test-e2e
test-e2e: release
	PBSIM=$(CURDIR)/.build/release/pbsim Tests/e2e/render-reports.sh

# End to end: `pbsim serve` driven in headless Chromium with selenium (installed when missing): the
# Explore, Build and Elections pages as a person uses them, screenshots not blank, axe-core with no
# serious violation. Artefacts in artifacts/e2e/serve/ (UPDATE_DOCS=1 copies two screenshots to docs/).
.PHONY: test-e2e-serve
test-e2e-serve: release
	PBSIM=$(CURDIR)/.build/release/pbsim Tests/e2e/serve-pages.sh

# Panel sessions under `kill -9`: a real `pbsim serve`, 24 clients casting and changing 200 members'
# ballots, the server killed at a random moment and restarted, three times; every acknowledged ballot
# must be there after each restart, none twice (about 10 s).
.PHONY: test-session-durability
test-session-durability: release
	python3 Tests/e2e/session_durability.py .build/release/pbsim

# Panel sessions under load: 300 members on loopback cast a ballot and change it twice, all at once,
# then paced over 2 s as people would; none lost; prints p50/p99 latency (about 15 s).
.PHONY: test-session-load
test-session-load: release
	python3 Tests/e2e/session_load.py .build/release/pbsim --members 300
	python3 Tests/e2e/session_load.py .build/release/pbsim --members 300 --pace 2

# Panel sessions' QR-code sheets read back by a real decoder: `pbsim session create --qr-sheet` and the
# server's POST /api/sessions/{id}/qr.svg, rasterised with cairosvg and decoded with zxing-cpp, each code
# equal to segno's matrix (those PyPI packages are installed when missing; a few seconds).
.PHONY: test-session-qr
test-session-qr: release
	python3 Tests/e2e/session_qr.py .build/release/pbsim

# The recompute latency of `pbsim serve` (the demo scenario at 200 runs, as a slider move asks for it).
.PHONY: bench-serve
bench-serve: release
	python3 Benchmarks/serve_latency.py .build/release/pbsim Scenarios/riverside.yaml --runs 200 --requests 20

# Every (instance, rule) of the shared reference outcomes, large instances included: the first eight
# variants (oracle/), then maximin support, PB-EAR, MES with Borda and Add1 on cumulative ballots
# (oracle-rules2/; PB-EAR outcomes that change with Python's string hash are not compared).
check-oracle: release
	python3 $(SHARED)/tools/check-outcomes.py .build/release/pbsim $(SHARED)/oracle $(SHARED)/pabulib
	python3 $(SHARED)/tools/check-outcomes.py .build/release/pbsim $(SHARED)/oracle-rules2 $(SHARED)/pabulib

# `pbsim check` against pabulib-checker 1.0.8's findings on the 44 real files and 151 faulty ones.
check-checker: release
	python3 $(SHARED)/tools/check-checker.py .build/release/pbsim $(SHARED)/checker/expected \
		$(SHARED)/checker/cases $(SHARED)/pabulib

# Every (instance, rule) of the shared reference measures (pabutools 1.2.3's analysis) against `pbsim analyze`.
check-analysis: release
	python3 $(SHARED)/tools/check-analysis.py .build/release/pbsim $(SHARED)/oracle-analysis $(SHARED)/pabulib

# package-benchmark suites (Benchmarks/, a separate package; built in release, a few minutes the first time).
# The corpus timing is `pbsim bench DIR [--oracle DIR]` (see the README).
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --no-progress

# libFuzzer on the pabulib reader and the scenario loader, FUZZ_SECONDS each (default 600).
# Crashing inputs land in .build/fuzz/; keep them as regression tests in
# Tests/PBModelTests/Fixtures/fuzz-crashers/.
FUZZ_SECONDS ?= 600
fuzz: deps
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
	mkdir -p .build/fuzz/pabulib .build/fuzz/scenario
	cd Fuzz && SWIFT_BACKTRACE=enable=no .build/release/FuzzPabulib ../.build/fuzz/pabulib corpus/pabulib \
		-max_total_time=$(FUZZ_SECONDS) -max_len=20000 -artifact_prefix=../.build/fuzz/
	cd Fuzz && SWIFT_BACKTRACE=enable=no .build/release/FuzzScenario ../.build/fuzz/scenario corpus/scenario \
		-max_total_time=$(FUZZ_SECONDS) -max_len=20000 -artifact_prefix=../.build/fuzz/

format:
	$(SWIFT) format format --in-place --recursive Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

clean:
	rm -rf .build

# Batch runs (pbsim batch): both shipped suites from scratch in release, into $(BATCH_OUT); each
# prints its tasks per second (the target starts from empty databases; `pbsim batch` itself resumes).
BATCH_OUT ?= .build/bench-batch
BATCH_JOBS ?= $(shell nproc)
.PHONY: bench-batch test-slurm
bench-batch: release
	@mkdir -p $(BATCH_OUT) && rm -f $(BATCH_OUT)/*.sqlite $(BATCH_OUT)/*.sqlite-*
	.build/release/pbsim batch Benchmarks/suites/pabulib-dev.yaml --db $(BATCH_OUT)/pabulib-dev.sqlite --jobs $(BATCH_JOBS)
	.build/release/pbsim batch Benchmarks/suites/coproduction-grid.yaml --db $(BATCH_OUT)/coproduction-grid.sqlite --jobs $(BATCH_JOBS)

# A real single-node Slurm cluster (slurm-wlm and munge, installed if missing; run as root): the job
# array of Benchmarks/slurm/batch.sbatch on Benchmarks/slurm/small-suite.yaml, merged and compared
# with a local run. About 10 s once the packages are installed (about 20 s more to install them).
test-slurm: release
	PBSIM=$(CURDIR)/.build/release/pbsim Benchmarks/slurm/local-cluster.sh
