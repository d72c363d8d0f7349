package storetest

import (
	"reflect"
	"testing"

	"kgraph/graph/store"
)

func testNeighborhood(t *testing.T, s store.Store) {
	seeded(t, s)
	t.Run("depth 1 around Croatia", func(t *testing.T) {
		g, err := s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "croatia", Depth: 1})
		ok(t, err)
		wantEntities := []string{"croatia", "agreement-1955-science-technology", "agreement-1974-culture-science-education", "agreement-1988-higher-education", "sfr-yugoslavia"}
		if got := entityIDs(g.Entities); !reflect.DeepEqual(got, wantEntities) {
			t.Fatalf("entities = %v, want %v", got, wantEntities)
		}
		wantRelations := []string{"croatia-co-successor-of-sfry", "croatia-recognizes-agreement-1955", "croatia-recognizes-agreement-1974", "croatia-recognizes-agreement-1988"}
		if got := relationIDs(g.Relations); !reflect.DeepEqual(got, wantRelations) {
			t.Fatalf("relations = %v, want %v", got, wantRelations)
		}
		if g.Truncated {
			t.Fatal("truncated without a limit being reached")
		}
	})
	t.Run("depth 2 reaches the signatories", func(t *testing.T) {
		g, err := s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "croatia", Depth: 2})
		ok(t, err)
		ids := entityIDs(g.Entities)
		for _, want := range []string{"soviet-union", "bilateral-documents-since-1940", "slovenia"} {
			if !contains(ids, want) {
				t.Errorf("depth 2 misses %s: %v", want, ids)
			}
		}
		if contains(ids, "russian-federation") {
			t.Errorf("depth 2 reaches the Russian Federation, three hops away")
		}
		assertClosed(t, g)
	})
	t.Run("types and at filter the edges followed", func(t *testing.T) {
		g, err := s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "soviet-union", Depth: 1, At: date("1949")})
		ok(t, err)
		got := relationIDs(g.Relations)
		if !contains(got, "sfry-broke-relations-ussr-1949") || contains(got, "sfry-restored-relations-ussr") || contains(got, "russia-sole-successor-of-ussr") {
			t.Fatalf("relations around the USSR in 1949: %v", got)
		}
		g, err = s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "soviet-union", Depth: 2, Types: []string{"SIGNED"}})
		ok(t, err)
		for _, r := range g.Relations {
			if r.Type != "SIGNED" {
				t.Fatalf("relation %s of type %s in a SIGNED-only neighborhood", r.ID, r.Type)
			}
		}
		if !contains(entityIDs(g.Entities), "sfr-yugoslavia") {
			t.Fatal("the other signatory is two SIGNED hops away and missing")
		}
	})
}

func testNeighborhoodTruncated(t *testing.T, s store.Store) {
	seeded(t, s)
	full, err := s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "soviet-union", Depth: 2})
	ok(t, err)
	g, err := s.Neighborhood(ctx(), store.NeighborhoodQuery{ID: "soviet-union", Depth: 2, Limit: 5})
	ok(t, err)
	if !g.Truncated || len(g.Entities) != 5 {
		t.Fatalf("limit 5: %d entities, truncated %v", len(g.Entities), g.Truncated)
	}
	if !reflect.DeepEqual(entityIDs(g.Entities), entityIDs(full.Entities)[:5]) {
		t.Fatalf("limit kept %v, want the first five of %v", entityIDs(g.Entities), entityIDs(full.Entities))
	}
	assertClosed(t, g)
}

func testNeighborhoodErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	wantFailures(t, s.Neighborhood, []failure[store.NeighborhoodQuery]{
		{"unknown root", store.NeighborhoodQuery{ID: "atlantis", Depth: 1}, store.ENOTFOUND, "atlantis"},
		{"depth 0", store.NeighborhoodQuery{ID: "croatia", Depth: 0}, store.EINVALID, "depth must be between"},
		{"depth too large", store.NeighborhoodQuery{ID: "croatia", Depth: store.MaxNeighborhoodDepth + 1}, store.EINVALID, "depth must be between"},
		{"limit too large", store.NeighborhoodQuery{ID: "croatia", Depth: 1, Limit: store.MaxNeighborhoodLimit + 1}, store.EINVALID, "limit must be between"},
		{"unknown type", store.NeighborhoodQuery{ID: "croatia", Depth: 1, Types: []string{"NOPE"}}, store.EINVALID, "valid types"},
	})
}

// assertClosed checks that every relation of g links two of its entities.
func assertClosed(t *testing.T, g *store.Subgraph) {
	t.Helper()
	in := map[string]bool{}
	for _, e := range g.Entities {
		in[e.ID] = true
	}
	for _, r := range g.Relations {
		if !in[r.FromID] || !in[r.ToID] {
			t.Fatalf("relation %s links %s and %s, not both in the subgraph", r.ID, r.FromID, r.ToID)
		}
	}
}

