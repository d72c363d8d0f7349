package neo4jstore

import (
	"context"
	"math"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// searchQuery fetches every entity the full-text index finds. The limit
// asks for all of them: the index only narrows the candidates, and
// store.RankSearch picks and orders the hits, as in every store.
const searchQuery = `
CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node
RETURN collect(node.json) AS candidates`

// Search implements store.Store in one query.
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
		candidates, err := decodeJSONList[store.Entity](rec, "candidates")
		if err != nil {
			return nil, err
		}
		return store.RankSearch(pointers(candidates), q, store.SearchKeys), nil
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
