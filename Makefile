# Duebook: build, run, test, measure and package.
#   make run      set up, build and open Duebook on the sample shop
#   make test     set up and run the whole test suite
#   make bench    measure speed on generated shops (see docs/benchmarks.md)
#   make package  build the Linux desktop archive with icon and .desktop entry
#   make windows  cross-build Duebook.exe for Windows (icon, version, manifest) and inspect it
#   make installer  the Windows installer Duebook-Setup-<version>.exe (NSIS)
#   make deb      the Debian/Ubuntu package duebook_<version>_amd64.deb
#   make dist     all of the above with SHA256SUMS in dist/; make dist-check starts the .deb's binary
#   make mac      on a Mac: Duebook.app

GO        ?= go
TAGS      := -tags migrated_fynedo
BIN       := duebook
SAMPLE_DB ?= sample-shop/duebook-sample.db
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
WINRES    := github.com/tc-hib/go-winres@v0.3.3
# The version and build number of every artifact come from FyneApp.toml.
VERSION   := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILDNO   := $(shell sed -n 's/^Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
OUT       := build
DIST      := dist
EXE       := $(OUT)/windows/Duebook.exe
SETUP     := Duebook-Setup-$(VERSION).exe
DEB       := duebook_$(VERSION)_amd64.deb
TARXZ     := Duebook-$(VERSION)-linux-amd64.tar.xz
export LANG = en_US.UTF-8

# System packages: Fyne's cgo build needs a C compiler and the OpenGL/X11 headers; the tests also
# read PDFs back with poppler's pdftotext and look at windows under Xvfb.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_PKGS  := $(BUILD_PKGS) poppler-utils xvfb
# Windows from Debian: the MinGW cross-compiler for cgo, NSIS for the installer. The .deb needs
# dpkg-shlibdeps; its check starts the window under Xvfb and looks at it with the X utilities.
WIN_PKGS   := $(BUILD_PKGS) gcc-mingw-w64-x86-64 nsis
DEB_PKGS   := $(BUILD_PKGS) dpkg-dev xz-utils
CHECK_PKGS := xvfb x11-utils imagemagick

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps build run test race bench package clean
.PHONY: linux-release windows installer deb dist dist-check mac

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
		--cash-sizes 1000000 --monthly-sizes 1000000 --window-sizes 10000,100000,1000000

# The release binary for Linux: without the symbol table, a quarter smaller.
linux-release: deps
	$(GO) build $(TAGS) -ldflags "-s -w" -o $(OUT)/linux/$(BIN) ./cmd/duebook

# fyne package counts the build number up in FyneApp.toml; the number is ours to set, so the
# file is put back and every artifact of one run carries the same version.
package: linux-release
	@cp FyneApp.toml $(OUT)/FyneApp.toml.orig
	$(GO) run $(FYNE_TOOL) package --os linux --exe $(OUT)/linux/$(BIN) --release; \
		rc=$$?; cp $(OUT)/FyneApp.toml.orig FyneApp.toml; exit $$rc
	@ls -l Duebook.tar.xz

# Icon, version information and manifest go in as a resource object (.syso) that only a
# windows/amd64 build links; it is made for the build and removed after it.
windows: deps
	$(call apt_install,$(WIN_PKGS))
	@mkdir -p $(OUT)/windows
	$(GO) run $(WINRES) make --in packaging/windows/winres.json --arch amd64 --out cmd/duebook/rsrc \
		--product-version $(VERSION) --file-version $(VERSION).$(BUILDNO)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build $(TAGS) -ldflags "-s -w -H windowsgui" -o $(EXE) ./cmd/duebook; \
		rc=$$?; rm -f cmd/duebook/rsrc_windows_amd64.syso; exit $$rc
	packaging/windows/check-exe.sh $(EXE) $(VERSION)

# The installer wears the program's own icon, taken back out of the exe as an .ico.
installer: windows
	rm -rf $(OUT)/windows/res
	$(GO) run $(WINRES) extract --dir $(OUT)/windows/res $(EXE)
	makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$(VERSION) -DBUILD=$(BUILDNO) \
		-DEXE=$(CURDIR)/$(EXE) -DICON=$(CURDIR)/$(OUT)/windows/res/APP_0000.ico \
		-DOUTFILE=$(CURDIR)/$(OUT)/windows/$(SETUP) packaging/windows/duebook.nsi
	packaging/windows/check-exe.sh --setup $(OUT)/windows/$(SETUP) $(VERSION)

deb: package
	$(call apt_install,$(DEB_PKGS))
	@mkdir -p $(OUT)/deb
	tar -xJf Duebook.tar.xz -O --wildcards '*.desktop' > $(OUT)/deb/duebook.desktop
	packaging/linux/make-deb.sh $(OUT)/linux/$(BIN) $(OUT)/deb/duebook.desktop assets/icon.png $(VERSION) $(OUT)/$(DEB)

# Everything an owner downloads, with checksums, in dist/.
dist: installer deb
	rm -rf $(DIST) && mkdir -p $(DIST)
	cp $(OUT)/windows/$(SETUP) $(OUT)/$(DEB) $(DIST)/
	cp Duebook.tar.xz $(DIST)/$(TARXZ)
	cd $(DIST) && sha256sum $(SETUP) $(DEB) $(TARXZ) > SHA256SUMS
	@ls -l $(DIST)

# Unpacks the .deb of dist/ and starts its binary under Xvfb on a fresh sample shop; then makes
# sure each check rejects a broken copy of what it checks.
dist-check:
	$(call apt_install,$(DEB_PKGS) $(CHECK_PKGS))
	@[ -f $(DIST)/$(DEB) ] || { echo "no $(DIST)/$(DEB): run make dist first" >&2; exit 1; }
	cd $(DIST) && sha256sum --check --quiet SHA256SUMS
	packaging/linux/dist-check.sh $(DIST)/$(DEB)
	packaging/selftest.sh $(EXE) $(DIST)/$(DEB) $(VERSION)

# On a Mac with Go and the Xcode command line tools (xcode-select --install): Duebook.app with
# its icon, built natively since Fyne's cgo cannot be cross-built for macOS from Linux.
mac:
	@[ "$$(uname)" = Darwin ] || { echo "make mac runs on a Mac (see Install in the README)" >&2; exit 1; }
	@mkdir -p $(OUT)/darwin && cp FyneApp.toml $(OUT)/FyneApp.toml.orig
	$(GO) build $(TAGS) -ldflags "-s -w" -o $(OUT)/darwin/$(BIN) ./cmd/duebook
	$(GO) run $(FYNE_TOOL) package --os darwin --exe $(OUT)/darwin/$(BIN) --release; \
		rc=$$?; cp $(OUT)/FyneApp.toml.orig FyneApp.toml; exit $$rc
	@ls -ld Duebook.app

clean:
	rm -rf $(BIN) Duebook.tar.xz Duebook.app $(OUT) $(DIST) cmd/duebook/rsrc_windows_*.syso
