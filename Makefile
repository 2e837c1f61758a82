# citynets — the two commands a new user needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/citynets
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
FUZZTIME ?= 10s

.PHONY: build install demo demo-backfill test unit quick fuzz bench sample wayback-sample vet clean

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

# History before the first night, offline: `citynets backfill` of C40 and
# ICLEI once a year from 2019 to 2026, replayed from a recorded Wayback
# Machine session (made-up membership changes on the c40 and iclei samples;
# C40 in two page designs), into ./data-backfill; then that store's
# snapshots. The archive holds exactly the CDX queries these dates ask;
# examples/specs lowers ICLEI's guard floor for its short sample list.
demo-backfill: build
	./$(BIN) --store ./data-backfill backfill --replay examples/wayback-sample.warc.gz --from 2019-01-01 --to 2026-01-01 --every 1y --networks c40,iclei --specs examples/specs
	./$(BIN) --store ./data-backfill snapshots list

# Everything CI runs: vet, every test (with the DuckDB and headless-Chromium
# tests switched on by their build tags), and a short fuzz of every parser,
# the archive scan, the matcher and the gazetteer decoder.
# internal/tools/testsummary runs go test -json and prints each failure in
# full, the skipped tests and one closing line of counts; its exit status
# is non-zero when anything failed.
test: vet
	@$(SUMMARY) -fuzz '$(FUZZPKGS)' -fuzztime $(FUZZTIME) -- -count=1 -tags '$(TAGS)' ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

TAGS ?= duckdb browser
# Built rather than go run, which would add its own "exit status 1" after
# the closing line.
SUMMARY = $(GO) build -o bin/testsummary ./internal/tools/testsummary && bin/testsummary -go '$(GO)'
unit:
	@$(SUMMARY) -- -count=1 -tags '$(TAGS)' ./...

# Without DuckDB (cgo) and without a browser: the quick loop while coding.
quick:
	$(GO) test ./...

# One line per fuzz target; a target's output only when it fails.
FUZZPKGS ?= ./scrapers/... ./output/... ./enrich/...
fuzz:
	@$(SUMMARY) -fuzz '$(FUZZPKGS)' -fuzztime $(FUZZTIME)

# Every benchmark, BenchmarkBackfill among them (5 networks × 15 steps from
# a fake Wayback Machine; it must stay under 10 s).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Issue 14's budgets, measured as the README's "Snapshot size" says:
# the 100,000-member write's time and peak RSS (under /usr/bin/time -v,
# which -benchmem cannot show), and the bytes a night adds to a store.
.PHONY: bench-write bench-growth
bench-write:
	scripts/bench-write.sh
bench-growth:
	$(GO) test -run '^$$' -bench StoreGrowth -benchtime 1x -v ./internal/pipeline/

# Regenerate examples/sample.warc.gz from every network's testdata/sample case.
sample:
	$(GO) run ./examples/mksample -o examples/sample.warc.gz

# Regenerate examples/wayback-sample.warc.gz (internal/pipeline/backfill_demo_test.go).
wayback-sample:
	$(GO) test ./internal/pipeline -run '^TestWaybackSampleIsCurrent$$' -count=1 -update

clean:
	rm -rf bin data data-backfill
