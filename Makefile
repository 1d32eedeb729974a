# Duebook: build, run, test, measure and package.
#   make run      set up, build and open Duebook on the sample shop
#   make test     set up and run the whole test suite
#   make bench    measure speed on generated shops (see docs/benchmarks.md)
#   make package  build the Linux desktop archive with icon and .desktop entry

GO        ?= go
TAGS      := -tags migrated_fynedo
BIN       := duebook
SAMPLE_DB ?= sample-shop/duebook-sample.db
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
export LANG = en_US.UTF-8

# System packages: Fyne's cgo build needs a C compiler and the OpenGL/X11 headers; the tests also
# read PDFs back with poppler's pdftotext and look at windows under Xvfb.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_PKGS  := $(BUILD_PKGS) poppler-utils xvfb

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build run test race bench package clean

all: build

# Install only what is missing, so a ready machine is not touched.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PKGS))

test-deps:
	$(call apt_install,$(TEST_PKGS))

build: deps
	$(GO) build $(TAGS) -o $(BIN) ./cmd/duebook

# The sample shop lives in sample-shop/ beside this Makefile; it is written on first use.
run: build
	@[ -f $(SAMPLE_DB) ] || ./$(BIN) sample --db $(SAMPLE_DB) --customers 400 --invoices 4000
	./$(BIN) --db $(SAMPLE_DB)

test: test-deps
	$(GO) vet $(TAGS) ./...
	$(GO) test $(TAGS) -count=1 ./...

race: test-deps
	$(GO) test $(TAGS) -race -count=1 ./app/... ./data/... ./cmd/...

# The window's memory is measured under $DISPLAY, else under an Xvfb the bench starts.
bench: build test-deps
	$(GO) test $(TAGS) -run '^$$' -bench . ./app/...
	$(GO) test $(TAGS) -run '^$$' -bench . -benchtime 3x ./data/... ./letters/...
	./$(BIN) bench --sizes 10000,100000,1000000 --import-rows 100000 --queue-sizes 100000,1000000 \
		--window-sizes 10000,100000,1000000

package: build
	$(GO) run $(FYNE_TOOL) package --os linux --exe $(BIN) --release
	@ls -l Duebook.tar.xz

clean:
	rm -f $(BIN) Duebook.tar.xz
