package neo4jstore

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// An entity's searchText, which the full-text index indexes, holds its
// names as store.NormalizeText leaves them; its searchKeys hold the same
// names as "lang:label:text" or "lang:alias:text", what store.MatchScore
// needs of each (store.SearchKeys), so that ranking reads no other
// property. Language tags hold no ":".

// searchKeys encodes store.SearchKeys(e).
func searchKeys(e *store.Entity) []string {
	keys := store.SearchKeys(e)
	out := make([]string, len(keys))
	for i, k := range keys {
		role := "alias"
		if k.Primary {
			role = "label"
		}
		out[i] = k.Lang + ":" + role + ":" + k.Text
	}
	return out
}

// parseSearchKeys decodes searchKeys.
func parseSearchKeys(list []any) ([]store.SearchKey, error) {
	out := make([]store.SearchKey, len(list))
	for i, item := range list {
		s, _ := item.(string)
		parts := strings.SplitN(s, ":", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("search key %q is not lang:role:text", s)
		}
		out[i] = store.SearchKey{Lang: parts[0], Primary: parts[1] == "label", Text: parts[2]}
	}
	return out, nil
}

// searchQuery fetches the id and search keys of every entity the
// full-text index finds, and nothing else of them: the index only narrows
// the candidates, and store.RankSearch picks and orders the hits, as in
// every store. The limit asks for all of them.
const searchQuery = `
CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node
RETURN collect([node.id, node.searchKeys]) AS candidates`

// Search implements store.Store: the candidates' keys in one query, the
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
		keys := make(map[*store.Entity][]store.SearchKey, len(list))
		for i, item := range list {
			pair, _ := item.([]any)
			if len(pair) != 2 {
				return nil, fmt.Errorf("search candidate %v is not [id, searchKeys]", item)
			}
			id, _ := pair[0].(string)
			list, _ := pair[1].([]any)
			candidates[i] = &store.Entity{ID: id}
			if keys[candidates[i]], err = parseSearchKeys(list); err != nil {
				return nil, err
			}
		}
		hits := store.RankSearch(candidates, q, func(e *store.Entity) []store.SearchKey { return keys[e] })
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
