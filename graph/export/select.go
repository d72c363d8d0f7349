package export

import (
	"context"
	"maps"
	"slices"
	"sort"

	"kgraph/graph/store"
)

// Select returns the part of the graph the filter asks for, as a dataset
// that is valid on its own (every relation's ends and every cited document
// are in it), so that it can be imported elsewhere as it is:
//
//   - The zero filter gives the whole graph, as Store.Export returns it.
//   - With Roots, the neighbourhood of each root (Store.Neighborhood, Depth
//     hops, following only relations that pass At and Types), merged: their
//     entities and relations. A neighbourhood with more than
//     store.MaxNeighborhoodLimit entities, or a union of more than that, is
//     an EINVALID error rather than a silently shortened file.
//   - Otherwise, the relations that pass At and Types, and the entities
//     they link. Entities no kept relation touches are left out, as a
//     drawing of "the graph in 1949" would leave them out.
//
// The vocabulary is always whole; the sources are those the kept entities
// and relations cite (all of them for the whole graph). Every section is in
// id order. Unknown types are an EINVALID error that lists the valid ones,
// an unknown root ENOTFOUND.
func Select(ctx context.Context, s store.Store, f Filter) (*store.Dataset, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.IsZero() {
		return s.Export(ctx)
	}
	if len(f.Roots) > 0 {
		return selectNeighborhoods(ctx, s, f)
	}
	return selectRelations(ctx, s, f)
}

// selectNeighborhoods exports the neighbourhoods of f.Roots.
func selectNeighborhoods(ctx context.Context, s store.Store, f Filter) (*store.Dataset, error) {
	entities := map[string]*store.Entity{}
	relations := map[string]*store.Relation{}
	for _, root := range f.Roots {
		sub, err := s.Neighborhood(ctx, store.NeighborhoodQuery{
			ID: root, Depth: f.depth(), Types: f.Types, At: f.At, Limit: store.MaxNeighborhoodLimit,
		})
		if err != nil {
			return nil, err
		}
		if sub.Truncated {
			return nil, store.Errorf(store.EINVALID,
				"more than %d entities lie within %d hops of %q: ask for a smaller depth, fewer types or a date",
				store.MaxNeighborhoodLimit, f.depth(), root)
		}
		for _, e := range sub.Entities {
			entities[e.ID] = e
		}
		for _, r := range sub.Relations {
			relations[r.ID] = r
		}
		if len(entities) > store.MaxNeighborhoodLimit {
			return nil, store.Errorf(store.EINVALID,
				"the neighbourhoods of %d roots hold more than %d entities: ask for fewer roots, a smaller depth, fewer types or a date",
				len(f.Roots), store.MaxNeighborhoodLimit)
		}
	}
	vocab, err := s.Vocabulary(ctx)
	if err != nil {
		return nil, err
	}
	d := &store.Dataset{Vocabulary: *vocab}
	for _, e := range entities {
		d.Entities = append(d.Entities, *e)
	}
	for _, r := range relations {
		d.Relations = append(d.Relations, *r)
	}
	ids := citedSources(d)
	docs, err := s.SourceDocuments(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		if doc != nil {
			d.Sources = append(d.Sources, *doc)
		}
	}
	sortDataset(d)
	return d, nil
}

// selectRelations exports the relations that pass the filter and the
// entities they link, from one consistent snapshot of the graph.
func selectRelations(ctx context.Context, s store.Store, f Filter) (*store.Dataset, error) {
	all, err := s.Export(ctx)
	if err != nil {
		return nil, err
	}
	if err := all.Vocabulary.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	q := store.RelationQuery{Types: f.Types, At: f.At}
	d := &store.Dataset{Vocabulary: all.Vocabulary}
	linked := map[string]bool{}
	for _, r := range all.Relations {
		if q.Matches(&r) {
			d.Relations = append(d.Relations, r)
			linked[r.FromID], linked[r.ToID] = true, true
		}
	}
	for _, e := range all.Entities {
		if linked[e.ID] {
			d.Entities = append(d.Entities, e)
		}
	}
	cited := map[string]bool{}
	for _, id := range citedSources(d) {
		cited[id] = true
	}
	for _, doc := range all.Sources {
		if cited[doc.ID] {
			d.Sources = append(d.Sources, doc)
		}
	}
	sortDataset(d)
	return d, nil
}

// citedSources returns the ids of the documents the dataset's entities and
// relations cite, in id order.
func citedSources(d *store.Dataset) []string {
	seen := map[string]bool{}
	for _, e := range d.Entities {
		for _, c := range e.Sources {
			seen[c.Source] = true
		}
	}
	for _, r := range d.Relations {
		for _, c := range r.Sources {
			seen[c.Source] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// sortDataset puts every section in id order, the order datasets are
// written in, whatever order the store returned them in.
func sortDataset(d *store.Dataset) {
	sort.Slice(d.Sources, func(i, j int) bool { return d.Sources[i].ID < d.Sources[j].ID })
	sort.Slice(d.Entities, func(i, j int) bool { return d.Entities[i].ID < d.Entities[j].ID })
	sort.Slice(d.Relations, func(i, j int) bool { return d.Relations[i].ID < d.Relations[j].ID })
}
