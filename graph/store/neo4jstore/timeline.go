package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// Timeline implements store.Store in one query: store.TimelineQuery.Matches
// in Cypher, then store.TimelineOrder.
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) ([]*store.Relation, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Relation, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		types, err := typeFilter(q.Types)
		if err != nil {
			return nil, err
		}
		params := map[string]any{"entity": q.Entity}
		// Dated, and store.Overlaps(r.Start, r.End, q.From, q.To).
		conds := []string{"(r.startFirst IS NOT NULL OR r.endLast IS NOT NULL)"}
		if q.To != nil {
			conds = append(conds, "(r.startFirst IS NULL OR r.startFirst <= $toLast)")
			params["toLast"] = neo4jDate(q.To.Last())
		}
		if q.From != nil {
			conds = append(conds, "(r.endLast IS NULL OR r.endLast >= $fromFirst)")
			params["fromFirst"] = neo4jDate(q.From.First())
		}
		// With an entity, one row tells whether it exists as well.
		cypher := fmt.Sprintf(`
MATCH ()-[r%s]->() %s
RETURN true AS found, collect(%s) AS relations`, types, where(conds), relationMap("r"))
		if q.Entity != "" {
			cypher = fmt.Sprintf(`
OPTIONAL MATCH (n:Entity {id: $entity})
OPTIONAL MATCH (n)-[r%s]-() %s
RETURN n IS NOT NULL AS found, collect(DISTINCT %s) AS relations`, types, where(conds), relationMap("r"))
		}
		rec, err := single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		found, err := value[bool](rec, "found")
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, store.Errorf(store.ENOTFOUND, "no entity has the id %q", q.Entity)
		}
		rels, err := decodeList(rec, "relations", decodeRelation)
		if err != nil {
			return nil, err
		}
		out := pointers(rels)
		store.TimelineOrder(out)
		return out, nil
	})
}
