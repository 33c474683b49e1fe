# Ordo's one-word commands. `make run` and `make test` work on a fresh Debian 12 machine: both
# install what is missing first (scripts/install-deps).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CMAKE_FLAGS := -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

.PHONY: all deps build debug run test test-fast bench fuzz fuzz-build format check clean

all: build

deps:
	@./scripts/install-deps

# Release build; the binary lands at build/release/ordo.
build: deps
	@cmake -S . -B build/release $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DORDO_TESTS=OFF -DORDO_BENCH=ON >/dev/null
	@ninja -C build/release -j$(JOBS) ordo

# Debug build with AddressSanitizer and UndefinedBehaviorSanitizer; tests run on it.
debug: deps
	@cmake -S . -B build/debug $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DORDO_SANITIZE=ON -DORDO_BENCH=OFF >/dev/null
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
	@CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DORDO_FUZZ=ON -DORDO_TESTS=OFF -DORDO_BENCH=OFF >/dev/null
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
	@cmake -S . -B build/debug $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DORDO_SANITIZE=ON -DORDO_BENCH=OFF >/dev/null
	@find src -name '*.cc' | xargs -P$(JOBS) -n4 clang-tidy -p build/debug --quiet

clean:
	rm -rf build
