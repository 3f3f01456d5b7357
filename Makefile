# The two commands of the README: `make run` (the demo) and `make test` (everything CI runs).
# Both install what is missing first, then build incrementally with CMake and Ninja.

BUILD      ?= build
SAN_BUILD  ?= build-san
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
CTEST_ARGS ?= --output-on-failure --timeout 600 -j $(JOBS)

.PHONY: all setup build build-san test run bench format tidy clean

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

# The sanitizer run first, so the last line printed is CTest's summary of the main build.
test: build build-san
	@echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(SAN_BUILD) $(CTEST_ARGS)
	@echo "== tests"
	@ctest --test-dir $(BUILD) $(CTEST_ARGS)

run: build
	@./kiosk/demo.sh $(BUILD)

# Figures, not tests: the text engine against Pango, then the server under wrk and a fixed rate.
bench: build
	@$(BUILD)/bench/mikhak-bench-text
	@[ -d bench/peer/node_modules ] || (cd bench/peer && npm ci --no-audit --no-fund)
	@$(BUILD)/bench/mikhak-bench-printer
	@bash bench/server_bench.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

tidy: build
	@git ls-files '*.cpp' | grep -v '^tests/\|^bench/' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
