package neo4jstore

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/seed"
)

// TestConcurrentApply applies the seed from two stores at once, as two
// replicas starting together would: the graph holds one copy of
// everything, one Apply created it and the other found it unchanged.
func TestConcurrentApply(t *testing.T) {
	a := openForTest(t)
	b, err := Open(t.Context(), Config(neo4jtest.Config(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Ping(t.Context()); err != nil { // no head start for a
		t.Fatal(err)
	}
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	total := len(d.Vocabulary.EntityKinds) + len(d.Vocabulary.RelationTypes) + len(d.Sources) + len(d.Entities) + len(d.Relations)

	scenarios := []struct {
		name    string
		prepare func(t *testing.T)
		created int // by both Applies together
	}{
		// Both Applies also create the relation id constraints at once.
		{"empty graph, new relation types", func(t *testing.T) { dropRelationConstraints(t, a); wipe(t, a) }, total},
		{"empty graph", func(t *testing.T) { wipe(t, a) }, total},
		{"graph already applied", func(t *testing.T) {}, 0},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			sc.prepare(t)
			results := applyAtOnce(t, d, a, b)
			created := 0
			for _, r := range results {
				if r.Updated != 0 || r.Created+r.Unchanged != total || (r.Created != 0 && r.Created != total) {
					t.Fatalf("apply = %+v, want all %d created or all unchanged", r, total)
				}
				created += r.Created
			}
			if created != sc.created {
				t.Fatalf("%d created in all, want %d: %+v and %+v", created, sc.created, results[0], results[1])
			}
			assertOneCopy(t, a, d)
		})
	}
}

// applyAtOnce applies d from each store, all starting together.
func applyAtOnce(t *testing.T, d *store.Dataset, stores ...*Store) []*store.ApplyResult {
	t.Helper()
	results := make([]*store.ApplyResult, len(stores))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			<-start
			res, err := s.Apply(t.Context(), d, store.ApplyOptions{})
			if err != nil {
				t.Errorf("store %d: %v", i, err)
			}
			results[i] = res
		})
	}
	close(start)
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	return results
}

// assertOneCopy counts what Neo4j holds: exactly the elements of d.
func assertOneCopy(t *testing.T, s *Store, d *store.Dataset) {
	t.Helper()
	queries := map[string]string{
		"entities":     "MATCH (n:Entity) RETURN count(n) AS n",
		"kinds":        "MATCH (n:EntityKind) RETURN count(n) AS n",
		"types":        "MATCH (n:RelationType) RETURN count(n) AS n",
		"sources":      "MATCH (n:SourceDocument) RETURN count(n) AS n",
		"relations":    "MATCH ()-[r]->() RETURN count(r) AS n",
		"relation ids": "MATCH ()-[r]->() RETURN count(DISTINCT r.id) AS n",
	}
	want := map[string]int{
		"entities": len(d.Entities), "kinds": len(d.Vocabulary.EntityKinds), "types": len(d.Vocabulary.RelationTypes),
		"sources": len(d.Sources), "relations": len(d.Relations), "relation ids": len(d.Relations),
	}
	got, err := read(t.Context(), s, func(tx neo4j.ManagedTransaction) (map[string]int, error) {
		out := map[string]int{}
		for name, q := range queries {
			rec, err := single(t.Context(), tx, q, nil)
			if err != nil {
				return nil, err
			}
			if out[name], err = intValue(rec, "n"); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("%d %s in Neo4j, want %d", got[name], name, n)
		}
	}
}

func wipe(t *testing.T, s *Store) {
	t.Helper()
	_, err := write(t.Context(), s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, execute(t.Context(), tx, "MATCH (n) DETACH DELETE n", nil)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func dropRelationConstraints(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	names, err := read(ctx, s, func(tx neo4j.ManagedTransaction) ([]any, error) {
		rec, err := single(ctx, tx, "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'relation_id_' RETURN collect(name) AS names", nil)
		if err != nil {
			return nil, err
		}
		return value[[]any](rec, "names")
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if err := s.schemaStatement(ctx, "DROP CONSTRAINT `"+strings.ReplaceAll(name.(string), "`", "")+"` IF EXISTS"); err != nil {
			t.Fatal(err)
		}
	}
}
