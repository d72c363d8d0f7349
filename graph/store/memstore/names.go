package memstore

import (
	"slices"
	"strings"
	"unicode/utf8"

	"kgraph/graph/store"
)

// nameIndex finds the entities a search can match without reading them
// all. A name matches only if the first word of the query begins one of
// its words (see store.MatchScore), so each entity is filed under the
// first one, two and three letters of every word of its normalized names
// (its search keys), and a search reads the list filed under the first (up
// to three) letters of its first word.
type nameIndex map[string][]*store.Entity

// indexedPrefix is the longest prefix, in letters, the index files under.
const indexedPrefix = 3

// prefixes returns the distinct prefixes an entity with these keys is filed under.
func prefixes(keys []store.SearchKey) []string {
	var out []string
	for _, k := range keys {
		for _, w := range strings.Fields(k.Text) {
			end := 0
			for n := 1; n <= indexedPrefix && end < len(w); n++ {
				_, size := utf8.DecodeRuneInString(w[end:])
				end += size
				if p := w[:end]; !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

func (ix nameIndex) add(e *store.Entity, keys []store.SearchKey) {
	for _, p := range prefixes(keys) {
		ix[p] = append(ix[p], e)
	}
}

// remove takes e out of the lists; the caller holds the write lock, so
// the lists, which no reader keeps, are changed in place.
func (ix nameIndex) remove(e *store.Entity, keys []store.SearchKey) {
	for _, p := range prefixes(keys) {
		list := slices.DeleteFunc(ix[p], func(x *store.Entity) bool { return x == e })
		if len(list) == 0 {
			delete(ix, p)
		} else {
			ix[p] = list
		}
	}
}

// candidates returns every entity a query whose first normalized word is
// word may match, and some that it will not.
func (ix nameIndex) candidates(word string) []*store.Entity {
	end := 0
	for n := 0; n < indexedPrefix && end < len(word); n++ {
		_, size := utf8.DecodeRuneInString(word[end:])
		end += size
	}
	return ix[word[:end]]
}
