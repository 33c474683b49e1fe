# Ordo's one-word commands. `make run` and `make test` work on a fresh Debian 12 machine: both
# install what is missing first (scripts/install-deps).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
# Build directories and their settings are the presets of CMakePresets.json.

.PHONY: all deps build debug run test test-fast bench fuzz fuzz-build format check clean

all: build

deps:
	@./scripts/install-deps

# Release build; the binary lands at build/release/ordo.
build: deps
	@cmake --preset release >/dev/null
	@ninja -C build/release -j$(JOBS) ordo

# Debug build with AddressSanitizer and UndefinedBehaviorSanitizer; tests run on it.
debug: deps
	@cmake --preset debug >/dev/null
	@ninja -C build/debug -j$(JOBS)

run: build
	@mkdir -p var
	./build/release/ordo serve --data-dir var --demo examples

# Every suite: unit and conformance tests, the replay and crash tests, a short fuzz pass.
# Ends with ctest's own summary line.
test: debug fuzz-build
	@./scripts/fuzz-short
	@cd build/debug && ctest --output-on-failure -j$(JOBS)

# The fast tier only (unit tests), for the edit-compile loop.
test-fast: debug
	@cd build/debug && ctest --output-on-failure -j$(JOBS) -L fast

fuzz-build: deps
	@cmake --preset fuzz >/dev/null
	@ninja -C build/fuzz -j$(JOBS) $$(./scripts/fuzz-short --list)

# Long fuzzing: FUZZ_SECONDS per target (default 600).
fuzz: fuzz-build
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-600} ./scripts/fuzz-short

bench: build
	@ninja -C build/release -j$(JOBS)
	@./bench/run-all

format:
	@find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

check: deps
	@./scripts/check-layering
	@cmake --preset debug >/dev/null
	@find src -name '*.cc' | xargs -P$(JOBS) -n4 clang-tidy -p build/debug --quiet

clean:
	rm -rf build
