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
// first three letters of every word of its normalized names (its search
// keys; a shorter word under itself), and a search whose first word has
// three letters or more reads only the list filed under them. A first word
// of one or two letters begins too many names for a list to help: those
// searches read every entity.
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
// word may match, and some that it will not; all is every entity, read
// when word is too short for the index.
func (ix nameIndex) candidates(word string, all []*store.Entity) []*store.Entity {
	if utf8.RuneCountInString(word) < indexedPrefix {
		return all
	}
	return ix[prefix(word)]
}

// packedKeys is an entity's search keys in one string, a line per key:
// the language, a tab, "1" for a label or "0" for an alias, then the
// normalized text (which never holds a tab or a line break). One string
// per entity costs a fraction of the keys themselves; unpacking a
// candidate's keys needs no normalizing again.
type packedKeys string

func packKeys(keys []store.SearchKey) packedKeys {
	var b strings.Builder
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
