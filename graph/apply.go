package graph

import (
	"context"

	"kgraph/graph/dataset"
	"kgraph/graph/model"
	"kgraph/graph/store"
)

// applyDataset checks a dataset document against the graph, by the reader
// the import command uses, and writes it as the caller: elements are added
// or replaced by id, without version checks, as an import does. The
// request's body limit bounds the document; MaxEditElements does not.
// It writes through Store.Write rather than Apply so that the payload can
// name the change-log entry; an import's batches are what Apply is for.
func (r *Resolver) applyDataset(ctx context.Context, text string, dryRun bool) (*model.ApplyPayload, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	d, err := dataset.LoadOnto(ctx, "dataset", []byte(text), r.Store)
	if err != nil {
		return nil, err
	}
	ch, err := r.commit(ctx, &store.Edit{Put: *d, DryRun: dryRun})
	if err != nil {
		return nil, err
	}
	out := &model.ApplyPayload{Unchanged: editSize(&store.Edit{Put: *d}) - len(ch.Elements)}
	for _, e := range ch.Elements {
		if e.Created() {
			out.Created++
		} else {
			out.Updated++
		}
	}
	if !dryRun {
		out.Change = loggedChange(ch)
	}
	return out, nil
}
