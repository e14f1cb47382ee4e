# Mittari: `make run` builds and runs the whole pipeline on the embedded demo inbox;
# `make test` runs every test (fuzz targets run their seed corpus).
GO      ?= go
BIN     := bin/mittari
OUT     ?= out
# INBOX empty: the demo inbox embedded in the binary; `make run INBOX=path/to/inbox` for another.
INBOX   ?=
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo devel)
export CGO_ENABLED := 1

.PHONY: all build run test vet fmt bench fuzz soak clean

all: build

build:
	$(GO) build -ldflags "-X mittari/pipeline.buildVersion=$(VERSION)" -o $(BIN) ./cmd/mittari

run: build
	./$(BIN) run $(if $(INBOX),--inbox $(INBOX)) --out $(OUT)

vet:
	$(GO) vet ./...

fmt:
	gofmt -l -w .

test: vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod/go.sum are not tidy: run 'go mod tidy'"; $(GO) mod tidy -diff; exit 1; }
	$(GO) test -count=1 -timeout 15m ./...

bench: build
	./$(BIN) bench --out BENCHMARKS.md

# Long fuzzing, one target at a time: make fuzz FUZZTIME=5m
FUZZTIME ?= 1m
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# The long kill loop: every kill point and random kills of `mittari run`, SOAK rounds of them
# (under a minute each); `make test` runs a short version.
SOAK ?= 20
soak:
	MITTARI_SOAK=$(SOAK) $(GO) test -count=1 -timeout 0 -run '^TestKillSoak$$' -v ./cmd/mittari

clean:
	rm -rf bin $(OUT)
