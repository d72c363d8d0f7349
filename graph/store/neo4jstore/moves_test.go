package neo4jstore

import (
	"encoding/json"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// TestRelationMoves updates relations so that their relationship must
// change: a new type, a new end. Neo4j must hold one relationship per
// relation, of its new type between its new ends, and answer as the
// embedded store does after the same Applies.
func TestRelationMoves(t *testing.T) {
	s := openForTest(t)
	mem := memstoretest.Open(t)

	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	cite := []store.Citation{{Source: "notes"}}
	rel := func(id, typ, from, to string) store.Relation {
		return store.Relation{ID: id, Type: typ, FromID: from, ToID: to, Sources: cite}
	}
	first := &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds:   []store.EntityKind{{ID: "node", Labels: en("Node")}},
			RelationTypes: []store.RelationType{{ID: "LINKS", Labels: en("links"), InverseLabels: en("linked from")}},
		},
		Sources:   []store.SourceDocument{{ID: "notes", Title: "Test notes", Language: "en"}},
		Relations: []store.Relation{rel("r1", "LINKS", "a", "b"), rel("r2", "LINKS", "b", "c"), rel("r3", "LINKS", "c", "a")},
	}
	for _, id := range []string{"a", "b", "c"} {
		first.Entities = append(first.Entities, store.Entity{ID: id, Kind: "node", Labels: en("Node " + id)})
	}
	moved := &store.Dataset{
		Vocabulary: store.Vocabulary{RelationTypes: []store.RelationType{{ID: "JOINS", Labels: en("joins"), InverseLabels: en("joined by"), Symmetric: true}}},
		Relations: []store.Relation{
			rel("r1", "JOINS", "a", "b"), // new type
			rel("r2", "LINKS", "a", "c"), // new from
			rel("r3", "JOINS", "c", "b"), // new type and to
		},
	}
	for _, d := range []*store.Dataset{first, moved} {
		want, err := mem.Apply(t.Context(), d, store.ApplyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Apply(t.Context(), d, store.ApplyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if *got != *want {
			t.Fatalf("apply = %+v, the embedded store says %+v", got, want)
		}
	}

	sameJSON(t, "export",
		func() (any, error) { return s.Export(t.Context()) },
		func() (any, error) { return mem.Export(t.Context()) })
	for _, id := range []string{"a", "b", "c"} {
		f := store.RelationFilter{Direction: store.DirectionOut}
		sameJSON(t, "relations out of "+id,
			func() (any, error) { return s.RelationsOf(t.Context(), []string{id}, f) },
			func() (any, error) { return mem.RelationsOf(t.Context(), []string{id}, f) })
	}

	rels, err := read(t.Context(), s, func(tx neo4j.ManagedTransaction) ([]any, error) {
		rec, err := single(t.Context(), tx, `MATCH (a)-[r]->(b) WITH r.id + ' ' + type(r) + ' ' + a.id + '->' + b.id AS rel
ORDER BY rel RETURN collect(rel) AS rels`, nil)
		if err != nil {
			return nil, err
		}
		return value[[]any](rec, "rels")
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"r1 JOINS a->b", "r2 LINKS a->c", "r3 JOINS c->b"}
	if mustJSON(t, rels) != mustJSON(t, want) {
		t.Fatalf("relationships in Neo4j = %v, want %v", rels, want)
	}
}

// sameJSON fails unless both calls give the same JSON.
func sameJSON(t *testing.T, what string, got, want func() (any, error)) {
	t.Helper()
	g, err := got()
	if err != nil {
		t.Fatal(err)
	}
	w, err := want()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, g), mustJSON(t, w); a != b {
		t.Fatalf("%s:\n got %s\nwant %s", what, a, b)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
