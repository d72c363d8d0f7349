package store

import (
	"maps"
	"slices"
)

// Languages returns the language tags of the entities' labels, aliases and
// descriptions, each once, in tag order: the languages a reader can be
// offered; never nil. Both stores answer Store.Languages with it.
func Languages(entities []*Entity) []string {
	seen := map[string]bool{}
	for _, e := range entities {
		for _, texts := range [][]Label{e.Labels, e.Aliases, e.Descriptions} {
			for _, l := range texts {
				seen[l.Lang] = true
			}
		}
	}
	return append([]string{}, slices.Sorted(maps.Keys(seen))...)
}
