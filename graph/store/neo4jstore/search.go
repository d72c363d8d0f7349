package neo4jstore

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// searchQuery fetches the names of every entity the full-text index
// finds, and nothing else of them: the index only narrows the candidates,
// and store.RankSearch picks and orders the hits, as in every store. The
// limit asks for all of them.
const searchQuery = `
CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node
RETURN collect([k IN keys(node) WHERE k = 'id' OR k STARTS WITH '` + prefixName + `' OR k STARTS WITH '` + prefixAlias + `'
                | [k, node[k]]]) AS candidates`

// Search implements store.Store: the candidates' names in one query, the
// hits in a second.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Entity, error) {
		rec, err := single(ctx, tx, searchQuery, map[string]any{
			"index": searchIndex,
			"query": luceneQuery(store.NormalizeText(q.Text)),
			"limit": math.MaxInt32,
		})
		if err != nil {
			return nil, err
		}
		list, err := value[[]any](rec, "candidates")
		if err != nil {
			return nil, err
		}
		candidates := make([]*store.Entity, len(list))
		for i, pairs := range list {
			names, err := pairsMap(pairs)
			if err != nil {
				return nil, err
			}
			e, err := decodeEntity(names)
			if err != nil {
				return nil, err
			}
			candidates[i] = &e
		}
		hits := store.RankSearch(candidates, q, store.SearchKeys)
		if len(hits) == 0 {
			return hits, nil
		}
		ids := make([]string, len(hits))
		for i, e := range hits {
			ids[i] = e.ID
		}
		return entities(ctx, tx, ids)
	})
}

// pairsMap turns a list of [key, value] pairs into a map.
func pairsMap(v any) (map[string]any, error) {
	pairs, _ := v.([]any)
	out := make(map[string]any, len(pairs))
	for _, p := range pairs {
		kv, ok := p.([]any)
		if !ok || len(kv) != 2 {
			return nil, fmt.Errorf("search candidate: %v is not a [key, value] pair", p)
		}
		key, _ := kv[0].(string)
		out[key] = kv[1]
	}
	return out, nil
}

// luceneQuery requires every word of the normalized query as the prefix of
// an indexed word: the candidates are then a superset of what
// store.MatchScore accepts (it wants every word as a prefix within one
// name; the index sees all the names of an entity together).
func luceneQuery(normalized string) string {
	words := strings.Fields(normalized)
	for i, w := range words {
		words[i] = "+" + luceneEscape(w) + "*"
	}
	return strings.Join(words, " ")
}

// luceneEscape backslash-escapes the characters Lucene's query syntax
// gives a meaning to. Normalized words hold only letters and digits, so
// this is a guard: no input can change the query's structure.
func luceneEscape(word string) string {
	var b strings.Builder
	for _, r := range word {
		if strings.ContainsRune(`\+-!(){}[]^"~*?:/&|`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
