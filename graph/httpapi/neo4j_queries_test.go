package httpapi_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"kgraph/graph/httpapi"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/graph/store/synthetic"
)

// TestMixQueriesPerRequestNeo4j counts the store calls each query of the
// comparison's mix (bench/compare) makes through the handler on Neo4j with
// the read cache off, from the handler's own /metrics. Each store call is
// one Cypher query in one transaction (neo4jstore's TestRoundTrips), so
// this is the number of queries a request sends: one for each query of the
// mix. (q2 reads the entity, its relations and their targets together; see
// graph/prefetch.go.) Each answer is also compared with the embedded
// store's.
func TestMixQueriesPerRequestNeo4j(t *testing.T) {
	e := neo4jtest.Reset(t)
	s := neo4jReplica(t, e)
	d := synthetic.Dataset(200, 4)
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)
	// The same graph embedded, whose answers are the reference: reading
	// fewer times must not change what is read.
	embedded := memstoretest.Open(t)
	if _, err := embedded.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	reference := httptest.NewServer(httpapi.NewHandler(httpapi.Config{Store: embedded, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(reference.Close)
	relationsOf := `query($id: ID!) { entity(id: $id) { name relations(first: 500) { totalCount nodes { id to { id name } from { id } } } } }`

	tests := []struct {
		name, query string
		vars        map[string]any
		calls       int
	}{
		{"q1 entity", `query($id: ID!) { entity(id: $id) { id kind name } }`, map[string]any{"id": "e000007"}, 1},
		{"q2 relations with targets", `query($id: ID!) { entity(id: $id) { relations(direction: OUT, first: 500) { nodes { id type start end to { id name } } } } }`,
			map[string]any{"id": "e000007"}, 1},
		{"q3 neighbourhood ids", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 1000) { entityIds truncated } }`, map[string]any{"id": "e000007"}, 1},
		{"q4 path", `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxDepth: 10) { relations { id } } }`,
			map[string]any{"from": d.Relations[0].FromID, "to": d.Relations[0].ToID}, 1},
		{"q5 search", `query($text: String!) { search(text: $text, first: 10) { id } }`, map[string]any{"text": d.Entities[7].Labels.Pick("en")}, 1},
		// The entity, its relations and their ends in one query, whatever
		// the shape of the selection.
		{"relations both ways with both ends", relationsOf, map[string]any{"id": "e000007"}, 1},
		{"relations through edges, in force at a date", `query($id: ID!) { entity(id: $id) { relations(at: "1950", first: 3) { edges { node { id start to { name } } } pageInfo { hasNextPage } } } }`,
			map[string]any{"id": "e000001"}, 1},
		{"relations of types, perhaps none", `query($id: ID!) { entity(id: $id) { id relations(direction: IN, types: ["LED", "SUCCEEDED"]) { nodes { to { id } } } } }`,
			map[string]any{"id": "e000199"}, 1},
		{"an entity that does not exist", relationsOf, map[string]any{"id": "no-such-entity"}, 1},
		// Two lists of relations are read as usual.
		{"two lists", `query($id: ID!) { entity(id: $id) { out: relations(direction: OUT) { nodes { to { id } } } in: relations(direction: IN) { nodes { from { id } } } } }`,
			map[string]any{"id": "e000007"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := storeCalls(t, srv)
			r := gqlAs(t, srv, "", tt.query, tt.vars, nil)
			if got := storeCalls(t, srv) - before; got != tt.calls {
				t.Errorf("%d store calls, want %d", got, tt.calls)
			}
			want := gqlAs(t, reference, "", tt.query, tt.vars, nil)
			if len(r.Errors) > 0 || len(want.Errors) > 0 || string(r.Data) != string(want.Data) {
				t.Fatalf("answer %s %+v\nthe embedded store's %s %+v", r.Data, r.Errors, want.Data, want.Errors)
			}
		})
	}
}

// storeCalls reads the number of store calls so far from /metrics.
func storeCalls(t *testing.T, srv *httptest.Server) int {
	t.Helper()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n := 0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "kgraph_store_call_duration_seconds_count{") {
			continue
		}
		v, err := strconv.Atoi(line[strings.LastIndexByte(line, ' ')+1:])
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		n += v
	}
	return n
}
