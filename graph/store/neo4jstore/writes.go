package neo4jstore

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// batchSize is the most rows one UNWIND statement carries, which keeps
// each Bolt message of a large Apply to a reasonable size.
const batchSize = 1000

// statement is one parameterized Cypher write, run once per batch of rows.
type statement struct {
	cypher string
	rows   []map[string]any
}

// writes are the statements that bring the graph to its new state, in
// order: nodes before the relationships between them, and a relationship
// that moves deleted before it is created again.
type writes struct{ statements []statement }

const (
	mergeKinds = `UNWIND $rows AS row
MERGE (k:EntityKind {id: row.id}) SET k.json = row.json`
	mergeTypes = `UNWIND $rows AS row
MERGE (t:RelationType {id: row.id}) SET t.json = row.json, t.symmetric = row.symmetric`
	mergeSources = `UNWIND $rows AS row
MERGE (d:SourceDocument {id: row.id}) SET d.json = row.json`
	mergeEntities = `UNWIND $rows AS row
MERGE (n:Entity {id: row.id}) SET n.json = row.json, n.kind = row.kind, n.searchText = row.searchText`
	// The relationship statements are formatted with a quoted type (quoteType).
	deleteRelations = `UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:%s {id: row.id}]->() DELETE r`
	mergeRelations = `UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:%s {id: row.id}]->(b)
SET r.json = row.json, r.startFirst = row.startFirst, r.endLast = row.endLast`
)

// plan turns the changed elements (store.Diff) into writes; stored holds
// at least the stored relations among them. A relation's
// type and ends are its relationship's type and nodes, so a relation whose
// type or ends change loses its old relationship first.
func plan(stored, changed *store.Dataset) (*writes, error) {
	w := &writes{}
	w.add(mergeKinds, rows(changed.Vocabulary.EntityKinds, func(k store.EntityKind) map[string]any {
		return map[string]any{"id": k.ID, "json": jsonString(k)}
	}))
	w.add(mergeTypes, rows(changed.Vocabulary.RelationTypes, func(t store.RelationType) map[string]any {
		return map[string]any{"id": t.ID, "json": jsonString(t), "symmetric": t.Symmetric}
	}))
	w.add(mergeSources, rows(changed.Sources, func(d store.SourceDocument) map[string]any {
		return map[string]any{"id": d.ID, "json": jsonString(d)}
	}))
	w.add(mergeEntities, rows(changed.Entities, func(e store.Entity) map[string]any {
		return map[string]any{"id": e.ID, "json": jsonString(e), "kind": e.Kind, "searchText": store.SearchText(&e)}
	}))

	old := make(map[string]store.Relation, len(stored.Relations))
	for _, r := range stored.Relations {
		old[r.ID] = r
	}
	moved := map[string][]map[string]any{}  // old type -> rows
	merged := map[string][]map[string]any{} // type -> rows
	for _, r := range changed.Relations {
		if o, ok := old[r.ID]; ok && (o.Type != r.Type || o.FromID != r.FromID || o.ToID != r.ToID) {
			moved[o.Type] = append(moved[o.Type], map[string]any{"id": o.ID, "from": o.FromID})
		}
		merged[r.Type] = append(merged[r.Type], relationRow(r))
	}
	for _, byType := range []struct {
		cypher string
		rows   map[string][]map[string]any
	}{{deleteRelations, moved}, {mergeRelations, merged}} {
		for _, t := range slices.Sorted(maps.Keys(byType.rows)) {
			q, err := quoteType(t)
			if err != nil {
				return nil, err
			}
			w.add(fmt.Sprintf(byType.cypher, q), byType.rows[t])
		}
	}
	return w, nil
}

// relationRow is a relation's relationship properties and ends.
func relationRow(r store.Relation) map[string]any {
	startFirst, endLast := dateBounds(r)
	return map[string]any{"id": r.ID, "from": r.FromID, "to": r.ToID, "json": jsonString(r), "startFirst": startFirst, "endLast": endLast}
}

// add appends the statement in batches; nothing when there are no rows.
func (w *writes) add(cypher string, rows []map[string]any) {
	for len(rows) > 0 {
		n := min(len(rows), batchSize)
		w.statements = append(w.statements, statement{cypher: cypher, rows: rows[:n]})
		rows = rows[n:]
	}
}

// write runs the statements in tx.
func (w *writes) write(ctx context.Context, tx neo4j.ManagedTransaction) error {
	for _, st := range w.statements {
		if err := execute(ctx, tx, st.cypher, map[string]any{"rows": st.rows}); err != nil {
			return err
		}
	}
	return nil
}

func rows[T any](xs []T, row func(T) map[string]any) []map[string]any {
	out := make([]map[string]any, len(xs))
	for i, x := range xs {
		out[i] = row(x)
	}
	return out
}

func jsonString(v any) string { return string(store.MustJSON(v)) }
