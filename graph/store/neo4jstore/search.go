package neo4jstore

import (
	"context"
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

// searchQuery is store.RankSearch in Cypher, over the candidates the
// full-text index finds: each search key is scored as store.MatchScore
// scores it (the whole name, its start, every query word as the start of
// a distinct word of the name, taken greedily, in order or not; then the
// language, label and length adjustments), an entity scores its best key,
// and the best First entities come back, ties in id order. Only the hits
// leave the database. TestSearchRanksAsTheEmbeddedStore holds this to
// store.RankSearch.
var searchQuery = `
CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node
UNWIND node.searchKeys AS searchKey
WITH node, split(searchKey, ':') AS parts
WITH node, parts[0] AS lang, parts[1] = 'label' AS primary, parts[2] AS key, split(parts[2], ' ') AS words
WITH node, lang, primary, key,
  reduce(st = {used: [], last: -1, ok: true, inOrder: true}, q IN $words |
    CASE WHEN NOT st.ok THEN st ELSE
      [f IN [head([i IN range(0, size(words) - 1) WHERE NOT i IN st.used AND words[i] STARTS WITH q])] |
        CASE WHEN f IS NULL THEN {used: st.used, last: st.last, ok: false, inOrder: st.inOrder}
        ELSE {used: st.used + f, last: f, ok: true, inOrder: st.inOrder AND f > st.last} END][0]
    END) AS matched
WITH node, lang, primary, key,
  CASE WHEN key = $text THEN 1000
       WHEN key STARTS WITH $text THEN 800
       WHEN NOT matched.ok THEN 0
       WHEN matched.inOrder THEN 600
       ELSE 400 END AS base
WHERE base > 0
WITH node, max(base + CASE WHEN $lang <> '' AND lang = $lang THEN 50 ELSE 0 END + CASE WHEN primary THEN 20 ELSE 0 END
               - CASE WHEN size(key) - size($text) > 19 THEN 19 ELSE size(key) - size($text) END) AS score
ORDER BY score DESC, node.id
LIMIT $first
RETURN collect(` + entityMap("node") + `) AS hits`

// Search implements store.Store in one query.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	text := store.NormalizeText(q.Text)
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Entity, error) {
		rec, err := single(ctx, tx, searchQuery, map[string]any{
			"index": searchIndex,
			"query": luceneQuery(text),
			"limit": math.MaxInt32,
			"text":  text,
			"words": strings.Fields(text),
			"lang":  q.Lang,
			"first": q.First,
		})
		if err != nil {
			return nil, err
		}
		hits, err := decodeList(rec, "hits", decodeEntity)
		if err != nil {
			return nil, err
		}
		return pointers(hits), nil
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
