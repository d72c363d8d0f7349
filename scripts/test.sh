#!/usr/bin/env bash
# Runs every test, on a fresh machine too: installs and starts what the tests
# need (Chromium, the npm packages of the front end, of the GEXF reader and
# of the client libraries' tests, a real Neo4j 5.26), builds the front end,
# checks that generated code is current, then runs `go test ./...` against
# both stores and stops Neo4j again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n== %s\n' "$*" >&2; }

step "Chromium for the browser tests"
if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: run 'sudo apt-get install -y chromium' (Debian/Ubuntu) and try again" >&2
    exit 1
  fi
fi
chromium --version >&2

step "Front end (npm ci + build, from the committed lock file)"
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

step "Front-end operation types and the typed client are current (GraphQL Code Generator)"
web_generated=(web/src/explorer/generated/operations.ts web/src/client/generated/gql.ts web/src/client/generated/graphql.ts web/src/client/generated/index.ts)
before=$(cat "${web_generated[@]}" | sha256sum)
(cd web && npm run codegen --silent >/dev/null)
if [[ "$before" != "$(cat "${web_generated[@]}" | sha256sum)" ]]; then
  echo "${web_generated[*]} were stale; run 'cd web && npm run codegen' and commit the result" >&2
  git --no-pager diff --stat -- "${web_generated[@]}" >&2 || true
  exit 1
fi

step "GEXF reader for the export tests (npm ci, from its committed lock file)"
(cd graph/export/testdata/gexf-reader && npm ci --no-audit --no-fund --loglevel=error)

step "Client libraries for the frontend-app tests: Relay, Apollo Client, urql (npm ci, from their committed lock file)"
(cd graph/httpapi/testdata/clients && npm ci --no-audit --no-fund --loglevel=error)

step "Generated files are current"
# gqlgen's code, and the dataset JSON Schema built from graph/store's rules.
generated=(graph/generated.go graph/model/models_gen.go graph/schema.resolvers.go seed/dataset.schema.json)
before=$(cat "${generated[@]}" | sha256sum)
go generate ./...
after=$(cat "${generated[@]}" | sha256sum)
if [[ "$before" != "$after" ]]; then
  echo "generated files were stale; run 'go generate ./...' and commit the result" >&2
  git --no-pager diff --stat -- "${generated[@]}" >&2 || true
  exit 1
fi

step "go vet and gofmt"
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [[ -n "$unformatted" ]]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi

step "Neo4j 5.26 on 127.0.0.1"
eval "$(scripts/neo4j.sh start)"
trap 'scripts/neo4j.sh stop || true' EXIT

step "go test ./... (embedded store and Neo4j)"
if [[ -n "${KG_SOURCE_ARTICLE:-}" ]]; then
  echo "seed/article.json is checked against the article at $KG_SOURCE_ARTICLE" >&2
else
  echo "KG_SOURCE_ARTICLE is not set: seed/article.json is not checked against the article (citations are still checked against article.json)" >&2
fi
# Everything the tests need is running now: no suite may skip (the Neo4j
# and browser tests skip only outside CI, when their parts are missing).
export CI="${CI:-true}"
mkdir -p test-artifacts
# -p 1: the Neo4j suites of several packages share one database.
go test -count=1 -p 1 -timeout 30m "$@" ./... 2>&1 | tee test-artifacts/go-test.log

step "Fuzzing: each target for ${KG_FUZZTIME:-8s} (seed corpora in testdata/fuzz)"
# The committed corpora also run as ordinary tests above; here the fuzzer
# looks for new inputs for a bounded time. A failing input is written to
# the package's testdata/fuzz, to be committed with the fix.
for target in "FuzzParsePartialDate ./graph/store" "FuzzLoad ./graph/dataset" \
  "FuzzCostCoversWork ./graph/httpapi" "FuzzRequest ./graph/httpapi"; do
  read -r name pkg <<<"$target"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "${KG_FUZZTIME:-8s}" "$pkg" 2>&1 | tee -a test-artifacts/go-fuzz.log
done
