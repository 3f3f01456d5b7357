# The two commands of the README: `make run` (the demo) and `make test` (everything CI runs).
# Both install what is missing first, then build incrementally with CMake and Ninja.

BUILD      ?= build
SAN_BUILD  ?= build-san
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
CTEST_ARGS ?= --output-on-failure --timeout 600 -j $(JOBS)

.PHONY: all setup build build-san build-fuzz fuzz test run package bench format tidy clean

all: build

setup:
	@.ci/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)

$(SAN_BUILD)/build.ninja:
	cmake -S . -B $(SAN_BUILD) $(CMAKE_ARGS) -DMIKHAK_SANITIZE=ON -DMIKHAK_BENCH=OFF

build: setup $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

build-san: setup $(SAN_BUILD)/build.ninja
	@cmake --build $(SAN_BUILD) -j $(JOBS)

$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) $(CMAKE_ARGS) -DMIKHAK_FUZZ=ON

build-fuzz: setup $(FUZZ_BUILD)/build.ninja
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)

# libFuzzer on the parsers of outside input, FUZZ_SECONDS each, from seeds written by the build;
# what each run finds new is kept in $(FUZZ_BUILD)/fuzz-work for the next. A crash fails the run
# and leaves its input (crash-*) in $(FUZZ_BUILD).
fuzz: build-fuzz
	@$(FUZZ_BUILD)/tests/fuzz/fuzz_seeds $(FUZZ_BUILD)/fuzz-seeds >/dev/null
	@for f in payload escpos; do \
	  mkdir -p $(FUZZ_BUILD)/fuzz-work/$$f; \
	  echo "== fuzzing $$f for $(FUZZ_SECONDS) s"; \
	  if ! (cd $(FUZZ_BUILD) && ./tests/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) \
	      -print_final_stats=1 fuzz-work/$$f fuzz-seeds/$$f >fuzz-$$f.log 2>&1); then \
	    tail -n 40 $(FUZZ_BUILD)/fuzz-$$f.log; exit 1; \
	  fi; \
	  grep -E '^(Done|stat::new_units_added)' $(FUZZ_BUILD)/fuzz-$$f.log; \
	done

# The sanitizer run and the fuzzers first, so the last line printed is CTest's summary of the main
# build.
test: build build-san fuzz
	@echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(SAN_BUILD) $(CTEST_ARGS)
	@echo "== tests"
	@ctest --test-dir $(BUILD) $(CTEST_ARGS)

run: build
	@./kiosk/demo.sh $(BUILD) $(ARGS)

# The Debian packages (mikhak-common, mikhak-kiosk, mikhak-server) from the build tree, into
# $(BUILD)/packages; the README's "Deploying" says how a technician installs them.
package: build
	@cd $(BUILD) && cpack --config CPackConfig.cmake

# Figures, not tests: the text engine against Pango, then the server under wrk and a fixed rate.
bench: build
	@$(BUILD)/bench/mikhak-bench-text
	@[ -d bench/peer/node_modules ] || (cd bench/peer && npm ci --no-audit --no-fund)
	@$(BUILD)/bench/mikhak-bench-printer
	@[ ! -x $(BUILD)/bench/mikhak-bench-scanner ] || $(BUILD)/bench/mikhak-bench-scanner
	@bash bench/server_bench.sh
	@$(BUILD)/bench/mikhak-bench-kiosk

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

tidy: build
	@git ls-files '*.cpp' | grep -v '^tests/\|^bench/' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD)
