# Two commands on a fresh Debian or Ubuntu machine with Swift and make:
#   make demo   install what is missing, build, run the bundled pipelines on the bundled seeds
#   make test   install what is missing, build, run the tests
# and `make install PREFIX=/usr/local` for the release binary and its shell completions.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
PIPELINES = pipelines/zhecheng-2022.yaml pipelines/china-2022.yaml

.PHONY: setup build demo test release install uninstall clean

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build --product yardstick

demo: build
	"$$($(SWIFT) build --show-bin-path)/yardstick" run $(PIPELINES)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release:
	$(SWIFT) build -c release --product yardstick

install: release
	bin="$$($(SWIFT) build -c release --show-bin-path)/yardstick"; \
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
		"$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d" && \
	install -m 755 "$$bin" "$(DESTDIR)$(PREFIX)/bin/yardstick" && \
	"$$bin" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/yardstick" && \
	"$$bin" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_yardstick" && \
	"$$bin" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/yardstick.fish"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/yardstick and its bash, zsh and fish completions"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/yardstick" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/yardstick" \
		"$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_yardstick" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/yardstick.fish"

clean:
	$(SWIFT) package clean