func testShortestPath(t *testing.T, s store.Store) {
	seeded(t, s)
	tests := []struct {
		name          string
		q             store.PathQuery
		wantEntities  []string
		wantRelations []string
	}{
		{"Croatia to the Russian Federation",
			store.PathQuery{From: "croatia", To: "russian-federation"},
			[]string{"croatia", "sfr-yugoslavia", "soviet-union", "russian-federation"},
			[]string{"croatia-co-successor-of-sfry", "sfry-broke-relations-ussr-1949", "russia-sole-successor-of-ussr"}},
		{"in 1955 the path runs through the agreements",
			store.PathQuery{From: "croatia", To: "russian-federation", At: date("1955")},
			[]string{"croatia", "agreement-1955-science-technology", "bilateral-documents-since-1940", "russian-federation"},
			[]string{"croatia-recognizes-agreement-1955", "agreement-1955-part-of-bilateral-documents", "russia-acknowledges-bilateral-documents"}},
		{"against the direction of the edges",
			store.PathQuery{From: "soviet-union", To: "russian-federation"},
			[]string{"soviet-union", "russian-federation"},
			[]string{"russia-sole-successor-of-ussr"}},
		{"from an entity to itself", store.PathQuery{From: "serbia", To: "serbia"}, []string{"serbia"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.ShortestPath(ctx(), tt.q)
			ok(t, err)
			if p == nil {
				t.Fatal("no path")
			}
			if got := entityIDs(p.Entities); !reflect.DeepEqual(got, tt.wantEntities) {
				t.Fatalf("entities = %v, want %v", got, tt.wantEntities)
			}
			if got := relationIDs(p.Relations); !reflect.DeepEqual(got, tt.wantRelations) && len(tt.wantRelations)+len(got) > 0 {
				t.Fatalf("relations = %v, want %v", got, tt.wantRelations)
			}
			for i, r := range p.Relations {
				a, b := p.Entities[i].ID, p.Entities[i+1].ID
				if !(r.FromID == a && r.ToID == b) && !(r.FromID == b && r.ToID == a) {
					t.Fatalf("relation %d (%s) does not link %s and %s", i, r.ID, a, b)
				}
			}
		})
	}
	t.Run("none within maxDepth", func(t *testing.T) {
		p, err := s.ShortestPath(ctx(), store.PathQuery{From: "croatia", To: "russian-federation", MaxDepth: 2})
		ok(t, err)
		if p != nil {
			t.Fatalf("path of %d hops found with maxDepth 2", len(p.Relations))
		}
	})
	t.Run("none over the allowed types", func(t *testing.T) {
		p, err := s.ShortestPath(ctx(), store.PathQuery{From: "croatia", To: "russian-empire", Types: []string{"SIGNED"}})
		ok(t, err)
		if p != nil {
			t.Fatalf("path %v over SIGNED only", entityIDs(p.Entities))
		}
	})
}

// testShortestPathTieBreak uses a graph of its own: a diamond a-b-d, a-c-d
// whose two shortest paths differ only in their relation ids.
func testShortestPathTieBreak(t *testing.T, s store.Store) {
	d := diamond()
	_, err := s.Apply(ctx(), d, store.ApplyOptions{})
	ok(t, err)
	p, err := s.ShortestPath(ctx(), store.PathQuery{From: "a", To: "d"})
	ok(t, err)
	if got := relationIDs(p.Relations); !reflect.DeepEqual(got, []string{"r1-a-c", "r3-c-d"}) {
		t.Fatalf("tie broken as %v, want the path whose ids sort first: [r1-a-c r3-c-d]", got)
	}
	p, err = s.ShortestPath(ctx(), store.PathQuery{From: "d", To: "a"})
	ok(t, err)
	if got := relationIDs(p.Relations); !reflect.DeepEqual(got, []string{"r2-b-d", "r4-a-b"}) {
		t.Fatalf("reverse tie broken as %v, want [r2-b-d r4-a-b]", got)
	}
}

func diamond() *store.Dataset {
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	cite := []store.Citation{{Source: "notes"}}
	rel := func(id, from, to string) store.Relation {
		return store.Relation{ID: id, Type: "LINKS", FromID: from, ToID: to, Sources: cite}
	}
	d := &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds:   []store.EntityKind{{ID: "node", Labels: en("Node")}},
			RelationTypes: []store.RelationType{{ID: "LINKS", Labels: en("links"), InverseLabels: en("linked from")}},
		},
		Sources:   []store.SourceDocument{{ID: "notes", Title: "Test notes", Language: "en"}},
		Relations: []store.Relation{rel("r4-a-b", "a", "b"), rel("r1-a-c", "a", "c"), rel("r2-b-d", "b", "d"), rel("r3-c-d", "c", "d")},
	}
	for _, id := range []string{"a", "b", "c", "d"} {
		d.Entities = append(d.Entities, store.Entity{ID: id, Kind: "node", Labels: en("Node " + id)})
	}
	return d
}

func testShortestPathErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	wantFailures(t, s.ShortestPath, []failure[store.PathQuery]{
		{"unknown from", store.PathQuery{From: "atlantis", To: "croatia"}, store.ENOTFOUND, "atlantis"},
		{"unknown to", store.PathQuery{From: "croatia", To: "atlantis"}, store.ENOTFOUND, "atlantis"},
		{"maxDepth too large", store.PathQuery{From: "croatia", To: "serbia", MaxDepth: store.MaxPathDepth + 1}, store.EINVALID, "maxDepth must be between"},
		{"negative maxDepth", store.PathQuery{From: "croatia", To: "serbia", MaxDepth: -1}, store.EINVALID, "maxDepth must be between"},
		{"unknown type", store.PathQuery{From: "croatia", To: "serbia", Types: []string{"NOPE"}}, store.EINVALID, "valid types"},
	})
}
