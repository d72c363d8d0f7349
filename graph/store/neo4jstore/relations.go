package neo4jstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// ListRelations implements store.Store: the ends' existence, the count and
// the page in one query.
func (s *Store) ListRelations(ctx context.Context, q store.RelationQuery) (*store.RelationPage, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.RelationPage, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		after, err := afterID(q.After)
		if err != nil {
			return nil, err
		}
		types, err := typeFilter(q.Types)
		if err != nil {
			return nil, err
		}
		// Anchor the match on a given end, found through the id constraint's index.
		from, to := "()", "()"
		if q.From != "" {
			from = "(:Entity {id: $from})"
		}
		if q.To != "" {
			to = "(:Entity {id: $to})"
		}
		params := map[string]any{"from": q.From, "to": q.To, "ends": nonEmpty(q.From, q.To), "after": after, "limit": q.First + 1}
		var conds []string
		if q.At != nil {
			conds = append(conds, inForce("r"))
			atParams(params, q.At)
		}
		match := fmt.Sprintf("MATCH %s-[r%s]->%s", from, types, to)
		cypher := fmt.Sprintf(`
CALL { UNWIND $ends AS id OPTIONAL MATCH (n:Entity {id: id}) WITH id, n WHERE n IS NULL RETURN collect(id) AS missing }
CALL { %[1]s %[2]s RETURN count(r) AS total }
CALL { %[1]s %[3]s WITH r ORDER BY r.id LIMIT $limit RETURN collect(%[4]s) AS page }
RETURN missing, total, page`, match, where(conds), where(append(conds, "r.id > $after")), relationMap("r"))
		rec, err := single(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		if err := notFound(rec, q.From, q.To); err != nil {
			return nil, err
		}
		total, err := intValue(rec, "total")
		if err != nil {
			return nil, err
		}
		page, err := decodeList(rec, "page", decodeRelation)
		if err != nil {
			return nil, err
		}
		more := len(page) > q.First
		if more {
			page = page[:q.First]
		}
		return &store.RelationPage{Relations: pointers(page), TotalCount: total, HasNextPage: more}, nil
	})
}

// RelationsOf implements store.Store in one query for all the ids.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (map[string][]*store.Relation, error) {
		if err := check(ctx, tx, len(f.Types) > 0, f.Check); err != nil {
			return nil, err
		}
		rels, _, err := relationsOf(ctx, tx, ids, f, false)
		return rels, err
	})
}

// RelationsOfWithEnds implements store.EndsReader: RelationsOf's query,
// which matches the other end of each relation anyway, returns it too.
func (s *Store) RelationsOfWithEnds(ctx context.Context, ids []string, f store.RelationFilter) (*store.WithEnds, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.WithEnds, error) {
		if err := check(ctx, tx, len(f.Types) > 0, f.Check); err != nil {
			return nil, err
		}
		rels, ends, err := relationsOf(ctx, tx, ids, f, true)
		if err != nil {
			return nil, err
		}
		return &store.WithEnds{Relations: rels, Ends: ends}, nil
	})
}

// relationsOf is store.RelationFilter.Touches in Cypher, for a checked filter.
// A symmetric type counts as both directions, so the relationships are
// matched in either direction and the direction is tested after.
//
// With ends, it also returns the entities at both ends of the relations,
// by id.
func relationsOf(ctx context.Context, tx neo4j.ManagedTransaction, ids []string, f store.RelationFilter, withEnds bool) (map[string][]*store.Relation, map[string]*store.Entity, error) {
	out := map[string][]*store.Relation{}
	var ends map[string]*store.Entity
	if withEnds {
		ends = map[string]*store.Entity{}
	}
	if len(ids) == 0 {
		return out, ends, nil
	}
	types, err := typeFilter(f.Types)
	if err != nil {
		return nil, nil, err
	}
	params := map[string]any{"ids": ids, "direction": string(f.Direction)}
	conds := []string{`($direction = 'BOTH' OR type(r) IN symmetric
  OR ($direction = 'OUT' AND startNode(r) = n) OR ($direction = 'IN' AND endNode(r) = n))`}
	if f.At != nil {
		conds = append(conds, inForce("r"))
		atParams(params, f.At)
	}
	cypher := fmt.Sprintf(`
CALL { MATCH (t:RelationType {symmetric: true}) RETURN collect(t.id) AS symmetric }
UNWIND $ids AS id
%s
%s
RETURN id, collect(DISTINCT %s) AS relations%s`, matchRelationsOf(types, withEnds), where(conds), relationMap("r"), endsColumn(withEnds))
	recs, err := collect(ctx, tx, cypher, params)
	if err != nil {
		return nil, nil, err
	}
	for _, rec := range recs {
		id, err := value[string](rec, "id")
		if err != nil {
			return nil, nil, err
		}
		rels, err := decodeList(rec, "relations", decodeRelation)
		if err != nil {
			return nil, nil, err
		}
		sort.Slice(rels, func(i, j int) bool { return rels[i].ID < rels[j].ID })
		out[id] = pointers(rels)
		if withEnds {
			found, err := decodeList(rec, "ends", decodeEntity)
			if err != nil {
				return nil, nil, err
			}
			for i := range found {
				ends[found[i].ID] = &found[i]
			}
		}
	}
	return out, ends, nil
}

// notFound returns ENOTFOUND for the first of ids that the record's
// "missing" list names, in the order given.
func notFound(rec *neo4j.Record, ids ...string) error {
	missing, err := value[[]any](rec, "missing")
	if err != nil {
		return err
	}
	for _, id := range ids {
		for _, m := range missing {
			if id != "" && m == id {
				return store.Errorf(store.ENOTFOUND, "no entity has the id %q", id)
			}
		}
	}
	return nil
}

// nonEmpty returns the ids that are not "", never nil (UNWIND wants a list).
func nonEmpty(ids ...string) []string {
	out := []string{}
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// matchRelationsOf is the pattern of relationsOf's query: with ends, each
// entity of ids that exists gives a row even without relations, so that
// the entity itself is among the ends.
func matchRelationsOf(types string, withEnds bool) string {
	if !withEnds {
		return "MATCH (n:Entity {id: id})-[r" + types + "]-(m)"
	}
	return "MATCH (n:Entity {id: id}) OPTIONAL MATCH (n)-[r" + types + "]-(m)"
}

// endsColumn is the column of relationsOf's query that returns the
// relations' ends, when asked for: the entity and the other end of each.
func endsColumn(withEnds bool) string {
	if !withEnds {
		return ""
	}
	return ", collect(DISTINCT " + entityMap("m") + ") + collect(DISTINCT " + entityMap("n") + ") AS ends"
}
