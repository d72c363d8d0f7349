package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// Each traversal is one Cypher query that Neo4j plans and runs as a
// whole: a variable-length match for a neighborhood, Neo4j's own
// shortest-path search for a path. The filter is a predicate on every
// relationship of the pattern, so Neo4j never expands past a relation the
// query excludes. Package store's rules (which entities a neighborhood
// keeps, which of several shortest paths is returned) are written into the
// queries, and the conformance suite holds both stores to them.

// relationshipPattern returns a relationship pattern for variable v, of
// the filter's types, and the predicate (or "") its relationships must pass.
func relationshipPattern(v string, types []string, at *store.PartialDate, params map[string]any) (pattern, predicate string, err error) {
	typ, err := typeFilter(types)
	if err != nil {
		return "", "", err
	}
	if at != nil {
		atParams(params, at)
		predicate = inForce(v)
	}
	return v + typ, predicate, nil
}

// Neighborhood implements store.Store in one query: the entities by
// distance (min(length(p)), which Neo4j computes breadth-first), then the
// relations between kept entities that touch one nearer than Depth. (A
// kept entity may have relations to entities Limit left out.)
func (s *Store) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Subgraph, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		params := map[string]any{"id": q.ID, "depth": q.Depth, "limit": q.Limit}
		step, stepCond, err := relationshipPattern("r", q.Types, q.At, params)
		if err != nil {
			return nil, err
		}
		// The walk's relationships pass the same predicate, one by one.
		walk, cond := "rs"+strings.TrimPrefix(step, "r"), ""
		if stepCond != "" {
			cond = fmt.Sprintf("WHERE all(r IN rs WHERE %s)", stepCond)
		}
		// Depth is checked (1 to MaxNeighborhoodDepth): a literal is safe
		// here, and Cypher wants one as the bound of a variable length.
		cypher := fmt.Sprintf(`
MATCH (root:Entity {id: $id})
CALL (root) {
  MATCH p = (root)-[%[1]s*0..%[2]d]-(n:Entity) %[3]s
  WITH n, min(length(p)) AS d ORDER BY d, n.id LIMIT $limit + 1
  RETURN collect(n) AS nodes, collect(d) AS dists
}
WITH nodes[..$limit] AS kept, dists, size(nodes) > $limit AS truncated
CALL (kept, dists) {
  UNWIND range(0, size(kept) - 1) AS i
  WITH kept[i] AS u WHERE dists[i] < $depth
  MATCH (u)-[%[4]s]-(v) WHERE v IN kept %[5]s
  WITH DISTINCT r
  RETURN collect(%[6]s) AS relations
}
RETURN [n IN kept | %[7]s] AS entities, relations, truncated`, walk, q.Depth, cond, step, andCond(stepCond), relationMap("r"), entityMap("n"))
		recs, err := collect(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, store.Errorf(store.ENOTFOUND, "no entity has the id %q", q.ID)
		}
		es, err := decodeList(recs[0], "entities", decodeEntity)
		if err != nil {
			return nil, err
		}
		rels, err := decodeList(recs[0], "relations", decodeRelation)
		if err != nil {
			return nil, err
		}
		truncated, err := value[bool](recs[0], "truncated")
		if err != nil {
			return nil, err
		}
		out := pointers(rels)
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return &store.Subgraph{Entities: pointers(es), Relations: out, Truncated: truncated}, nil
	})
}

// ShortestPath implements store.Store in one query: Neo4j's ALL SHORTEST
// finds every shortest path, and the one whose relation ids sort first is
// kept (lists of strings order element by element in Cypher, as store's
// rule reads them). The ends are looked up in the same query, so an
// unknown one is told apart from no path.
func (s *Store) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Path, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		if q.From == q.To {
			es, err := entities(ctx, tx, []string{q.From})
			if err != nil || es[0] == nil {
				return nil, orNotFound(err, q.From)
			}
			return &store.Path{Entities: es}, nil
		}
		params := map[string]any{"from": q.From, "to": q.To}
		step, cond, err := relationshipPattern("r", q.Types, q.At, params)
		if err != nil {
			return nil, err
		}
		if cond != "" {
			step += " WHERE " + cond
		}
		// MaxDepth is checked (1 to MaxPathDepth), so a literal is safe.
		// OPTIONAL CALL keeps the row when there is no path, with null entities.
		cypher := fmt.Sprintf(`
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
OPTIONAL CALL (a, b) {
  MATCH p = ALL SHORTEST (a)-[%[1]s]-{1,%[2]d}(b)
  WITH p ORDER BY [x IN relationships(p) | x.id] LIMIT 1
  RETURN [n IN nodes(p) | %[4]s] AS entities, [x IN relationships(p) | %[3]s] AS relations
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, entities, relations`, step, q.MaxDepth, relationMap("x"), entityMap("n"))
		rec, err := single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		for _, end := range []struct{ key, id string }{{"fromFound", q.From}, {"toFound", q.To}} {
			if found, err := value[bool](rec, end.key); err != nil || !found {
				return nil, orNotFound(err, end.id)
			}
		}
		if v, _ := rec.Get("entities"); v == nil {
			return nil, nil // no path within MaxDepth
		}
		es, err := decodeList(rec, "entities", decodeEntity)
		if err != nil {
			return nil, err
		}
		rels, err := decodeList(rec, "relations", decodeRelation)
		if err != nil {
			return nil, err
		}
		return &store.Path{Entities: pointers(es), Relations: pointers(rels)}, nil
	})
}

// andCond returns " AND cond", or "" when cond is "".
func andCond(cond string) string {
	if cond == "" {
		return ""
	}
	return " AND " + cond
}

// orNotFound returns err, or when it is nil ENOTFOUND for the entity id.
func orNotFound(err error, id string) error {
	if err != nil {
		return err
	}
	return store.Errorf(store.ENOTFOUND, "no entity has the id %q", id)
}
