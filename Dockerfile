# Multi-stage build of the kgraph service: a static binary, run as a
# non-root user. The Go build line below is the one the test suite runs
# (graph/cli/deploy_test.go), so the binary tested is the binary shipped.

# 1. The explorer and the playground, built from the npm registry with the
#    committed lock file.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
# The playground's tabs are the README's example operations.
COPY docs/examples/ /src/docs/examples/
RUN npm run build

# 2. The Go binary, with the built front end embedded.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/dist ./web/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kgraph .

# 3. Nothing but the binary and CA certificates (for neo4j+s:// and Aura).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kgraph /kgraph
USER nonroot:nonroot
WORKDIR /home/nonroot
ENV PORT=8080 KG_DATA_FILE=/home/nonroot/data/graph.db LOG_FORMAT=json
EXPOSE 8080
ENTRYPOINT ["/kgraph"]
