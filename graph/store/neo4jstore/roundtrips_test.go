package neo4jstore

import (
	"strings"
	"testing"

	"kgraph/graph/store"
)

// count returns how many of the messages sent are of the Bolt message name.
func (r *recorder) count(name string) int {
	return len(r.matching(func(m string) bool { return m == name || strings.HasPrefix(m, name+" ") }))
}

// TestRoundTrips counts the Bolt queries and transactions each call sends:
// one query in one transaction each.
func TestRoundTrips(t *testing.T) {
	s := seededForTest(t)
	tests := []struct {
		name    string
		call    func() (any, error)
		queries int
	}{
		{"entity by id", func() (any, error) { return s.Entities(t.Context(), []string{"croatia"}) }, 1},
		{"relations of", func() (any, error) {
			return s.RelationsOf(t.Context(), []string{"croatia"}, store.RelationFilter{Direction: store.DirectionOut})
		}, 1},
		{"relations of, with their ends", func() (any, error) {
			return s.RelationsOfWithEnds(t.Context(), []string{"croatia", "serbia"}, store.RelationFilter{Direction: store.DirectionOut})
		}, 1},
		{"neighborhood depth 2", func() (any, error) {
			return s.Neighborhood(t.Context(), store.NeighborhoodQuery{ID: "croatia", Depth: 2, At: &store.PartialDate{Year: 1991}})
		}, 1},
		{"shortest path", func() (any, error) {
			return s.ShortestPath(t.Context(), store.PathQuery{From: "croatia", To: "russian-federation"})
		}, 1},
		{"search", func() (any, error) { return s.Search(t.Context(), store.SearchQuery{Text: "yugo"}) }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			s.boltLogger = rec
			defer func() { s.boltLogger = nil }()
			if _, err := tt.call(); err != nil {
				t.Fatal(err)
			}
			if n := rec.count("RUN"); n != tt.queries {
				t.Errorf("%d queries sent, want %d: %q", n, tt.queries, rec.sent)
			}
			if n := rec.count("BEGIN"); n != 1 {
				t.Errorf("%d transactions begun, want 1: %q", n, rec.sent)
			}
		})
	}
}
