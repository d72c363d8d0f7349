package neo4jstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// ChangesBetween implements store.Store. Around an entity it walks the
// neighbourhood level by level with the shared walk (store.ChangesAround:
// one query per level); over the whole graph it is one query, which
// fetches at most one relation more than the limit: enough to refuse,
// never a silent cut.
func (s *Store) ChangesBetween(ctx context.Context, q store.ChangesQuery) (*store.Comparison, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Comparison, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		if q.Entity != "" {
			root, err := entities(ctx, tx, []string{q.Entity})
			if err != nil {
				return nil, err
			}
			if root[0] == nil {
				return nil, store.Errorf(store.ENOTFOUND, "no entity has the id %q", q.Entity)
			}
			f := q.Filter()
			return store.ChangesAround(ctx, q, func(ctx context.Context, ids []string) (map[string][]*store.Relation, error) {
				rels, _, err := relationsOf(ctx, tx, ids, f, false)
				return rels, err
			})
		}
		rels, err := inForceAtEither(ctx, tx, q)
		if err != nil {
			return nil, err
		}
		return store.Compare(q, rels)
	})
}

// inForceAtEither returns the relations q.Matches, at most one more than
// store.MaxComparisonRelations.
func inForceAtEither(ctx context.Context, tx neo4j.ManagedTransaction, q store.ChangesQuery) ([]*store.Relation, error) {
	types, err := typeFilter(q.Types)
	if err != nil {
		return nil, err
	}
	// inForce twice: at From with $from*, at To with $to*.
	atFrom := strings.NewReplacer("$atFirst", "$fromFirst", "$atLast", "$fromLast").Replace(inForce("r"))
	atTo := strings.NewReplacer("$atFirst", "$toFirst", "$atLast", "$toLast").Replace(inForce("r"))
	cypher := fmt.Sprintf(`
MATCH ()-[r%s]->() WHERE (%s) OR (%s)
WITH r LIMIT $limit
RETURN collect(%s) AS relations`, types, atFrom, atTo, relationMap("r"))
	rec, err := single(ctx, tx, cypher, map[string]any{
		"fromFirst": neo4jDate(q.From.First()), "fromLast": neo4jDate(q.From.Last()),
		"toFirst": neo4jDate(q.To.First()), "toLast": neo4jDate(q.To.Last()),
		"limit": int64(store.MaxComparisonRelations + 1),
	})
	if err != nil {
		return nil, err
	}
	rels, err := decodeList(rec, "relations", decodeRelation)
	if err != nil {
		return nil, err
	}
	return pointers(rels), nil
}

// Languages implements store.Store in one query, which reads the
// entities' property keys: the language of a name, alias list or
// description is in its key (see model.go).
func (s *Store) Languages(ctx context.Context) ([]string, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		rec, err := single(ctx, tx, `
MATCH (n:Entity) UNWIND keys(n) AS key
WITH DISTINCT key WHERE key STARTS WITH $name OR key STARTS WITH $alias OR key STARTS WITH $description
RETURN collect(key) AS keys`, map[string]any{"name": prefixName, "alias": prefixAlias, "description": prefixDescription})
		if err != nil {
			return nil, err
		}
		keys, err := value[[]any](rec, "keys")
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, k := range keys {
			key, _ := k.(string)
			for _, prefix := range []string{prefixName, prefixAlias, prefixDescription} {
				if lang, ok := strings.CutPrefix(key, prefix); ok {
					seen[langFromKey(lang)] = true
					break
				}
			}
		}
		return append([]string{}, slices.Sorted(maps.Keys(seen))...), nil
	})
}
