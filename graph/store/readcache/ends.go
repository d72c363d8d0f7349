package readcache

import (
	"context"

	"kgraph/graph/store"
)

// RelationsOfWithEnds implements store.EndsReader: from memory when every
// list and every end is cached, otherwise with one call of the store,
// whose lists and ends it keeps (the ends as entities, for later lookups).
func (c *Store) RelationsOfWithEnds(ctx context.Context, ids []string, f store.RelationFilter) (*store.WithEnds, error) {
	gen, ok := c.current(ctx)
	if !ok {
		return store.RelationsOfWithEnds(ctx, c.Store, ids, f)
	}
	prefix := relationsOfPrefix(f)
	if w, hit := c.cachedWithEnds(prefix, ids); hit {
		return w, nil
	}
	w, err := store.RelationsOfWithEnds(ctx, c.Store, ids, f)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		c.put(gen, prefix+id, w.Relations[id], len(w.Relations[id]))
	}
	for id, e := range w.Ends {
		c.put(gen, "entity:"+id, e, 1)
	}
	return w, nil
}

// cachedWithEnds is RelationsOfWithEnds's answer from memory, if all of it
// is there.
func (c *Store) cachedWithEnds(prefix string, ids []string) (*store.WithEnds, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := &store.WithEnds{Relations: map[string][]*store.Relation{}, Ends: map[string]*store.Entity{}}
	for _, id := range ids {
		v, hit := c.answers.get(prefix + id)
		if !hit {
			return nil, false
		}
		rels := v.([]*store.Relation)
		if len(rels) > 0 {
			w.Relations[id] = rels
		}
		ends := []string{id}
		for _, r := range rels {
			ends = append(ends, r.FromID, r.ToID)
		}
		for _, end := range ends {
			if _, done := w.Ends[end]; done {
				continue
			}
			e, hit := c.answers.get("entity:" + end)
			if !hit {
				return nil, false
			}
			if e := e.(*store.Entity); e != nil {
				w.Ends[end] = e
			}
		}
	}
	return w, true
}
