# The two commands of the README:
#   make run    serve the seeded graph on http://localhost:8080 (embedded store)
#   make test   install and start what the tests need, then run every test
.PHONY: run test web build generate bench screenshots neo4j-start neo4j-stop clean

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

neo4j-start:
	@scripts/neo4j.sh start

neo4j-stop:
	@scripts/neo4j.sh stop

clean:
	rm -rf bin web/dist web/node_modules test-artifacts
