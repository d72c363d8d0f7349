# The two commands of the README:
#   make run    serve the seeded graph on http://localhost:8080 (embedded store)
#   make test   install and start what the tests need, then run every test
.PHONY: run test web build generate bench bench-compare bench-scale screenshots neo4j-start neo4j-stop clean

run: web/dist/index.html
	go run .

test:
	scripts/test.sh

# The explorer and the playground, built from the npm registry with the
# committed lock file; rebuilt when a source file is newer than the build.
web/dist/index.html: web/package-lock.json web/package.json web/index.html web/playground.html web/vite.config.ts web/tsconfig.json $(shell find web/src -type f 2>/dev/null) $(wildcard docs/examples/*.graphql)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

web: web/dist/index.html

build: web/dist/index.html
	CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o bin/kgraph .

generate:
	go generate ./...

# The README's pictures of the explorer (docs/explorer-*.png), taken again
# in headless Chromium by the browser test that checks them.
screenshots: web/dist/index.html
	KG_UPDATE_SCREENSHOTS=1 go test -count=1 -run TestDocsScreenshots ./web/

bench:
	go test -run '^$$' -bench . -benchmem ./...

# The comparison of kgraph (on Neo4j and embedded) with a one-query floor
# and @neo4j/graphql, written to docs/benchmarks.md. A Neo4j of its own
# (port 7699, data in .neo4j/bench) is started and left running; stop it
# with  NEO4J_BOLT_PORT=7699 NEO4J_DATA_DIR=.neo4j/bench/data scripts/neo4j.sh stop.
# Quick check of the harness:  make bench-compare SIZE=small ROUNDS=1 DURATION=1s
SIZE ?= small
ROUNDS ?= 3
DURATION ?= 3s
CONCURRENCY ?= 8
BENCH_NEO4J = NEO4J_BOLT_PORT=$${BENCH_NEO4J_PORT:-7699} NEO4J_DATA_DIR=$(CURDIR)/.neo4j/bench/data NEO4J_JAVA_OPTS="-Xms1g -Xmx2g"
bench-compare: bench/neo4j-graphql/node_modules/.package-lock.json
	eval "$$($(BENCH_NEO4J) scripts/neo4j.sh start)" && \
	go run ./bench/compare -size $(SIZE) -rounds $(ROUNDS) -duration $(DURATION) -concurrency $(CONCURRENCY)

bench/neo4j-graphql/node_modules/.package-lock.json: bench/neo4j-graphql/package-lock.json bench/neo4j-graphql/package.json
	cd bench/neo4j-graphql && npm ci --no-audit --no-fund --loglevel=error

# Import time and memory per relation of the embedded store at 10k, 100k
# and 1M relations, and the same imports into Neo4j, written to docs/scale.md.
bench-scale:
	eval "$$($(BENCH_NEO4J) scripts/neo4j.sh start)" && \
	go run ./bench/scale -relations 10000,100000,1000000 -neo4j -out docs/scale.md

neo4j-start:
	@scripts/neo4j.sh start

neo4j-stop:
	@scripts/neo4j.sh stop

clean:
	rm -rf bin web/dist web/node_modules test-artifacts
