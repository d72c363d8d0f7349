package graph

import (
	"context"

	"kgraph/graph/store"
)

// nodesFetcher finds nodes of any kind by id: the ids are looked up as
// entities, those not found as relations, the rest as source documents, so
// a batch costs at most three store calls. Ids are unique across the
// three (the store's validation sees to it), so the first found is the one.
// An id that names nothing gives a nil Node.
func nodesFetcher(s store.Store) func(context.Context, []string) ([]store.Node, []error) {
	return func(ctx context.Context, ids []string) ([]store.Node, []error) {
		out := make([]store.Node, len(ids))
		steps := []func([]string) ([]store.Node, error){
			func(ids []string) ([]store.Node, error) { return asNodes(s.Entities(ctx, ids)) },
			func(ids []string) ([]store.Node, error) { return asNodes(s.Relations(ctx, ids)) },
			func(ids []string) ([]store.Node, error) { return asNodes(s.SourceDocuments(ctx, ids)) },
		}
		missing := make([]int, len(ids))
		for i := range ids {
			missing[i] = i
		}
		for _, step := range steps {
			if len(missing) == 0 {
				break
			}
			ask := make([]string, len(missing))
			for j, i := range missing {
				ask[j] = ids[i]
			}
			found, err := step(ask)
			if err != nil {
				return nil, []error{err}
			}
			var still []int
			for j, i := range missing {
				if found[j] != nil {
					out[i] = found[j]
				} else {
					still = append(still, i)
				}
			}
			missing = still
		}
		return out, nil
	}
}

// asNodes turns a store's batch answer into Nodes, an untyped nil where
// the store found nothing, so that a missing node is null, not an empty
// object.
func asNodes[T any, P interface {
	*T
	store.Node
}](found []P, err error) ([]store.Node, error) {
	if err != nil {
		return nil, err
	}
	out := make([]store.Node, len(found))
	for i, x := range found {
		if x != nil {
			out[i] = x
		}
	}
	return out, nil
}
