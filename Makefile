# citynets — the two commands a new user needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/citynets
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
FUZZTIME ?= 10s

.PHONY: build install demo test unit quick fuzz bench sample vet clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/citynets

# Install the binary, with its version, as `citynets` on your PATH: into
# $(PREFIX)/bin when PREFIX is set (make install PREFIX=/usr/local), else
# where go install puts it ($GOBIN, or $(go env GOPATH)/bin).
install:
ifdef PREFIX
	mkdir -p $(PREFIX)/bin
	$(GO) build -ldflags "$(LDFLAGS)" -o $(PREFIX)/bin/citynets ./cmd/citynets
else
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/citynets
endif

# The nightly job, offline, on the bundled sample archive. The sample's pages
# are short reconstructions, so examples/specs lowers the live guard floors.
demo: build
	./$(BIN) run --replay examples/sample.warc.gz --specs examples/specs --store ./data

# Everything CI runs: vet, every test (with the DuckDB and headless-Chromium
# tests switched on by their build tags), and a short fuzz of every parser.
test: vet unit fuzz

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

TAGS ?= duckdb browser
unit:
	$(GO) test -count=1 -tags '$(TAGS)' ./...

# Without DuckDB (cgo) and without a browser: the quick loop while coding.
quick:
	$(GO) test ./...

fuzz:
	@for pkg in $$($(GO) list ./scrapers/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 100x $$pkg || exit 1; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Regenerate examples/sample.warc.gz from every network's testdata/sample case.
sample:
	$(GO) run ./examples/mksample -o examples/sample.warc.gz

clean:
	rm -rf bin data
