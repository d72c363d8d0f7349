package memstore

import (
	"slices"
	"strings"
	"unicode/utf8"

	"kgraph/graph/store"
)

// nameIndex finds the entities a search can match without reading them
// all. A name matches only if every word of the query begins one of its
// words (see store.MatchScore), so each entity is filed under the first
// three letters of every word of its normalized names (its search keys; a
// shorter word under itself), and a search with a word of three letters or
// more reads only the shortest list filed under such a word. Words of one
// or two letters begin too many names for a list to help: a search of
// only those reads every entity.
type nameIndex map[string][]*store.Entity

// indexedPrefix is the prefix, in letters, the index files words under.
const indexedPrefix = 3

// prefixes returns the distinct prefixes an entity with these keys is filed under.
func prefixes(keys []store.SearchKey) []string {
	var out []string
	for _, k := range keys {
		for _, w := range strings.Fields(k.Text) {
			if p := prefix(w); !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// prefix is the first indexedPrefix letters of word, or all of a shorter
// word, and whether the word had that many.
func prefix(word string) string {
	end := 0
	for n := 0; n < indexedPrefix && end < len(word); n++ {
		_, size := utf8.DecodeRuneInString(word[end:])
		end += size
	}
	return word[:end]
}

func (ix nameIndex) add(e *store.Entity, keys []store.SearchKey) {
	for _, p := range prefixes(keys) {
		ix[p] = append(ix[p], e)
	}
}

// compact gives every list exactly the room it uses: lists grown by
// appending, entity by entity, keep up to half their room spare, which at
// a million relations is megabytes of heap.
func (ix nameIndex) compact() {
	for p, list := range ix {
		ix[p] = slices.Clip(slices.Clone(list))
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

// candidates returns every entity a query of these normalized words may
// match, and some that it will not. A match starts a word of one name with
// every query word, so the shortest list filed under the prefix of a query
// word holds them all: "federal united land 125" reads the few entities
// with a word starting "125", not the many with one starting "fed". all is
// every entity, read when every query word is too short for the index.
func (ix nameIndex) candidates(words []string, all []*store.Entity) []*store.Entity {
	shortest, indexed := all, false
	for _, w := range words {
		if utf8.RuneCountInString(w) < indexedPrefix {
			continue
		}
		if list := ix[prefix(w)]; !indexed || len(list) < len(shortest) {
			shortest, indexed = list, true
		}
	}
	return shortest
}

// packedKeys is an entity's search keys in one string, a line per key:
// the language, a tab, "1" for a label or "0" for an alias, then the
// normalized text (which never holds a tab or a line break). One string
// per entity costs a fraction of the keys themselves; unpacking a
// candidate's keys needs no normalizing again.
type packedKeys string

func packKeys(keys []store.SearchKey) packedKeys {
	size := 0
	for _, k := range keys {
		size += len(k.Lang) + len(k.Text) + 3 // a tab, the flag, a line break
	}
	var b strings.Builder
	b.Grow(size) // exactly: a store holds one per entity
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(k.Lang)
		b.WriteByte('\t')
		if k.Primary {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
		b.WriteString(k.Text)
	}
	return packedKeys(b.String())
}

func (p packedKeys) unpack() []store.SearchKey {
	if p == "" {
		return nil
	}
	lines := strings.Split(string(p), "\n")
	keys := make([]store.SearchKey, len(lines))
	for i, line := range lines {
		lang, rest, _ := strings.Cut(line, "\t")
		keys[i] = store.SearchKey{Lang: lang, Primary: strings.HasPrefix(rest, "1"), Text: rest[1:]}
	}
	return keys
}

// score is the best score of an entity's packed names (see
// store.NameMatcher.Score); 0 if none matches.
func (p packedKeys) score(m *store.NameMatcher) int {
	best := 0
	for rest := string(p); rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		lang, flagged, _ := strings.Cut(line, "\t")
		best = max(best, m.ScoreName(flagged[1:], lang, flagged[0] == '1'))
	}
	return best
}
