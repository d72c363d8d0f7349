package neo4jstore

import (
	"fmt"
	"strings"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/seed"
)

// TestMigrateJSONModel writes the seed as the store's first model kept it
// (each element's JSON in a json property), then opens stores on it: the
// first migrates it to native properties, and every store, the first and
// later ones, answers as the embedded store does.
func TestMigrateJSONModel(t *testing.T) {
	env := neo4jtest.Reset(t)
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	writeJSONModel(t, env, d)
	mem := memstoretest.Seeded(t)

	for _, open := range []string{"first open, which migrates", "second open", "open after the model mark is lost"} {
		t.Run(open, func(t *testing.T) {
			if open == "open after the model mark is lost" {
				runCypher(t, env, "MATCH (m:GraphModel) DELETE m", nil)
			}
			s := openAnother(t)
			sameJSON(t, "export",
				func() (any, error) { return s.Export(t.Context()) },
				func() (any, error) { return mem.Export(t.Context()) })
			q := store.NeighborhoodQuery{ID: "croatia", Depth: 2, At: &store.PartialDate{Year: 1955}}
			sameJSON(t, "neighborhood",
				func() (any, error) { return s.Neighborhood(t.Context(), q) },
				func() (any, error) { return mem.Neighborhood(t.Context(), q) })
			left := runCypher(t, env, `CALL { MATCH (n) WHERE n.json IS NOT NULL RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() WHERE r.json IS NOT NULL RETURN count(r) AS rels }
RETURN nodes + rels AS n`, nil)
			if left[0] != int64(0) {
				t.Fatalf("%v elements still hold JSON", left[0])
			}
			// The graph answers plain Cypher with plain values.
			r, to := relationAndTarget(t, d, "croatia-co-successor-of-sfry")
			got := runCypher(t, env, "MATCH (a:Entity {id: $from})-[r {id: $id}]->(b) RETURN b.name_en, type(r), r.start",
				map[string]any{"from": r.FromID, "id": r.ID})
			want := []any{to.Labels.Pick("en"), r.Type, r.Start.String()}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("Cypher on the migrated graph = %v, want %v", got, want)
			}
		})
	}
}

// relationAndTarget returns the relation of d with the given id and the entity it points to.
func relationAndTarget(t *testing.T, d *store.Dataset, id string) (store.Relation, store.Entity) {
	t.Helper()
	for _, r := range d.Relations {
		if r.ID != id {
			continue
		}
		for _, e := range d.Entities {
			if e.ID == r.ToID {
				return r, e
			}
		}
	}
	t.Fatalf("the seed has no relation %s with its target", id)
	return store.Relation{}, store.Entity{}
}

