package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"

	"kgraph/graph"
	"kgraph/graph/store/memstore/memstoretest"
)

// work is what one request cost by the estimate and in fact.
type work struct {
	cost     int          // the complexity gqlgen computed, 0 when none
	resolved atomic.Int64 // fields resolved, every item of every list counted
}

type workKey struct{}

// queryGen writes a random query, valid for the schema, from fuzz bytes:
// a tree of fields up to a few levels deep, lists in lists, arguments
// that scale them, every field aliased so that any two may sit together.
type queryGen struct {
	in    []byte
	alias int
}

func (g *queryGen) next(n int) int {
	if len(g.in) == 0 {
		return 0
	}
	b := g.in[0]
	g.in = g.in[1:]
	return int(b) % n
}

// fields of each type: "name(args)" and the type of a sub-selection, "" for a leaf.
var schemaFields = map[string][][2]string{
	"Query": {
		{`entity(id: "soviet-union")`, "Entity"}, {`entity(id: "sfr-yugoslavia")`, "Entity"},
		{`entities(first: %d)`, "EntityConnection"}, {`relations(first: %d)`, "RelationConnection"},
		{`search(text: "s", first: %d)`, "Entity"}, {`neighborhood(id: "croatia", depth: %D, limit: %d)`, "Subgraph"},
		{`shortestPath(from: "croatia", to: "russian-federation", maxDepth: %D)`, "Path"}, {`timeline`, "Relation"},
		{`vocabulary`, "Vocabulary"},
	},
	"Entity": {
		{"id", ""}, {"name", ""}, {"kind", ""}, {"start", ""}, {"kindInfo", "Kind"},
		{"labels", "Label"}, {"sources", "Citation"}, {"relations(first: %d)", "RelationConnection"}, {"neighbors", "Entity"},
	},
	"EntityConnection": {{"totalCount", ""}, {"nodes", "Entity"}, {"edges", "EntityEdge"}, {"pageInfo", "PageInfo"}},
	"EntityEdge":       {{"cursor", ""}, {"node", "Entity"}},
	"RelationConnection": {
		{"totalCount", ""}, {"nodes", "Relation"}, {"pageInfo", "PageInfo"},
	},
	"Relation":   {{"id", ""}, {"type", ""}, {"label", ""}, {"from", "Entity"}, {"to", "Entity"}, {"sources", "Citation"}},
	"Subgraph":   {{"truncated", ""}, {"entities", "Entity"}, {"relations", "Relation"}},
	"Path":       {{"length", ""}, {"entities", "Entity"}, {"relations", "Relation"}},
	"Vocabulary": {{"entityKinds", "Kind"}, {"relationTypes", "Kind"}},
	"Kind":       {{"id", ""}, {"name", ""}},
	"Label":      {{"lang", ""}, {"text", ""}},
	"Citation":   {{"paragraph", ""}, {"document", "Document"}},
	"Document":   {{"id", ""}, {"title", ""}},
	"PageInfo":   {{"hasNextPage", ""}, {"endCursor", ""}},
}

func (g *queryGen) selection(typ string, depth int) string {
	var b strings.Builder
	b.WriteString("{")
	for range 1 + g.next(3) {
		f := schemaFields[typ][g.next(len(schemaFields[typ]))]
		name := strings.ReplaceAll(f[0], "%D", fmt.Sprint(1+g.next(3)))
		name = strings.ReplaceAll(name, "%d", fmt.Sprint([]int{1, 5, 20, 100, 500}[g.next(5)]))
		g.alias++
		fmt.Fprintf(&b, " f%d: %s", g.alias, name)
		if f[1] != "" {
			if depth <= 1 {
				b.WriteString(" { __typename }")
			} else {
				b.WriteString(" " + g.selection(f[1], depth-1))
			}
		}
	}
	b.WriteString(" }")
	return b.String()
}

// FuzzCostCoversWork generates queries, runs those the complexity limit
// lets through over the seed, and checks that no query resolves more
// fields than its cost said: the estimate never scores a query below the
// work it does.
func FuzzCostCoversWork(f *testing.F) {
	for _, seed := range []string{"\x00", "\x01\x02\x03\x04", "\x05\x00\x08\x01\x08\x00", "\x02\x01\x01\x01\x07\x02\x07", "\x08\x00\x00\x02\x01\x02\x03\x04\x05\x06\x07"} {
		f.Add([]byte(seed))
	}
	s := memstoretest.Seeded(f)
	limits := Limits{MaxComplexity: 20000, MaxAliases: 1000, MaxFields: 10000, MaxRootFields: 100}.withDefaults()
	srv := newGraphQLServer(s, slog.New(slog.NewTextHandler(io.Discard, nil)), limits, nil)
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		if w, ok := ctx.Value(workKey{}).(*work); ok {
			w.resolved.Add(1)
		}
		return next(ctx)
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if stats := extension.GetComplexityStats(ctx); stats != nil {
			ctx.Value(workKey{}).(*work).cost = stats.Complexity
		}
		return resp
	})
	h := graph.WithLoaders(s, srv)

	f.Fuzz(func(t *testing.T, in []byte) {
		g := &queryGen{in: in}
		q := g.selection("Query", 1+g.next(5))
		body, _ := json.Marshal(map[string]string{"query": q})
		w := &work{}
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req.WithContext(context.WithValue(req.Context(), workKey{}, w)))
		if rec.Code >= 500 {
			t.Fatalf("status %d for %s: %s", rec.Code, q, rec.Body)
		}
		if w.cost == 0 {
			return // refused before it ran
		}
		if resolved := int(w.resolved.Load()); resolved > w.cost {
			t.Fatalf("cost %d, but %d fields resolved: %s", w.cost, resolved, q)
		}
	})
}

// TestFieldCountingSeesEveryItem checks the fuzz test's measure: a list
// of n items with two fields each counts 2n resolutions and more.
func TestFieldCountingSeesEveryItem(t *testing.T) {
	s := memstoretest.Seeded(t)
	srv := newGraphQLServer(s, slog.New(slog.NewTextHandler(io.Discard, nil)), DefaultLimits(), nil)
	var n atomic.Int64
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		n.Add(1)
		return next(ctx)
	})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ entities(first: 10) { nodes { id name } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	graph.WithLoaders(s, srv).ServeHTTP(httptest.NewRecorder(), req)
	if got := n.Load(); got < 20 {
		t.Fatalf("%d fields counted for 10 entities with 2 fields each", got)
	}
}
