# Mittari: `make run` builds and runs the whole pipeline on the embedded demo inbox;
# `make test` runs every test (fuzz targets run their seed corpus).
GO      ?= go
BIN     := bin/mittari
OUT     ?= out
# INBOX empty: the demo inbox embedded in the binary; `make run INBOX=path/to/inbox` for another.
INBOX   ?=
# The version stamped into the binary: the commit, plus a hash of uncommitted changes (.ci/version).
VERSION ?= $(shell .ci/version)
export CGO_ENABLED := 1

.PHONY: all build run test vet fmt bench fuzz soak clean

all: build

# The binary is replaced only when it changed: building the same code again keeps the file (and
# its time), so nothing that looks at the binary sees a new build where there is none.
build:
	@mkdir -p $(dir $(BIN))
	$(GO) build -ldflags "-X mittari/pipeline.buildVersion=$(VERSION)" -o $(BIN).new ./cmd/mittari
	@if cmp -s $(BIN).new $(BIN); then rm $(BIN).new; else mv $(BIN).new $(BIN); fi

# Exit status 3 is a successful run that rejected reports (the demo inbox holds some): for make it
# is a success; every other non-zero status fails.
run: build
	./$(BIN) run $(if $(INBOX),--inbox $(INBOX)) --out $(OUT); s=$$?; [ $$s -eq 0 ] || [ $$s -eq 3 ]

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
# (under a minute each), and every kill point after a send (the sent folder must not change);
# `make test` runs a short version.
SOAK ?= 20
soak:
	MITTARI_SOAK=$(SOAK) $(GO) test -count=1 -timeout 0 -run '^(TestKillSoak|TestSentFolderSurvivesKilledRuns)$$' -v ./cmd/mittari

clean:
	rm -rf bin $(OUT)
