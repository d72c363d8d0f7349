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
// each Bolt message of a large Apply to a few megabytes; a batch of the
// import (5000 elements into Neo4j) is one statement per kind of write.
const batchSize = 5000

// Statement is one parameterized Cypher write, run once per batch of
// rows: its Cypher starts with rowsClause, which binds each row to row.
type Statement struct {
	// Cypher is the statement.
	Cypher string
	// Rows are the rows it writes, each a map of Cypher values.
	Rows []map[string]any
}

// rowsClause begins every Statement.Cypher; the rest reads row.
const rowsClause = "UNWIND $rows AS row\n"

// writes are the statements that bring the graph to its new state, in
// order: nodes before the relationships between them, and a relationship
// that moves deleted before it is created again.
type writes struct{ statements []Statement }

// Each node's row is its property map (model.go), which SET replaces
// whole, so that a text or date removed from an element leaves no stale
// property. A relationship's row is {from, to, props}.
const (
	mergeKinds    = rowsClause + `MERGE (k:EntityKind {id: row.id}) SET k = row`
	mergeTypes    = rowsClause + `MERGE (t:RelationType {id: row.id}) SET t = row`
	mergeSources  = rowsClause + `MERGE (d:SourceDocument {id: row.id}) SET d = row`
	mergeEntities = rowsClause + `MERGE (n:Entity {id: row.id}) SET n = row`
	// An entity or relation that the plan, read under the write lock, found
	// new is created without the lookup and locks of a MERGE, which a bulk
	// import pays for on every row; the id constraints still hold.
	createEntities = rowsClause + `CREATE (n:Entity) SET n = row`
	// An entity is deleted after its relations: store.PlanEdit listed them
	// all, read under the write lock, so DETACH finds none left; it is
	// used only once PlanEdit has approved the delete.
	deleteEntities = rowsClause + `MATCH (n:Entity {id: row.id}) DETACH DELETE n`
	// The relationship statements are formatted with a quoted type (quoteType).
	deleteRelations = rowsClause + `MATCH (:Entity {id: row.from})-[r:%s {id: row.id}]->() DELETE r`
	mergeRelations  = rowsClause + `MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:%s {id: row.props.id}]->(b) SET r = row.props`
	// New relations of every type are created by one statement, the type
	// given by each row (a dynamic type, checked by quoteType like every
	// type written into Cypher).
	createRelations = rowsClause + `MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b) SET r = row.props`
)

// planWrites turns an edit's plan into writes: the relations and entities
// it deletes first (so that an id it frees can be given again), then the
// elements it writes (plan). stored holds at least the stored relations
// the plan deletes or changes.
func planWrites(stored *store.Dataset, p *store.Plan) (*writes, error) {
	old := make(map[string]store.Relation, len(stored.Relations))
	for _, r := range stored.Relations {
		old[r.ID] = r
	}
	byType := map[string][]map[string]any{}
	for _, id := range p.DeleteRelations {
		r, ok := old[id]
		if !ok {
			return nil, fmt.Errorf("relation %q to delete was not read", id)
		}
		byType[r.Type] = append(byType[r.Type], map[string]any{"id": r.ID, "from": r.FromID})
	}
	w := &writes{}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		q, err := quoteType(t)
		if err != nil {
			return nil, err
		}
		w.add(fmt.Sprintf(deleteRelations, q), byType[t])
	}
	entities := make([]map[string]any, len(p.DeleteEntities))
	for i, id := range p.DeleteEntities {
		entities[i] = map[string]any{"id": id}
	}
	w.add(deleteEntities, entities)
	put, err := plan(stored, p.Write, p.Metas, true)
	if err != nil {
		return nil, err
	}
	w.statements = append(w.statements, put.statements...)
	return w, nil
}

// plan turns the changed elements (store.Diff) into writes; stored holds
// at least the stored relations among them. A relation's
// type and ends are its relationship's type and nodes, so a relation whose
// type or ends change loses its old relationship first. The entities and
// relations with a Meta in metas get its properties (metas.go); nil
// writes none, as a script for an empty database does. With create, the
// entities and relations that stored lacks are created rather than
// merged: stored must then hold every stored one among changed, as a
// plan's reads under the write lock do; a script, which may run against a
// database that holds some of them, merges all.
func plan(stored, changed *store.Dataset, metas map[string]store.Meta, create bool) (*writes, error) {
	withMeta := func(id string, p props) props {
		if m, ok := metas[id]; ok {
			p.setMeta(m)
		}
		return p
	}
	w := &writes{}
	w.add(mergeKinds, rows(changed.Vocabulary.EntityKinds, kindProps))
	w.add(mergeTypes, rows(changed.Vocabulary.RelationTypes, typeProps))
	w.add(mergeSources, rows(changed.Sources, sourceProps))
	storedEntities := idSet(stored.Entities, func(e store.Entity) string { return e.ID })
	var mergedEntities, createdEntities []map[string]any
	for _, e := range changed.Entities {
		row := map[string]any(withMeta(e.ID, entityProps(e)))
		if create && !storedEntities[e.ID] {
			createdEntities = append(createdEntities, row)
		} else {
			mergedEntities = append(mergedEntities, row)
		}
	}
	w.add(mergeEntities, mergedEntities)
	w.add(createEntities, createdEntities)

	old := make(map[string]store.Relation, len(stored.Relations))
	for _, r := range stored.Relations {
		old[r.ID] = r
	}
	moved := map[string][]map[string]any{}  // old type -> rows
	merged := map[string][]map[string]any{} // type -> rows
	var created []map[string]any
	for _, r := range changed.Relations {
		o, ok := old[r.ID]
		if ok && (o.Type != r.Type || o.FromID != r.FromID || o.ToID != r.ToID) {
			moved[o.Type] = append(moved[o.Type], map[string]any{"id": o.ID, "from": o.FromID})
		}
		row := map[string]any{"from": r.FromID, "to": r.ToID, "props": map[string]any(withMeta(r.ID, relationProps(r)))}
		if create && !ok {
			if _, err := quoteType(r.Type); err != nil {
				return nil, err
			}
			row["type"] = r.Type
			created = append(created, row)
		} else {
			merged[r.Type] = append(merged[r.Type], row)
		}
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
	w.add(createRelations, created)
	return w, nil
}

// add appends the statement in batches; nothing when there are no rows.
func (w *writes) add(cypher string, rows []map[string]any) {
	for len(rows) > 0 {
		n := min(len(rows), batchSize)
		w.statements = append(w.statements, Statement{Cypher: cypher, Rows: rows[:n]})
		rows = rows[n:]
	}
}

// write runs the statements in tx.
func (w *writes) write(ctx context.Context, tx neo4j.ManagedTransaction) error {
	for _, st := range w.statements {
		if err := execute(ctx, tx, st.Cypher, map[string]any{"rows": st.Rows}); err != nil {
			return err
		}
	}
	return nil
}

// rows returns the property map of each element.
func rows[T any](xs []T, toProps func(T) props) []map[string]any {
	out := make([]map[string]any, len(xs))
	for i, x := range xs {
		out[i] = toProps(x)
	}
	return out
}
