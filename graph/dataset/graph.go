package dataset

import (
	"context"

	"kgraph/graph/store"
)

// Graph is a dataset in memory as a Base, for checking a file against a
// graph that is not in a store.
func Graph(d *store.Dataset) Base { return graphBase{d: d, held: d.Lookup()} }

type graphBase struct {
	d    *store.Dataset
	held store.Stored
}

func (g graphBase) Vocabulary(context.Context) (*store.Vocabulary, error) {
	return &g.d.Vocabulary, nil
}

func (g graphBase) Existing(_ context.Context, section string, ids []string) ([]string, error) {
	if err := store.CheckSection(section); err != nil {
		return nil, err
	}
	out := []string{}
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := g.held(section, id); ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}
