# The README's two commands. Both install what they need first (installer/deps.sh), then build.
#   make run   builds and starts the workbench (the desktop app, with an embedded server)
#   make run-server  builds and starts nwb-server on localhost:4222 (monitoring on :8222)
#   make test  builds and runs every test through CTest
PRESET    ?= dev
BUILD_DIR ?= build
JOBS      ?= $(shell nproc)

# ccache hits across clones: paths are hashed relative to the checkout.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
export CCACHE_COMPRESS := true

.PHONY: all deps configure build run run-server test clean

all: build

deps:
	@installer/deps.sh

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET)

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@echo ""
	@echo "  NATS Workbench is starting with one embedded NATS server (see its Local cluster tab)."
	@echo "  Headless instead?  make run-server"
	@echo ""
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	    echo "  No display found (DISPLAY and WAYLAND_DISPLAY are empty): run this from a desktop" \
	         "session, or use 'make run-server'." >&2; exit 1; fi
	@exec $(BUILD_DIR)/app/workbench/nats-workbench

run-server: build
	@echo ""
	@echo "  nwb-server is starting on nats://localhost:4222, monitoring on http://localhost:8222"
	@echo "  Try:  nats pub hello world   |   telnet localhost 4222   |   curl localhost:8222/varz"
	@echo "  Ctrl+C stops it."
	@echo ""
	@exec $(BUILD_DIR)/app/server/nwb-server -a 127.0.0.1 -p 4222 -m 8222 -js

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

clean:
	@rm -rf $(BUILD_DIR)