// writeJSONModel writes d as the JSON model did, with the driver alone.
func writeJSONModel(t *testing.T, env neo4jtest.Env, d *store.Dataset) {
	t.Helper()
	jsonRows := func(n int, row func(i int) map[string]any) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = row(i)
		}
		return out
	}
	js := func(v any) string { return string(store.MustJSON(v)) }
	runCypher(t, env, "UNWIND $rows AS row CREATE (k:EntityKind {id: row.id, json: row.json})", map[string]any{
		"rows": jsonRows(len(d.Vocabulary.EntityKinds), func(i int) map[string]any {
			k := d.Vocabulary.EntityKinds[i]
			return map[string]any{"id": k.ID, "json": js(k)}
		})})
	runCypher(t, env, "UNWIND $rows AS row CREATE (t:RelationType {id: row.id, json: row.json, symmetric: row.symmetric})", map[string]any{
		"rows": jsonRows(len(d.Vocabulary.RelationTypes), func(i int) map[string]any {
			rt := d.Vocabulary.RelationTypes[i]
			return map[string]any{"id": rt.ID, "json": js(rt), "symmetric": rt.Symmetric}
		})})
	runCypher(t, env, "UNWIND $rows AS row CREATE (d:SourceDocument {id: row.id, json: row.json})", map[string]any{
		"rows": jsonRows(len(d.Sources), func(i int) map[string]any {
			return map[string]any{"id": d.Sources[i].ID, "json": js(d.Sources[i])}
		})})
	runCypher(t, env, "UNWIND $rows AS row CREATE (n:Entity {id: row.id, json: row.json, kind: row.kind, searchText: row.searchText})", map[string]any{
		"rows": jsonRows(len(d.Entities), func(i int) map[string]any {
			e := d.Entities[i]
			return map[string]any{"id": e.ID, "json": js(e), "kind": e.Kind, "searchText": store.SearchText(&e)}
		})})
	for _, r := range d.Relations {
		var startFirst, endLast any
		if r.Start != nil {
			startFirst = int64(r.Start.First())
		}
		if r.End != nil {
			endLast = int64(r.End.Last())
		}
		runCypher(t, env, fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[:%s {id: $id, json: $json, startFirst: $startFirst, endLast: $endLast}]->(b)`, r.Type),
			map[string]any{"from": r.FromID, "to": r.ToID, "id": r.ID, "json": js(r), "startFirst": startFirst, "endLast": endLast})
	}
}

// runCypher runs one query with the driver alone, outside any store, and
// returns the values of its first record (nil when there is none).
func runCypher(t *testing.T, env neo4jtest.Env, cypher string, params map[string]any) []any {
	t.Helper()
	recs := neo4jtest.Query(t, env, cypher, params)
	if len(recs) == 0 {
		return nil
	}
	return recs[0].Values
}

// TestMigrateBeforeChangeLog opens stores on a graph written before the
// change log (no metas, no changes, a version counter without a seq): the
// change log's constraint is created, as often as stores open, the
// elements are at version 1, and the first write is change 1 and moves
// the version on without repeating an earlier one.
func TestMigrateBeforeChangeLog(t *testing.T) {
	s := tinyStore(t)
	env := neo4jtest.Config(t)
	runCypher(t, env, "MATCH (c:Change) DELETE c", nil)
	runCypher(t, env, "MATCH (n:Entity) REMOVE n.version, n.createdAt, n.createdBy, n.updatedAt, n.updatedBy", nil)
	runCypher(t, env, "MATCH ()-[r]->() REMOVE r.version, r.createdAt, r.createdBy, r.updatedAt, r.updatedBy", nil)
	runCypher(t, env, "MATCH (v:GraphVersion) SET v.counter = 7 REMOVE v.seq", nil)
	if err := s.schemaStatement(t.Context(), "DROP CONSTRAINT "+changeSeqConstraint); err != nil {
		t.Fatal(err)
	}
	oldVersion, err := s.Version(t.Context())
	if err != nil {
		t.Fatal(err)
	}

	for _, open := range []string{"first open", "second open"} {
		t.Run(open, func(t *testing.T) {
			openAnother(t) // its Ping sets up the schema
			got := runCypher(t, env, "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties WHERE name = $name RETURN labelsOrTypes, properties",
				map[string]any{"name": changeSeqConstraint})
			if fmt.Sprint(got) != "[[Change] [seq]]" {
				t.Fatalf("change log constraint = %v", got)
			}
		})
	}
	metas, err := s.Metas(t.Context(), []string{"a", "a-b"})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range metas {
		if m == nil || *m != (store.Meta{Version: 1}) {
			t.Fatalf("meta %d of an element older than the change log = %+v, want version 1, nothing else", i, m)
		}
	}
	c, err := s.Write(t.Context(), &store.Edit{Actor: "ana", Action: "updateEntity",
		Put: store.Dataset{Entities: []store.Entity{state("a", "A again")}}, Expect: map[string]int64{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Seq != 1 || c.Elements[0].Version != 2 {
		t.Fatalf("first write after the change log came = %+v, want seq 1 taking a to version 2", c)
	}
	newVersion, err := s.Version(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(oldVersion, "-7") || !strings.HasSuffix(newVersion, "-8") {
		t.Fatalf("version went from %s to %s, want the counter to go on from 7 to 8", oldVersion, newVersion)
	}
}
